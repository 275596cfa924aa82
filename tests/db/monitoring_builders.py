"""Builders the monitoring tests share (imported, not collected): a patient on a course whose
first treatment was given on a known day."""

from datetime import date, datetime, time

from clinical.calendar import AppointmentStatus
from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.calendar import workflows as calendar
from db.calendar.views import BookingDraft
from db.courses import workflows as courses
from db.database import Database
from db.patients.workflows import create_patient
from tests.db.course_builders import course_draft
from tests.factories import make_patient_draft

FIRST_TREATMENT = date(2026, 1, 5)  # a Monday


def book(
    database: Database,
    actor: Actor,
    patient_id: int,
    day: date,
    *,
    course_id: int | None = None,
    modality: Modality = Modality.IV_KETAMINE,
    at: time = time(9, 0),
) -> int:
    draft = BookingDraft(patient_id, modality, day, at, 60, course_id=course_id)
    (appointment_id,) = calendar.book_appointment(
        database, actor, draft, today=day, now=datetime.combine(day, time(7, 0))
    )
    return appointment_id


def give(database: Database, actor: Actor, appointment_id: int, day: date) -> None:
    view = calendar.appointment(database, actor, appointment_id)
    calendar.set_status(
        database, actor, appointment_id, view.version, AppointmentStatus.DONE, today=day
    )


def patient_on_course(
    database: Database,
    actor: Actor,
    *,
    mrn: str = "BD-0001",
    modality: Modality = Modality.IV_KETAMINE,
    first_treatment: date | None = FIRST_TREATMENT,
    education_years: int = 16,
) -> tuple[int, int]:
    """(patient id, course id); the first treatment booked and given on `first_treatment`."""
    patient_id = create_patient(
        database,
        actor,
        make_patient_draft(mrn=mrn, education_years=education_years),
        date(2025, 12, 1),
    )
    started = first_treatment or date(2026, 1, 5)
    course_id = courses.create_course(
        database,
        actor,
        patient_id,
        course_draft(modality=modality, started_on=started),
        started,
    )
    if first_treatment is not None:
        appointment_id = book(
            database, actor, patient_id, first_treatment, course_id=course_id, modality=modality
        )
        give(database, actor, appointment_id, first_treatment)
    return patient_id, course_id
