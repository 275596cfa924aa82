"""Numbers and phrases for the reasons a clinician pastes into a note."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from clinical.protocols.course import Course, Score
from clinical.protocols.measures import course_remission, percent_below


def num(value: Score) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def pct(value: Fraction, threshold: Decimal | None = None) -> str:
    """A percentage rounded to a whole number, with decimals added only when rounding would
    show the threshold itself for a value that is not exactly it ("25.4%", never "25%")."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    for places in range(4):
        shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if threshold is None or shown != threshold or value == Fraction(threshold):
            return f"{shown}%"
    return f"{exact:.3f}%"


def day(value: date) -> str:
    return value.isoformat()


def every(days: int) -> str:
    return f"every {days} days"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def remission_phrase(course: Course, score: Score) -> str:
    """ "MADRS 8 ≤ 10"."""
    return (
        f"{course.scale} {num(score)} {course.remission_comparison.symbol} "
        f"{num(course.remission_threshold)}"
    )


def baseline_phrase(course: Course, score: Score, threshold: Decimal) -> str:
    """ "53% below the acute baseline of 30" (or "the same as", or "...% above")."""
    below = percent_below(course.acute_baseline, score)
    baseline = num(course.acute_baseline)
    if below > 0:
        return f"{pct(below, threshold)} below the acute baseline of {baseline}"
    if below == 0:
        return f"the same as the acute baseline of {baseline}"
    return f"{pct(-below)} above the acute baseline of {baseline}"


def meets_phrase(course: Course, score: Score, threshold: Decimal) -> str:
    """Why a score meets the condition: remission if it is, else the drop from baseline."""
    if course_remission(course, score):
        return remission_phrase(course, score)
    return (
        f"{course.scale} {num(score)} is {baseline_phrase(course, score, threshold)} "
        f"(at least {num(threshold)}%)"
    )


def fails_phrase(course: Course, score: Score, threshold: Decimal) -> str:
    """Why a score does not meet the condition: neither remission nor enough of a drop."""
    return (
        f"{course.scale} {num(score)} is {course.remission_comparison.failed_phrase} "
        f"{num(course.remission_threshold)} and {baseline_phrase(course, score, threshold)} "
        f"(less than {num(threshold)}%)"
    )


def rise_phrase(scale: str, score: Score, reference: Score, what: str, threshold: Decimal) -> str:
    """ "MADRS 15 is 36% above the maintenance nadir of 11 (more than 25%)"."""
    if reference == 0:
        return (
            f"{scale} {num(score)} is above the {what} of 0 "
            f"(any rise from 0 is more than {num(threshold)}%)"
        )
    above = -percent_below(reference, score)
    return (
        f"{scale} {num(score)} is {pct(above, threshold)} above the {what} of {num(reference)} "
        f"(more than {num(threshold)}%)"
    )
