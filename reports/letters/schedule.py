"""The patient's booster schedule handout: upcoming sessions in large type, what to do
before and after each kind of session, and whom to call.

Ketamine and esketamine: the clinic's fasting instructions, a ride home, no driving until
the next day after a restful sleep (clinical-reference.md §2); esketamine adds the 2 hours
of observation. TMS: the patient may drive, and removes metal items."""

from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from clinical.modality import Modality
from reports.bullets import bullet_list
from reports.flowables import para, table_style
from reports.layout import geometry
from reports.letters.common import (
    blank,
    build_letter,
    patient_gaps,
    refuse_if_missing,
    version_note,
)
from reports.letters.model import BoosterSchedule, UpcomingSession
from reports.model import PageSetup
from reports.styles import INK, RULE, TABLE_HEADER_FILL, TABLE_STRIPE, stylesheet
from reports.text import format_date, markup, text_width
from reports.typeface import BOLD

TEMPLATE_VERSION = "schedule-2026.1"
TITLE = "Your upcoming treatment sessions"

# The clinic's own wording is used when it gives one; this default is the clinic's choice
# to change (Settings), not a clinical rule.
DEFAULT_FASTING_INSTRUCTIONS = (
    "Do not eat for 2 hours before your appointment. You may drink small amounts of clear "
    "fluids (water, clear juice, black coffee or tea)."
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
HANDOUT_SIZE = 12.0  # points: the usual minimum for patient materials (body letters use 10)


def _contact_phone(letter: BoosterSchedule) -> str:
    return letter.contact_phone.strip() or letter.letterhead.phone.strip()


def missing_facts(letter: BoosterSchedule) -> tuple[str, ...]:
    missing = patient_gaps(letter.patient)
    if not letter.sessions:
        missing.append("at least one upcoming session")
    if any(session.starts_at.utcoffset() is None for session in letter.sessions):
        missing.append("the time zone of every session's start time")
    if not _contact_phone(letter):
        missing.append("the clinic's phone number")
    return tuple(missing)


def _handout_styles() -> StyleSheet1:
    styles = stylesheet()
    size, leading = HANDOUT_SIZE, HANDOUT_SIZE * 1.3
    for name in ("body", "table", "table_header"):
        style = styles[name]
        style.fontSize, style.leading = size, leading
    styles["body"].spaceAfter = 8
    styles["title"].fontSize, styles["title"].leading = 20, 25
    for name in ("heading", "subheading"):
        styles[name].fontSize, styles[name].leading = 16, 20
        styles[name].spaceBefore = 10
    return styles


def render_booster_schedule(letter: BoosterSchedule) -> bytes:
    """The handout as PDF bytes; ``MissingFactsError`` when a fact is absent."""
    refuse_if_missing(missing_facts(letter))
    styles = _handout_styles()
    width = geometry(letter.letterhead.page_size).body_width
    patient = letter.patient
    assert patient.date_of_birth is not None
    sessions = sorted(letter.sessions, key=lambda s: s.starts_at)
    story: list[Flowable] = [
        para(TITLE, styles["title"]),
        Paragraph(
            f"For <b>{markup(patient.name)}</b>, born {format_date(patient.date_of_birth)}. "
            f"Printed {_long_date(letter.printed_on)}.",
            styles["body"],
        ),
        _session_table(sessions, styles, width),
        *_contact(letter, styles),
    ]
    blocks = _rule_blocks(sessions, letter, styles)
    # Each block on one page; the version line with the last, never alone.
    blocks[-1].append(version_note((f"template {TEMPLATE_VERSION}",), stylesheet()))
    story += [KeepTogether(block) for block in blocks]
    setup = PageSetup(
        letterhead=letter.letterhead,
        title=TITLE,
        patient=patient.identity,
    )
    return build_letter(setup, story)


def _long_date(day: date) -> str:
    """'April 14, 2026': spelled out, so no patient misreads the day and the month."""
    return f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def _session_table(sessions: list[UpcomingSession], styles: StyleSheet1, width: float) -> Table:
    header = ("Date", "Time", "Treatment", "Where")
    rows = [
        (
            f"{WEEKDAYS[session.starts_at.weekday()]}\n{_long_date(session.starts_at.date())}",
            _clock(session.starts_at),
            session.modality.label,
            session.location.strip() or "At the clinic",
        )
        for session in sessions
    ]
    # Date and time never wrap: sized to their longest line (or header); treatment and
    # place share the rest in proportion to their longest values.
    padding = 14  # the cell padding (5 + 5) and a little room

    def longest(column: tuple[str, ...]) -> float:
        header_width = text_width(column[0], HANDOUT_SIZE, BOLD)
        lines = [line for cell in column[1:] for line in cell.split("\n")]
        return max(header_width, *(text_width(line, HANDOUT_SIZE) for line in lines)) + padding

    natural = [longest(column) for column in zip(header, *rows, strict=True)]
    fixed = natural[:2]
    rest = width - sum(fixed)
    wanted = natural[2:]
    treatment = rest * wanted[0] / sum(wanted) if sum(wanted) > rest else wanted[0]
    widths = [*fixed, treatment, rest - treatment]
    header_style = ParagraphStyle("handout_header", parent=styles["table_header"], fontName=BOLD)
    data = [[para(cell, header_style) for cell in header]]
    data += [[para(cell, styles["table"]) for cell in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", spaceBefore=4, spaceAfter=8)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), TABLE_HEADER_FILL),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, TABLE_STRIPE]),
                ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _drug_rules(letter: BoosterSchedule, esketamine: bool) -> list[str]:
    fasting = letter.fasting_instructions.strip() or DEFAULT_FASTING_INSTRUCTIONS
    rules = [
        f"Eating and drinking: {fasting}",
        "Arrange for an adult to take you home. You cannot leave on your own.",
        "Do not drive, cycle or use machinery until the next day, after a restful sleep.",
        "Tell us about any new medicine, illness or pregnancy before your session.",
    ]
    if esketamine:
        rules.insert(1, "Plan to stay at the clinic for at least 2 hours after your dose.")
    return rules


TMS_RULES = (
    "You may drive yourself to and from your session.",
    "Remove metal items before the session: hair clips, jewellery, hearing aids, and cards "
    "with a magnetic strip.",
    "Tell us about any new medicine, a bad night's sleep, or heavy drinking since your last "
    "session.",
)


def _rule_blocks(
    sessions: list[UpcomingSession], letter: BoosterSchedule, styles: StyleSheet1
) -> list[list[Flowable]]:
    """A heading and its rules for each kind of session booked, in a fixed order."""
    kinds = {session.modality for session in sessions}
    wanted: list[tuple[str, list[str]]] = []
    if kinds & {Modality.IV_KETAMINE, Modality.IM_KETAMINE}:
        wanted.append(("Before and after ketamine", _drug_rules(letter, esketamine=False)))
    if Modality.ESKETAMINE in kinds:
        wanted.append(
            ("Before and after esketamine (Spravato)", _drug_rules(letter, esketamine=True))
        )
    if Modality.TMS in kinds:
        wanted.append(("Before and after TMS", list(TMS_RULES)))
    return [
        [para(label, styles["heading"]), *bullet_list(rules, styles["body"])]
        for label, rules in wanted
    ]


def _contact(letter: BoosterSchedule, styles: StyleSheet1) -> list[Flowable]:
    phone = _contact_phone(letter)
    story: list[Flowable] = [
        Paragraph(
            "To change a session, or if you feel unwell or have a question, call us on "
            f"<b>{markup(phone).replace(' ', '&nbsp;')}</b>.",
            styles["body"],
        ),
    ]
    if not blank(letter.note):
        story.append(para(letter.note, styles["body"]))
    return story
