"""Today: the first screen after start. The day's bookings with the monitoring items that
fall due at each visit, the open safety alerts, the Spravato REMS forms due, and what became
overdue since yesterday. A role without clinical access sees the bookings only."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.monitoring import Once, PerSession
from clinical.record.names import display_name
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.calendar import repository as calendar
from db.database import Database
from db.models import Patient
from db.monitoring.due_table import ensure_current
from db.monitoring.rules_store import clinic_rules
from db.monitoring.views import ChecklistFilters, DueRow, TodayAlert, TodayBooking, TodayView
from db.monitoring.workflows import due_rows

try:  # the rating scales' open safety alerts, when that part of the program is present
    from db.scales.workflows import open_alerts
except ImportError:  # pragma: no cover
    open_alerts = None  # type: ignore[assignment]

_NOT_COMING = (AppointmentStatus.CANCELLED, AppointmentStatus.MISSED)


def rems_codes(session: Session) -> frozenset[str]:
    """Spravato REMS items: esketamine-only enrollment (once) and per-session forms."""
    return frozenset(
        rule.code
        for rule in clinic_rules(session)
        if rule.modalities == {Modality.ESKETAMINE} and isinstance(rule.schedule, PerSession | Once)
    )


def today_view(database: Database, actor: Actor, day: date | None = None) -> TodayView:
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR)
    day = day or date.today()
    clinical = actor.may(Permission.VIEW_CLINICAL)
    if not clinical:
        with database.reading() as session:
            views = calendar.appointments_between(session, day, day, clinical=False)
        bookings = tuple(
            TodayBooking(
                v.id,
                v.patient_id,
                v.patient_name,
                v.mrn,
                v.start,
                v.minutes,
                v.modality,
                v.status.label,
            )
            for v in views
        )
        return TodayView(day=day, clinical=False, bookings=bookings)

    ensure_current(database)
    alerts = open_alerts(database, actor) if open_alerts is not None else ()
    with database.transaction() as session:
        views = calendar.appointments_between(session, day, day, clinical=True)
        every_due = due_rows(session, day, ChecklistFilters())
        by_patient: dict[int, list[DueRow]] = {}
        for row in every_due:
            by_patient.setdefault(row.patient_id, []).append(row)
        bookings = tuple(
            TodayBooking(
                appointment_id=v.id,
                patient_id=v.patient_id,
                patient_name=v.patient_name,
                mrn=v.mrn,
                start=v.start,
                minutes=v.minutes,
                modality=v.modality,
                status=v.status.label,
                step_text=v.step_text,
                due=() if v.status in _NOT_COMING else tuple(by_patient.get(v.patient_id, ())),
            )
            for v in views
        )
        rems = rems_codes(session)
        yesterday = day - timedelta(days=1)
        names = _names(session, {a.patient_id for a in alerts})
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.MONITORING,
            detail=f"today {day.isoformat()}: {len(bookings)} bookings, monitoring due",
        )
    return TodayView(
        day=day,
        clinical=True,
        bookings=bookings,
        safety_alerts=tuple(TodayAlert(a, *names.get(a.patient_id, ("", ""))) for a in alerts),
        rems_due=tuple(row for row in every_due if row.item_code in rems),
        newly_overdue=tuple(row for row in every_due if row.overdue_after == yesterday),
        overdue_total=sum(1 for row in every_due if row.days_overdue > 0),
        due_total=sum(1 for row in every_due if row.days_overdue == 0),
    )


def _names(session: Session, patient_ids: set[int]) -> dict[int, tuple[str, str]]:
    if not patient_ids:
        return {}
    rows = session.execute(
        select(
            Patient.id,
            Patient.legal_family_name,
            Patient.legal_given_names,
            Patient.preferred_name,
            Patient.mrn,
        ).where(Patient.id.in_(patient_ids))
    )
    return {r.id: (display_name(r[1], r[2], r[3]), r.mrn) for r in rows}


def due_lines(session: Session, patient_id: int, day: date) -> list[str]:
    """One line per monitoring item due or overdue for the patient on `day`: for the day
    sheet's alerts (`db.calendar.exports.monitoring_alerts`)."""
    rows = due_rows(session, day, ChecklistFilters(patient_id=patient_id))
    return [
        f"{row.title}: overdue {row.days_overdue} d"
        if row.days_overdue
        else f"{row.title}: {row.state.label.lower()}"
        for row in rows
    ]
