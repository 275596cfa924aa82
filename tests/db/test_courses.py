"""Courses and the decisions on the engine's proposal: accept books real appointments,
override keeps who, when and why; missed, cancelled and moved treatments re-plan the rest."""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from clinical.calendar import AppointmentStatus, Decision, Slot
from clinical.protocols import Action, LadderPosition, Phase
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.calendar import workflows as calendar
from db.courses import workflows as courses
from db.database import Database
from db.errors import InvalidEntryError, StaleEditError
from db.models import AuditEvent, BoosterDecision
from db.patients.workflows import create_patient
from tests.db.course_builders import MONDAY, MORNING, course_draft, new_course, record_madrs
from tests.factories import make_patient_draft


@pytest.fixture
def patient(database: Database, prescriber: Actor) -> int:
    return create_patient(database, prescriber, make_patient_draft())


def booked(database: Database, actor: Actor, patient_id: int) -> list[tuple[date, time, str]]:
    return [
        (a.day, a.start, a.status.value)
        for a in calendar.patient_appointments(database, actor, patient_id)
    ]


def accept_today(database: Database, actor: Actor, course_id: int, today: date = MONDAY) -> int:
    view = courses.propose(database, actor, course_id, today, MORNING)
    return courses.accept_proposal(database, actor, view, now=MORNING)


def test_a_new_course_is_proposed_its_induction_and_accepting_books_it(
    database: Database, prescriber: Actor, patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    view = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    assert view.proposal.action is Action.START
    assert view.proposal.reason == (
        "Start induction on 2026-11-23: Induction: 6 infusions, 3 a week"
    )
    assert [b.wanted.day.isoformat() for b in view.bookings] == [
        "2026-11-23",
        "2026-11-25",
        "2026-11-27",
        "2026-11-30",
        "2026-12-02",
        "2026-12-04",
    ]
    decision_id = courses.accept_proposal(database, prescriber, view, now=MORNING)

    rows = calendar.patient_appointments(database, prescriber, patient)
    assert [(a.day, a.start, a.status) for a in rows] == [
        (b.wanted.day, time(9, 0), AppointmentStatus.BOOKED) for b in view.bookings
    ]
    assert {a.series_id for a in rows} == {rows[0].id}
    assert rows[2].step_text == "Induction 3 of 6 · 0.5 mg/kg IV over 40 min"
    (course,) = courses.list_courses(database, prescriber, patient, MONDAY)
    assert course.decisions[-1].id == decision_id
    assert course.decisions[-1].decision is Decision.ACCEPTED
    assert course.decisions[-1].decided_by == prescriber.display_name
    assert course.booked_ahead == 6 and course.next_booked == MONDAY
    again = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    assert again.proposal.action is Action.START and again.already_booked


def test_accepting_a_proposal_that_changed_meanwhile_is_refused(
    database: Database, prescriber: Actor, staff: dict[Role, Actor], patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    accept_today(database, prescriber, course_id)
    shown = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    first = calendar.patient_appointments(database, prescriber, patient)[0]
    # A nurse marks the day's treatment done while the prescriber looks at the proposal.
    calendar.set_status(
        database, staff[Role.NURSE], first.id, first.version, AppointmentStatus.DONE, today=MONDAY
    )
    with pytest.raises(StaleEditError, match="The proposal has changed"):
        courses.accept_proposal(database, prescriber, shown, now=MORNING)


def test_extending_after_a_stable_step_moves_the_course_up_and_rebooks(
    database: Database, prescriber: Actor, patient: int
) -> None:
    step_start = MONDAY - timedelta(days=28)
    course_id = new_course(
        database, prescriber, patient, phase=Phase.MAINTENANCE, started_on=step_start
    )
    # Put the course on the weekly step (as a transfer in) and give its four treatments.
    view = courses.propose(database, prescriber, course_id, step_start, MORNING)
    assert view.proposal.action is Action.START
    with database.transaction() as session:
        from db.models import Appointment, TreatmentCourse

        row = session.get(TreatmentCourse, course_id)
        assert row is not None
        row.position_index, row.position_started_on = 0, step_start
        for k in range(1, 5):
            session.add(
                Appointment(
                    patient_id=patient,
                    course_id=course_id,
                    modality=row.modality,
                    day=step_start + timedelta(days=7 * k),
                    start_time=time(10, 0),
                    duration_minutes=90,
                    status=AppointmentStatus.DONE,
                )
            )
    record_madrs(database, patient, MONDAY, 8)

    view = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    assert view.proposal.action is Action.EXTEND
    assert view.proposal.reason == ("Extend to every 10 days: 4 treatments at 7 days, MADRS 8 ≤ 10")
    courses.accept_proposal(database, prescriber, view, now=MORNING)
    (course,) = courses.list_courses(database, prescriber, patient, MONDAY)
    assert course.position == LadderPosition(1, MONDAY)
    ahead = [
        a for a in calendar.patient_appointments(database, prescriber, patient) if a.day > MONDAY
    ]
    assert [(a.day - MONDAY).days for a in ahead] == [10, 21, 30]
    assert all(a.start == time(10, 0) for a in ahead)  # at the course's usual time
    assert ahead[0].step_text.startswith("Maintenance, every 10 days · #5")


def test_override_books_the_clinicians_plan_and_records_who_when_and_why(
    database: Database, prescriber: Actor, patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    view = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    choice = courses.OverrideChoice(
        reason="Patient works Mondays and Wednesdays; twice weekly for 3 weeks instead",
        first_day=date(2026, 11, 24),
        start=time(14, 0),
        interval_days=3,
        count=3,
    )
    courses.override_proposal(database, prescriber, view, choice, now=MORNING)

    assert booked(database, prescriber, patient) == [
        (date(2026, 11, 24), time(14, 0), "booked"),
        (date(2026, 11, 27), time(14, 0), "booked"),
        (date(2026, 11, 30), time(14, 0), "booked"),
    ]
    with database.reading() as session:
        decision = session.scalars(select(BoosterDecision)).one()
        audit = session.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "booster decision")
        ).one()
        session.expunge_all()
    assert decision.decision is Decision.OVERRIDDEN
    assert decision.action is Action.START  # the proposal that was set aside is kept
    assert decision.reason.startswith("Start induction on 2026-11-23")
    assert decision.override_reason == choice.reason
    assert (decision.decided_by_user_id, decision.decided_by) == (
        prescriber.user_id,
        prescriber.display_name,
    )
    assert decision.decided_at is not None
    assert (decision.chosen_date, decision.chosen_interval_days, decision.chosen_count) == (
        date(2026, 11, 24),
        3,
        3,
    )
    assert audit.username == prescriber.username
    assert "Patient works Mondays" in audit.detail
    (course,) = courses.list_courses(database, prescriber, patient, MONDAY)
    assert course.phase is Phase.INDUCTION  # an override does not move the course on
    assert "Overridden by Synthetic Prescriber" in course.decisions[-1].summary


def test_an_override_needs_a_reason(database: Database, prescriber: Actor, patient: int) -> None:
    course_id = new_course(database, prescriber, patient)
    view = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    with pytest.raises(InvalidEntryError, match="Say why you are not following the proposal"):
        courses.override_proposal(
            database,
            prescriber,
            view,
            courses.OverrideChoice(" ", MONDAY, time(9, 0), 7, 1),
            now=MORNING,
        )
    assert booked(database, prescriber, patient) == []


def test_a_missed_induction_treatment_is_made_up_at_the_end(
    database: Database, prescriber: Actor, staff: dict[Role, Actor], patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    accept_today(database, prescriber, course_id)
    nurse = staff[Role.NURSE]
    first, second = calendar.patient_appointments(database, nurse, patient)[:2]
    calendar.set_status(
        database, nurse, first.id, first.version, AppointmentStatus.DONE, today=MONDAY
    )
    calendar.set_status(
        database,
        nurse,
        second.id,
        second.version,
        AppointmentStatus.MISSED,
        "No ride",
        today=second.day,
    )

    plan = courses.replan_preview(database, nurse, course_id, date(2026, 11, 26), now=MORNING)
    assert plan.why == "Re-planned from the treatments actually given, the last on 2026-11-23"
    assert [(c.appointment_id, c.after.day) for c in plan.changes] == [(None, date(2026, 12, 7))]
    courses.apply_replan(database, nurse, plan, date(2026, 11, 26), MORNING)
    rows = booked(database, nurse, patient)
    assert [r for r in rows if r[2] == "booked"][-1] == (date(2026, 12, 7), time(9, 0), "booked")
    assert sum(1 for r in rows if r[2] == "booked") == 5  # 6 planned - 1 given + 0 missed


def test_when_all_is_cancelled_the_induction_is_planned_again_from_tomorrow(
    database: Database, prescriber: Actor, patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    accept_today(database, prescriber, course_id)
    rows = calendar.patient_appointments(database, prescriber, patient)
    for row in rows:
        calendar.set_status(
            database,
            prescriber,
            row.id,
            row.version,
            AppointmentStatus.CANCELLED,
            "Insurance",
            today=MONDAY,
        )
    plan = courses.replan_preview(database, prescriber, course_id, MONDAY, now=MORNING)
    # Nothing given and today's cancelled: the induction starts again tomorrow, as new rows
    # (the Monday-Wednesday-Friday pattern counts from the course's first day).
    assert [c.after.day for c in plan.changes] == [
        date(2026, 11, 25),
        date(2026, 11, 27),
        date(2026, 11, 30),
        date(2026, 12, 2),
        date(2026, 12, 4),
        date(2026, 12, 7),
    ]
    assert all(c.appointment_id is None for c in plan.changes)


def test_a_treatment_given_late_moves_the_rest_of_the_step(
    database: Database, prescriber: Actor, patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    accept_today(database, prescriber, course_id)
    rows = calendar.patient_appointments(database, prescriber, patient)
    # The third infusion (Friday 11/27) is moved to Monday 11/30 at the patient's request.
    third = rows[2]
    calendar.move_appointment(
        database,
        prescriber,
        third.id,
        third.version,
        date(2026, 11, 30),
        time(11, 0),
        reason="Patient asked",
        today=MONDAY,
        now=MORNING,
    )
    plan = courses.replan_preview(
        database, prescriber, course_id, MONDAY, after_appointment_id=third.id, now=MORNING
    )
    assert plan.why == "Moved to 2026-11-30: the rest of the step follows it"
    moves = [(c.before.day if c.before else None, c.after.day) for c in plan.changes]
    assert moves == [
        (date(2026, 11, 30), date(2026, 12, 2)),
        (date(2026, 12, 2), date(2026, 12, 4)),
        (date(2026, 12, 4), date(2026, 12, 7)),
    ]
    courses.apply_replan(database, prescriber, plan, MONDAY, MORNING)
    days = [r[0] for r in booked(database, prescriber, patient)]
    assert days == [
        MONDAY,
        date(2026, 11, 25),
        date(2026, 11, 30),
        date(2026, 12, 2),
        date(2026, 12, 4),
        date(2026, 12, 7),
    ]
    history = calendar.appointment_history(database, prescriber, rows[3].id)
    assert [h.kind.value for h in history] == ["booked", "replanned"]
    assert history[-1].reason == plan.why


def test_raising_an_authorization_keeps_the_earlier_one(
    database: Database, prescriber: Actor, patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    courses.record_authorization(database, prescriber, course_id, 6, "PA-1", MONDAY)
    courses.record_authorization(database, prescriber, course_id, 12, "PA-2", MONDAY)
    with pytest.raises(InvalidEntryError, match="above the 12 sessions already authorized"):
        courses.record_authorization(database, prescriber, course_id, 10, "PA-3", MONDAY)
    (course,) = courses.list_courses(database, prescriber, patient, MONDAY)
    assert [(a.sessions_authorized, a.reference) for a in course.authorizations] == [
        (6, "PA-1"),
        (12, "PA-2"),
    ]
    assert course.authorization_text == ("0 of 12 authorized sessions used (ref PA-2), 12 left")


def test_closing_a_course_cancels_what_is_booked_ahead(
    database: Database, prescriber: Actor, patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    accept_today(database, prescriber, course_id)
    (course,) = courses.list_courses(database, prescriber, patient, MONDAY)
    courses.close_course(database, prescriber, course_id, course.version, "Moved away", MONDAY)
    assert {r[2] for r in booked(database, prescriber, patient)} == {"cancelled"}
    (course,) = courses.list_courses(database, prescriber, patient, MONDAY)
    assert course.closed_on == MONDAY and not course.active


def test_only_prescribers_and_clinicians_plan_treatment(
    database: Database, staff: dict[Role, Actor], patient: int
) -> None:
    for role in (Role.NURSE, Role.FRONT_DESK, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDeniedError):
            courses.create_course(database, staff[role], patient, course_draft(), MONDAY)
    course_id = new_course(database, staff[Role.CLINICIAN], patient)
    view = courses.propose(database, staff[Role.NURSE], course_id, MONDAY, MORNING)
    with pytest.raises(PermissionDeniedError, match="plan treatment courses"):
        courses.accept_proposal(database, staff[Role.NURSE], view, now=MORNING)
    with pytest.raises(PermissionDeniedError):
        courses.propose(database, staff[Role.FRONT_DESK], course_id, MONDAY, MORNING)
    # The front desk books against the course without seeing anything clinical in it.
    (choice,) = courses.course_choices(database, staff[Role.FRONT_DESK], patient)
    assert choice.label == "IV ketamine course from 2026-11-23"


def test_a_course_is_refused_without_its_measures(
    database: Database, prescriber: Actor, patient: int
) -> None:
    from dataclasses import replace
    from decimal import Decimal

    draft = replace(course_draft(), acute_baseline=Decimal(0), prescriber=" ")
    with pytest.raises(InvalidEntryError) as refused:
        courses.create_course(database, prescriber, patient, draft, MONDAY)
    assert {p.field for p in refused.value.problems} == {"acute_baseline", "prescriber"}


def test_accepting_checks_capacity_and_takes_the_nearest_free_slot_it_offered(
    database: Database, prescriber: Actor, staff: dict[Role, Actor], patient: int
) -> None:
    from tests.db.course_builders import clinic

    clinic(database, staff[Role.ADMINISTRATOR], chairs=1)
    other = create_patient(database, prescriber, make_patient_draft(mrn="BD-0002"))
    calendar.book_appointment(
        database,
        prescriber,
        calendar.BookingDraft(other, booking_modality(), date(2026, 11, 25), time(9, 0), 90),
        today=MONDAY,
        now=MORNING,
    )
    course_id = new_course(database, prescriber, patient)
    view = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    wednesday = view.bookings[1]
    assert wednesday.problem is not None and wednesday.problem.startswith(
        "The only infusion chair is taken"
    )
    assert wednesday.slot == Slot(date(2026, 11, 25), time(10, 30), 90)
    courses.accept_proposal(database, prescriber, view, now=MORNING)
    assert (date(2026, 11, 25), time(10, 30), "booked") in booked(database, prescriber, patient)


def booking_modality():
    from clinical.protocols import Modality

    return Modality.IV_KETAMINE
