"""Appointments as an iCalendar file (RFC 5545), with the maintained `icalendar` library.

Plain data in, bytes out. Times are the clinic's wall-clock times: with a time zone name
they carry its TZID (and the VTIMEZONE it needs); without one they are "floating", read as
local time wherever the file is opened, which is right for a patient living near the clinic.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

PRODID = "-//Booster Desk//Booster calendar//EN"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    day: date
    start: time
    minutes: int
    summary: str
    description: str = ""
    location: str = ""
    cancelled: bool = False
    sequence: int = 0


def render_ics(
    entries: Sequence[CalendarEntry],
    name: str,
    time_zone: str = "",
    stamp: datetime | None = None,
) -> bytes:
    zone = ZoneInfo(time_zone) if time_zone else None
    stamped = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        begins = datetime.combine(entry.day, entry.start, tzinfo=zone)
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamped)
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=entry.minutes))
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        if entry.location:
            event.add("location", entry.location)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        event.add("sequence", entry.sequence)
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    return calendar.to_ical()
