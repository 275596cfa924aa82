"""The clinic's calendar as pure rules: opening hours, closed days, capacity per resource
(infusion chairs, Spravato monitoring rooms, TMS devices), whether a booking fits, and the
nearest free slot when it does not."""

from clinical.calendar.enums import (
    AppointmentStatus,
    ChangeKind,
    Decision,
    Resource,
    resource_for,
)
from clinical.calendar.hours import (
    WEEKDAY_NAMES,
    ClinicCalendar,
    ClosedDay,
    DayHours,
    default_capacity,
    default_durations,
)
from clinical.calendar.slots import Booking, Slot, nearest_free_slot, peak_use, refusal

__all__ = [
    "WEEKDAY_NAMES",
    "AppointmentStatus",
    "Booking",
    "ChangeKind",
    "ClinicCalendar",
    "ClosedDay",
    "DayHours",
    "Decision",
    "Resource",
    "Slot",
    "default_capacity",
    "default_durations",
    "nearest_free_slot",
    "peak_use",
    "refusal",
    "resource_for",
]
