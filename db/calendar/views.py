"""What the calendar screens receive: plain values, detached from any session."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clinical.calendar import AppointmentStatus, ChangeKind, Resource, Slot, resource_for
from clinical.protocols.enums import Modality
from db.errors import ClinicError


@dataclass(frozen=True)
class AppointmentView:
    id: int
    version: int
    patient_id: int
    patient_name: str
    mrn: str
    date_of_birth: date
    course_id: int | None
    modality: Modality
    day: date
    start: time
    minutes: int
    status: AppointmentStatus
    series_id: int | None
    note: str = ""
    status_reason: str = ""
    # Where the course stands, for a role that may see clinical records ("" otherwise).
    step_text: str = ""
    # The day it was first booked for, when it has been moved since.
    first_booked_for: date | None = None

    @property
    def begins(self) -> datetime:
        return datetime.combine(self.day, self.start)

    @property
    def ends(self) -> datetime:
        return self.begins + timedelta(minutes=self.minutes)

    @property
    def resource(self) -> Resource:
        return resource_for(self.modality)

    @property
    def slot(self) -> Slot:
        return Slot(self.day, self.start, self.minutes)

    @property
    def time_text(self) -> str:
        return f"{self.start:%H:%M}-{self.ends:%H:%M}"


@dataclass(frozen=True)
class ChangeView:
    kind: ChangeKind
    from_day: date | None
    from_time: time | None
    to_day: date | None
    to_time: time | None
    from_status: str
    to_status: str
    reason: str
    changed_by: str
    changed_at: datetime

    @property
    def text(self) -> str:
        def when(day: date | None, at: time | None) -> str:
            return f"{day.isoformat()} {at:%H:%M}" if day and at else ""

        if self.kind is ChangeKind.BOOKED:
            what = f"Booked for {when(self.to_day, self.to_time)}"
        elif self.kind is ChangeKind.STATUS:
            what = f"{self.from_status.capitalize()} → {self.to_status.capitalize()}"
        else:
            what = (
                f"{self.kind.label}: {when(self.from_day, self.from_time)} → "
                f"{when(self.to_day, self.to_time)}"
            )
        return f"{what}{f' ({self.reason})' if self.reason else ''}"


@dataclass(frozen=True)
class BookingDraft:
    """A new booking; `repeat_count` > 1 books a series every `repeat_every_days`."""

    patient_id: int
    modality: Modality
    day: date
    start: time
    minutes: int
    course_id: int | None = None
    note: str = ""
    repeat_every_days: int = 7
    repeat_count: int = 1


@dataclass(frozen=True)
class ReplanChange:
    """One appointment in a re-plan: moved (both slots), added (no `before`), or kept."""

    appointment_id: int | None
    before: Slot | None
    after: Slot
    note: str = ""


@dataclass(frozen=True)
class ReplanPlan:
    course_id: int
    why: str
    changes: tuple[ReplanChange, ...]

    @property
    def empty(self) -> bool:
        return not self.changes


class SlotUnavailableError(ClinicError):
    """The slot cannot be booked: closed, outside hours, or full. Offers the nearest free one."""

    def __init__(self, wanted: Slot, reason: str, nearest: Slot | None) -> None:
        self.wanted = wanted
        self.reason = reason
        self.nearest = nearest
        offer = (
            f" The nearest free slot is {nearest.text}."
            if nearest is not None
            else " There is no free slot within four weeks of it."
        )
        super().__init__(reason + offer)
