"""The patient's booster schedule handout: the sessions booked ahead, and the clinic's
rules for the day of a session (its own fasting wording; a ride home and no driving until
the next day after ketamine or esketamine are printed by the handout itself)."""

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus
from db.letters.compose.common import (
    FreeTextField,
    Gathered,
    check_free_text,
    finish,
    letter_patient,
)
from db.letters.draft import FixPlace, LetterDraft
from db.models import Appointment, Patient
from reports import letters as report
from reports.model import Letterhead

FIELDS = (
    FreeTextField("note", "Note for the patient", multiline=True),
    FreeTextField(
        "contact_phone", "Phone for questions", hint="Leave empty for the clinic's number."
    ),
)
# How far ahead the handout looks, and how many sessions it lists at most.
HORIZON_DAYS = 183
MAX_SESSIONS = 24


def upcoming(
    session: Session, patient_id: int, today: date, time_zone: str
) -> tuple[report.UpcomingSession, ...]:
    """Booked appointments from today on, in the clinic's time zone (the computer's own
    when the clinic has not set one)."""
    zone = ZoneInfo(time_zone) if time_zone else None
    rows = session.execute(
        select(Appointment.day, Appointment.start_time, Appointment.modality)
        .where(
            Appointment.patient_id == patient_id,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.day >= today,
            Appointment.day <= today + timedelta(days=HORIZON_DAYS),
        )
        .order_by(Appointment.day, Appointment.start_time)
        .limit(MAX_SESSIONS)
    )
    sessions = []
    for day, start, modality in rows:
        naive = datetime.combine(day, start)
        starts_at = naive.replace(tzinfo=zone) if zone else naive.astimezone()
        sessions.append(report.UpcomingSession(starts_at, modality))
    return tuple(sessions)


def compose_booster_schedule(
    session: Session,
    patient: Patient,
    letterhead: Letterhead | None,
    free_text: Mapping[str, str],
    today: date,
    *,
    time_zone: str,
    fasting_wording: str,
) -> LetterDraft[report.BoosterSchedule]:
    text = check_free_text(free_text, FIELDS)
    gathered = Gathered()
    if letterhead is None:
        gathered.lack("The clinic's letterhead is not set up.", FixPlace.LETTERHEAD_SETTINGS)
    sessions = upcoming(session, patient.id, today, time_zone)
    if not sessions:
        gathered.lack(
            f"No session is booked in the next {HORIZON_DAYS // 30} months: book them first.",
            FixPlace.CALENDAR,
        )

    def build() -> report.BoosterSchedule:
        assert letterhead is not None
        return report.BoosterSchedule(
            letterhead=letterhead,
            patient=letter_patient(patient),
            sessions=sessions,
            printed_on=today,
            contact_phone=text["contact_phone"],
            fasting_instructions=fasting_wording,
            note=text["note"],
        )

    return finish(gathered, build, report.missing_facts, FixPlace.CALENDAR)
