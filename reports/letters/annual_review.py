"""The annual review summary (seed 002 "Annually": full safety assessment, cognitive
screening, continuation versus transition, consent re-affirmation): the year's treatments
by month, the score trajectory charted per scale, side effects, monitoring done and
outstanding, consent status, and the decision with its reasoning."""

from collections import Counter, defaultdict
from datetime import date

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clinical.scales import ScaleSettings
from reports.bullets import bullet_list
from reports.flowables import data_table, para, signature_block
from reports.key_values import key_value_table
from reports.layout import geometry
from reports.letters.common import (
    blank,
    bold_lead,
    build_letter,
    date_range,
    dose_text,
    heading,
    paragraphs,
    patient_gaps,
    refuse_if_missing,
    version_note,
)
from reports.letters.consent_text import consent_text_version
from reports.letters.model import (
    AnnualReviewSummary,
    MonitoringLine,
    ScoreSeries,
    SessionEntry,
)
from reports.letters.scores import change_text, instrument, response_text, scale_name
from reports.model import PageSetup
from reports.score_chart import ChartBand, score_chart
from reports.styles import stylesheet
from reports.text import format_date

TEMPLATE_VERSION = "annual-review-2026.1"
TITLE = "Annual review summary"
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


def _in_period(letter: AnnualReviewSummary, day: date) -> bool:
    return letter.period_start <= day <= letter.period_end


def missing_facts(letter: AnnualReviewSummary) -> tuple[str, ...]:
    missing = patient_gaps(letter.patient, mrn=True)
    if letter.modality is None:
        missing.append("the treatment under review")
    if letter.period_end <= letter.period_start:
        missing.append("a review period that ends after it starts")
    if not any(series.baseline is not None for series in letter.scores):
        missing.append("a baseline score")
    if not any(_in_period(letter, p.on) for series in letter.scores for p in series.points):
        missing.append("at least one rating scale score in the review period")
    if not letter.monitoring:
        missing.append("the monitoring checklist")
    if letter.consent.last_reaffirmed_on is None:
        missing.append("the date consent was last given or reaffirmed")
    if blank(letter.safety_assessment):
        missing.append("the safety assessment")
    if blank(letter.cognitive_screen):
        missing.append("the cognitive screen")
    if letter.decision is None:
        missing.append("the decision (continue, extend the interval, taper or transition)")
    if blank(letter.reasoning):
        missing.append("the reasoning for the decision")
    return tuple(missing)


def render_annual_review_summary(letter: AnnualReviewSummary) -> bytes:
    """The summary as PDF bytes; ``MissingFactsError`` when a fact is absent."""
    refuse_if_missing(missing_facts(letter))
    styles = stylesheet()
    width = geometry(letter.letterhead.page_size).body_width
    story: list[Flowable] = [
        para(TITLE, styles["title"]),
        _identity(letter, styles, width),
        *_sessions(letter, styles, width),
        *_scores(letter, styles, width),
        *_side_effects(letter, styles, width),
        heading("Safety assessment", styles),
        *paragraphs(letter.safety_assessment, styles),
        heading("Cognitive screen", styles),
        *paragraphs(letter.cognitive_screen, styles),
        *_monitoring(letter, styles, width),
        *_consent(letter, styles),
        *_decision(letter, styles),
        signature_block(
            letter.prescriber,
            styles,
            letter.reviewed_on,
            trailer=[version_note((f"template {TEMPLATE_VERSION}",), styles)],
        ),
    ]
    setup = PageSetup(
        letterhead=letter.letterhead,
        title=TITLE,
        patient=letter.patient.identity,
        author=letter.prescriber.name,
    )
    return build_letter(setup, story)


def _identity(letter: AnnualReviewSummary, styles: StyleSheet1, width: float) -> Flowable:
    patient = letter.patient
    assert patient.date_of_birth is not None and letter.modality is not None
    assert letter.decision is not None
    prescriber = letter.prescriber.name
    if not blank(letter.prescriber.credentials):
        prescriber += f", {letter.prescriber.credentials}"
    return key_value_table(
        [
            ("Patient", patient.name),
            ("Date of birth", format_date(patient.date_of_birth)),
            ("MRN", patient.mrn),
            ("Treatment", letter.modality.label),
            (
                "Review period",
                f"{format_date(letter.period_start)} to {format_date(letter.period_end)}",
            ),
            ("Reviewed on", format_date(letter.reviewed_on)),
            ("Prescriber", prescriber),
            ("Decision", letter.decision.label),
        ],
        styles,
        width,
        label_share=0.22,
    )


# Treatments ----------------------------------------------------------------------------


def _dose(entry: SessionEntry) -> str:
    if entry.dose_amount is not None:
        return dose_text(entry.dose_amount, entry.dose_unit)
    return entry.detail.strip()


def _month_row(entries: list[SessionEntry]) -> tuple[str, str, str, str]:
    first = entries[0].on
    days = ", ".join(str(entry.on.day) for entry in entries)
    doses = Counter(_dose(entry) for entry in entries)
    if len(doses) == 1:
        dose = next(iter(doses))
    else:
        dose = ", ".join(f"{text} ×{count}" for text, count in doses.items())
    return (
        f"{MONTH_NAMES[first.month - 1]} {first.year}",
        str(len(entries)),
        days,
        dose or "Not recorded",
    )


def _sessions(letter: AnnualReviewSummary, styles: StyleSheet1, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading("Treatments this year", styles)]
    entries = sorted(
        (entry for entry in letter.sessions if _in_period(letter, entry.on)), key=lambda e: e.on
    )
    if not entries:
        story.append(para("No treatments were given in this period.", styles["body"]))
        return story
    kinds = sorted({entry.modality.label for entry in entries})
    count = len(entries)
    story.append(
        para(
            f"{count} treatment{'s' if count != 1 else ''} ({', '.join(kinds)}), "
            f"{date_range(entries[0].on, entries[-1].on)}.",
            styles["body"],
        )
    )
    by_month: dict[tuple[int, int], list[SessionEntry]] = defaultdict(list)
    for entry in entries:
        by_month[(entry.on.year, entry.on.month)].append(entry)
    rows = [_month_row(by_month[key]) for key in sorted(by_month)]
    story.append(
        data_table(
            ("Month", "Treatments", "Days of the month", "Dose or parameters"),
            rows,
            styles,
            width,
            (1.4, 0.9, 1.7, 2.6),
        )
    )
    return story


# Scores ----------------------------------------------------------------------------------


def _ceiling(series: ScoreSeries, maximum: int) -> int:
    """A round top for the chart a little above the highest value, so low scores on a long
    scale are not squashed at the bottom."""
    values = [point.total for point in series.points]
    if series.baseline is not None:
        values.append(series.baseline.total)
    top = max(values) * 1.15 + 2
    step = 5 if maximum <= 30 else 10
    rounded = int(-(-top // step) * step)
    return min(maximum, rounded)


def _chart(letter: AnnualReviewSummary, series: ScoreSeries, width: float) -> Flowable:
    scale = instrument(series)
    bands = [
        ChartBand(band.low, band.high, band.label)
        for band in letter.scale_settings.bands_for(scale)
    ]
    return score_chart(
        [(point.on, point.total) for point in series.points],
        start=letter.period_start,
        end=letter.period_end,
        y_min=scale.min_total,
        y_max=_ceiling(series, scale.max_total),
        title=f"{scale.short_name} total",
        width=width,
        height=150,
        bands=bands,
        baseline=series.baseline.total if series.baseline else None,
    )


def _score_row(
    series: ScoreSeries, letter: AnnualReviewSummary, settings: ScaleSettings
) -> tuple[str, ...]:
    in_year = [p for p in series.points if _in_period(letter, p.on)]
    latest = in_year[-1]
    totals = [p.total for p in in_year]
    spread = f"{min(totals)}-{max(totals)} ({len(in_year)} scores)"
    if series.baseline is None:
        return (
            scale_name(series),
            "No baseline recorded",
            f"{latest.total}\n{format_date(latest.on)}",
            spread,
            "Not calculable without a baseline",
            "Not assessable",
        )
    return (
        scale_name(series),
        f"{series.baseline.total}\n{format_date(series.baseline.on)}",
        f"{latest.total}\n{format_date(latest.on)}",
        spread,
        change_text(series.baseline.total, latest.total),
        response_text(series, latest.total, settings),
    )


def _scores(letter: AnnualReviewSummary, styles: StyleSheet1, width: float) -> list[Flowable]:
    charted = [
        series
        for series in letter.scores
        if any(_in_period(letter, p.on) for p in series.points) and instrument(series).has_total
    ]
    story: list[Flowable] = [heading("Rating scales", styles)]
    rows = [_score_row(series, letter, letter.scale_settings) for series in charted]
    story.append(
        data_table(
            ("Scale", "Baseline", "Latest", "Range this year", "Change from baseline", "Status"),
            rows,
            styles,
            width,
            (0.9, 1.0, 1.0, 1.3, 1.4, 1.4),
        )
    )
    note = para(
        "The charts show every total in the period over the scale's severity bands; the "
        "dashed lines mark the baseline and 50% below it (response).",
        styles["small"],
    )
    charts = [[_chart(letter, series, width), Spacer(1, 8)] for series in charted]
    story.append(KeepTogether([note, *charts[0]]))  # the note stays with a chart
    for chart in charts[1:]:
        story += chart
    return story


# Side effects, monitoring, consent, decision ---------------------------------------------


def _side_effects(letter: AnnualReviewSummary, styles: StyleSheet1, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading("Side effects", styles)]
    if letter.side_effects:
        rows = [
            (tally.effect, str(tally.count), tally.worst_severity or "Not graded")
            for tally in sorted(letter.side_effects, key=lambda t: -t.count)
        ]
        story.append(
            data_table(
                ("Side effect", "Times recorded", "Worst severity"),
                rows,
                styles,
                width,
                (3, 1, 1.2),
            )
        )
    else:
        story.append(para("No side effects were recorded in this period.", styles["body"]))
    story.append(heading("Serious adverse events", styles, level=2))
    if letter.serious_events:
        events = sorted(letter.serious_events, key=lambda e: e.on)
        story += bullet_list(
            [f"{format_date(event.on)}: {event.description}" for event in events],
            styles["body"],
        )
    else:
        story.append(para("None in this period.", styles["body"]))
    return story


def _monitoring_rows(lines: list[MonitoringLine]) -> list[tuple[str, str, str]]:
    return [
        (line.item, format_date(line.last_done) if line.last_done else "Never", line.status)
        for line in lines
    ]


def _monitoring(letter: AnnualReviewSummary, styles: StyleSheet1, width: float) -> list[Flowable]:
    outstanding = [line for line in letter.monitoring if line.outstanding]
    done = [line for line in letter.monitoring if not line.outstanding]
    header = ("Item", "Last done", "Status")
    widths = (2.4, 1.1, 2.4)
    story: list[Flowable] = [heading("Monitoring", styles)]
    story.append(heading("Outstanding", styles, level=2))
    if outstanding:
        story.append(data_table(header, _monitoring_rows(outstanding), styles, width, widths))
    else:
        story.append(para("Nothing is outstanding.", styles["body"]))
    if done:
        story.append(heading("Up to date", styles, level=2))
        story.append(data_table(header, _monitoring_rows(done), styles, width, widths))
    return story


def _consent(letter: AnnualReviewSummary, styles: StyleSheet1) -> list[Flowable]:
    consent = letter.consent
    assert consent.last_reaffirmed_on is not None and letter.modality is not None
    sentences = [f"Consent last given or reaffirmed on {format_date(consent.last_reaffirmed_on)}"]
    if not blank(consent.version):
        sentences[0] += f" (consent text {consent.version})"
    sentences[0] += "."
    if consent.reaffirmed_at_review is True:
        sentences.append("Consent was reaffirmed at this review.")
    elif consent.reaffirmed_at_review is False:
        sentences.append("Consent was not reaffirmed at this review.")
    current = consent_text_version(letter.modality)
    if not blank(consent.version) and consent.version != current:
        sentences.append(f"The current consent text is {current}.")
    return [heading("Consent", styles), para(" ".join(sentences), styles["body"])]


def _decision(letter: AnnualReviewSummary, styles: StyleSheet1) -> list[Flowable]:
    assert letter.decision is not None
    return [
        KeepTogether(
            [
                heading("Decision", styles),
                bold_lead("Decision:", letter.decision.label + ".", "body", styles),
                *paragraphs(letter.reasoning, styles),
            ]
        )
    ]
