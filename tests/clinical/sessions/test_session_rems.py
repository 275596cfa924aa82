"""The REMS monitoring form is due within 7 days of the session."""

from datetime import date

from clinical.sessions import REMS_FORM_VERSION, form_due_on, form_overdue

SESSION = date(2026, 1, 5)


def test_due_seven_days_after_the_session() -> None:
    assert form_due_on(SESSION) == date(2026, 1, 12)
    assert form_due_on(date(2026, 12, 28)) == date(2027, 1, 4)


def test_overdue_only_after_the_due_day() -> None:
    assert not form_overdue(SESSION, date(2026, 1, 12))
    assert form_overdue(SESSION, date(2026, 1, 13))


def test_the_form_is_versioned() -> None:
    assert "v1" in REMS_FORM_VERSION
