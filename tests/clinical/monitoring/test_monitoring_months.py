from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinical.monitoring import add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 5, 2), 6, date(2026, 11, 2)),
        (date(2026, 5, 2), 3, date(2026, 8, 2)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # clamped to February's last day
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),  # across the year end
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
    ],
)
def test_add_months_counts_calendar_months_and_clamps_month_end(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)),
    st.integers(min_value=0, max_value=120),
)
def test_add_months_lands_in_the_right_month_on_the_same_or_last_day(
    start: date, months: int
) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    if start.day <= 28:
        assert result.day == start.day
    else:
        assert result.day <= start.day
        next_day_month = date.fromordinal(result.toordinal() + 1).month
        assert result.day == start.day or next_day_month != result.month


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)),
    st.integers(min_value=0, max_value=60),
)
def test_add_months_is_strictly_increasing_in_months(start: date, months: int) -> None:
    assert add_months(start, months) < add_months(start, months + 1)
