"""Recording an annual review and reading a patient's reviews.

One review closes, in its own transaction, the yearly checklist items it covers (codes in
`clinical.monitoring.defaults`): the full safety assessment and the continuation-versus-
transition discussion on the day of the review, and the consent reaffirmation on the day
consent was reaffirmed, when it was.
"""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.annual_reviews.views import (
    AnnualReviewDraft,
    AnnualReviewView,
    CognitiveScreenChoice,
    CognitiveScreenLink,
    ScreenSource,
)
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.errors import InvalidEntryError
from db.models import (
    AnnualReview,
    MonitoringCompletion,
    Patient,
    ScaleResultRecord,
    TreatmentCourse,
)
from db.monitoring.rules_store import clinic_rules
from db.monitoring.workflows import add_completion
from db.patients.repository import get_patient
from reports.text import format_date

SAFETY_ITEM = "annual_safety_assessment"
DISCUSSION_ITEM = "continuation_discussion"
CONSENT_ITEM = "consent_reaffirmation"
COGNITIVE_ITEM = "cognitive_screen"
MOCA = "MOCA"
MAX_TEXT = 8000
_REVIEW = "annual review"


def _today(today: date | None) -> date:
    return today or date.today()


def closed_items(consent_reaffirmed: bool) -> tuple[str, ...]:
    """The checklist items a review closes."""
    return (SAFETY_ITEM, DISCUSSION_ITEM) + ((CONSENT_ITEM,) if consent_reaffirmed else ())


# Validation ------------------------------------------------------------------------------


def _text_problem(value: str, field: str, what: str, required: bool) -> Problem | None:
    if required and not value.strip():
        return Problem(field, f"{what} is needed for the annual review.")
    if len(value.strip()) > MAX_TEXT:
        return Problem(field, f"{what} is longer than {MAX_TEXT} characters.")
    return None


def _day_problem(day: date, field: str, what: str, patient: Patient, today: date) -> Problem | None:
    if day > today:
        return Problem(field, f"{what} cannot be in the future.")
    if day < patient.date_of_birth:
        return Problem(field, f"{what} is before the patient was born.")
    return None


def _draft_problems(
    session: Session, patient: Patient, draft: AnnualReviewDraft, today: date
) -> list[Problem]:
    checks = [
        _day_problem(draft.reviewed_on, "reviewed_on", "The review date", patient, today),
        _text_problem(draft.safety_assessment, "safety_assessment", "The safety assessment", True),
        _text_problem(
            draft.continuation_discussion,
            "continuation_discussion",
            "The continuation-versus-transition discussion",
            True,
        ),
        _text_problem(
            draft.decision_reasoning, "decision_reasoning", "The reasoning for the decision", True
        ),
        _text_problem(draft.cognitive_note, "cognitive_note", "The cognitive screen note", False),
    ]
    problems = [problem for problem in checks if problem is not None]
    if draft.consent_reaffirmed:
        if draft.consent_reaffirmed_on is None:
            problems.append(
                Problem("consent_reaffirmed_on", "Enter the date the patient reaffirmed consent.")
            )
        elif problem := _day_problem(
            draft.consent_reaffirmed_on,
            "consent_reaffirmed_on",
            "The date of the consent reaffirmation",
            patient,
            today,
        ):
            problems.append(problem)
    elif draft.consent_reaffirmed_on is not None:
        problems.append(
            Problem(
                "consent_reaffirmed_on",
                "A reaffirmation date is given only when the patient reaffirmed consent.",
            )
        )
    if draft.cognitive_screen is None:
        if not draft.cognitive_note.strip():
            problems.append(
                Problem(
                    "cognitive_screen",
                    "Link the latest cognitive screen (MoCA), or note why there is none.",
                )
            )
    elif _screen_row(session, patient.id, draft.cognitive_screen) is None:
        problems.append(
            Problem("cognitive_screen", "That cognitive screen is not in this patient's chart.")
        )
    if draft.course_id is not None:
        course = session.get(TreatmentCourse, draft.course_id)
        if course is None or course.patient_id != patient.id:
            problems.append(Problem("course_id", "That course is not in this patient's chart."))
    return problems


# Cognitive screens -----------------------------------------------------------------------


def _screen_row(
    session: Session, patient_id: int, link: CognitiveScreenLink
) -> MonitoringCompletion | ScaleResultRecord | None:
    if link.source is ScreenSource.CHECKLIST:
        completion = session.get(MonitoringCompletion, link.record_id)
        if completion is None or completion.patient_id != patient_id:
            return None
        return completion if completion.item_code == COGNITIVE_ITEM else None
    result = session.get(ScaleResultRecord, link.record_id)
    if result is None or result.patient_id != patient_id or result.instrument_code != MOCA:
        return None
    return result


def _screen_text(row: MonitoringCompletion | ScaleResultRecord) -> tuple[date, str]:
    if isinstance(row, MonitoringCompletion):
        summary = row.summary or "cognitive screen done"
        return row.done_on, f"{summary}, {format_date(row.done_on)}"
    on = row.administered_at.astimezone().date()
    band = f" ({row.band_label.lower()})" if row.band_label else ""
    return on, f"MoCA {row.total}/30{band}, {format_date(on)}"


def _choices(session: Session, patient_id: int) -> list[CognitiveScreenChoice]:
    choices = []
    completions = session.scalars(
        select(MonitoringCompletion).where(
            MonitoringCompletion.patient_id == patient_id,
            MonitoringCompletion.item_code == COGNITIVE_ITEM,
        )
    )
    for completion in completions:
        on, text = _screen_text(completion)
        link = CognitiveScreenLink(ScreenSource.CHECKLIST, completion.id)
        choices.append(CognitiveScreenChoice(link, on, text))
    amended = select(ScaleResultRecord.supersedes_id).where(
        ScaleResultRecord.supersedes_id.is_not(None)
    )
    results = session.scalars(
        select(ScaleResultRecord).where(
            ScaleResultRecord.patient_id == patient_id,
            ScaleResultRecord.instrument_code == MOCA,
            ScaleResultRecord.id.not_in(amended),
        )
    )
    for result in results:
        on, text = _screen_text(result)
        choices.append(
            CognitiveScreenChoice(CognitiveScreenLink(ScreenSource.SCALE, result.id), on, text)
        )
    choices.sort(key=lambda choice: (choice.done_on, choice.link.record_id), reverse=True)
    return choices


def cognitive_screen_choices(
    database: Database, actor: Actor, patient_id: int
) -> tuple[CognitiveScreenChoice, ...]:
    """The patient's cognitive screens, newest first: the form offers the first to link."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.ANNUAL_REVIEWS, patient_id)
    with database.reading() as session:
        get_patient(session, patient_id)
        return tuple(_choices(session, patient_id))


# Views -----------------------------------------------------------------------------------


def _link(row: AnnualReview) -> CognitiveScreenLink | None:
    if row.cognitive_completion_id is not None:
        return CognitiveScreenLink(ScreenSource.CHECKLIST, row.cognitive_completion_id)
    if row.cognitive_scale_result_id is not None:
        return CognitiveScreenLink(ScreenSource.SCALE, row.cognitive_scale_result_id)
    return None


def review_view(session: Session, row: AnnualReview) -> AnnualReviewView:
    link = _link(row)
    screen = _screen_row(session, row.patient_id, link) if link else None
    return AnnualReviewView(
        id=row.id,
        patient_id=row.patient_id,
        course_id=row.course_id,
        reviewed_on=row.reviewed_on,
        reviewer=row.reviewer,
        safety_assessment=row.safety_assessment,
        cognitive_screen=link,
        cognitive_screen_text=_screen_text(screen)[1] if screen is not None else "",
        cognitive_note=row.cognitive_note,
        continuation_discussion=row.continuation_discussion,
        decision=row.decision,
        decision_reasoning=row.decision_reasoning,
        consent_reaffirmed=row.consent_reaffirmed,
        consent_reaffirmed_on=row.consent_reaffirmed_on,
        recorded_by=row.recorded_by,
        created_at=row.created_at,
        closed_items=closed_items(row.consent_reaffirmed),
    )


def reviews_in(session: Session, patient_id: int) -> list[AnnualReviewView]:
    """A patient's reviews inside a caller's session, the one that stands first."""
    rows = session.scalars(
        select(AnnualReview)
        .where(AnnualReview.patient_id == patient_id)
        .order_by(AnnualReview.reviewed_on.desc(), AnnualReview.id.desc())
    ).all()
    return [review_view(session, row) for row in rows]


# Workflows -------------------------------------------------------------------------------


def record_annual_review(
    database: Database,
    actor: Actor,
    patient_id: int,
    review: AnnualReviewDraft,
    today: date | None = None,
) -> AnnualReviewView:
    """Keep the review and close the checklist items it covers, all in one transaction.
    A correction is a new review; the latest one stands."""
    authorize(database, actor, Permission.PLAN_TREATMENT, AuditCategory.ANNUAL_REVIEWS, patient_id)
    day = _today(today)
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        if problems := _draft_problems(session, patient, review, day):
            raise InvalidEntryError(problems)
        link = review.cognitive_screen
        row = AnnualReview(
            patient_id=patient_id,
            course_id=review.course_id,
            reviewed_on=review.reviewed_on,
            reviewer_user_id=actor.user_id,
            reviewer=actor.display_name,
            safety_assessment=review.safety_assessment.strip(),
            cognitive_completion_id=(
                link.record_id if link and link.source is ScreenSource.CHECKLIST else None
            ),
            cognitive_scale_result_id=(
                link.record_id if link and link.source is ScreenSource.SCALE else None
            ),
            cognitive_note=review.cognitive_note.strip(),
            continuation_discussion=review.continuation_discussion.strip(),
            decision=review.decision,
            decision_reasoning=review.decision_reasoning.strip(),
            consent_reaffirmed=review.consent_reaffirmed,
            consent_reaffirmed_on=review.consent_reaffirmed_on,
            recorded_by_user_id=actor.user_id,
            recorded_by=actor.display_name,
        )
        session.add(row)
        session.flush()
        database.audit.record(
            session,
            actor,
            AuditAction.CREATE,
            AuditCategory.ANNUAL_REVIEWS,
            patient_id=patient_id,
            object_type=_REVIEW,
            object_id=row.id,
            detail=f"annual review {review.reviewed_on.isoformat()}: {review.decision.value}"
            + (", consent reaffirmed" if review.consent_reaffirmed else ""),
        )
        _close_items(database, session, actor, row, day)
        return review_view(session, row)


def _close_items(
    database: Database, session: Session, actor: Actor, row: AnnualReview, today: date
) -> None:
    note = f"Recorded with the annual review of {row.reviewed_on.isoformat()}."
    kept = {rule.code for rule in clinic_rules(session)}
    for code in closed_items(row.consent_reaffirmed):
        if code not in kept:
            continue  # the clinic took this item out of its rules
        done_on = row.reviewed_on
        if code == CONSENT_ITEM and row.consent_reaffirmed_on is not None:
            done_on = row.consent_reaffirmed_on
        add_completion(
            database, session, actor, row.patient_id, code, done_on, note=note, today=today
        )


def patient_annual_reviews(
    database: Database, actor: Actor, patient_id: int
) -> Sequence[AnnualReviewView]:
    """The patient's annual reviews, newest first (the first is the one that stands)."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.ANNUAL_REVIEWS, patient_id)
    with database.transaction() as session:
        get_patient(session, patient_id)
        reviews = reviews_in(session, patient_id)
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.ANNUAL_REVIEWS,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            detail="annual reviews",
        )
        return tuple(reviews)
