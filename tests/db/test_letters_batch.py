"""Who a batch run writes for, month by month, on both sides of each boundary."""

from datetime import date

import pytest

from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import AnnualReviewDraft
from db.annual_reviews.workflows import record_annual_review
from db.courses.workflows import record_authorization
from db.database import Database
from db.letters.batch import batch_candidates, month_bounds
from db.letters.kinds import LetterKind
from db.letters.workflows import generate_letter
from tests.db.letter_builders import TODAY, realistic_patient, set_up_clinic


@pytest.fixture
def clinic(database: Database, staff: dict[Role, Actor]) -> dict[Role, Actor]:
    set_up_clinic(database, staff)
    return staff


def mrns(database: Database, actor: Actor, kind: LetterKind, month: date) -> list[str]:
    return [c.mrn for c in batch_candidates(database, actor, kind, month)]


def test_month_bounds() -> None:
    assert month_bounds(date(2028, 2, 17)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_bounds(date(2026, 12, 1)) == (date(2026, 12, 1), date(2026, 12, 31))


def test_consent_reaffirmations_fall_due_eleven_months_after_the_first_treatment(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    realistic_patient(database, clinic)  # first treatment 2026-01-05: due from 2026-12-05
    realistic_patient(database, clinic, modality=Modality.TMS, mrn="BD-TMS")  # no such item
    assert mrns(database, prescriber, LetterKind.CONSENT_REAFFIRMATION, date(2026, 11, 1)) == []
    (candidate,) = batch_candidates(
        database, prescriber, LetterKind.CONSENT_REAFFIRMATION, date(2026, 12, 1)
    )
    assert candidate.mrn == "BD-2001" and candidate.kind is LetterKind.CONSENT_REAFFIRMATION
    assert candidate.reason.startswith("Consent reaffirmation")
    assert candidate.due_on == date(2027, 1, 4)  # the last day before it is overdue


def test_a_reaffirmed_consent_is_not_due_again_that_year(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic)
    record_annual_review(
        database,
        prescriber,
        built.patient_id,
        AnnualReviewDraft(
            reviewed_on=TODAY,
            safety_assessment="Stable.",
            continuation_discussion="Continue.",
            decision=ReviewDecision.CONTINUE,
            decision_reasoning="Remission.",
            consent_reaffirmed=True,
            consent_reaffirmed_on=TODAY,
            cognitive_note="No complaints.",
        ),
        today=TODAY,
    )
    assert mrns(database, prescriber, LetterKind.CONSENT_REAFFIRMATION, date(2026, 12, 1)) == []
    # Annual summaries: the review's month, until its summary is printed.
    assert mrns(database, prescriber, LetterKind.ANNUAL_REVIEW_SUMMARY, date(2026, 11, 1)) == [
        "BD-2001"
    ]
    assert mrns(database, prescriber, LetterKind.ANNUAL_REVIEW_SUMMARY, date(2026, 10, 1)) == []
    generate_letter(
        database, prescriber, built.patient_id, LetterKind.ANNUAL_REVIEW_SUMMARY, {}, TODAY
    )
    assert mrns(database, prescriber, LetterKind.ANNUAL_REVIEW_SUMMARY, date(2026, 11, 1)) == []


def test_booster_schedules_for_patients_with_sessions_booked_in_the_month(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    nurse = clinic[Role.NURSE]
    realistic_patient(database, clinic)  # booked 2026-11-30, 2026-12-21, 2027-01-11
    (december,) = batch_candidates(database, nurse, LetterKind.BOOSTER_SCHEDULE, date(2026, 12, 9))
    assert december.reason == "1 session booked in December 2026"
    assert december.due_on == date(2026, 12, 21)
    assert mrns(database, nurse, LetterKind.BOOSTER_SCHEDULE, date(2027, 1, 1)) == ["BD-2001"]
    assert mrns(database, nurse, LetterKind.BOOSTER_SCHEDULE, date(2027, 2, 1)) == []


def test_necessity_letters_when_the_authorized_sessions_run_out(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic, modality=Modality.TMS)
    assert mrns(database, prescriber, LetterKind.MEDICAL_NECESSITY, date(2026, 12, 1)) == []
    # 4 given; booked 2026-11-30 and 2026-12-21: 5 by November's end, 6 by December's.
    record_authorization(database, prescriber, built.course_id, 6, "PA-77", date(2026, 1, 1))
    assert mrns(database, prescriber, LetterKind.MEDICAL_NECESSITY, date(2026, 11, 1)) == []
    (candidate,) = batch_candidates(
        database, prescriber, LetterKind.MEDICAL_NECESSITY, date(2026, 12, 1)
    )
    assert candidate.reason == "6 sessions given or booked by 2026-12-31; 6 authorized"


def test_candidates_follow_the_kinds_permission(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    with pytest.raises(PermissionDeniedError):
        batch_candidates(
            database, clinic[Role.NURSE], LetterKind.CONSENT_REAFFIRMATION, date(2026, 12, 1)
        )
    with pytest.raises(PermissionDeniedError):
        batch_candidates(
            database, clinic[Role.FRONT_DESK], LetterKind.BOOSTER_SCHEDULE, date(2026, 12, 1)
        )
