"""The printed day sheet and the iCalendar exports, each an audited print or export."""

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus, Resource, resource_for
from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.calendar import repository
from db.calendar.settings import load_calendar, load_time_zone
from db.calendar.views import AppointmentView
from db.courses.repository import course_scores, course_view
from db.database import Database
from db.models import Allergy, SafetyAlert, TreatmentCourse
from db.monitoring.today import due_lines
from db.patients.repository import get_patient
from db.scales.views import AlertStatus
from reports.day_sheet import DaySheet, DaySheetRow, render_day_sheet
from reports.ical import CalendarEntry, render_ics
from reports.model import Letterhead

DEFAULT_LETTERHEAD = Letterhead(clinic_name="Booster Desk")
SCORE_DUE_AFTER_DAYS = 14
FEW_SESSIONS_LEFT = 2
SHEET_MODALITY = {
    Modality.IV_KETAMINE: "IV ketamine",
    Modality.IM_KETAMINE: "IM ketamine",
    Modality.ESKETAMINE: "Spravato",
    Modality.TMS: "TMS",
}


def monitoring_alerts(session: Session, patient_id: int, day: date) -> list[str]:
    """The monitoring items due or overdue for the patient on `day`, one line each."""
    return due_lines(session, patient_id, day)


def _course_alerts(
    session: Session, row: TreatmentCourse, appointment: AppointmentView
) -> list[str]:
    alerts = []
    view = course_view(session, row, appointment.day)
    if view.sessions_given == 0:
        alerts.append("First treatment of this course")
    if view.authorized is not None:
        left = view.authorized - view.sessions_given
        if left <= 0:
            alerts.append(f"Insurance authorization used up ({view.authorized} sessions)")
        elif left <= FEW_SESSIONS_LEFT:
            alerts.append(f"Insurance authorization: {left} of {view.authorized} sessions left")
    scores = course_scores(session, row.patient_id, row.scale)
    last = max((p.on for p in scores if p.on <= appointment.day), default=None)
    if last is None:
        alerts.append(f"{view.scale_name} due (none recorded yet)")
    elif (appointment.day - last).days >= SCORE_DUE_AFTER_DAYS:
        alerts.append(f"{view.scale_name} due (last on {last.isoformat()})")
    return alerts


def _alerts(session: Session, appointment: AppointmentView) -> list[str]:
    alerts = []
    open_alerts = session.scalars(
        select(SafetyAlert.message).where(
            SafetyAlert.patient_id == appointment.patient_id,
            SafetyAlert.status == AlertStatus.OPEN,
        )
    ).all()
    alerts += [f"Open safety alert: {message}" for message in open_alerts]
    allergies = session.scalars(
        select(Allergy).where(Allergy.patient_id == appointment.patient_id)
    ).all()
    if allergies:
        names = ", ".join(
            f"{a.substance} ({a.severity.label.lower()})"
            if a.severity.value != "unknown"
            else a.substance
            for a in allergies
        )
        alerts.append(f"Allergies: {names}")
    if appointment.modality is Modality.ESKETAMINE:
        alerts.append("Spravato: monitor at least 2 hours; REMS monitoring form")
    if appointment.course_id is not None:
        course = session.get(TreatmentCourse, appointment.course_id)
        if course is not None:
            alerts += _course_alerts(session, course, appointment)
    alerts += monitoring_alerts(session, appointment.patient_id, appointment.day)
    return alerts


def day_sheet_pdf(
    database: Database,
    actor: Actor,
    day: date,
    letterhead: Letterhead | None = None,
    now: datetime | None = None,
) -> bytes:
    """The day's bookings as a printable PDF; an audited print. A role without clinical
    access gets the sheet without the protocol step and alerts."""
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR)
    clinical = actor.may(Permission.VIEW_CLINICAL)
    calendar = load_calendar(database)
    with database.transaction() as session:
        appointments = repository.appointments_between(session, day, day, clinical=clinical)
        rows = [
            DaySheetRow(
                start=a.start,
                end=a.ends.time(),
                patient=a.patient_name,
                mrn=a.mrn,
                date_of_birth=a.date_of_birth,
                modality=SHEET_MODALITY[a.modality],
                status=a.status.label,
                step=a.step_text,
                alerts=tuple(_alerts(session, a)) if clinical else (),
            )
            for a in appointments
        ]
        hours = calendar.hours_on(day)
        closed = calendar.closed_day(day)
        sheet = DaySheet(
            day=day,
            rows=tuple(rows),
            printed_by=actor.display_name,
            printed_at=now or datetime.now(),
            hours=hours.text if hours else "",
            closed_reason=(closed.reason or "closed day") if closed else "",
            capacity=tuple(f"{r.label} {calendar.count(r)}" for r in Resource),
            clinical=clinical,
        )
        database.audit.record(
            session,
            actor,
            AuditAction.PRINT,
            AuditCategory.CALENDAR,
            object_type="day sheet",
            detail=f"day sheet {day.isoformat()}: {len(rows)} bookings",
        )
    return render_day_sheet(sheet, letterhead or DEFAULT_LETTERHEAD)


def _uid(session: Session, database: Database, appointment_id: int) -> str:
    return f"appointment-{appointment_id}-{database.audit.database_uuid(session)}@boosterdesk"


def clinic_day_ics(database: Database, actor: Actor, day: date, days: int = 1) -> bytes:
    """The clinic's bookings on `day` (and the `days` - 1 after it) for a staff calendar."""
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR)
    clinical = actor.may(Permission.VIEW_CLINICAL)
    last = day + timedelta(days=days - 1)
    with database.transaction() as session:
        appointments = repository.appointments_between(session, day, last, clinical=clinical)
        entries = [
            CalendarEntry(
                uid=_uid(session, database, a.id),
                day=a.day,
                start=a.start,
                minutes=a.minutes,
                summary=f"{a.patient_name} ({a.mrn}): {a.modality.label}",
                description="\n".join(
                    part
                    for part in (
                        f"{resource_for(a.modality).singular.capitalize()}",
                        a.step_text,
                        a.note,
                        f"Status: {a.status.label}",
                    )
                    if part
                ),
                cancelled=a.status is AppointmentStatus.CANCELLED,
                sequence=a.version,
            )
            for a in appointments
            if a.status is not AppointmentStatus.MISSED
        ]
        database.audit.record(
            session,
            actor,
            AuditAction.EXPORT,
            AuditCategory.CALENDAR,
            object_type="calendar",
            detail=f"iCalendar {day.isoformat()} to {last.isoformat()}: {len(entries)} bookings",
        )
    span = day.isoformat() if days == 1 else f"{day.isoformat()} to {last.isoformat()}"
    return render_ics(entries, f"Booster Desk {span}", load_time_zone(database))


def patient_schedule_ics(
    database: Database, actor: Actor, patient_id: int, from_day: date | None = None
) -> bytes:
    """The patient's own appointments from `from_day` on, to hand to the patient: what,
    when and how long, nothing clinical."""
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR, patient_id)
    first = from_day or date.today()
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        appointments = [
            a
            for a in repository.appointments_of_patient(session, patient_id, clinical=False)
            if a.day >= first and a.status is not AppointmentStatus.MISSED
        ]
        entries = [
            CalendarEntry(
                uid=_uid(session, database, a.id),
                day=a.day,
                start=a.start,
                minutes=a.minutes,
                summary=f"{a.modality.label} appointment",
                description=_patient_note(a.modality),
                cancelled=a.status is AppointmentStatus.CANCELLED,
                sequence=a.version,
            )
            for a in appointments
        ]
        name = patient.preferred_name or patient.legal_given_names
        database.audit.record(
            session,
            actor,
            AuditAction.EXPORT,
            AuditCategory.CALENDAR,
            patient_id=patient_id,
            object_type="patient schedule",
            object_id=patient_id,
            detail=f"iCalendar from {first.isoformat()}: {len(entries)} appointments",
        )
    return render_ics(entries, f"Appointments for {name}", load_time_zone(database))


def _patient_note(modality: Modality) -> str:
    if modality in (Modality.IV_KETAMINE, Modality.IM_KETAMINE, Modality.ESKETAMINE):
        return (
            "Please arrange a ride home: you may not drive until the next day after your treatment."
        )
    return "Please arrive 10 minutes early."
