"""What scoring one administration of a scale produces: plain, frozen values."""

from dataclasses import dataclass

from clinical.scales.model import Cutoff, RiskLevel, SeverityBand


@dataclass(frozen=True)
class SafetyFlag:
    """An answer that needs the clinician's attention whatever the total."""

    item_key: str
    value: int | bool
    threshold: int | bool
    message: str


@dataclass(frozen=True)
class Subscore:
    """A domain or cluster score; None until all of its items are answered."""

    key: str
    label: str
    score: int | None
    maximum: int


@dataclass(frozen=True)
class ScreenOutcome:
    """A screening decision, e.g. PHQ-2 positive screen, PCL-5 provisional PTSD."""

    key: str
    positive: bool
    text: str
    criterion: str


@dataclass(frozen=True)
class ScaleResult:
    """The scored administration.

    `total` is None until every required item is answered; `partial_total` is the live sum
    of what is answered so far (before any MoCA education point). `raw_total` is set only
    where an adjustment makes it differ in kind from `total` (the MoCA). Safety flags are
    raised from the answers given so far, even on an incomplete form. The thresholds used
    travel with the result (`band`, `remission_rule`, each flag's `threshold`), so a stored
    result reads the same after a clinic changes its settings.
    """

    instrument_code: str
    rule_version: str
    complete: bool
    missing: tuple[str, ...]
    total: int | None
    partial_total: int | None
    raw_total: int | None
    band: SeverityBand | None
    remission: bool | None
    remission_rule: Cutoff | None
    safety_flags: tuple[SafetyFlag, ...]
    subscores: tuple[Subscore, ...]
    screens: tuple[ScreenOutcome, ...]
    risk_level: RiskLevel | None
    summary: str

    @property
    def needs_safety_follow_up(self) -> bool:
        return bool(self.safety_flags)

    def subscore(self, key: str) -> Subscore:
        for subscore in self.subscores:
            if subscore.key == key:
                return subscore
        raise KeyError(key)

    def screen(self, key: str) -> ScreenOutcome:
        for outcome in self.screens:
            if outcome.key == key:
                return outcome
        raise KeyError(key)
