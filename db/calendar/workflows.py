"""Booking, moving and changing the status of appointments, each one transaction.

Every booking is checked against the clinic's calendar (closed days, opening hours, capacity
of chairs, rooms and devices); a refusal says why and offers the nearest free slot. Every
change keeps its history (`appointment_change`) and is audited.
"""

from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinical.calendar import AppointmentStatus, Booking, ChangeKind, Slot, resource_for
from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditCategory
from db.calendar import booking, repository
from db.calendar.settings import load_calendar
from db.calendar.views import AppointmentView, BookingDraft, ChangeView
from db.courses.repository import get_course
from db.database import Database
from db.errors import InvalidEntryError, StaleEditError
from db.models import Appointment
from db.patients.repository import get_patient

STALE = (
    "This appointment was changed by someone else after you opened it. "
    "Look at the calendar again, then make your change."
)
MAX_SERIES = 60


def _today(today: date | None) -> date:
    return today or date.today()


def _authorize_appointment(
    database: Database,
    actor: Actor,
    permission: Permission,
    category: AuditCategory,
    appointment_id: int,
) -> None:
    """Authorize first, outside the unit of work: a refusal is audited in its own."""
    with database.reading() as session:
        patient_id = booking.get_appointment(session, appointment_id).patient_id
    authorize(database, actor, permission, category, patient_id)


def _check_version(row: Appointment, expected_version: int) -> None:
    if row.version != expected_version:
        raise StaleEditError(STALE)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleEditError(STALE) from error


def appointments_between(
    database: Database, actor: Actor, first: date, last: date
) -> list[AppointmentView]:
    """Every appointment on the days `first`..`last`, for everyone who keeps the calendar.

    The course step shows only for a role that may see clinical records.
    """
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR)
    with database.reading() as session:
        return repository.appointments_between(
            session, first, last, clinical=actor.may(Permission.VIEW_CLINICAL)
        )


def patient_appointments(
    database: Database, actor: Actor, patient_id: int
) -> list[AppointmentView]:
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR, patient_id)
    with database.reading() as session:
        get_patient(session, patient_id)
        return repository.appointments_of_patient(
            session, patient_id, clinical=actor.may(Permission.VIEW_CLINICAL)
        )


def appointment(database: Database, actor: Actor, appointment_id: int) -> AppointmentView:
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR)
    with database.reading() as session:
        booking.get_appointment(session, appointment_id)
        return repository.appointment_view(
            session, appointment_id, clinical=actor.may(Permission.VIEW_CLINICAL)
        )


def appointment_history(database: Database, actor: Actor, appointment_id: int) -> list[ChangeView]:
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR)
    with database.reading() as session:
        booking.get_appointment(session, appointment_id)
        return repository.changes_of(session, appointment_id)


def following_count(database: Database, actor: Actor, appointment_id: int) -> int:
    """How many booked appointments come after this one in its series."""
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR)
    with database.reading() as session:
        row = booking.get_appointment(session, appointment_id)
        return len(booking.later_in_series(session, row))


def slot_problem(
    database: Database,
    actor: Actor,
    draft: BookingDraft,
    *,
    ignore_id: int | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> tuple[str | None, Slot | None]:
    """Why the draft's first slot cannot be booked and the nearest free one, or (None, None)."""
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR)
    day = _today(today)
    slot = Slot(draft.day, draft.start, draft.minutes)
    ignore = [ignore_id] if ignore_id is not None else []
    with database.reading() as session:
        bookings = booking.bookings_around(session, [slot.day])
    calendar = load_calendar(database)
    problem = booking.problem_with(calendar, bookings, slot, draft.modality, day, ignore=ignore)
    if problem is None:
        return None, None
    return problem, booking.nearest(
        calendar, bookings, slot, draft.modality, booking.start_of(day, now), ignore=ignore
    )


def _draft_problems(draft: BookingDraft) -> list[Problem]:
    problems = []
    if not 5 <= draft.minutes <= 600:
        problems.append(Problem("minutes", "A booking lasts 5 to 600 minutes."))
    if not 1 <= draft.repeat_count <= MAX_SERIES:
        problems.append(Problem("repeat_count", f"Book 1 to {MAX_SERIES} appointments at once."))
    if draft.repeat_count > 1 and not 1 <= draft.repeat_every_days <= 180:
        problems.append(Problem("repeat_every_days", "Repeat every 1 to 180 days."))
    return problems


def book_appointment(
    database: Database,
    actor: Actor,
    draft: BookingDraft,
    today: date | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Book one appointment, or a series of `repeat_count`; all of them or none."""
    authorize(database, actor, Permission.MANAGE_CALENDAR, AuditCategory.CALENDAR, draft.patient_id)
    if problems := _draft_problems(draft):
        raise InvalidEntryError(problems)
    day = _today(today)
    slots = [
        Slot(draft.day + timedelta(days=k * draft.repeat_every_days), draft.start, draft.minutes)
        for k in range(draft.repeat_count)
    ]
    calendar = load_calendar(database)
    with database.transaction() as session:
        get_patient(session, draft.patient_id)
        if draft.course_id is not None:
            course = get_course(session, draft.course_id)
            if course.patient_id != draft.patient_id or course.modality is not draft.modality:
                raise InvalidEntryError(
                    [
                        Problem(
                            "course_id", "That course is not this patient's, or not of this kind."
                        )
                    ]
                )
        taken = booking.bookings_around(session, [s.day for s in slots])
        ids: list[int] = []
        series_id: int | None = None
        for slot in slots:
            booking.refuse_unless_free(
                calendar, taken, slot, draft.modality, day, booking.start_of(day, now)
            )
            row = booking.add_appointment(
                database,
                session,
                actor,
                patient_id=draft.patient_id,
                modality=draft.modality,
                slot=slot,
                course_id=draft.course_id,
                series_id=series_id,
                note=draft.note,
            )
            series_id = series_id or row.id
            taken.append(
                Booking(slot.day, slot.start, slot.minutes, resource_for(draft.modality), row.id)
            )
            ids.append(row.id)
        return ids


def move_appointment(
    database: Database,
    actor: Actor,
    appointment_id: int,
    expected_version: int,
    day: date,
    start: time,
    *,
    following: bool = False,
    reason: str = "",
    today: date | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Move one appointment, or it and the later ones of its series by the same shift.

    Returns the ids moved. All of them move or none: the first that does not fit refuses
    the whole move with the nearest free slot for it.
    """
    current_day = _today(today)
    calendar = load_calendar(database)
    _authorize_appointment(
        database, actor, Permission.MANAGE_CALENDAR, AuditCategory.CALENDAR, appointment_id
    )
    with database.transaction() as session:
        row = booking.get_appointment(session, appointment_id)
        _check_version(row, expected_version)
        if row.status is not AppointmentStatus.BOOKED:
            raise InvalidEntryError(
                [
                    Problem(
                        "",
                        f"Only a booked appointment can be moved; this one is {row.status.value}.",
                    )
                ]
            )
        shift = datetime.combine(day, start) - datetime.combine(row.day, row.start_time)
        rows = [row, *(booking.later_in_series(session, row) if following else [])]
        targets = []
        for each in rows:
            moved = datetime.combine(each.day, each.start_time) + shift
            targets.append(Slot(moved.date(), moved.time(), each.duration_minutes))
        ignore = {each.id for each in rows}
        taken = [
            b
            for b in booking.bookings_around(session, [s.day for s in targets])
            if b.key not in ignore
        ]
        not_before = booking.start_of(current_day, now)
        for each, target in zip(rows, targets, strict=True):
            booking.refuse_unless_free(
                calendar, taken, target, each.modality, current_day, not_before
            )
            taken.append(
                Booking(target.day, target.start, target.minutes, resource_for(each.modality))
            )
        why = reason.strip() or ("moved with the series" if following else "")
        for each, target in zip(rows, targets, strict=True):
            if booking.slot_of(each) != target:
                booking.move_row(database, session, actor, each, target, ChangeKind.MOVED, why)
        _flush(session)
        return [each.id for each in rows]


def set_status(
    database: Database,
    actor: Actor,
    appointment_id: int,
    expected_version: int,
    status: AppointmentStatus,
    reason: str = "",
    *,
    following: bool = False,
    today: date | None = None,
) -> list[int]:
    """Arrived, done, missed or cancelled (with the later ones of the series, if asked).

    A done appointment stands for a treatment given on its day, so it cannot be in the
    future; missed and cancelled ones need a reason.
    """
    current_day = _today(today)
    _authorize_appointment(
        database, actor, Permission.MANAGE_CALENDAR, AuditCategory.CALENDAR, appointment_id
    )
    with database.transaction() as session:
        row = booking.get_appointment(session, appointment_id)
        _check_version(row, expected_version)
        if status in (AppointmentStatus.MISSED, AppointmentStatus.CANCELLED) and not reason.strip():
            raise InvalidEntryError([Problem("reason", f"Say why it is {status.value}.")])
        if status in (AppointmentStatus.DONE, AppointmentStatus.ARRIVED) and row.day > current_day:
            raise InvalidEntryError(
                [
                    Problem(
                        "", f"An appointment on {row.day.isoformat()} cannot be {status.value} yet."
                    )
                ]
            )
        if status is AppointmentStatus.BOOKED and row.status is not AppointmentStatus.BOOKED:
            calendar = load_calendar(database)
            taken = booking.bookings_around(session, [row.day])
            booking.refuse_unless_free(
                calendar,
                taken,
                booking.slot_of(row),
                row.modality,
                min(current_day, row.day),
                booking.start_of(current_day, None),
                ignore=[row.id],
            )
        rows = [row, *(booking.later_in_series(session, row) if following else [])]
        for each in rows:
            booking.set_row_status(database, session, actor, each, status, reason)
        _flush(session)
        return [each.id for each in rows]
