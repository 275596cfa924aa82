"""What the monitoring screens and the command line receive: plain values."""

from dataclasses import dataclass
from datetime import date, datetime, time

from clinical.modality import Modality
from clinical.monitoring import EventKind, ItemState, MonitoringRule, ResultKind
from db.scales.views import SafetyAlertView


@dataclass(frozen=True)
class CompletionView:
    id: int
    item_code: str
    title: str
    done_on: date
    session_on: date | None
    abnormal: bool
    summary: str
    performed_by: str
    note: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class EventView:
    id: int
    kind: EventKind
    occurred_on: date
    detail: str
    source: str
    recorded_by: str

    @property
    def text(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.occurred_on.isoformat()}: {self.kind.label.capitalize()}{detail}"


@dataclass(frozen=True)
class ChecklistItem:
    """One item of a patient's checklist on a day."""

    item_code: str
    title: str
    state: ItemState
    window_start: date | None
    window_end: date | None
    last_done: date | None
    reason: str
    schedule: str
    result_kind: ResultKind
    last_result: str = ""
    last_abnormal: bool = False
    # A per-session item (REMS monitoring form): the sessions still without one.
    open_sessions: tuple[date, ...] = ()

    @property
    def reason_detail(self) -> str:
        """The reason without the title it starts with (for a table that shows the title)."""
        return self.reason.removeprefix(f"{self.title}: ")

    @property
    def window_text(self) -> str:
        if self.state is ItemState.BASELINE_MISSING:
            return (
                f"before {self.window_end.isoformat()}"
                if self.window_end
                else "before the first treatment"
            )
        if self.window_start and self.window_end:
            return f"{self.window_start.isoformat()} to {self.window_end.isoformat()}"
        if self.window_start:
            return f"from {self.window_start.isoformat()}"
        return ""


@dataclass(frozen=True)
class PatientChecklist:
    patient_id: int
    as_of: date
    education_years: int | None
    items: tuple[ChecklistItem, ...]
    completions: tuple[CompletionView, ...]
    events: tuple[EventView, ...]

    def item(self, code: str) -> ChecklistItem:
        return next(item for item in self.items if item.item_code == code)

    @property
    def needing_action(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.items if item.state.needs_action)


@dataclass(frozen=True)
class ChecklistFilters:
    """What the clinic-wide list is narrowed to; None means any."""

    item_code: str | None = None
    prescriber: str | None = None
    modality: Modality | None = None
    state: ItemState | None = None  # OVERDUE, DUE or BASELINE_MISSING
    patient_id: int | None = None


@dataclass(frozen=True)
class DueRow:
    """One item needing action for one patient, on the day the list is for."""

    patient_id: int
    mrn: str
    patient_name: str
    item_code: str
    title: str
    state: ItemState
    due_from: date | None  # None: a baseline, needed now
    overdue_after: date | None
    days_overdue: int  # 0 unless overdue
    reason: str
    last_done: date | None
    modality: Modality
    prescriber: str

    @property
    def reason_detail(self) -> str:
        return self.reason.removeprefix(f"{self.title}: ")

    @property
    def window_text(self) -> str:
        start = self.due_from.isoformat() if self.due_from else "now"
        if self.overdue_after is None:
            return f"from {start}"
        return f"{start} to {self.overdue_after.isoformat()}"


@dataclass(frozen=True)
class ClinicChecklist:
    as_of: date
    rows: tuple[DueRow, ...]
    items: tuple[tuple[str, str], ...]  # (code, title) of every item in the rules
    prescribers: tuple[str, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.state is ItemState.OVERDUE)


@dataclass(frozen=True)
class TodayBooking:
    appointment_id: int
    patient_id: int
    patient_name: str
    mrn: str
    start: time
    minutes: int
    modality: Modality
    status: str
    step_text: str = ""
    due: tuple[DueRow, ...] = ()  # empty for a role without clinical access

    @property
    def time_text(self) -> str:
        end_minutes = self.start.hour * 60 + self.start.minute + self.minutes
        return f"{self.start:%H:%M}-{end_minutes // 60 % 24:02d}:{end_minutes % 60:02d}"


@dataclass(frozen=True)
class TodayAlert:
    """An open safety alert (from the rating scales) with whom it is about."""

    alert: SafetyAlertView
    patient_name: str
    mrn: str


@dataclass(frozen=True)
class TodayView:
    day: date
    clinical: bool
    bookings: tuple[TodayBooking, ...]
    safety_alerts: tuple[TodayAlert, ...] = ()
    rems_due: tuple[DueRow, ...] = ()
    newly_overdue: tuple[DueRow, ...] = ()
    overdue_total: int = 0
    due_total: int = 0


@dataclass(frozen=True)
class RuleEntry:
    """A rule as the settings show it: in use or not, and whether the clinic changed it."""

    rule: MonitoringRule
    default: MonitoringRule | None  # None: the clinic's own item
    in_use: bool

    @property
    def changed(self) -> bool:
        return self.default is not None and self.default != self.rule


@dataclass(frozen=True)
class RuleSet:
    entries: tuple[RuleEntry, ...]

    @property
    def rules_in_use(self) -> tuple[MonitoringRule, ...]:
        return tuple(entry.rule for entry in self.entries if entry.in_use)
