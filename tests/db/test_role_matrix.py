"""Every role against every workflow: allowed ones succeed, refused ones raise and are audited."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from clinical.record.drafts import (
    AllergyDraft,
    DiagnosisDraft,
    MedicationTrialDraft,
    PsychotherapyTrialDraft,
)
from clinical.record.enums import DrugClass, PsychotherapyModality, TrialOutcome
from db.accounts import workflows as accounts
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.accounts.views import AccountDraft
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import AnnualReviewDraft
from db.annual_reviews.workflows import patient_annual_reviews, record_annual_review
from db.database import Database
from db.letters import LetterKind
from db.letters.archive import patient_letters
from db.letters.batch import batch_candidates
from db.letters.letterhead import LetterheadDraft, save_letterhead
from db.letters.workflows import compose_letter
from db.models import AuditEvent
from db.patients import workflows as patients
from db.scales import workflows as scales
from db.scales.views import ScaleEntry
from db.sessions import settings as session_settings
from db.sessions import workflows as sessions
from db.sessions.views import SessionSettings
from tests.factories import STAFF_PASSWORD, make_patient_draft

P, C, N, F, A = (
    Role.PRESCRIBER,
    Role.CLINICIAN,
    Role.NURSE,
    Role.FRONT_DESK,
    Role.ADMINISTRATOR,
)

Workflow = Callable[[Database, Actor, int, object], object]

WORKFLOWS: dict[str, tuple[Workflow, set[Role]]] = {
    "list patients": (lambda db, actor, pid, pw: patients.patient_rows(db, actor), {P, C, N, F}),
    "open a chart": (lambda db, actor, pid, pw: patients.open_chart(db, actor, pid), {P, C, N, F}),
    "add a patient": (
        lambda db, actor, pid, pw: patients.create_patient(
            db, actor, make_patient_draft(mrn=f"NEW-{actor.role.value}")
        ),
        {P, C, N, F},
    ),
    "edit demographics": (
        lambda db, actor, pid, pw: patients.update_patient(
            db,
            actor,
            pid,
            patients.open_chart(db, actor, pid).version,
            make_patient_draft(phone=actor.role.value),
        ),
        {P, C, N, F},
    ),
    "add a diagnosis": (
        lambda db, actor, pid, pw: patients.save_diagnosis(
            db, actor, pid, DiagnosisDraft("F33.2", "MDD, recurrent, severe")
        ),
        {P},
    ),
    "add a medication trial": (
        lambda db, actor, pid, pw: patients.save_medication_trial(
            db,
            actor,
            pid,
            MedicationTrialDraft(
                "Sertraline",
                DrugClass.SSRI,
                Decimal(150),
                "mg/day",
                date(2024, 1, 1),
                date(2024, 3, 1),
                8,
                TrialOutcome.NO_RESPONSE,
            ),
        ),
        {P, C, N},
    ),
    "add psychotherapy": (
        lambda db, actor, pid, pw: patients.save_psychotherapy_trial(
            db,
            actor,
            pid,
            PsychotherapyTrialDraft(
                PsychotherapyModality.CBT, None, None, 12, TrialOutcome.PARTIAL_RESPONSE
            ),
        ),
        {P, C, N},
    ),
    "add an allergy": (
        lambda db, actor, pid, pw: patients.save_allergy(db, actor, pid, AllergyDraft("Latex")),
        {P, C, N},
    ),
    "record a rating scale": (
        lambda db, actor, pid, pw: scales.record_scale(
            db,
            actor,
            pid,
            ScaleEntry("PHQ2", datetime(2026, 1, 5, 9, 30, tzinfo=UTC), {"1": 1, "2": 0}),
        ),
        {P, C, N},
    ),
    "read rating scales": (
        lambda db, actor, pid, pw: scales.scale_history(db, actor, pid),
        {P, C, N},
    ),
    "list open safety alerts": (
        lambda db, actor, pid, pw: scales.open_alerts(db, actor),
        {P, C, N},
    ),
    "list treatment sessions": (
        lambda db, actor, pid, pw: sessions.patient_sessions(db, actor, pid),
        {P, C, N},
    ),
    "list REMS forms due": (
        lambda db, actor, pid, pw: sessions.rems_worklist(db, actor),
        {P, C, N},
    ),
    "change session settings": (
        lambda db, actor, pid, pw: session_settings.save_session_settings(
            db, actor, SessionSettings(ceiling_mg_per_kg=Decimal("0.6"))
        ),
        {A},
    ),
    "record an annual review": (
        lambda db, actor, pid, pw: record_annual_review(
            db,
            actor,
            pid,
            AnnualReviewDraft(
                date(2026, 1, 5),
                "Stable.",
                "Continue.",
                ReviewDecision.CONTINUE,
                "Remission.",
                False,
                cognitive_note="No complaints.",
            ),
        ),
        {P, C},
    ),
    "read annual reviews": (
        lambda db, actor, pid, pw: patient_annual_reviews(db, actor, pid),
        {P, C, N},
    ),
    "compose a consent reaffirmation": (
        lambda db, actor, pid, pw: compose_letter(
            db, actor, pid, LetterKind.CONSENT_REAFFIRMATION, {}
        ),
        {P},
    ),
    "compose a medical-necessity letter": (
        lambda db, actor, pid, pw: compose_letter(db, actor, pid, LetterKind.MEDICAL_NECESSITY, {}),
        {P},
    ),
    "compose a booster schedule": (
        lambda db, actor, pid, pw: compose_letter(db, actor, pid, LetterKind.BOOSTER_SCHEDULE, {}),
        {P, C, N},
    ),
    "read the letter archive": (
        lambda db, actor, pid, pw: patient_letters(db, actor, pid),
        {P, C, N},
    ),
    "list consent letters due": (
        lambda db, actor, pid, pw: batch_candidates(
            db, actor, LetterKind.CONSENT_REAFFIRMATION, date(2026, 12, 1)
        ),
        {P},
    ),
    "change the letterhead": (
        lambda db, actor, pid, pw: save_letterhead(
            db, actor, LetterheadDraft(clinic_name="Riverside Mood Clinic")
        ),
        {A},
    ),
    "list accounts": (lambda db, actor, pid, pw: accounts.list_accounts(db, actor), {A}),
    "create an account": (
        lambda db, actor, pid, pw: accounts.create_account(
            db,
            actor,
            pw,
            AccountDraft(f"new.{actor.role.value}", "New", Role.NURSE),
            STAFF_PASSWORD,
        ),
        {A},
    ),
}

CASES = [(name, role) for name in WORKFLOWS for role in (P, C, N, F, A)]


@pytest.mark.parametrize(("workflow", "role"), CASES, ids=[f"{w}-{r.value}" for w, r in CASES])
def test_role_against_workflow(
    database: Database, passwords, staff: dict[Role, Actor], workflow: str, role: Role
) -> None:
    run, allowed = WORKFLOWS[workflow]
    patient_id = patients.create_patient(database, staff[P], make_patient_draft(mrn="MATRIX-1"))
    actor = staff[role]
    if role in allowed:
        run(database, actor, patient_id, passwords)
        return
    with pytest.raises(PermissionDeniedError, match=f"Your role \\({role.label}\\) may not"):
        run(database, actor, patient_id, passwords)
    with database.reading() as session:
        last = session.execute(
            select(AuditEvent.action, AuditEvent.user_id, AuditEvent.role)
            .order_by(AuditEvent.id.desc())
            .limit(1)
        ).one()
    assert tuple(last) == ("permission denied", actor.user_id, role.value)


def test_front_desk_chart_holds_no_clinical_data(database: Database, staff) -> None:
    patient_id = patients.create_patient(database, staff[P], make_patient_draft())
    patients.save_diagnosis(database, staff[P], patient_id, DiagnosisDraft("F33.2", "MDD"))
    patients.save_allergy(database, staff[P], patient_id, AllergyDraft("Latex"))
    desk = patients.open_chart(database, staff[F], patient_id)
    assert desk.clinical_included is False
    assert desk.diagnoses == () and desk.allergies == ()
    nurse = patients.open_chart(database, staff[N], patient_id)
    assert [d.draft.icd10_code for d in nurse.diagnoses] == ["F33.2"]
