"""Whether a booking fits the clinic's calendar, why not, and the nearest slot that does.

A booking fits when the clinic is open that day, the booking lies inside the day's opening
hours, and at every minute of it fewer bookings of the same resource overlap it than the
clinic has of that resource. The nearest free slot is the fitting start closest in time to
the one asked for (earlier or later, never before `not_before`), on the same grid of
`slot_minutes` from the day's opening time; on a tie the later one wins, so the patient is
not asked to come early.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clinical.calendar.enums import Resource
from clinical.calendar.hours import WEEKDAY_NAMES, ClinicCalendar


@dataclass(frozen=True)
class Booking:
    """A booking that holds a resource (missed and cancelled ones do not)."""

    day: date
    start: time
    minutes: int
    resource: Resource
    key: int | None = None  # the appointment's id, so that a move can leave itself out

    @property
    def begins(self) -> datetime:
        return datetime.combine(self.day, self.start)

    @property
    def ends(self) -> datetime:
        return self.begins + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Slot:
    day: date
    start: time
    minutes: int

    @property
    def begins(self) -> datetime:
        return datetime.combine(self.day, self.start)

    @property
    def ends(self) -> datetime:
        return self.begins + timedelta(minutes=self.minutes)

    @property
    def text(self) -> str:
        return f"{WEEKDAY_NAMES[self.day.weekday()]} {self.day.isoformat()} {self.start:%H:%M}"


def _overlapping(
    bookings: Iterable[Booking], slot: Slot, resource: Resource, ignore: frozenset[int]
) -> list[Booking]:
    return [
        b
        for b in bookings
        if b.resource is resource
        and b.day == slot.day
        and (b.key is None or b.key not in ignore)
        and b.begins < slot.ends
        and slot.begins < b.ends
    ]


def peak_use(bookings: Sequence[Booking], slot: Slot) -> int:
    """The most of `bookings` in use at once during `slot` (all assumed to overlap it)."""
    points = sorted(
        [(max(b.begins, slot.begins), 1) for b in bookings]
        + [(min(b.ends, slot.ends), -1) for b in bookings]
    )
    peak = current = 0
    for _, step in points:
        current += step
        peak = max(peak, current)
    return peak


def refusal(
    calendar: ClinicCalendar,
    bookings: Iterable[Booking],
    slot: Slot,
    resource: Resource,
    *,
    ignore: Iterable[int] = (),
) -> str | None:
    """Why `slot` cannot be booked on `resource`, in a clinician's words, or None if it can."""
    closed = calendar.closed_day(slot.day)
    weekday = WEEKDAY_NAMES[slot.day.weekday()]
    if closed is not None:
        why = f" ({closed.reason})" if closed.reason else ""
        return f"The clinic is closed on {weekday} {slot.day.isoformat()}{why}."
    hours = calendar.hours[slot.day.weekday()]
    if hours is None:
        return f"The clinic is closed on {weekday}s."
    opens, closes = (datetime.combine(slot.day, t) for t in (hours.opens, hours.closes))
    if slot.begins < opens or slot.ends > closes:
        return (
            f"{slot.start:%H:%M}-{slot.ends:%H:%M} is outside the opening hours "
            f"({hours.text} on {weekday}s)."
        )
    available = calendar.count(resource)
    if available == 0:
        return f"The clinic has no {resource.plural}."
    overlapping = _overlapping(bookings, slot, resource, frozenset(ignore))
    if peak_use(overlapping, slot) >= available:
        when = (
            f"between {slot.start:%H:%M} and {slot.ends:%H:%M} on {weekday} {slot.day.isoformat()}"
        )
        if available == 1:
            return f"The only {resource.singular} is taken at some time {when}."
        return f"All {available} {resource.plural} are taken at some time {when}."
    return None


def _starts(calendar: ClinicCalendar, day: date, minutes: int) -> list[datetime]:
    hours = calendar.hours_on(day)
    if hours is None:
        return []
    step = timedelta(minutes=calendar.slot_minutes)
    first = datetime.combine(day, hours.opens)
    last = datetime.combine(day, hours.closes) - timedelta(minutes=minutes)
    starts = []
    moment = first
    while moment <= last:
        starts.append(moment)
        moment += step
    return starts


def nearest_free_slot(
    calendar: ClinicCalendar,
    bookings: Sequence[Booking],
    wanted: Slot,
    resource: Resource,
    *,
    not_before: datetime | None = None,
    ignore: Iterable[int] = (),
    search_days: int = 28,
) -> Slot | None:
    """The free slot of the same length closest in time to `wanted`, within `search_days`
    either side; None when there is none (or the clinic has none of the resource)."""
    if calendar.count(resource) == 0:
        return None
    ignored = frozenset(ignore)
    relevant = [b for b in bookings if b.resource is resource]
    target = wanted.begins
    candidates: list[tuple[timedelta, int, datetime]] = []
    for offset in range(-search_days, search_days + 1):
        day = wanted.day + timedelta(days=offset)
        for start in _starts(calendar, day, wanted.minutes):
            if not_before is not None and start < not_before:
                continue
            distance = abs(start - target)
            candidates.append((distance, 0 if start >= target else 1, start))
    candidates.sort()
    for _, _, start in candidates:
        slot = Slot(start.date(), start.time(), wanted.minutes)
        if refusal(calendar, relevant, slot, resource, ignore=ignored) is None:
            return slot
    return None
