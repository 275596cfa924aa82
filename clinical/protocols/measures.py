"""Score arithmetic for the rules, exact at the boundaries.

Percent change = (baseline − current) / baseline × 100; the baseline is the acute
pre-treatment score and the maintenance nadir the lowest score since response
(clinical-reference.md §1). Fractions keep the thresholds exact: 10 against a nadir of 8 is a
rise of exactly 25%, which is not "more than 25%".
"""

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from clinical.protocols.course import Course, Score, ScorePoint
from clinical.protocols.enums import Comparison


def percent_below(reference: Score, score: Score) -> Fraction:
    """How far `score` is below `reference`, in percent (negative when above it)."""
    return (Fraction(reference) - Fraction(score)) * 100 / Fraction(reference)


def percent_above(reference: Score, score: Score) -> Fraction:
    """How far `score` is above `reference`, in percent. `reference` must not be 0."""
    return -percent_below(reference, score)


def rises_more_than(reference: Score, score: Score, pct: Decimal) -> bool:
    """Strictly more than `pct` percent above `reference`.

    From a reference of 0 a percentage is undefined; any rise above 0 counts as more.
    """
    if reference == 0:
        return score > 0
    return percent_above(reference, score) > Fraction(pct)


def in_remission(score: Score, threshold: Score, comparison: Comparison) -> bool:
    if comparison is Comparison.AT_OR_BELOW:
        return Fraction(score) <= Fraction(threshold)
    return Fraction(score) < Fraction(threshold)


def course_remission(course: Course, score: Score) -> bool:
    return in_remission(score, course.remission_threshold, course.remission_comparison)


def at_least_below_baseline(course: Course, score: Score, pct: Decimal) -> bool:
    return percent_below(course.acute_baseline, score) >= Fraction(pct)


def meets(course: Course, score: Score, pct: Decimal) -> bool:
    """In remission, or at least `pct` percent below the acute baseline."""
    return course_remission(course, score) or at_least_below_baseline(course, score, pct)


def maintenance_nadir(
    scores: Sequence[ScorePoint], course: Course, response_pct: Decimal
) -> ScorePoint | None:
    """The lowest score since response, or None before response.

    Response is the first score at least `response_pct` below the acute baseline or in
    remission (a patient with a low baseline can remit without halving). Ties keep the
    earliest. `scores` must be in date order.
    """
    start = next((i for i, p in enumerate(scores) if meets(course, p.total, response_pct)), None)
    if start is None:
        return None
    return min(scores[start:], key=lambda p: Fraction(p.total))
