"""Scoring one administration of a rating scale.

`score()` checks every answer first and refuses anything it cannot score with a
`ScaleInputError` naming the item: an unknown item, a value outside the item's range, a
number where yes/no is expected or the reverse, both forms of an either/or item (HAM-D 16A
and 16B), or a positive answer to a question the form skips (C-SSRS question 3 after a no
to question 2). A zero or "no" answer to a skipped question agrees with the skip and is
accepted and ignored. A value of None means "not answered yet".

Unanswered required items do not raise: the result is `complete=False` with the missing
keys, `total=None` and the live `partial_total`, so a dialog can show the state as the
clinician types. Safety flags are raised from whatever is answered. Pass
`require_complete=True` (when saving) to raise instead, naming the first missing items.
"""

from collections.abc import Mapping
from dataclasses import replace

from clinical.scales.model import (
    AnswerKind,
    AskedWhenTotalAbove,
    AskedWhenYes,
    ClusterScreen,
    Combine,
    Instrument,
    Item,
    RiskLevel,
    ScaleInputError,
    TotalRule,
    TotalScreen,
    subscale_maximum,
)
from clinical.scales.registry import resolve_instrument
from clinical.scales.result import SafetyFlag, ScaleResult, ScreenOutcome, Subscore
from clinical.scales.settings import DEFAULT_SETTINGS, ScaleSettings

Answers = Mapping[str, int | bool | None]

MAX_EDUCATION_YEARS = 40
_NAMED_IN_MESSAGE = 3


def score(
    instrument: str | Instrument,
    answers: Answers,
    *,
    education_years: int | None = None,
    settings: ScaleSettings | None = None,
    require_complete: bool = False,
) -> ScaleResult:
    scale = resolve_instrument(instrument)
    settings = settings or DEFAULT_SETTINGS
    given = _validated_answers(scale, answers)
    if scale.education_bonus is not None:
        _check_education_years(scale, education_years)
    missing = _missing_keys(scale, given)
    if require_complete and missing:
        raise ScaleInputError(_incomplete_message(scale, missing))
    complete = not missing

    partial = _partial_total(scale, given)
    raw_total = partial if complete else None
    total = raw_total
    if total is not None and scale.education_bonus is not None:
        bonus = scale.education_bonus
        assert education_years is not None  # checked above
        if education_years <= bonus.at_most_years and total < bonus.cap:
            total = min(total + bonus.points, bonus.cap)

    band = None
    if total is not None and scale.bands:
        band = next(b for b in settings.bands_for(scale) if b.contains(total))
    remission_rule = settings.resolve(scale.remission) if scale.remission else None
    remission = remission_rule.met_by(total) if remission_rule and total is not None else None
    risk_level = _risk_level(scale, given)
    flags = _safety_flags(scale, given, settings, risk_level)
    screens = _screens(scale, given, total, settings) if total is not None else ()

    result = ScaleResult(
        instrument_code=scale.code,
        rule_version=scale.rule_version,
        complete=complete,
        missing=missing,
        total=total,
        partial_total=partial,
        raw_total=raw_total if scale.education_bonus is not None else None,
        band=band,
        remission=remission,
        remission_rule=remission_rule,
        safety_flags=flags,
        subscores=_subscores(scale, given),
        screens=screens,
        risk_level=risk_level,
        summary="",
    )
    return replace(result, summary=_summary(scale, result))


def partial_total(instrument: str | Instrument, answers: Answers) -> int | None:
    """The live sum of the answers given so far (None for a scale without a total)."""
    scale = resolve_instrument(instrument)
    return _partial_total(scale, _validated_answers(scale, answers))


def asked_items(instrument: str | Instrument, answers: Answers) -> tuple[str, ...]:
    """The items a form should show now: conditional ones only once their condition holds."""
    scale = resolve_instrument(instrument)
    given = _validated_answers(scale, answers)
    return tuple(item.key for item in scale.items if _is_asked(scale, item, given))


def missing_items(instrument: str | Instrument, answers: Answers) -> tuple[str, ...]:
    scale = resolve_instrument(instrument)
    return _missing_keys(scale, _validated_answers(scale, answers))


def _validated_answers(scale: Instrument, answers: Answers) -> dict[str, int | bool]:
    if not isinstance(answers, Mapping):
        raise ScaleInputError(
            f"The {scale.short_name} answers must be given {scale.item_noun} by "
            f"{scale.item_noun}; got {type(answers).__name__}."
        )
    given: dict[str, int | bool] = {}
    for key, value in answers.items():
        if not isinstance(key, str):
            raise ScaleInputError(
                f"{scale.short_name}: {scale.item_noun}s are named by text such as "
                f"{scale.items[0].key!r}; got {key!r}."
            )
        item = scale.item(key)
        if value is not None:
            given[key] = _checked_value(scale, item, value)
    _check_alternatives(scale, given)
    _check_skipped_questions(scale, given)
    return given


def _checked_value(scale: Instrument, item: Item, value: object) -> int | bool:
    where = scale.describe_item(item.key)
    if item.kind is AnswerKind.YES_NO:
        if not isinstance(value, bool):
            raise ScaleInputError(f"{where}: answer yes or no (True or False), not {value!r}.")
        return value
    if isinstance(value, bool):
        raise ScaleInputError(
            f"{where}: needs a score from {item.minimum} to {item.maximum}, not yes/no ({value})."
        )
    if not isinstance(value, int):
        raise ScaleInputError(
            f"{where}: {value!r} is not a whole-number score from {item.minimum} to {item.maximum}."
        )
    if not item.minimum <= value <= item.maximum:
        raise ScaleInputError(f"{where}: {value} is outside {item.minimum}-{item.maximum}.")
    return value


def _check_alternatives(scale: Instrument, given: dict[str, int | bool]) -> None:
    for group in _alternative_groups(scale):
        members = scale.alternatives(group)
        if sum(member.key in given for member in members) > 1:
            options = " or ".join(f"{member.key} ({member.topic})" for member in members)
            raise ScaleInputError(
                f"{scale.short_name} {scale.item_noun} {group} is rated one way only: "
                f"{options}, not both."
            )


def _check_skipped_questions(scale: Instrument, given: dict[str, int | bool]) -> None:
    for item in scale.items:
        value = given.get(item.key)
        if item.asked_when is None or not value:
            continue
        if _is_asked(scale, item, given) is not False:
            continue
        where = scale.describe_item(item.key)
        condition = item.asked_when
        if isinstance(condition, AskedWhenYes):
            parent = f"{scale.item_noun} {condition.item_key}"
            raise ScaleInputError(
                f"{where} is asked only when {parent} is answered yes, and {parent} was "
                f"answered no. Correct {parent} or clear this answer."
            )
        raise ScaleInputError(
            f"{where} is asked only when the total is above {condition.threshold}; the total "
            f"is {_partial_total(scale, given)}. Clear this answer or correct the items."
        )


def _check_education_years(scale: Instrument, education_years: object) -> None:
    if education_years is None:
        raise ScaleInputError(
            f"The {scale.short_name} needs the patient's years of formal education (it adds "
            f"a point for 12 years or less); none were given."
        )
    if isinstance(education_years, bool) or not isinstance(education_years, int):
        raise ScaleInputError(
            f"Years of formal education must be a whole number; got {education_years!r}."
        )
    if not 0 <= education_years <= MAX_EDUCATION_YEARS:
        raise ScaleInputError(
            f"Years of formal education: {education_years} is outside 0-{MAX_EDUCATION_YEARS}."
        )


def _alternative_groups(scale: Instrument) -> tuple[str, ...]:
    groups: list[str] = []
    for item in scale.items:
        if item.alternative_group is not None and item.alternative_group not in groups:
            groups.append(item.alternative_group)
    return tuple(groups)


def _is_asked(scale: Instrument, item: Item, given: dict[str, int | bool]) -> bool | None:
    """True when the item is asked, False when it is skipped, None while undecided."""
    condition = item.asked_when
    if condition is None:
        return True
    if isinstance(condition, AskedWhenYes):
        if condition.item_key not in given:
            return None
        return given[condition.item_key] is True
    assert isinstance(condition, AskedWhenTotalAbove)
    so_far = _partial_total(scale, given) or 0
    if so_far > condition.threshold:
        return True
    if _all_scored_items_answered(scale, given):
        return False
    return None


def _all_scored_items_answered(scale: Instrument, given: dict[str, int | bool]) -> bool:
    for item in scale.items:
        if not item.scored:
            continue
        if item.alternative_group is not None:
            if not any(alt.key in given for alt in scale.alternatives(item.alternative_group)):
                return False
        elif item.key not in given:
            return False
    return True


def _missing_keys(scale: Instrument, given: dict[str, int | bool]) -> tuple[str, ...]:
    missing: list[str] = []
    for item in scale.items:
        if item.alternative_group is not None:
            members = scale.alternatives(item.alternative_group)
            unanswered = not any(member.key in given for member in members)
            if unanswered and item.required:
                missing.append(item.key)
            continue
        if item.key in given or not item.required:
            continue
        if _is_asked(scale, item, given) is True:
            missing.append(item.key)
    return tuple(missing)


def _partial_total(scale: Instrument, given: dict[str, int | bool]) -> int | None:
    if scale.total_rule is TotalRule.NO_TOTAL:
        return None
    if scale.total_rule is TotalRule.SUM_OF_SUBSCALES:
        total = 0
        for subscale in scale.subscales:
            values = [int(given[key]) for key in subscale.item_keys if key in given]
            if values:
                total += max(values) if subscale.combine is Combine.MAX else sum(values)
        return total
    return sum(int(given[item.key]) for item in scale.items if item.scored and item.key in given)


def _subscores(scale: Instrument, given: dict[str, int | bool]) -> tuple[Subscore, ...]:
    subscores: list[Subscore] = []
    for subscale in scale.subscales:
        values = [int(given[key]) for key in subscale.item_keys if key in given]
        score_value = None
        if len(values) == len(subscale.item_keys):
            score_value = max(values) if subscale.combine is Combine.MAX else sum(values)
        subscores.append(
            Subscore(
                key=subscale.key,
                label=subscale.label,
                score=score_value,
                maximum=subscale_maximum(scale, subscale),
            )
        )
    return tuple(subscores)


def _risk_level(scale: Instrument, given: dict[str, int | bool]) -> RiskLevel | None:
    reached = [
        rule.level
        for rule in scale.risk_rules
        if all(given.get(key) is True for key in rule.all_yes)
    ]
    return max(reached, key=lambda level: level.rank) if reached else None


def _safety_flags(
    scale: Instrument,
    given: dict[str, int | bool],
    settings: ScaleSettings,
    risk_level: RiskLevel | None,
) -> tuple[SafetyFlag, ...]:
    flags: list[SafetyFlag] = []
    for rule in scale.safety_rules:
        if rule.item_key not in given:
            continue
        value = given[rule.item_key]
        cutoff = settings.resolve(rule.threshold)
        if not cutoff.met_by(int(value)):
            continue
        where = scale.describe_item(rule.item_key)
        if isinstance(value, bool):
            threshold: int | bool = True
            if risk_level is not None:
                message = (
                    f"{where} answered yes (screener risk {risk_level.value}): "
                    f"{scale.risk_action(risk_level) or rule.action}"
                )
            else:
                message = f"{where} answered yes: {rule.action}"
        else:
            threshold = cutoff.value
            message = f"{where} scored {value}: {rule.action}"
        flags.append(SafetyFlag(rule.item_key, value, threshold, message))
    return tuple(flags)


def _screens(
    scale: Instrument, given: dict[str, int | bool], total: int, settings: ScaleSettings
) -> tuple[ScreenOutcome, ...]:
    outcomes: list[ScreenOutcome] = []
    for rule in scale.screens:
        if isinstance(rule, TotalScreen):
            cutoff = settings.resolve(rule.cutoff)
            positive = cutoff.met_by(total)
            criterion = f"total {cutoff.describe()}"
        else:
            assert isinstance(rule, ClusterScreen)
            positive = True
            needs: list[str] = []
            for subscale_key, needed in rule.minimum_per_subscale:
                subscale = next(s for s in scale.subscales if s.key == subscale_key)
                endorsed = sum(int(given[key]) >= rule.endorsed_at for key in subscale.item_keys)
                positive = positive and endorsed >= needed
                needs.append(f"≥ {needed} {subscale_key}")
            criterion = f"items rated ≥ {rule.endorsed_at} count; needs {', '.join(needs)}"
        text = rule.positive_text if positive else rule.negative_text
        outcomes.append(ScreenOutcome(rule.key, positive, text, criterion))
    return tuple(outcomes)


def _missing_phrases(scale: Instrument, missing: tuple[str, ...]) -> list[str]:
    phrases: list[str] = []
    seen_groups: set[str] = set()
    for key in missing:
        group = scale.item(key).alternative_group
        if group is None:
            phrases.append(scale.item_phrase(key))
        elif group not in seen_groups:
            seen_groups.add(group)
            keys = " or ".join(member.key for member in scale.alternatives(group))
            phrases.append(f"{scale.item_noun} {keys}")
    return phrases


def _incomplete_message(scale: Instrument, missing: tuple[str, ...]) -> str:
    phrases = _missing_phrases(scale, missing)
    named = phrases[:_NAMED_IN_MESSAGE]
    rest = len(phrases) - len(named)
    listed = ", ".join(named)
    if rest:
        listed += f" and {rest} more"
    verb = "is" if len(phrases) == 1 else "are"
    return f"The {scale.short_name} is incomplete: {listed} {verb} unanswered."


def _summary(scale: Instrument, result: ScaleResult) -> str:
    name = scale.short_name
    if not scale.has_total:
        risk = f"{result.risk_level.value} risk" if result.risk_level else None
        if not result.complete:
            head = f"{name}: incomplete" + (f", {risk} so far" if risk else "")
        else:
            head = f"{name}: {risk}" if risk else f"{name}: no positive answers"
    elif not result.complete:
        unanswered = len(_missing_phrases(scale, result.missing))
        head = f"{name}: incomplete ({unanswered} unanswered), partial total {result.partial_total}"
    else:
        head = f"{name} {result.total}"
        bonus = scale.education_bonus
        if bonus is not None and result.raw_total != result.total:
            head += (
                f" (raw {result.raw_total} + {bonus.points} for "
                f"≤ {bonus.at_most_years} years of education)"
            )
        parts: list[str] = []
        if result.band is not None:
            parts.append(result.band.label)
        parts.extend(outcome.text for outcome in result.screens)
        if result.remission and result.remission_rule is not None:
            parts.append(f"remission ({result.remission_rule.describe()})")
        if parts:
            head += ": " + "; ".join(parts)
    flagged = [flag.item_key for flag in result.safety_flags]
    if flagged:
        noun = scale.item_noun if len(flagged) == 1 else f"{scale.item_noun}s"
        label = "safety flag" if len(flagged) == 1 else "safety flags"
        head += f"; {label}: {noun} {', '.join(flagged)}"
    return head
