"""Calendar-month arithmetic for monitoring intervals.

Months are counted on the calendar, not as 30-day blocks: 2026-05-02 plus 6 months is
2026-11-02. When the target month is shorter than the start day, the date is clamped to that
month's last day: 2026-08-31 plus 6 months is 2027-02-28, 2027-08-31 plus 6 months is
2028-02-29, 2026-01-31 plus 1 month is 2026-02-28. Clamping makes the operation lossy
(2027-02-28 plus 6 months is 2027-08-28, not the 31st), so always count from the real
completion date, never from a previously computed due date.
"""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))
