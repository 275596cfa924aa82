"""Queries on appointments for the screens. Takes a session; never commits."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus, ChangeKind
from clinical.protocols import Phase
from clinical.record.names import display_name
from db.calendar.booking import OCCUPYING
from db.calendar.views import AppointmentView, ChangeView
from db.courses.repository import bare_view
from db.courses.views import CourseView, course_step_text
from db.models import (
    Appointment,
    AppointmentChange,
    BoosterDecision,
    Patient,
    TreatmentCourse,
)


def _query() -> Select:
    return (
        select(
            Appointment,
            Patient.legal_family_name,
            Patient.legal_given_names,
            Patient.preferred_name,
            Patient.mrn,
            Patient.date_of_birth,
        )
        .join(Patient, Patient.id == Appointment.patient_id)
        .order_by(Appointment.day, Appointment.start_time, Appointment.id)
    )


def _decision_texts(session: Session, rows: Sequence[Appointment]) -> dict[int, tuple[Phase, str]]:
    """What the decision that booked each appointment set: "Maintenance, every 21 days"."""
    ids = {r.decision_id for r in rows if r.decision_id is not None}
    if not ids:
        return {}
    texts = {}
    for decision in session.scalars(select(BoosterDecision).where(BoosterDecision.id.in_(ids))):
        interval = decision.chosen_interval_days or decision.interval_days
        text = decision.phase_after.label
        if interval and decision.phase_after is not Phase.INDUCTION:
            text = f"{text}, every {interval} days"
        texts[decision.id] = (decision.phase_after, text)
    return texts


def _step_texts(session: Session, rows: Sequence[Appointment]) -> dict[int, str]:
    """Per appointment: the step it was booked at (from its decision; the course's current
    step for one booked by hand), the treatment's number in the course, and the dose."""
    course_ids = {r.course_id for r in rows if r.course_id is not None}
    if not course_ids:
        return {}
    courses: dict[int, CourseView] = {
        c.id: bare_view(c)
        for c in session.scalars(select(TreatmentCourse).where(TreatmentCourse.id.in_(course_ids)))
    }
    ordinal: dict[int, int] = {}
    counters: dict[int, int] = defaultdict(int)
    for appointment_id, course_id in session.execute(
        select(Appointment.id, Appointment.course_id)
        .where(Appointment.course_id.in_(course_ids), Appointment.status.in_(OCCUPYING))
        .order_by(Appointment.day, Appointment.start_time, Appointment.id)
    ):
        counters[course_id] += 1
        ordinal[appointment_id] = counters[course_id]
    decided = _decision_texts(session, rows)
    texts = {}
    for row in rows:
        course = courses.get(row.course_id) if row.course_id is not None else None
        if course is None:
            continue
        number = ordinal.get(row.id)
        total = course.template.induction_sessions
        decision = decided.get(row.decision_id) if row.decision_id is not None else None
        phase = decision[0] if decision else course.phase
        if phase is Phase.INDUCTION and number is not None and total and number <= total:
            parts = [f"Induction {number} of {total}"]
        else:
            parts = [decision[1] if decision else course_step_text(course)]
            if number is not None:
                parts.append(f"#{number}")
        if course.dose_plan:
            parts.append(course.dose_plan)
        texts[row.id] = " · ".join(parts)
    return texts


def _first_days(session: Session, ids: Sequence[int]) -> dict[int, date]:
    if not ids:
        return {}
    rows = session.execute(
        select(AppointmentChange.appointment_id, AppointmentChange.to_day).where(
            AppointmentChange.appointment_id.in_(ids),
            AppointmentChange.kind == ChangeKind.BOOKED,
        )
    )
    return {r.appointment_id: r.to_day for r in rows if r.to_day is not None}


def _views(session: Session, query: Select, clinical: bool) -> list[AppointmentView]:
    results = session.execute(query).all()
    rows = [r[0] for r in results]
    steps = _step_texts(session, rows) if clinical else {}
    first = _first_days(session, [r.id for r in rows])
    views = []
    for row, family, given, preferred, mrn, born in results:
        booked_for = first.get(row.id)
        views.append(
            AppointmentView(
                id=row.id,
                version=row.version,
                patient_id=row.patient_id,
                patient_name=display_name(family, given, preferred),
                mrn=mrn,
                date_of_birth=born,
                course_id=row.course_id,
                modality=row.modality,
                day=row.day,
                start=row.start_time,
                minutes=row.duration_minutes,
                status=row.status,
                series_id=row.series_id,
                note=row.note,
                status_reason=row.status_reason,
                step_text=steps.get(row.id, ""),
                first_booked_for=booked_for if booked_for != row.day else None,
            )
        )
    return views


def appointments_between(
    session: Session, first: date, last: date, *, clinical: bool
) -> list[AppointmentView]:
    query = _query().where(Appointment.day >= first, Appointment.day <= last)
    return _views(session, query, clinical)


def appointments_of_patient(
    session: Session, patient_id: int, *, clinical: bool
) -> list[AppointmentView]:
    return _views(session, _query().where(Appointment.patient_id == patient_id), clinical)


def appointment_view(session: Session, appointment_id: int, *, clinical: bool) -> AppointmentView:
    views = _views(session, _query().where(Appointment.id == appointment_id), clinical)
    return views[0]


def changes_of(session: Session, appointment_id: int) -> list[ChangeView]:
    rows = session.scalars(
        select(AppointmentChange)
        .where(AppointmentChange.appointment_id == appointment_id)
        .order_by(AppointmentChange.id)
    )
    return [
        ChangeView(
            kind=r.kind,
            from_day=r.from_day,
            from_time=r.from_time,
            to_day=r.to_day,
            to_time=r.to_time,
            from_status=r.from_status,
            to_status=r.to_status,
            reason=r.reason,
            changed_by=r.changed_by,
            changed_at=r.changed_at,
        )
        for r in rows
    ]


def cancelled_or_missed(status: AppointmentStatus) -> bool:
    return status in (AppointmentStatus.CANCELLED, AppointmentStatus.MISSED)
