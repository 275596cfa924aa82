"""The Spravato REMS patient monitoring form of one esketamine session, form-like on one or
two pages, for the clinic to transcribe or file with its REMS submission.

Every field the form asks (clinical-reference.md section 2, Esketamine): patient, sedating
concomitant medications, setting and monitoring provider, date, dose, lot number, total
monitoring minutes, minutes until the patient would have been ready to leave, vital signs
acceptable before and at the end, blood pressure at the three points, sedation,
dissociation, respiratory depression; and the version of the form's contents printed.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import KeepTogether, Table

from reports.document import build_pdf
from reports.flowables import para, table_style
from reports.layout import geometry
from reports.model import Letterhead, PageSetup, PatientIdentity
from reports.styles import INK, RULE, TABLE_HEADER_FILL, stylesheet
from reports.text import format_date


@dataclass(frozen=True)
class RemsFormData:
    form_version: str
    patient_name: str
    mrn: str
    date_of_birth: date
    setting_name: str
    monitoring_provider: str
    prescriber_on_site: str
    session_on: date
    dose_mg: int | None
    devices: int | None
    lot_number: str
    administered_at: time | None
    # Labels of the sedating concomitant medications taken; empty means none.
    concomitant_medications: tuple[str, ...]
    monitoring_minutes: int | None
    minutes_until_ready: int | None
    vitals_acceptable_before: bool | None
    vitals_acceptable_at_end: bool | None
    # Blood pressure as '152/94', with the time it was taken when known: '152/94 at 09:05'.
    bp_before: str
    bp_about_40_minutes: str
    bp_before_leaving: str
    sedation: bool | None
    dissociation: bool | None
    respiratory_depression: bool | None
    lowest_spo2: int | None
    # Side effects present at the session, one line each: 'Nausea or vomiting: mild'.
    adverse_effects: tuple[str, ...]
    due_on: date
    submitted_on: date | None
    signed_by: str
    signed_at: datetime | None
    printed_by: str
    printed_at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "concomitant_medications", tuple(self.concomitant_medications))
        object.__setattr__(self, "adverse_effects", tuple(self.adverse_effects))


TITLE = "Spravato REMS patient monitoring form"
YES, NO = "\u2612", "\u2610"  # a ticked and an empty box: the bundled font draws both


def yes_no(answer: bool | None) -> str:
    """'☒ Yes ☐ No', '☐ Yes ☒ No', or both empty and 'not recorded'."""
    if answer is None:
        return f"{NO} Yes  {NO} No  (not recorded)"
    return f"{YES if answer else NO} Yes  {NO if answer else YES} No"


def _or_blank(value: object, unit: str = "") -> str:
    if value is None or value == "":
        return "not recorded"
    return f"{value}{unit}"


def _time(value: time | None) -> str:
    return "not recorded" if value is None else f"{value:%H:%M}"


_DOSES = (56, 84)


def _dose(data: RemsFormData) -> str:
    boxes = "  ".join(f"{YES if data.dose_mg == d else NO} {d} mg" for d in _DOSES)
    other = data.dose_mg is not None and data.dose_mg not in _DOSES
    text = f"{boxes}  {YES if other else NO} Other" + (f": {data.dose_mg} mg" if other else "")
    if data.devices:
        text += f"  ({data.devices} devices of 28 mg)"
    return text


_MEDICATIONS = (
    "Benzodiazepines",
    "Non-benzodiazepine hypnotics",
    "Psychostimulants",
    "Monoamine oxidase inhibitors (MAOIs)",
    "Opioids",
)


def _medications(data: RemsFormData) -> list[tuple[str, str]]:
    taken = set(data.concomitant_medications)
    rows = [(name, yes_no(name in taken)) for name in _MEDICATIONS]
    rows += [
        (name, yes_no(True)) for name in data.concomitant_medications if name not in _MEDICATIONS
    ]
    return rows


def _section(title: str, rows: list[tuple[str, str]], styles: StyleSheet1, width: float) -> list:
    table = Table(
        [
            [para(label, styles["table_header"]), para(value, styles["table"])]
            for label, value in rows
        ],
        colWidths=[width * 0.42, width * 0.58],
        hAlign="LEFT",
        spaceAfter=6,
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.75, INK),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
                ("BACKGROUND", (0, 0), (0, -1), TABLE_HEADER_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return [KeepTogether([para(title, styles["subheading"]), table])]


def render_rems_form(data: RemsFormData, letterhead: Letterhead) -> bytes:
    """The form as PDF bytes: every field in a boxed section, ticked boxes for answers."""
    styles = stylesheet()
    width = geometry(letterhead.page_size).body_width
    status = (
        f"Submitted {format_date(data.submitted_on)}"
        if data.submitted_on
        else f"Not yet submitted: due by {format_date(data.due_on)}"
    )
    story: list = [
        para(TITLE, styles["title"]),
        para(
            f"Contents: {data.form_version}. One form per treatment session, to be submitted "
            "to the Spravato REMS within 7 days of the session.",
            styles["small"],
        ),
    ]
    story += _section(
        "1. Patient",
        [
            ("Patient name", data.patient_name),
            ("Date of birth", format_date(data.date_of_birth)),
            ("Medical record number", data.mrn),
        ],
        styles,
        width,
    )
    story += _section(
        "2. Healthcare setting and monitoring",
        [
            ("Healthcare setting", _or_blank(data.setting_name)),
            ("Prescriber on site", _or_blank(data.prescriber_on_site)),
            ("Monitored by", _or_blank(data.monitoring_provider)),
        ],
        styles,
        width,
    )
    story += _section(
        "3. Treatment session",
        [
            ("Date of the session", format_date(data.session_on)),
            ("Dose", _dose(data)),
            ("Lot number", _or_blank(data.lot_number)),
            ("Time of administration", _time(data.administered_at)),
        ],
        styles,
        width,
    )
    story += _section("4. Sedating concomitant medications", _medications(data), styles, width)
    story += _section(
        "5. Monitoring",
        [
            ("Total monitoring time", _or_blank(data.monitoring_minutes, " minutes")),
            (
                "Minutes until the patient would have been ready to leave",
                _or_blank(data.minutes_until_ready, " minutes"),
            ),
            ("Vital signs acceptable before dosing", yes_no(data.vitals_acceptable_before)),
            (
                "Vital signs acceptable at the end of monitoring",
                yes_no(data.vitals_acceptable_at_end),
            ),
            ("Blood pressure before dosing", _or_blank(data.bp_before)),
            ("Blood pressure about 40 minutes after dosing", _or_blank(data.bp_about_40_minutes)),
            ("Blood pressure before leaving", _or_blank(data.bp_before_leaving)),
            ("Lowest pulse oximetry reading", _or_blank(data.lowest_spo2, "%")),
        ],
        styles,
        width,
    )
    story += _section(
        "6. Adverse events during monitoring",
        [
            ("Sedation", yes_no(data.sedation)),
            ("Dissociation", yes_no(data.dissociation)),
            ("Respiratory depression", yes_no(data.respiratory_depression)),
            (
                "Other effects reported",
                "; ".join(data.adverse_effects) if data.adverse_effects else "None",
            ),
        ],
        styles,
        width,
    )
    signed = (
        f"{data.signed_by}, {format_date(data.signed_at.date())}"
        if data.signed_at is not None
        else "Not signed: this session is still a draft."
    )
    story += _section(
        "7. Documentation",
        [("Session signed by", signed), ("REMS form", status)],
        styles,
        width,
    )
    story.append(
        para(
            f"Printed {data.printed_at.astimezone():%m/%d/%Y %H:%M} by {data.printed_by}. "
            "Confidential: contains patient information.",
            styles["small"],
        )
    )
    setup = PageSetup(
        letterhead=letterhead,
        title=TITLE,
        patient=PatientIdentity(data.patient_name, data.date_of_birth),
        subject=f"{TITLE}, {format_date(data.session_on)}",
    )
    return build_pdf(setup, story)
