"""What the session screen tests share (imported; holds no tests): a patient on a course with
an appointment booked on a Monday, and the helpers that type into a form by keyboard."""

from datetime import date, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from clinical.modality import Modality
from db.accounts.actor import Actor
from db.database import Database
from db.monitoring.workflows import record_completion
from tests.db.monitoring_builders import book, patient_on_course

DAY = date(2026, 11, 16)  # a Monday


def booked(
    database: Database,
    actor: Actor,
    modality: Modality = Modality.IV_KETAMINE,
    *,
    day: date = DAY,
    mrn: str = "BD-0001",
    at: time = time(9, 0),
) -> tuple[int, int, int]:
    """(patient id, course id, appointment id): a course of `modality` with an appointment
    booked on `day`; for esketamine, the patient's REMS enrollment on file."""
    patient_id, course_id = patient_on_course(
        database, actor, mrn=mrn, modality=modality, first_treatment=None
    )
    if modality is Modality.ESKETAMINE:
        enrolled = day - timedelta(days=30)
        record_completion(database, actor, patient_id, "rems_enrollment", enrolled, today=day)
    appointment_id = book(
        database, actor, patient_id, day, course_id=course_id, modality=modality, at=at
    )
    return patient_id, course_id, appointment_id


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


TOGGLE = "<space, then Tab>"  # a check box: Space ticks it, Tab moves on
PRESS = "<space>"  # a push button: Space presses it, and the button decides where focus goes


def type_along(qtbot, entries: list[tuple[str, str]]) -> None:
    """Type each text into the field that has the focus, then press Tab. Each entry names
    the field expected to have the focus (its object name), so a broken Tab order fails
    here, naming the field it reached instead."""
    for name, text in entries:
        widget = focused()
        assert widget.objectName() == name, f"Tab reached {widget.objectName()!r}, not {name!r}"
        if text in (TOGGLE, PRESS):
            qtbot.keyClick(widget, Qt.Key.Key_Space)
            if text == PRESS:
                continue
        elif text:
            qtbot.keyClicks(widget, text)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def vitals_entries(point: str, taken_at: str, *readings: str) -> list[tuple[str, str]]:
    """Time, systolic, diastolic, heart rate, SpO2, respiratory rate of one row."""
    names = ("taken_at", "systolic", "diastolic", "heart_rate", "spo2", "respiratory_rate")
    values = (taken_at, *readings) + ("",) * (len(names) - 1 - len(readings))
    return [(f"vitals_{point}.{name}", value) for name, value in zip(names, values, strict=True)]
