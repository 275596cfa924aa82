"""How a patient's name and age are shown."""

from datetime import date


def display_name(family: str, given: str, preferred: str = "") -> str:
    """'Family, Given (Preferred)', the form a chart header and a list share."""
    if preferred and preferred != given:
        given = f"{given} ({preferred})"
    return f"{family}, {given}"


def age_on(date_of_birth: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - int(before_birthday)
