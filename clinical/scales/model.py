"""The vocabulary every instrument definition is written in.

An instrument is data, not code: its items and their permitted values, which items are asked
only on a condition, how the total is formed, the severity bands, the remission threshold,
the safety rules and any screening cut-points. `clinical.scales.scoring` reads these
definitions; nothing here knows a particular scale.

A threshold that clinics disagree on names a `ScaleSettings` field in its `setting`; the
value written in the definition is the reference default and the settings field defaults
to it.
"""

from dataclasses import dataclass
from enum import StrEnum


class ScaleInputError(ValueError):
    """Answers, an instrument code or a score that cannot be scored as given.

    The message is written for the clinician and names the item concerned.
    """


class ScaleSettingsError(ValueError):
    """A clinic setting for the rating scales that is out of its sensible range."""


class Comparison(StrEnum):
    AT_LEAST = "≥"
    AT_MOST = "≤"
    BELOW = "<"

    def holds(self, value: int, threshold: int) -> bool:
        if self is Comparison.AT_LEAST:
            return value >= threshold
        if self is Comparison.AT_MOST:
            return value <= threshold
        return value < threshold


@dataclass(frozen=True)
class Cutoff:
    """A comparison with a number, e.g. remission "≤ 10"; `setting` names its clinic setting."""

    comparison: Comparison
    value: int
    setting: str | None = None

    def met_by(self, score: int) -> bool:
        return self.comparison.holds(score, self.value)

    def describe(self) -> str:
        return f"{self.comparison.value} {self.value}"


class AnswerKind(StrEnum):
    NUMBER = "number"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Anchor:
    value: int
    label: str


@dataclass(frozen=True)
class AskedWhenTotalAbove:
    """Asked only when the total of the scored items exceeds `threshold`."""

    threshold: int


@dataclass(frozen=True)
class AskedWhenYes:
    """Asked only when the yes/no item `item_key` was answered yes."""

    item_key: str


AskCondition = AskedWhenTotalAbove | AskedWhenYes


@dataclass(frozen=True)
class Item:
    """One question (or, for the MoCA, one domain) of an instrument.

    `label` is the wording shown on the form where the wording may be reproduced, otherwise a
    neutral topic; `topic` is the short name used in messages. An item that belongs to an
    `alternative_group` is rated in one of its forms only (HAM-D item 16A or 16B).
    """

    key: str
    label: str
    topic: str
    minimum: int = 0
    maximum: int = 3
    kind: AnswerKind = AnswerKind.NUMBER
    anchors: tuple[Anchor, ...] = ()
    scored: bool = True
    required: bool = True
    asked_when: AskCondition | None = None
    alternative_group: str | None = None
    note: str = ""
    loinc: str | None = None

    @property
    def permitted_values(self) -> tuple[int, ...] | tuple[bool, ...]:
        if self.kind is AnswerKind.YES_NO:
            return (False, True)
        return tuple(range(self.minimum, self.maximum + 1))

    def anchor_label(self, value: int) -> str | None:
        for anchor in self.anchors:
            if anchor.value == value:
                return anchor.label
        return None


@dataclass(frozen=True)
class SeverityBand:
    """A closed range of totals, both edges included: 10-14 "moderate"."""

    low: int
    high: int
    label: str

    def contains(self, total: int) -> bool:
        return self.low <= total <= self.high

    def describe(self) -> str:
        return f"{self.low}-{self.high} {self.label}"


class Combine(StrEnum):
    SUM = "sum"
    MAX = "max"


@dataclass(frozen=True)
class Subscale:
    """A named group of items scored by sum or by the highest item (QIDS domains)."""

    key: str
    label: str
    item_keys: tuple[str, ...]
    combine: Combine = Combine.SUM


class TotalRule(StrEnum):
    SUM_OF_ITEMS = "sum_of_items"
    SUM_OF_SUBSCALES = "sum_of_subscales"
    NO_TOTAL = "no_total"


@dataclass(frozen=True)
class SafetyRule:
    """Flag the item when its value meets `threshold` (a yes counts as 1)."""

    item_key: str
    threshold: Cutoff
    action: str


@dataclass(frozen=True)
class TotalScreen:
    """A screening decision on the total, e.g. PHQ-2 positive at ≥ 3."""

    key: str
    cutoff: Cutoff
    positive_text: str
    negative_text: str


@dataclass(frozen=True)
class ClusterScreen:
    """A symptom-count rule over subscales: an item at or above `endorsed_at` counts as a
    symptom, and each subscale needs at least its number of symptoms (the PCL-5 DSM-5 rule)."""

    key: str
    endorsed_at: int
    minimum_per_subscale: tuple[tuple[str, int], ...]
    positive_text: str
    negative_text: str


ScreenRule = TotalScreen | ClusterScreen


class RiskLevel(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RISK_RANK[self]


_RISK_RANK = {RiskLevel.LOW: 1, RiskLevel.MODERATE: 2, RiskLevel.HIGH: 3}


@dataclass(frozen=True)
class RiskRule:
    """The risk level reached when every item in `all_yes` was answered yes."""

    level: RiskLevel
    all_yes: tuple[str, ...]


@dataclass(frozen=True)
class EducationBonus:
    """Points added for few years of formal education while the raw total is below `cap`."""

    at_most_years: int
    points: int
    cap: int


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    short_name: str
    rule_version: str
    licence: str
    source: str
    items: tuple[Item, ...]
    total_rule: TotalRule = TotalRule.SUM_OF_ITEMS
    item_noun: str = "item"
    loinc_panel: str | None = None
    loinc_total: str | None = None
    bands: tuple[SeverityBand, ...] = ()
    bands_setting: str | None = None
    remission: Cutoff | None = None
    safety_rules: tuple[SafetyRule, ...] = ()
    subscales: tuple[Subscale, ...] = ()
    screens: tuple[ScreenRule, ...] = ()
    risk_rules: tuple[RiskRule, ...] = ()
    risk_actions: tuple[tuple[RiskLevel, str], ...] = ()
    education_bonus: EducationBonus | None = None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        problem = _definition_problem(self)
        if problem:
            raise ValueError(f"{self.code} definition: {problem}")

    @property
    def has_total(self) -> bool:
        return self.total_rule is not TotalRule.NO_TOTAL

    @property
    def item_keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)

    def item(self, key: str) -> Item:
        for item in self.items:
            if item.key == key:
                return item
        known = ", ".join(self.item_keys)
        raise ScaleInputError(
            f"{self.short_name} has no {self.item_noun} {key!r}. Its {self.item_noun}s are: "
            f"{known}."
        )

    def has_item(self, key: str) -> bool:
        return any(item.key == key for item in self.items)

    def alternatives(self, group: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.alternative_group == group)

    @property
    def min_total(self) -> int:
        return 0

    @property
    def max_total(self) -> int:
        if self.total_rule is TotalRule.NO_TOTAL:
            return 0
        if self.total_rule is TotalRule.SUM_OF_SUBSCALES:
            raw = sum(subscale_maximum(self, subscale) for subscale in self.subscales)
        else:
            raw = sum(_item_maxima_counting_groups_once(self))
        if self.education_bonus is not None:
            bonus = self.education_bonus
            return max(raw, min(raw + bonus.points, bonus.cap))
        return raw

    @property
    def raw_max_total(self) -> int:
        if self.education_bonus is None:
            return self.max_total
        return sum(_item_maxima_counting_groups_once(self))

    def risk_action(self, level: RiskLevel) -> str:
        return dict(self.risk_actions).get(level, "")

    def item_phrase(self, key: str) -> str:
        """How a message names an item: "item 4 (Reduced sleep)", "domain Naming"."""
        item = self.item(key)
        if key[:1].isdigit():
            return f"{self.item_noun} {key} ({item.topic})"
        return f"{self.item_noun} {item.topic}"

    def describe_item(self, key: str) -> str:
        """The item named with its instrument: "MADRS item 4 (Reduced sleep)"."""
        return f"{self.short_name} {self.item_phrase(key)}"


def band_coverage_problem(bands: tuple[SeverityBand, ...], low: int, high: int) -> str | None:
    """Why `bands` fail to cover every total from low to high exactly once, or None."""
    if not bands:
        return "no bands given"
    expected_low = low
    for band in bands:
        if band.low > band.high:
            return f"band {band.describe()} runs backwards"
        if band.low != expected_low:
            return f"band {band.describe()} should start at {expected_low}"
        expected_low = band.high + 1
    if expected_low - 1 != high:
        return f"the last band ends at {expected_low - 1}, not at the maximum {high}"
    return None


def _item_maxima_counting_groups_once(instrument: Instrument) -> list[int]:
    maxima: list[int] = []
    seen_groups: set[str] = set()
    for item in instrument.items:
        if not item.scored or item.kind is AnswerKind.YES_NO:
            continue
        if item.alternative_group is not None:
            if item.alternative_group in seen_groups:
                continue
            seen_groups.add(item.alternative_group)
            alternatives = instrument.alternatives(item.alternative_group)
            maxima.append(max(alternative.maximum for alternative in alternatives))
        else:
            maxima.append(item.maximum)
    return maxima


def subscale_maximum(instrument: Instrument, subscale: Subscale) -> int:
    """The highest score a subscale can reach."""
    maxima = [instrument.item(key).maximum for key in subscale.item_keys]
    return max(maxima) if subscale.combine is Combine.MAX else sum(maxima)


def _definition_problem(instrument: Instrument) -> str | None:
    keys = instrument.item_keys
    if len(set(keys)) != len(keys):
        return "item keys repeat"
    for item in instrument.items:
        if item.kind is AnswerKind.NUMBER and item.minimum > item.maximum:
            return f"item {item.key} has minimum above maximum"
        condition = item.asked_when
        if isinstance(condition, AskedWhenYes):
            if condition.item_key not in keys:
                return f"item {item.key} depends on unknown item {condition.item_key}"
            if instrument.item(condition.item_key).kind is not AnswerKind.YES_NO:
                return f"item {item.key} depends on a non yes/no item"
    referenced = [rule.item_key for rule in instrument.safety_rules]
    referenced += [key for subscale in instrument.subscales for key in subscale.item_keys]
    referenced += [key for rule in instrument.risk_rules for key in rule.all_yes]
    unknown = [key for key in referenced if key not in keys]
    if unknown:
        return f"rules refer to unknown items {unknown}"
    if instrument.total_rule is TotalRule.SUM_OF_SUBSCALES and not instrument.subscales:
        return "a total from subscales needs subscales"
    if instrument.bands:
        coverage = band_coverage_problem(
            instrument.bands, instrument.min_total, instrument.max_total
        )
        if coverage:
            return coverage
    return None
