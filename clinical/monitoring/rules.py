"""A monitoring rule as plain data: what to check, for whom, and when.

A rule is a value a clinic can edit in its settings (modalities, intervals, triggers) and
store as a plain dict (see `serialise`). Its schedule is one of five shapes:

- `Interval(earliest_months, latest_months)`: repeat from the last completion; due once
  `earliest_months` calendar months have passed, overdue once `latest_months` have passed.
  "Urinalysis every 3-6 months" is `Interval(3, 6)`.
- `EveryVisit()`: checked at each visit; never due or overdue on a date.
- `PerSession(within_days)`: one record per esketamine session, due from the session day
  and overdue after `within_days` days (the Spravato REMS patient monitoring form).
- `Once()`: needed once, before the first treatment (Spravato REMS patient enrollment).
- `OnEvent()`: nothing on a schedule; the item exists only when an event raises it.

Any rule may also be raised by events (`triggered_by`) or by an abnormal result of an item
(`triggered_by_abnormal`, item codes); a raised item is due from the event date until it is
done on or after that date (strictly after, when the abnormal result is of the item itself:
an abnormal liver panel asks for a repeat, which the same result cannot satisfy).
"""

import re
from dataclasses import dataclass

from clinical.monitoring.enums import CoursePhase, EventKind, Modality

_ITEM_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


@dataclass(frozen=True)
class Interval:
    earliest_months: int
    latest_months: int

    def __post_init__(self) -> None:
        # earliest == latest would leave no day on which the item is due, only overdue.
        if not 1 <= self.earliest_months < self.latest_months:
            raise ValueError(
                "An interval needs 1 <= earliest months < latest months, "
                f"not {self.earliest_months}-{self.latest_months}."
            )

    @property
    def text(self) -> str:
        return f"every {self.earliest_months}-{self.latest_months} months"


@dataclass(frozen=True)
class EveryVisit:
    text = "every visit"


@dataclass(frozen=True)
class PerSession:
    within_days: int

    def __post_init__(self) -> None:
        if self.within_days < 0:
            raise ValueError(f"within_days must not be negative, not {self.within_days}.")

    @property
    def text(self) -> str:
        return f"within {self.within_days} days of each session"


@dataclass(frozen=True)
class Once:
    text = "once, before the first treatment"


@dataclass(frozen=True)
class OnEvent:
    text = "when an event raises it"


Schedule = Interval | EveryVisit | PerSession | Once | OnEvent


@dataclass(frozen=True)
class MonitoringRule:
    """One monitoring item and when it is due.

    `phases` None means every phase. `baseline_required` asks for a completion on or before
    the first treatment (same-day, pre-dose counts). `source` says where the rule comes from
    (shown in settings); like `title`, it is wording and not part of the fingerprint.
    """

    code: str
    title: str
    modalities: frozenset[Modality]
    schedule: Schedule
    baseline_required: bool = False
    phases: frozenset[CoursePhase] | None = None
    triggered_by: frozenset[EventKind] = frozenset()
    triggered_by_abnormal: frozenset[str] = frozenset()
    source: str = ""

    def __post_init__(self) -> None:
        if not _ITEM_CODE.match(self.code):
            raise ValueError(
                f"Item code {self.code!r} must be lower-case letters, digits and _, "
                "starting with a letter."
            )
        if not self.title.strip():
            raise ValueError(f"Rule {self.code!r} needs a title.")
        if not self.modalities:
            raise ValueError(f"Rule {self.code!r} must apply to at least one modality.")
        if self.phases is not None and not self.phases:
            raise ValueError(f"Rule {self.code!r}: give at least one phase, or None for all.")
        if self.baseline_required and not isinstance(self.schedule, Interval | Once):
            raise ValueError(f"Rule {self.code!r}: only an interval or once rule has a baseline.")
        if isinstance(self.schedule, Once) and not self.baseline_required:
            raise ValueError(f"Rule {self.code!r}: a once rule is a baseline; set baseline.")
        if isinstance(self.schedule, OnEvent) and not (
            self.triggered_by or self.triggered_by_abnormal
        ):
            raise ValueError(f"Rule {self.code!r}: an on-event rule needs a trigger.")
        if isinstance(self.schedule, PerSession) and self.modalities != {Modality.ESKETAMINE}:
            # Sessions come from PatientFacts.esketamine_sessions; no other modality has them.
            raise ValueError(f"Rule {self.code!r}: a per-session rule is for esketamine only.")
        for code in self.triggered_by_abnormal:
            if not _ITEM_CODE.match(code):
                raise ValueError(f"Rule {self.code!r}: {code!r} is not an item code.")

    def applies_to(self, modality: Modality, phase: CoursePhase) -> bool:
        return modality in self.modalities and (self.phases is None or phase in self.phases)
