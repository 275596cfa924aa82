"""The demo clinic's courses and calendar: every phase, weeks back and ahead, never past
capacity, nothing on a closed day, and every course's proposal follows from its history."""

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from clinical.calendar import AppointmentStatus, Booking, Slot, peak_use, resource_for
from clinical.protocols import Modality, Phase
from db.accounts.actor import Actor
from db.calendar.settings import load_calendar
from db.courses.workflows import propose
from db.database import Database
from db.demo.generate import generate_demo_clinic
from db.models import Appointment, BoosterDecision, TreatmentCourse

TODAY = date(2026, 11, 23)


def test_the_demo_clinic_has_courses_in_every_phase_and_a_full_calendar(
    database: Database, prescriber: Actor
) -> None:
    generate_demo_clinic(database, patients=80, seed=5, today=TODAY)
    calendar = load_calendar(database)
    with database.reading() as session:
        courses = session.execute(
            select(TreatmentCourse.id, TreatmentCourse.phase, TreatmentCourse.modality)
        ).all()
        rows = session.execute(
            select(
                Appointment.day,
                Appointment.start_time,
                Appointment.duration_minutes,
                Appointment.modality,
                Appointment.status,
            )
        ).all()
        decisions = session.scalar(select(BoosterDecision.id).limit(1))
    assert {c.phase for c in courses} == set(Phase)
    assert {c.modality for c in courses} == set(Modality)
    assert decisions is not None

    days = {r.day for r in rows}
    assert min(days) <= TODAY - timedelta(weeks=6) and max(days) >= TODAY + timedelta(weeks=4)
    ahead = [r for r in rows if r.day > TODAY]
    assert ahead and {r.status for r in ahead} == {AppointmentStatus.BOOKED}
    past = {r.status for r in rows if r.day < TODAY}
    assert {AppointmentStatus.DONE, AppointmentStatus.MISSED, AppointmentStatus.CANCELLED} <= past
    assert calendar.closed_days, "the demo has closed days to show"
    assert not days & {c.on for c in calendar.closed_days}

    by_day: dict[tuple, list[Booking]] = defaultdict(list)
    for r in rows:
        if r.status.occupies:
            by_day[(r.day, resource_for(r.modality))].append(
                Booking(r.day, r.start_time, r.duration_minutes, resource_for(r.modality))
            )
    for (day, resource), bookings in by_day.items():
        whole_day = Slot(day, min(b.start for b in bookings), 24 * 60 - 1)
        assert peak_use(bookings, whole_day) <= calendar.count(resource), (day, resource)
        hours = calendar.hours_on(day)
        assert hours is not None and all(
            hours.opens <= b.start and b.ends.time() <= hours.closes for b in bookings
        )

    for course in courses:
        view = propose(database, prescriber, course.id, TODAY)
        assert view.proposal.reason
