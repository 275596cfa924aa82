"""Calendar arithmetic shared by the protocols: calendar months and clinic days."""

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or that month's last day if it is shorter.

    This is how every "month" in the protocols is counted (relapse timing, taper steps,
    sustained remission): 2026-01-15 + 1 month = 2026-02-15; 2026-01-31 + 1 month = 2026-02-28.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month_index = divmod(index, 12)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last_day))


def is_weekday(day: date) -> bool:
    return day.weekday() < 5


def nearest_weekday(day: date) -> date:
    """Saturday moves back to Friday and Sunday forward to Monday: at most one day off."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def clinic_day(day: date, weekdays_only: bool) -> date:
    return nearest_weekday(day) if weekdays_only else day
