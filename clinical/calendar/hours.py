"""The clinic's calendar rules: opening hours per weekday, closed days, capacity, durations."""

from dataclasses import dataclass, field
from datetime import date, time

from clinical.calendar.enums import Resource
from clinical.protocols.enums import Modality

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DayHours:
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError(f"Closing time {self.closes:%H:%M} is not after {self.opens:%H:%M}.")

    @property
    def text(self) -> str:
        return f"{self.opens:%H:%M}-{self.closes:%H:%M}"


@dataclass(frozen=True)
class ClosedDay:
    on: date
    reason: str = ""

    @property
    def text(self) -> str:
        return f"{self.on.isoformat()} ({self.reason})" if self.reason else self.on.isoformat()


def _weekdays() -> tuple[DayHours | None, ...]:
    weekday = DayHours(time(8, 0), time(17, 0))
    return (weekday, weekday, weekday, weekday, weekday, None, None)


def default_capacity() -> dict[Resource, int]:
    return {Resource.INFUSION_CHAIR: 4, Resource.SPRAVATO_ROOM: 2, Resource.TMS_DEVICE: 2}


def default_durations() -> dict[Modality, int]:
    """Minutes a booking holds its chair, room or device.

    IV ketamine: a 40-minute infusion and recovery; IM ketamine: injection and recovery;
    esketamine: dosing and at least 2 hours of monitoring (Spravato REMS); TMS: one session
    of 10 Hz rTMS with set-up (about 37 minutes of stimulation).
    """
    return {
        Modality.IV_KETAMINE: 90,
        Modality.IM_KETAMINE: 90,
        Modality.ESKETAMINE: 150,
        Modality.TMS: 45,
    }


@dataclass(frozen=True)
class ClinicCalendar:
    """Opening hours Monday..Sunday (None: closed that weekday), closed days, how many of
    each resource, booking granularity and the usual length of a booking per modality."""

    hours: tuple[DayHours | None, ...] = field(default_factory=_weekdays)
    closed_days: tuple[ClosedDay, ...] = ()
    capacity: dict[Resource, int] = field(default_factory=default_capacity)
    durations: dict[Modality, int] = field(default_factory=default_durations)
    slot_minutes: int = 15

    def __post_init__(self) -> None:
        if len(self.hours) != 7:
            raise ValueError("Opening hours need one entry per weekday, Monday to Sunday.")
        if not 5 <= self.slot_minutes <= 60:
            raise ValueError("Bookings snap to 5-60 minute steps.")
        for resource in Resource:
            if self.capacity.get(resource, 0) < 0:
                raise ValueError(f"{resource.label}: the number cannot be negative.")
        for modality in Modality:
            if not 5 <= self.durations.get(modality, 0) <= 600:
                raise ValueError(f"{modality.label}: a booking lasts 5 to 600 minutes.")

    def hours_on(self, day: date) -> DayHours | None:
        """The day's opening hours, or None when the clinic is closed that day."""
        if self.closed_day(day) is not None:
            return None
        return self.hours[day.weekday()]

    def closed_day(self, day: date) -> ClosedDay | None:
        return next((closed for closed in self.closed_days if closed.on == day), None)

    def duration(self, modality: Modality) -> int:
        return self.durations[modality]

    def count(self, resource: Resource) -> int:
        return self.capacity.get(resource, 0)

    @property
    def earliest_opening(self) -> time:
        opens = [h.opens for h in self.hours if h is not None]
        return min(opens) if opens else time(8, 0)

    @property
    def latest_closing(self) -> time:
        closes = [h.closes for h in self.hours if h is not None]
        return max(closes) if closes else time(17, 0)
