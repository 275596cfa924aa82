"""Score arithmetic, percentages as shown, and calendar months."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given as for_all
from hypothesis import strategies as st

from clinical.protocols.dates import add_months, nearest_weekday
from clinical.protocols.enums import Comparison
from clinical.protocols.measures import (
    in_remission,
    maintenance_nadir,
    percent_below,
    rises_more_than,
)
from clinical.protocols.wording import num, pct
from tests.clinical.protocols.protocol_builders import SETTINGS, course, scores


def test_percent_change_is_from_the_reference() -> None:
    assert percent_below(30, 15) == 50
    assert percent_below(11, 15) == Fraction(-400, 11)
    assert percent_below(Decimal("8"), Decimal("10.01")) == Fraction(-201, 8)  # -25.125


def test_rises_more_than_is_strict() -> None:
    assert not rises_more_than(8, 10, Decimal(25))
    assert rises_more_than(8, Decimal("10.01"), Decimal(25))
    assert not rises_more_than(0, 0, Decimal(25))
    assert rises_more_than(0, 1, Decimal(25))


def test_remission_comparisons() -> None:
    assert in_remission(10, 10, Comparison.AT_OR_BELOW)
    assert not in_remission(11, 10, Comparison.AT_OR_BELOW)
    assert not in_remission(5, 5, Comparison.BELOW)
    assert in_remission(4, 5, Comparison.BELOW)


def test_maintenance_nadir_starts_at_response() -> None:
    c = course()
    points = scores(
        (date(2026, 1, 1), 16),
        (date(2026, 1, 5), 14),
        (date(2026, 1, 9), 12),
        (date(2026, 1, 20), 12),
    )
    nadir = maintenance_nadir(points, c, SETTINGS.response_pct)
    assert nadir is not None and nadir.total == 12 and nadir.on == date(2026, 1, 9)
    assert maintenance_nadir(points[:1], c, SETTINGS.response_pct) is None


def test_shown_percentages_never_round_onto_the_threshold() -> None:
    assert pct(Fraction(400, 11), Decimal(25)) == "36%"
    assert pct(Fraction(25), Decimal(25)) == "25%"
    assert pct(Fraction(2541, 100), Decimal(25)) == "25.4%"
    assert pct(Fraction(2496, 100), Decimal(25)) == "24.96%"
    assert pct(Fraction(995, 20), Decimal(50)) == "49.8%"
    assert num(Decimal("10.50")) == "10.5"
    assert num(Decimal("10")) == "10"


@for_all(st.fractions(min_value=0, max_value=200, max_denominator=1000))
def test_a_shown_percentage_sits_on_the_same_side_of_25(value: Fraction) -> None:
    shown = Decimal(pct(value, Decimal(25)).rstrip("%"))
    if value > 25:
        assert shown > 25
    elif value < 25:
        assert shown < 25
    else:
        assert shown == 25


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(date(2026, 1, 15), 1) == date(2026, 2, 15)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 10), -6) == date(2025, 7, 10)


def test_nearest_weekday() -> None:
    assert nearest_weekday(date(2026, 3, 14)) == date(2026, 3, 13)  # Sat -> Fri
    assert nearest_weekday(date(2026, 3, 15)) == date(2026, 3, 16)  # Sun -> Mon
    assert nearest_weekday(date(2026, 3, 16)) == date(2026, 3, 16)
