"""The calendar's clinic settings: opening hours, closed days, capacity, booking lengths.

Stored in the clinic setting store (`clinic_setting`, one JSON value per key, keys prefixed
"calendar."), beside the idle lock: one place for everything an administrator sets, audited
the same way, no table of its own. Missing keys fall back to the defaults of
`clinical.calendar.ClinicCalendar`.
"""

import json
from datetime import date, time
from typing import Any

from sqlalchemy import select

from clinical.calendar import ClinicCalendar, ClosedDay, DayHours, Resource
from clinical.protocols.enums import Modality
from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditCategory
from db.database import Database
from db.errors import InvalidEntryError
from db.models import ClinicSetting
from db.settings.store import write_settings

HOURS = "calendar.opening_hours"
CLOSED_DAYS = "calendar.closed_days"
CAPACITY = "calendar.capacity"
DURATIONS = "calendar.durations"
SLOT_MINUTES = "calendar.slot_minutes"
TIME_ZONE = "calendar.time_zone"


def _encode(calendar: ClinicCalendar, time_zone: str) -> dict[str, Any]:
    return {
        HOURS: [
            None if h is None else [h.opens.strftime("%H:%M"), h.closes.strftime("%H:%M")]
            for h in calendar.hours
        ],
        CLOSED_DAYS: [
            {"on": c.on.isoformat(), "reason": c.reason}
            for c in sorted(calendar.closed_days, key=lambda c: c.on)
        ],
        CAPACITY: {r.value: calendar.count(r) for r in Resource},
        DURATIONS: {m.value: calendar.duration(m) for m in Modality},
        SLOT_MINUTES: calendar.slot_minutes,
        TIME_ZONE: time_zone,
    }


def _decode(stored: dict[str, Any]) -> ClinicCalendar:
    defaults = ClinicCalendar()
    hours = defaults.hours
    if HOURS in stored:
        hours = tuple(
            None
            if entry is None
            else DayHours(time.fromisoformat(entry[0]), time.fromisoformat(entry[1]))
            for entry in stored[HOURS]
        )
    closed = tuple(
        ClosedDay(date.fromisoformat(entry["on"]), entry.get("reason", ""))
        for entry in stored.get(CLOSED_DAYS, [])
    )
    capacity = dict(defaults.capacity)
    capacity.update({Resource(k): int(v) for k, v in stored.get(CAPACITY, {}).items()})
    durations = dict(defaults.durations)
    durations.update({Modality(k): int(v) for k, v in stored.get(DURATIONS, {}).items()})
    return ClinicCalendar(
        hours=hours,
        closed_days=closed,
        capacity=capacity,
        durations=durations,
        slot_minutes=int(stored.get(SLOT_MINUTES, defaults.slot_minutes)),
    )


def _stored(database: Database) -> dict[str, Any]:
    with database.reading() as session:
        rows = session.scalars(select(ClinicSetting).where(ClinicSetting.key.like("calendar.%")))
        return {row.key: json.loads(row.value_json) for row in rows}


def load_calendar(database: Database) -> ClinicCalendar:
    """Every workstation reads these; they hold nothing about patients."""
    return _decode(_stored(database))


def load_time_zone(database: Database) -> str:
    """The clinic's IANA time zone for calendar exports; empty: the local time of the reader."""
    return str(_stored(database).get(TIME_ZONE, ""))


def _problems(calendar: ClinicCalendar, time_zone: str) -> list[Problem]:
    problems = []
    if all(h is None for h in calendar.hours):
        problems.append(Problem(HOURS, "The clinic must be open on at least one weekday."))
    days = [c.on for c in calendar.closed_days]
    if len(days) != len(set(days)):
        problems.append(Problem(CLOSED_DAYS, "A closed day is listed twice."))
    if time_zone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(
                Problem(TIME_ZONE, f"'{time_zone}' is not a time zone name (e.g. America/Chicago).")
            )
    return problems


def save_calendar(
    database: Database, actor: Actor, calendar: ClinicCalendar, time_zone: str = ""
) -> None:
    """Each changed value is its own audited setting change, with the value before it."""
    authorize(database, actor, Permission.MANAGE_SETTINGS, AuditCategory.SETTINGS)
    if problems := _problems(calendar, time_zone.strip()):
        raise InvalidEntryError(problems)
    wanted = _encode(calendar, time_zone.strip())
    with database.transaction() as session:
        write_settings(database, session, actor, wanted)
