"""Change over a course of treatment: percent change, response, remission, nadir, and the
insurer's criterion for further TMS. Plain values in, plain values out.

Rules (clinical-reference.md §1 "Rules that apply to all"; clinical-sources.md §1.2):
- Percent change = (baseline − current) / baseline × 100: positive means fewer symptoms.
  Shown to one decimal place; every decision is taken on the exact fraction, never on the
  rounded number. A baseline of 0 gives no percent, with the reason.
- Response: a reduction of at least 50% from baseline (Frank 1991 consensus).
- Remission: the instrument's own threshold and comparison ("≤ 10" for the MADRS, "< 5"
  for the PHQ-9), with the clinic's settings. None where the instrument has none.
- Maintenance nadir: the lowest score since response, where response is the first score at
  least 50% below baseline. The rise above the nadir is reported in points and percent.
- Partial response: the reference defines none, so none is reported.
- Insurer criterion (seed 000): further TMS is approved on a ≥ 50% reduction in the BDI-II
  and/or the HAM-D from baseline; judged on each instrument's latest score.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from clinical.scales.model import Cutoff, Instrument, ScaleInputError
from clinical.scales.registry import resolve_instrument
from clinical.scales.settings import DEFAULT_SETTINGS, ScaleSettings

RESPONSE_REDUCTION = Fraction(1, 2)
INSURER_TMS_INSTRUMENTS = ("BDI2", "HAMD17")

ScorePoint = tuple[date, int]


@dataclass(frozen=True)
class PercentChange:
    """A percent to one decimal place, or None with the reason it cannot be given."""

    percent: Decimal | None
    reason: str | None = None


@dataclass(frozen=True)
class CoursePoint:
    on: date
    total: int
    change: PercentChange
    response: bool | None
    remission: bool | None
    nadir: int | None
    points_above_nadir: int | None
    rise_above_nadir: PercentChange | None


@dataclass(frozen=True)
class CourseSummary:
    instrument_code: str
    baseline: int
    remission_rule: Cutoff | None
    points: tuple[CoursePoint, ...]
    latest: CoursePoint | None
    first_response_on: date | None
    first_remission_on: date | None
    nadir: int | None
    nadir_on: date | None
    best_change: PercentChange | None


@dataclass(frozen=True)
class ScoreHistory:
    """One instrument's course: the acute baseline and the dated totals since."""

    instrument_code: str
    baseline: int
    points: Sequence[ScorePoint]


@dataclass(frozen=True)
class InsurerCriterion:
    met: bool
    reasons: tuple[str, ...]

    @property
    def explanation(self) -> str:
        return " ".join(self.reasons)


def percent_change(baseline: int, current: int) -> PercentChange:
    """(baseline − current) / baseline × 100; positive is improvement."""
    if baseline == 0:
        return PercentChange(
            None, "The baseline score is 0, so a percent change cannot be calculated."
        )
    return PercentChange(_one_decimal(Fraction(baseline - current, baseline) * 100))


def percent_rise(nadir: int, current: int) -> PercentChange:
    """(current − nadir) / nadir × 100: how far a score has climbed from its lowest point."""
    if nadir == 0:
        return PercentChange(
            None, "The nadir is 0, so the rise can be given in points but not as a percent."
        )
    return PercentChange(_one_decimal(Fraction(current - nadir, nadir) * 100))


def is_response(baseline: int, current: int) -> bool | None:
    """A reduction of at least 50% from baseline; None when the baseline is 0."""
    if baseline == 0:
        return None
    return Fraction(baseline - current, baseline) >= RESPONSE_REDUCTION


def is_remission(
    instrument: str | Instrument, total: int, *, settings: ScaleSettings | None = None
) -> bool | None:
    scale = resolve_instrument(instrument)
    _check_total(scale, total, "score")
    rule = _remission_rule(scale, settings or DEFAULT_SETTINGS)
    return rule.met_by(total) if rule else None


def summarise_course(
    instrument: str | Instrument,
    baseline: int,
    points: Iterable[ScorePoint],
    *,
    settings: ScaleSettings | None = None,
) -> CourseSummary:
    """Every point measured against the baseline, in date order, with the course summary."""
    scale = resolve_instrument(instrument)
    _check_total(scale, baseline, "baseline")
    ordered = _checked_points(scale, points)
    rule = _remission_rule(scale, settings or DEFAULT_SETTINGS)

    course: list[CoursePoint] = []
    nadir: int | None = None
    nadir_on: date | None = None
    first_response_on: date | None = None
    first_remission_on: date | None = None
    for on, total in ordered:
        response = is_response(baseline, total)
        if response and first_response_on is None:
            first_response_on = on
        if first_response_on is not None and (nadir is None or total < nadir):
            nadir, nadir_on = total, on
        remission = rule.met_by(total) if rule else None
        if remission and first_remission_on is None:
            first_remission_on = on
        course.append(
            CoursePoint(
                on=on,
                total=total,
                change=percent_change(baseline, total),
                response=response,
                remission=remission,
                nadir=nadir,
                points_above_nadir=None if nadir is None else total - nadir,
                rise_above_nadir=None if nadir is None else percent_rise(nadir, total),
            )
        )

    best_change = None
    if course:
        best_change = percent_change(baseline, min(point.total for point in course))
    return CourseSummary(
        instrument_code=scale.code,
        baseline=baseline,
        remission_rule=rule,
        points=tuple(course),
        latest=course[-1] if course else None,
        first_response_on=first_response_on,
        first_remission_on=first_remission_on,
        nadir=nadir,
        nadir_on=nadir_on,
        best_change=best_change,
    )


def insurer_tms_criterion(histories: Iterable[ScoreHistory]) -> InsurerCriterion:
    """Seed 000: further TMS is approved on a ≥ 50% drop in the BDI-II and/or the HAM-D.

    Each history is judged on its latest score against its baseline; the criterion is met
    when any one of them shows a response. Histories of other instruments are not counted.
    """
    counted = [h for h in histories if h.instrument_code in INSURER_TMS_INSTRUMENTS]
    if not counted:
        return InsurerCriterion(
            False, ("Not met: no BDI-II or HAM-D scores are recorded for this course.",)
        )
    findings: list[str] = []
    met_by: list[str] = []
    for history in counted:
        scale = resolve_instrument(history.instrument_code)
        summary = summarise_course(scale, history.baseline, history.points)
        finding, met = _insurer_finding(scale, summary)
        findings.append(finding)
        if met:
            met_by.append(scale.short_name)
    if met_by:
        headline = f"Met: a reduction of at least 50% from baseline on {' and '.join(met_by)}."
    else:
        headline = "Not met: neither the BDI-II nor the HAM-D is 50% or more below baseline."
    return InsurerCriterion(bool(met_by), (headline, *findings))


def _insurer_finding(scale: Instrument, summary: CourseSummary) -> tuple[str, bool]:
    name = scale.short_name
    latest = summary.latest
    if latest is None:
        return f"{name}: baseline {summary.baseline}, no follow-up score recorded yet.", False
    if latest.change.percent is None:
        return f"{name}: baseline 0, so a percent reduction cannot be calculated.", False
    percent = latest.change.percent
    change_text = f"{percent}% reduction" if percent >= 0 else f"{-percent}% increase"
    verdict = "meets" if latest.response else "does not meet"
    return (
        f"{name}: baseline {summary.baseline}, current {latest.total} on "
        f"{latest.on.isoformat()}, {change_text}: {verdict} the ≥ 50% criterion.",
        bool(latest.response),
    )


def _one_decimal(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _remission_rule(scale: Instrument, settings: ScaleSettings) -> Cutoff | None:
    return settings.resolve(scale.remission) if scale.remission else None


def _check_total(scale: Instrument, total: object, what: str) -> None:
    if not scale.has_total:
        raise ScaleInputError(f"The {scale.short_name} has no total to follow over time.")
    if isinstance(total, bool) or not isinstance(total, int):
        raise ScaleInputError(f"{scale.short_name} {what} must be a whole number; got {total!r}.")
    if not scale.min_total <= total <= scale.max_total:
        raise ScaleInputError(
            f"{scale.short_name} {what} {total} is outside {scale.min_total}-{scale.max_total}."
        )


def _checked_points(scale: Instrument, points: Iterable[ScorePoint]) -> list[ScorePoint]:
    checked: list[ScorePoint] = []
    for point in points:
        if not (isinstance(point, tuple) and len(point) == 2 and isinstance(point[0], date)):
            raise ScaleInputError(
                f"Each {scale.short_name} score must be a (date, total) pair; got {point!r}."
            )
        on, total = point
        _check_total(scale, total, f"score on {on.isoformat()}")
        checked.append((on, total))
    return sorted(checked, key=lambda pair: pair[0])
