"""Who may do what with treatment sessions: every role against every session workflow.

The decision on nurses: they take vital signs before the prescriber comes in, so a nurse
may open the session's draft and save vital signs into it (RECORD_VITALS), and read it;
only prescribers and clinicians document the rest, sign, and add addenda."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from clinical.modality import Modality
from clinical.sessions import VitalSigns, VitalsPoint
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.database import Database
from db.models import AuditEvent
from db.monitoring.workflows import record_completion
from db.sessions import workflows as sessions
from reports.model import Letterhead
from tests.clinical.sessions.samples import complete
from tests.db.monitoring_builders import book, patient_on_course

P, C, N, F, A = (
    Role.PRESCRIBER,
    Role.CLINICIAN,
    Role.NURSE,
    Role.FRONT_DESK,
    Role.ADMINISTRATOR,
)
DAY = date(2026, 1, 5)


@dataclass(frozen=True)
class Prepared:
    appointment_id: int
    session_id: int
    version: int


def _prepare(
    database: Database, prescriber: Actor, *, start: bool, sign: bool, modality: Modality
) -> Prepared:
    patient_id, course_id = patient_on_course(
        database, prescriber, modality=modality, first_treatment=None
    )
    if modality is Modality.ESKETAMINE:
        record_completion(database, prescriber, patient_id, "rems_enrollment", DAY, today=DAY)
    appointment_id = book(
        database, prescriber, patient_id, DAY, course_id=course_id, modality=modality
    )
    if not start:
        return Prepared(appointment_id, 0, 0)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    view = sessions.save_draft(database, prescriber, view.id, view.version, complete(modality))
    if sign:
        view = sessions.sign_session(database, prescriber, view.id, view.version, {}, today=DAY)
    return Prepared(appointment_id, view.id, view.version)


Run = Callable[[Database, Actor, Prepared], object]
# name: (what to run, allowed roles, a draft started?, signed?, modality)
WORKFLOWS: dict[str, tuple[Run, set[Role], bool, bool, Modality]] = {
    "start a session": (
        lambda db, actor, p: sessions.start_session(db, actor, p.appointment_id, today=DAY),
        {P, C, N},
        False,
        False,
        Modality.IV_KETAMINE,
    ),
    "save a draft": (
        lambda db, actor, p: sessions.save_draft(
            db, actor, p.session_id, p.version, complete(Modality.IV_KETAMINE)
        ),
        {P, C},
        True,
        False,
        Modality.IV_KETAMINE,
    ),
    "save vital signs": (
        lambda db, actor, p: sessions.save_vitals(
            db, actor, p.session_id, p.version, VitalsPoint.BEFORE, VitalSigns(120, 80, 70, 98)
        ),
        {P, C, N},
        True,
        False,
        Modality.IV_KETAMINE,
    ),
    "discard a draft": (
        lambda db, actor, p: sessions.discard_draft(db, actor, p.session_id, p.version),
        {P, C},
        True,
        False,
        Modality.IV_KETAMINE,
    ),
    "sign a session": (
        lambda db, actor, p: sessions.sign_session(
            db, actor, p.session_id, p.version, {}, today=DAY
        ),
        {P, C},
        True,
        False,
        Modality.IV_KETAMINE,
    ),
    "add an addendum": (
        lambda db, actor, p: sessions.add_addendum(db, actor, p.session_id, "text", "reason"),
        {P, C},
        True,
        True,
        Modality.IV_KETAMINE,
    ),
    "read a session": (
        lambda db, actor, p: sessions.session_view(db, actor, p.session_id),
        {P, C, N},
        True,
        False,
        Modality.IV_KETAMINE,
    ),
    "read the session of an appointment": (
        lambda db, actor, p: sessions.session_for_appointment(db, actor, p.appointment_id),
        {P, C, N},
        True,
        False,
        Modality.IV_KETAMINE,
    ),
    "mark a REMS form submitted": (
        lambda db, actor, p: sessions.mark_rems_submitted(db, actor, p.session_id, DAY, today=DAY),
        {P, C, N},
        True,
        True,
        Modality.ESKETAMINE,
    ),
    "print a REMS form": (
        lambda db, actor, p: sessions.print_rems_form(
            db, actor, p.session_id, Letterhead("Synthetic Clinic")
        ),
        {P, C, N},
        True,
        True,
        Modality.ESKETAMINE,
    ),
}

CASES = [(name, role) for name in WORKFLOWS for role in (P, C, N, F, A)]


@pytest.mark.parametrize(("workflow", "role"), CASES, ids=[f"{w}-{r.value}" for w, r in CASES])
def test_role_against_session_workflow(
    database: Database, staff: dict[Role, Actor], workflow: str, role: Role
) -> None:
    run, allowed, start, sign, modality = WORKFLOWS[workflow]
    prepared = _prepare(database, staff[P], start=start, sign=sign, modality=modality)
    actor = staff[role]
    if role in allowed:
        run(database, actor, prepared)
        return
    with pytest.raises(PermissionDeniedError, match=f"Your role \\({role.label}\\) may not"):
        run(database, actor, prepared)
    with database.reading() as session:
        last = session.execute(
            select(AuditEvent.action, AuditEvent.user_id, AuditEvent.category)
            .order_by(AuditEvent.id.desc())
            .limit(1)
        ).one()
    assert tuple(last)[:2] == ("permission denied", actor.user_id)
