"""What the screens give and receive about rating scales: plain values, no session."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class AlertStatus(StrEnum):
    OPEN = "open"
    ADDRESSED = "addressed"

    @property
    def label(self) -> str:
        return "Open" if self is AlertStatus.OPEN else "Addressed"


Answer = int | bool


@dataclass(frozen=True)
class ScaleEntry:
    """One administration as the clinician entered it, before scoring.

    `answers` maps item keys to values; None (or a missing key) is unanswered. A rater of
    None on a clinician-rated scale means the person entering it. `education_years` is for
    the MoCA; None takes the value on the patient's chart.
    """

    instrument_code: str
    administered_at: datetime
    answers: Mapping[str, Answer | None]
    self_report: bool = False
    rater_name: str | None = None
    education_years: int | None = None


@dataclass(frozen=True)
class AlertFollowUp:
    """What was done about a safety alert.

    The C-SSRS screener is either answered here (`screener_answers`, scored and stored as
    its own result) or described in `screener_note` (done on paper, declined, why not done).
    When the alert came from a C-SSRS screener, that result is the screener.
    """

    safety_plan: bool | None
    action: str
    screener_answers: Mapping[str, bool | None] | None = None
    screener_note: str = ""


@dataclass(frozen=True)
class ScaleResultView:
    id: int
    patient_id: int
    instrument_code: str
    short_name: str
    rule_version: str
    administered_at: datetime
    self_report: bool
    rater_name: str
    answers: tuple[tuple[str, Answer], ...]
    education_years: int | None
    total: int | None
    raw_total: int | None
    band_label: str
    risk_level: str
    complete: bool
    safety_flagged: bool
    summary: str
    entered_by_name: str
    entered_at: datetime
    supersedes_id: int | None = None
    amendment_reason: str = ""
    superseded_by_id: int | None = None

    @property
    def answer_map(self) -> dict[str, Answer]:
        return dict(self.answers)

    @property
    def is_amendment(self) -> bool:
        return self.supersedes_id is not None

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by_id is not None

    @property
    def rater_label(self) -> str:
        return "Self-report" if self.self_report else self.rater_name


@dataclass(frozen=True)
class SafetyAlertView:
    id: int
    version: int
    patient_id: int
    scale_result_id: int
    instrument_code: str
    short_name: str
    item_key: str
    item_value: int
    message: str
    administered_at: datetime
    raised_at: datetime
    status: AlertStatus
    screener_result_id: int | None = None
    screener_summary: str = ""
    screener_note: str = ""
    safety_plan: bool | None = None
    action: str = ""
    addressed_by_name: str = ""
    addressed_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status is AlertStatus.OPEN


@dataclass(frozen=True)
class RecordedScale:
    result: ScaleResultView
    alerts: tuple[SafetyAlertView, ...] = ()


@dataclass(frozen=True)
class BandView:
    low: int
    high: int
    label: str


@dataclass(frozen=True)
class HistoryPoint:
    """One current (not superseded) result on an instrument's course."""

    result: ScaleResultView
    on: date
    is_baseline: bool
    percent_change: Decimal | None
    change_reason: str | None
    points_change: int | None
    response: bool | None
    remission: bool | None

    @property
    def total(self) -> int | None:
        return self.result.total


@dataclass(frozen=True)
class InstrumentHistory:
    instrument_code: str
    short_name: str
    name: str
    max_total: int | None
    bands: tuple[BandView, ...]
    higher_is_better: bool
    change_unit: str
    follows_response: bool
    remission_rule: str
    baseline: int | None
    points: tuple[HistoryPoint, ...]
    superseded: tuple[ScaleResultView, ...] = ()
    first_response_on: date | None = None
    first_remission_on: date | None = None
    nadir: int | None = None

    @property
    def latest(self) -> HistoryPoint | None:
        return self.points[-1] if self.points else None

    @property
    def has_total(self) -> bool:
        return self.max_total is not None


@dataclass(frozen=True)
class ScaleHistory:
    patient_id: int
    instruments: tuple[InstrumentHistory, ...]
    open_alerts: tuple[SafetyAlertView, ...] = ()
    insurer_criterion: str = ""
    insurer_criterion_met: bool | None = None
    addressed_alerts: tuple[SafetyAlertView, ...] = ()

    def instrument(self, code: str) -> InstrumentHistory:
        for history in self.instruments:
            if history.instrument_code == code:
                return history
        raise KeyError(code)
