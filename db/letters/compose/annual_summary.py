"""The annual review summary: the year since the last review (or the last 12 months) of
sessions, scores, side effects and monitoring, the consent status, and the review's
decision with its reasoning (seed 002 "Annually").

Side effects are read from the signed sessions' side-effect reviews and judged serious by
`clinical.sessions.serious`; the monitoring lines are the patient's checklist as
`clinical.monitoring.evaluate` works it out on the day of the review.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.monitoring import ItemState, evaluate
from clinical.sessions import (
    EsketamineDetails,
    KetamineDetails,
    Severity,
    TmsDetails,
    serious,
)
from clinical.sessions.summary import dose_summary
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import AnnualReviewView
from db.annual_reviews.workflows import CONSENT_ITEM, reviews_in
from db.letters.compose.common import (
    FreeTextField,
    Gathered,
    GivenSession,
    check_free_text,
    finish,
    latest_course,
    letter_patient,
    score_series,
    sessions_given,
)
from db.letters.draft import FixPlace, LetterDraft
from db.letters.kinds import LetterKind
from db.models import ArchivedLetter, MonitoringCompletion, Patient, TreatmentCourse
from db.monitoring.facts import gather
from db.monitoring.rules_store import clinic_rules
from reports import letters as report
from reports.model import Letterhead, Prescriber
from reports.text import format_date

FIELDS: tuple[FreeTextField, ...] = ()
_SEVERITY_ORDER = (Severity.MILD, Severity.MODERATE, Severity.SEVERE)


@dataclass(frozen=True)
class Period:
    start: date
    end: date


def review_period(review: AnnualReviewView, previous: AnnualReviewView | None) -> Period:
    """From the day after the previous review, else the same day a year before."""
    end = review.reviewed_on
    if previous is not None and previous.reviewed_on < end:
        return Period(previous.reviewed_on + timedelta(days=1), end)
    try:
        start = end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - 1, day=28)
    return Period(start, end)


def compose_annual_summary(
    session: Session,
    patient: Patient,
    letterhead: Letterhead | None,
    prescriber: Prescriber,
    free_text: Mapping[str, str],
    today: date,
) -> LetterDraft[report.AnnualReviewSummary]:
    check_free_text(free_text, FIELDS)
    gathered = Gathered()
    if letterhead is None:
        gathered.lack("The clinic's letterhead is not set up.", FixPlace.LETTERHEAD_SETTINGS)
    reviews = reviews_in(session, patient.id)
    if not reviews:
        gathered.lack(
            "No annual review is recorded: complete the annual review form first.",
            FixPlace.ANNUAL_REVIEW,
        )
        return finish(gathered, _never, report.missing_facts, FixPlace.ANNUAL_REVIEW)
    review, previous = reviews[0], (reviews[1] if len(reviews) > 1 else None)
    period = review_period(review, previous)
    course = _course(session, patient.id, review)
    if course is None:
        gathered.lack("No treatment course: the summary reviews its treatment.", FixPlace.COURSE)
    given = sessions_given(session, patient.id, first=period.start, last=period.end)
    scores = _scores_in(score_series(session, patient.id, course), period)
    if not scores:
        gathered.lack(
            "No rating scale score in the review period: record a current score.",
            FixPlace.SCALES,
        )
    monitoring = _monitoring(session, patient.id, period.end)
    if not monitoring:
        gathered.lack(
            "The monitoring checklist is empty on the day of the review.", FixPlace.CHECKLIST
        )
    consent = _consent(session, patient.id, review)
    if consent.last_reaffirmed_on is None:
        gathered.lack(
            "No consent reaffirmation is recorded: record it on the checklist or the annual "
            "review.",
            FixPlace.CHECKLIST,
        )
    decision = _decision(review.decision)

    def build() -> report.AnnualReviewSummary:
        assert letterhead is not None and course is not None
        return report.AnnualReviewSummary(
            letterhead=letterhead,
            prescriber=prescriber,
            patient=letter_patient(patient),
            modality=course.modality,
            period_start=period.start,
            period_end=period.end,
            reviewed_on=review.reviewed_on,
            sessions=tuple(_entry(s) for s in given),
            scores=scores,
            side_effects=_side_effects(given),
            serious_events=_serious_events(given),
            monitoring=monitoring,
            consent=consent,
            decision=decision,
            reasoning=_reasoning(review, decision),
            safety_assessment=review.safety_assessment,
            cognitive_screen=_cognitive(review),
        )

    return finish(gathered, build, report.missing_facts, FixPlace.ANNUAL_REVIEW)


def _never() -> report.AnnualReviewSummary:
    raise AssertionError("not built when a fact is missing")


def _course(session: Session, patient_id: int, review: AnnualReviewView) -> TreatmentCourse | None:
    if review.course_id is not None:
        return session.get(TreatmentCourse, review.course_id)
    return latest_course(session, patient_id)


def _decision(decision: ReviewDecision) -> report.ReviewDecision | None:
    """The review's decision as the summary names it; a decision the summary has no words
    of its own for (stop) is printed in the reasoning."""
    try:
        return report.ReviewDecision(decision.value)
    except ValueError:
        return None


def _reasoning(review: AnnualReviewView, decision: report.ReviewDecision | None) -> str:
    if decision is None:
        return f"Decision: {review.decision.label}. {review.decision_reasoning}"
    return review.decision_reasoning


def _cognitive(review: AnnualReviewView) -> str:
    parts = [part for part in (review.cognitive_screen_text, review.cognitive_note) if part]
    return "; ".join(parts)


def _scores_in(
    series: tuple[report.ScoreSeries, ...], period: Period
) -> tuple[report.ScoreSeries, ...]:
    """Each series with its points in the period (the baseline kept); those without any
    point in the period are left out."""
    kept = []
    for one in series:
        points = tuple(p for p in one.points if period.start <= p.on <= period.end)
        if points:
            kept.append(report.ScoreSeries(one.instrument_code, one.baseline, points))
    return tuple(kept)


def _entry(given: GivenSession) -> report.SessionEntry:
    details = given.content.details if given.content is not None else None
    if isinstance(details, KetamineDetails):
        if details.dose_mg_per_kg is not None:
            return report.SessionEntry(given.on, given.modality, details.dose_mg_per_kg, "mg/kg")
        if details.dose_total_mg is not None:
            return report.SessionEntry(given.on, given.modality, details.dose_total_mg, "mg")
    if isinstance(details, EsketamineDetails) and details.dose_mg is not None:
        return report.SessionEntry(given.on, given.modality, details.dose_mg, "mg")
    if isinstance(details, TmsDetails):
        return report.SessionEntry(given.on, given.modality, detail=dose_summary(details))
    return report.SessionEntry(given.on, given.modality)


def _side_effects(given: list[GivenSession]) -> tuple[report.SideEffectTally, ...]:
    counts: dict[str, int] = {}
    worst: dict[str, Severity] = {}
    order: list[str] = []
    for one in given:
        if one.content is None:
            continue
        for answer in one.content.common.side_effects.answers:
            if not answer.severity.present:
                continue
            label = answer.effect.label
            if label not in counts:
                order.append(label)
                counts[label], worst[label] = 0, answer.severity
            counts[label] += 1
            if _SEVERITY_ORDER.index(answer.severity) > _SEVERITY_ORDER.index(worst[label]):
                worst[label] = answer.severity
    return tuple(
        report.SideEffectTally(label, counts[label], worst[label].label) for label in order
    )


def _serious_events(given: list[GivenSession]) -> tuple[report.SeriousEvent, ...]:
    events = []
    for one in given:
        if one.content is None:
            continue
        for answer in one.content.common.side_effects.answers:
            if serious(answer):
                note = f": {answer.note.strip()}" if answer.note.strip() else ""
                events.append(
                    report.SeriousEvent(
                        one.on, f"{answer.effect.label} ({answer.severity.label.lower()}){note}"
                    )
                )
    return tuple(events)


def _status(state: ItemState, window_end: date | None, window_start: date | None) -> str:
    if state is ItemState.OVERDUE and window_end is not None:
        return f"Overdue since {format_date(window_end)}"
    if state is ItemState.DUE and window_end is not None:
        return f"Due by {format_date(window_end)}"
    if state is ItemState.NOT_YET_DUE and window_start is not None:
        return f"Up to date; next from {format_date(window_start)}"
    if state is ItemState.DONE:
        return "Up to date"
    if state is ItemState.EVERY_VISIT:
        return "At every visit"
    if state is ItemState.BASELINE_MISSING:
        return "Baseline not yet done"
    return state.label


def _monitoring(session: Session, patient_id: int, day: date) -> tuple[report.MonitoringLine, ...]:
    rules = clinic_rules(session)
    found = gather(session, rules, [patient_id]).get(patient_id)
    if found is None:
        return ()
    return tuple(
        report.MonitoringLine(
            item=status.title,
            last_done=status.last_done,
            status=_status(status.state, status.window_end, status.window_start),
            outstanding=status.state.needs_action,
        )
        for status in evaluate(rules, found.facts(), day)
    )


def _consent(session: Session, patient_id: int, review: AnnualReviewView) -> report.ConsentStatus:
    last = session.scalars(
        select(MonitoringCompletion.done_on)
        .where(
            MonitoringCompletion.patient_id == patient_id,
            MonitoringCompletion.item_code == CONSENT_ITEM,
            MonitoringCompletion.done_on <= review.reviewed_on,
        )
        .order_by(MonitoringCompletion.done_on.desc())
        .limit(1)
    ).first()
    version = session.scalars(
        select(ArchivedLetter.content_version)
        .where(
            ArchivedLetter.patient_id == patient_id,
            ArchivedLetter.kind == LetterKind.CONSENT_REAFFIRMATION,
        )
        .order_by(ArchivedLetter.created_at.desc(), ArchivedLetter.id.desc())
        .limit(1)
    ).first()
    return report.ConsentStatus(last, version or "", review.consent_reaffirmed)
