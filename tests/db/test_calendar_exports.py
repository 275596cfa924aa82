"""The day sheet read back from its PDF, and the iCalendar files parsed back with the
icalendar library."""

import io
from datetime import date, datetime, time

import icalendar
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from clinical.calendar import AppointmentStatus
from clinical.protocols import Modality
from clinical.record.drafts import AllergyDraft
from clinical.record.enums import AllergySeverity
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.calendar import workflows as calendar
from db.calendar.exports import clinic_day_ics, day_sheet_pdf, patient_schedule_ics
from db.calendar.views import BookingDraft
from db.courses import workflows as courses
from db.database import Database
from db.models import AuditEvent
from db.patients.workflows import create_patient, save_allergy
from reports.day_sheet import DaySheet, DaySheetRow, render_day_sheet
from reports.model import Letterhead
from tests.db.course_builders import MONDAY, MORNING, clinic, new_course
from tests.factories import make_patient_draft

WEDNESDAY = date(2026, 11, 25)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def day_with_bookings(database: Database, staff: dict[Role, Actor]) -> dict[str, int]:
    """Wednesday: a ketamine induction, a Spravato visit and a cancelled TMS session."""
    prescriber = staff[Role.PRESCRIBER]
    ada = create_patient(database, prescriber, make_patient_draft(mrn="BD-1"))
    save_allergy(
        database, prescriber, ada, AllergyDraft("Latex", "Hives", AllergySeverity.MODERATE)
    )
    course_id = new_course(database, prescriber, ada)
    view = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    courses.accept_proposal(database, prescriber, view, now=MORNING)
    courses.record_authorization(database, prescriber, course_id, 2, "PA-77", MONDAY)
    zoe = create_patient(
        database,
        prescriber,
        make_patient_draft(mrn="BD-2", legal_family_name="Nguyễn", legal_given_names="Zoë"),
    )
    (spravato,) = calendar.book_appointment(
        database,
        prescriber,
        BookingDraft(zoe, Modality.ESKETAMINE, WEDNESDAY, time(13, 0), 150, note="First dose"),
        today=MONDAY,
        now=MORNING,
    )
    li = create_patient(
        database,
        prescriber,
        make_patient_draft(mrn="BD-3", legal_family_name="王", legal_given_names="芳"),
    )
    (tms,) = calendar.book_appointment(
        database,
        prescriber,
        BookingDraft(li, Modality.TMS, WEDNESDAY, time(8, 0), 45),
        today=MONDAY,
        now=MORNING,
    )
    row = calendar.appointment(database, prescriber, tms)
    calendar.set_status(
        database, prescriber, tms, row.version, AppointmentStatus.CANCELLED, "Unwell", today=MONDAY
    )
    return {"ada": ada, "zoe": zoe, "li": li, "spravato": spravato, "tms": tms}


def test_the_day_sheet_lists_the_day_in_time_order_with_step_and_alerts(
    database: Database, staff: dict[Role, Actor], day_with_bookings: dict[str, int]
) -> None:
    pdf = day_sheet_pdf(
        database,
        staff[Role.NURSE],
        WEDNESDAY,
        Letterhead("Lakeside Ketamine Clinic"),
        now=datetime(2026, 11, 25, 7, 0),
    )
    text = pdf_text(pdf)
    assert "Lakeside Ketamine Clinic" in text
    assert "Day sheet: Wednesday 11/25/2026" in text
    assert "Open 08:00-17:00. 2 bookings (IV ketamine 1, Spravato 1)." in text
    # Time order: the cancelled TMS at 08:00, the infusion at 09:00, Spravato at 13:00.
    assert text.index("王") < text.index("Testperson, Ada") < text.index("Nguyễn, Zoë")
    assert "Cancelled" in text
    flat = " ".join(text.split())
    assert "Induction 2 of 6 · 0.5 mg/kg IV over 40 min" in flat
    assert "Allergies: Latex (moderate)" in flat
    assert "Insurance authorization: 2 of 2 sessions left" in flat
    assert "MADRS due (none recorded yet)" in flat
    assert "Spravato: monitor at least 2 hours; REMS monitoring form" in flat
    assert "Printed 11/25/2026 07:00 by Synthetic Nurse" in flat
    with database.reading() as session:
        printed = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "print")
        ).one()
    assert printed == "day sheet 2026-11-25: 3 bookings"


def test_the_front_desk_day_sheet_leaves_out_steps_and_alerts(
    database: Database, staff: dict[Role, Actor], day_with_bookings: dict[str, int]
) -> None:
    text = pdf_text(day_sheet_pdf(database, staff[Role.FRONT_DESK], WEDNESDAY))
    assert "Testperson, Ada" in text and "Status" in text
    assert "Induction" not in text and "Latex" not in text and "Alerts" not in text


def test_a_closed_day_sheet_says_so() -> None:
    sheet = DaySheet(
        day=date(2026, 11, 26),
        rows=(),
        printed_by="Jordan Lee",
        printed_at=datetime(2026, 11, 25, 17, 0),
        closed_reason="Thanksgiving",
    )
    text = pdf_text(render_day_sheet(sheet, Letterhead("Lakeside")))
    assert "The clinic is closed (Thanksgiving). 0 bookings (none)." in text
    assert "No bookings on this day." in text


def test_a_long_day_runs_onto_more_pages_with_the_header_repeated() -> None:
    rows = tuple(
        DaySheetRow(
            time(8, 0),
            time(8, 45),
            f"Patient {n:02d}",
            f"BD-{n}",
            date(1980, 1, 1),
            "TMS",
            "Booked",
            "Induction 3 of 36",
            ("HAM-D due",),
        )
        for n in range(60)
    )
    sheet = DaySheet(MONDAY, rows, "Jordan Lee", datetime(2026, 11, 23, 7, 0), "08:00-17:00")
    reader = PdfReader(io.BytesIO(render_day_sheet(sheet, Letterhead("Lakeside"))))
    assert len(reader.pages) > 1
    assert "Dose or protocol step" in reader.pages[1].extract_text()
    assert "Patient 59" in reader.pages[-1].extract_text()


def test_the_clinic_day_exports_as_icalendar(
    database: Database, staff: dict[Role, Actor], day_with_bookings: dict[str, int]
) -> None:
    clinic(database, staff[Role.ADMINISTRATOR], time_zone="America/Chicago")
    data = clinic_day_ics(database, staff[Role.NURSE], WEDNESDAY)
    parsed = icalendar.Calendar.from_ical(data)
    events = sorted(parsed.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == [
        "王, 芳 (BD-3): TMS",
        "Testperson, Ada (BD-1): IV ketamine",
        "Nguyễn, Zoë (BD-2): Esketamine (Spravato)",
    ]
    tms, infusion, spravato = events
    assert str(tms["status"]) == "CANCELLED"
    assert str(infusion["status"]) == "CONFIRMED"
    start = infusion.decoded("dtstart")
    assert (start.date(), start.time(), str(start.tzinfo)) == (
        WEDNESDAY,
        time(9, 0),
        "America/Chicago",
    )
    assert (infusion.decoded("dtend") - start).seconds == 90 * 60
    assert (spravato.decoded("dtend") - spravato.decoded("dtstart")).seconds == 150 * 60
    assert "Induction 2 of 6" in str(infusion["description"])
    assert len(list(parsed.walk("VTIMEZONE"))) == 1
    uids = {str(e["uid"]) for e in events}
    assert len(uids) == 3 and all(uid.endswith("@boosterdesk") for uid in uids)
    # The same appointment keeps its UID in a later export, so calendars update, not duplicate.
    again = icalendar.Calendar.from_ical(clinic_day_ics(database, staff[Role.NURSE], WEDNESDAY))
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == uids


def test_a_patients_schedule_exports_without_anything_clinical(
    database: Database, staff: dict[Role, Actor], day_with_bookings: dict[str, int]
) -> None:
    data = patient_schedule_ics(database, staff[Role.FRONT_DESK], day_with_bookings["ada"], MONDAY)
    parsed = icalendar.Calendar.from_ical(data)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 6
    assert {str(e["summary"]) for e in events} == {"IV ketamine appointment"}
    assert str(parsed["x-wr-calname"]) == "Appointments for Ada"
    text = data.decode()
    assert "BD-1" not in text and "Induction" not in text and "Latex" not in text
    first = min(e.decoded("dtstart") for e in events)
    assert first == datetime(2026, 11, 23, 9, 0)  # floating: local time wherever it is read
    with database.reading() as session:
        exported = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "export")
        ).one()
    assert exported == "iCalendar from 2026-11-23: 6 appointments"
