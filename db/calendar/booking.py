"""The session-level steps every calendar change shares: what is booked, whether a slot is
free, and writing a row with its history and audit. Takes a session; never commits."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.calendar import (
    AppointmentStatus,
    Booking,
    ChangeKind,
    ClinicCalendar,
    Slot,
    nearest_free_slot,
    refusal,
    resource_for,
)
from clinical.protocols.enums import Modality
from db.accounts.actor import Actor
from db.audit.vocabulary import AuditAction, AuditCategory
from db.calendar.views import SlotUnavailableError
from db.database import Database
from db.errors import RecordNotFoundError
from db.models import Appointment, AppointmentChange

SEARCH_DAYS = 28
OCCUPYING = (AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED, AppointmentStatus.DONE)


def bookings_between(session: Session, first: date, last: date) -> list[Booking]:
    """Every booking that holds a resource on the days `first`..`last`."""
    rows = session.execute(
        select(
            Appointment.id,
            Appointment.day,
            Appointment.start_time,
            Appointment.duration_minutes,
            Appointment.modality,
        ).where(
            Appointment.day >= first,
            Appointment.day <= last,
            Appointment.status.in_(OCCUPYING),
        )
    )
    return [
        Booking(r.day, r.start_time, r.duration_minutes, resource_for(r.modality), r.id)
        for r in rows
    ]


def bookings_around(session: Session, days: Iterable[date]) -> list[Booking]:
    chosen = list(days)
    return bookings_between(
        session,
        min(chosen) - timedelta(days=SEARCH_DAYS + 1),
        max(chosen) + timedelta(days=SEARCH_DAYS + 1),
    )


def start_of(today: date, now: datetime | None) -> datetime:
    """The earliest moment a new or moved booking may start: now, or today's start."""
    if now is not None and now.date() == today:
        return now
    return datetime.combine(today, time(0, 0))


def problem_with(
    calendar: ClinicCalendar,
    bookings: Sequence[Booking],
    slot: Slot,
    modality: Modality,
    today: date,
    *,
    ignore: Iterable[int] = (),
) -> str | None:
    if slot.day < today:
        return f"{slot.day.isoformat()} is in the past."
    return refusal(calendar, bookings, slot, resource_for(modality), ignore=ignore)


def nearest(
    calendar: ClinicCalendar,
    bookings: Sequence[Booking],
    slot: Slot,
    modality: Modality,
    not_before: datetime,
    *,
    ignore: Iterable[int] = (),
) -> Slot | None:
    return nearest_free_slot(
        calendar,
        bookings,
        slot,
        resource_for(modality),
        not_before=not_before,
        ignore=ignore,
        search_days=SEARCH_DAYS,
    )


def refuse_unless_free(
    calendar: ClinicCalendar,
    bookings: Sequence[Booking],
    slot: Slot,
    modality: Modality,
    today: date,
    not_before: datetime,
    *,
    ignore: Iterable[int] = (),
) -> None:
    """Raise SlotUnavailableError, with the nearest free slot, unless `slot` can be booked."""
    ignored = tuple(ignore)
    reason = problem_with(calendar, bookings, slot, modality, today, ignore=ignored)
    if reason is not None:
        raise SlotUnavailableError(
            slot, reason, nearest(calendar, bookings, slot, modality, not_before, ignore=ignored)
        )


def get_appointment(session: Session, appointment_id: int) -> Appointment:
    row = session.get(Appointment, appointment_id)
    if row is None:
        raise RecordNotFoundError("That appointment is no longer in the calendar.")
    return row


def note_change(
    row: Appointment,
    actor: Actor,
    kind: ChangeKind,
    *,
    before: Slot | None = None,
    from_status: str = "",
    reason: str = "",
) -> None:
    row.changes.append(
        AppointmentChange(
            kind=kind,
            from_day=before.day if before else None,
            from_time=before.start if before else None,
            to_day=row.day,
            to_time=row.start_time,
            from_status=from_status,
            to_status=row.status.value,
            reason=reason[:250],
            changed_by=actor.display_name,
        )
    )


def slot_of(row: Appointment) -> Slot:
    return Slot(row.day, row.start_time, row.duration_minutes)


def add_appointment(
    database: Database,
    session: Session,
    actor: Actor,
    *,
    patient_id: int,
    modality: Modality,
    slot: Slot,
    course_id: int | None = None,
    series_id: int | None = None,
    decision_id: int | None = None,
    note: str = "",
    reason: str = "",
) -> Appointment:
    row = Appointment(
        patient_id=patient_id,
        course_id=course_id,
        modality=modality,
        day=slot.day,
        start_time=slot.start,
        duration_minutes=slot.minutes,
        status=AppointmentStatus.BOOKED,
        series_id=series_id,
        decision_id=decision_id,
        note=note.strip()[:250],
    )
    session.add(row)
    session.flush()
    if row.series_id is None:
        row.series_id = row.id
    note_change(row, actor, ChangeKind.BOOKED, reason=reason)
    session.flush()
    database.audit.record(
        session,
        actor,
        AuditAction.CREATE,
        AuditCategory.CALENDAR,
        patient_id=patient_id,
        object_type="appointment",
        object_id=row.id,
        detail=f"{modality.label} {slot.day.isoformat()} {slot.start:%H:%M}",
    )
    return row


def move_row(
    database: Database,
    session: Session,
    actor: Actor,
    row: Appointment,
    slot: Slot,
    kind: ChangeKind,
    reason: str = "",
) -> None:
    before = slot_of(row)
    database.audit.record(
        session,
        actor,
        AuditAction.UPDATE,
        AuditCategory.CALENDAR,
        patient_id=row.patient_id,
        object_type="appointment",
        object_id=row.id,
        prior=row,
        detail=f"{kind.label.lower()} to {slot.day.isoformat()} {slot.start:%H:%M}",
    )
    row.day, row.start_time, row.duration_minutes = slot.day, slot.start, slot.minutes
    note_change(row, actor, kind, before=before, reason=reason)


def set_row_status(
    database: Database,
    session: Session,
    actor: Actor,
    row: Appointment,
    status: AppointmentStatus,
    reason: str = "",
) -> None:
    if row.status is status:
        return
    database.audit.record(
        session,
        actor,
        AuditAction.UPDATE,
        AuditCategory.CALENDAR,
        patient_id=row.patient_id,
        object_type="appointment",
        object_id=row.id,
        prior=row,
        detail=f"{row.status.value} → {status.value}",
    )
    before = row.status.value
    row.status = status
    if reason.strip():
        row.status_reason = reason.strip()[:250]
    note_change(row, actor, ChangeKind.STATUS, from_status=before, reason=reason.strip())


def later_in_series(session: Session, row: Appointment) -> list[Appointment]:
    """The booked appointments after `row` in its series (for "this and following")."""
    if row.series_id is None:
        return []
    rows = session.scalars(
        select(Appointment)
        .where(
            Appointment.series_id == row.series_id,
            Appointment.id != row.id,
            Appointment.status == AppointmentStatus.BOOKED,
        )
        .order_by(Appointment.day, Appointment.start_time, Appointment.id)
    ).all()
    return [r for r in rows if (r.day, r.start_time) > (row.day, row.start_time)]


def booked_ahead(session: Session, course_id: int, from_day: date) -> list[Appointment]:
    return list(
        session.scalars(
            select(Appointment)
            .where(
                Appointment.course_id == course_id,
                Appointment.status == AppointmentStatus.BOOKED,
                Appointment.day >= from_day,
            )
            .order_by(Appointment.day, Appointment.start_time, Appointment.id)
        )
    )
