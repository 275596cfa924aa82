"""Booking, moving and cancelling: capacity and closed days refused with the nearest free
slot, every change kept in the appointment's history, series moved together."""

from datetime import date, time

import pytest
from sqlalchemy import select

from clinical.calendar import AppointmentStatus, ClinicCalendar, ClosedDay, Slot
from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.calendar import workflows as calendar
from db.calendar.settings import load_calendar, load_time_zone, save_calendar
from db.calendar.views import BookingDraft, SlotUnavailableError
from db.database import Database
from db.errors import InvalidEntryError, StaleEditError
from db.models import AuditEvent
from db.patients.workflows import create_patient
from tests.db.course_builders import MONDAY, MORNING, clinic
from tests.factories import make_patient_draft

TUESDAY = date(2026, 11, 24)


@pytest.fixture
def patients(database: Database, prescriber: Actor) -> list[int]:
    return [
        create_patient(database, prescriber, make_patient_draft(mrn=f"BD-{n}")) for n in range(1, 4)
    ]


def book(
    database: Database,
    actor: Actor,
    patient_id: int,
    day: date = TUESDAY,
    at: time = time(9, 0),
    **kw: object,
) -> list[int]:
    draft = BookingDraft(patient_id, Modality.IV_KETAMINE, day, at, 90, **kw)  # type: ignore[arg-type]
    return calendar.book_appointment(database, actor, draft, today=MONDAY, now=MORNING)


def test_booking_past_capacity_says_why_and_offers_the_nearest_free_slot(
    database: Database, staff: dict[Role, Actor], patients: list[int]
) -> None:
    clinic(database, staff[Role.ADMINISTRATOR], chairs=2)
    desk = staff[Role.FRONT_DESK]
    book(database, desk, patients[0], at=time(9, 0))
    book(database, desk, patients[1], at=time(9, 30))
    with pytest.raises(SlotUnavailableError) as refused:
        book(database, desk, patients[2], at=time(10, 0))
    assert str(refused.value) == (
        "All 2 infusion chairs are taken at some time between 10:00 and 11:30 on Tuesday "
        "2026-11-24. The nearest free slot is Tuesday 2026-11-24 10:30."
    )
    assert refused.value.nearest == Slot(TUESDAY, time(10, 30), 90)
    book(database, desk, patients[2], at=time(10, 30))
    assert len(calendar.appointments_between(database, desk, TUESDAY, TUESDAY)) == 3


def test_booking_on_a_closed_day_offers_the_next_open_one(
    database: Database, staff: dict[Role, Actor], patients: list[int]
) -> None:
    clinic(database, staff[Role.ADMINISTRATOR], closed=(ClosedDay(TUESDAY, "Staff training"),))
    with pytest.raises(SlotUnavailableError) as refused:
        book(database, staff[Role.NURSE], patients[0], at=time(9, 0))
    assert refused.value.reason == ("The clinic is closed on Tuesday 2026-11-24 (Staff training).")
    # Monday 15:30 (the last fitting start) is 17.5 hours earlier; Wednesday 09:00, 24 later.
    assert refused.value.nearest == Slot(MONDAY, time(15, 30), 90)


def test_a_day_in_the_past_and_a_weekend_are_refused(
    database: Database, prescriber: Actor, patients: list[int]
) -> None:
    with pytest.raises(SlotUnavailableError, match="2026-11-20 is in the past"):
        book(database, prescriber, patients[0], day=date(2026, 11, 20))
    with pytest.raises(SlotUnavailableError, match="closed on Saturdays"):
        book(database, prescriber, patients[0], day=date(2026, 11, 28))


def test_a_series_is_booked_whole_or_not_at_all(
    database: Database, staff: dict[Role, Actor], patients: list[int]
) -> None:
    clinic(database, staff[Role.ADMINISTRATOR], chairs=1)
    nurse = staff[Role.NURSE]
    book(database, nurse, patients[1], day=date(2026, 12, 8), at=time(9, 0))
    with pytest.raises(SlotUnavailableError, match="Tuesday 2026-12-08"):
        book(database, nurse, patients[0], repeat_every_days=7, repeat_count=4)
    assert calendar.patient_appointments(database, nurse, patients[0]) == []
    ids = book(database, nurse, patients[0], at=time(11, 0), repeat_every_days=7, repeat_count=4)
    rows = calendar.patient_appointments(database, nurse, patients[0])
    assert [r.day.isoformat() for r in rows] == [
        "2026-11-24",
        "2026-12-01",
        "2026-12-08",
        "2026-12-15",
    ]
    assert {r.series_id for r in rows} == {ids[0]}


def test_moving_keeps_the_history_with_who_when_and_why(
    database: Database, staff: dict[Role, Actor], patients: list[int]
) -> None:
    desk = staff[Role.FRONT_DESK]
    (appointment_id,) = book(database, desk, patients[0])
    view = calendar.appointment(database, desk, appointment_id)
    calendar.move_appointment(
        database,
        desk,
        appointment_id,
        view.version,
        date(2026, 11, 26),
        time(13, 0),
        reason="Patient asked",
        today=MONDAY,
        now=MORNING,
    )
    moved = calendar.appointment(database, desk, appointment_id)
    assert (moved.day, moved.start, moved.first_booked_for) == (
        date(2026, 11, 26),
        time(13, 0),
        TUESDAY,
    )
    history = calendar.appointment_history(database, desk, appointment_id)
    assert [h.text for h in history] == [
        "Booked for 2026-11-24 09:00",
        "Moved: 2026-11-24 09:00 → 2026-11-26 13:00 (Patient asked)",
    ]
    assert {h.changed_by for h in history} == {desk.display_name}
    with database.reading() as session:
        details = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.category == "calendar")
        ).all()
        prior = session.scalars(
            select(AuditEvent.prior_version).where(AuditEvent.detail.like("moved to%"))
        ).one()
    assert "moved to 2026-11-26 13:00" in details
    assert '"day": "2026-11-24"' in prior and '"start_time": "09:00:00"' in prior


def test_a_stale_move_is_refused(
    database: Database, prescriber: Actor, patients: list[int]
) -> None:
    (appointment_id,) = book(database, prescriber, patients[0])
    old = calendar.appointment(database, prescriber, appointment_id)
    calendar.move_appointment(
        database,
        prescriber,
        appointment_id,
        old.version,
        TUESDAY,
        time(10, 0),
        today=MONDAY,
        now=MORNING,
    )
    with pytest.raises(StaleEditError):
        calendar.move_appointment(
            database,
            prescriber,
            appointment_id,
            old.version,
            TUESDAY,
            time(11, 0),
            today=MONDAY,
            now=MORNING,
        )


def test_this_and_following_moves_the_later_ones_by_the_same_shift(
    database: Database, prescriber: Actor, patients: list[int]
) -> None:
    ids = book(database, prescriber, patients[0], repeat_every_days=7, repeat_count=3)
    second = calendar.appointment(database, prescriber, ids[1])
    assert calendar.following_count(database, prescriber, ids[1]) == 1
    moved = calendar.move_appointment(
        database,
        prescriber,
        ids[1],
        second.version,
        date(2026, 12, 2),
        time(14, 0),
        following=True,
        today=MONDAY,
        now=MORNING,
    )
    assert moved == ids[1:]
    rows = calendar.patient_appointments(database, prescriber, patients[0])
    assert [(r.day.isoformat(), r.start) for r in rows] == [
        ("2026-11-24", time(9, 0)),
        ("2026-12-02", time(14, 0)),
        ("2026-12-09", time(14, 0)),
    ]


def test_moving_into_a_full_slot_refuses_the_whole_series(
    database: Database, staff: dict[Role, Actor], patients: list[int]
) -> None:
    clinic(database, staff[Role.ADMINISTRATOR], chairs=1)
    nurse = staff[Role.NURSE]
    ids = book(database, nurse, patients[0], repeat_every_days=7, repeat_count=2)
    book(database, nurse, patients[1], day=date(2026, 12, 2), at=time(9, 0))
    first = calendar.appointment(database, nurse, ids[0])
    with pytest.raises(SlotUnavailableError) as refused:
        calendar.move_appointment(
            database,
            nurse,
            ids[0],
            first.version,
            date(2026, 11, 25),
            time(9, 0),
            following=True,
            today=MONDAY,
            now=MORNING,
        )
    assert refused.value.wanted == Slot(date(2026, 12, 2), time(9, 0), 90)
    assert [r.day for r in calendar.patient_appointments(database, nurse, patients[0])] == [
        TUESDAY,
        date(2026, 12, 1),
    ]


def test_cancelling_this_and_following_needs_a_reason_and_keeps_earlier_ones(
    database: Database, prescriber: Actor, patients: list[int]
) -> None:
    ids = book(database, prescriber, patients[0], repeat_every_days=7, repeat_count=3)
    second = calendar.appointment(database, prescriber, ids[1])
    with pytest.raises(InvalidEntryError, match="Say why it is cancelled"):
        calendar.set_status(
            database, prescriber, ids[1], second.version, AppointmentStatus.CANCELLED, today=MONDAY
        )
    calendar.set_status(
        database,
        prescriber,
        ids[1],
        second.version,
        AppointmentStatus.CANCELLED,
        "Course paused",
        following=True,
        today=MONDAY,
    )
    rows = calendar.patient_appointments(database, prescriber, patients[0])
    assert [r.status for r in rows] == [
        AppointmentStatus.BOOKED,
        AppointmentStatus.CANCELLED,
        AppointmentStatus.CANCELLED,
    ]
    assert rows[2].status_reason == "Course paused"
    # A cancelled appointment frees its chair.
    assert calendar.slot_problem(
        database,
        prescriber,
        BookingDraft(patients[1], Modality.IV_KETAMINE, date(2026, 12, 1), time(9, 0), 90),
        today=MONDAY,
    ) == (None, None)


def test_a_future_appointment_cannot_be_done_yet(
    database: Database, prescriber: Actor, patients: list[int]
) -> None:
    (appointment_id,) = book(database, prescriber, patients[0])
    view = calendar.appointment(database, prescriber, appointment_id)
    with pytest.raises(InvalidEntryError, match="cannot be done yet"):
        calendar.set_status(
            database, prescriber, appointment_id, view.version, AppointmentStatus.DONE, today=MONDAY
        )


def test_the_administrator_keeps_no_calendar(
    database: Database, staff: dict[Role, Actor], patients: list[int]
) -> None:
    with pytest.raises(PermissionDeniedError):
        book(database, staff[Role.ADMINISTRATOR], patients[0])
    with pytest.raises(PermissionDeniedError):
        calendar.appointments_between(database, staff[Role.ADMINISTRATOR], MONDAY, MONDAY)


def test_the_front_desk_sees_the_calendar_without_the_course_step(
    database: Database, staff: dict[Role, Actor], patients: list[int]
) -> None:
    from tests.db.course_builders import new_course

    course_id = new_course(database, staff[Role.PRESCRIBER], patients[0])
    book(database, staff[Role.FRONT_DESK], patients[0], course_id=course_id)
    (desk_view,) = calendar.appointments_between(database, staff[Role.FRONT_DESK], TUESDAY, TUESDAY)
    (nurse_view,) = calendar.appointments_between(database, staff[Role.NURSE], TUESDAY, TUESDAY)
    assert desk_view.step_text == ""
    assert nurse_view.step_text == "Induction 1 of 6 · 0.5 mg/kg IV over 40 min"


def test_calendar_settings_are_saved_audited_and_read_back(
    database: Database, staff: dict[Role, Actor]
) -> None:
    admin = staff[Role.ADMINISTRATOR]
    assert load_calendar(database) == ClinicCalendar()
    wanted = clinic(
        database,
        admin,
        chairs=6,
        closed=(ClosedDay(TUESDAY, "Thanksgiving"),),
        time_zone="America/Chicago",
    )
    assert load_calendar(database) == wanted
    assert load_time_zone(database) == "America/Chicago"
    with database.reading() as session:
        changes = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "setting change")
        ).all()
    assert any(d.startswith('calendar.capacity = {"infusion_chair": 6') for d in changes)
    with pytest.raises(InvalidEntryError, match="not a time zone name"):
        save_calendar(database, admin, wanted, "Mars/Olympus")
    with pytest.raises(InvalidEntryError, match="open on at least one weekday"):
        save_calendar(database, admin, ClinicCalendar(hours=(None,) * 7))
    with pytest.raises(PermissionDeniedError):
        save_calendar(database, staff[Role.PRESCRIBER], wanted)
