"""The Spravato REMS patient monitoring form: when it is due, and which version of it.

"Monitoring form per session, due within 7 days ... The form changes over time: version
it." (clinical-reference.md section 2, Esketamine.)
"""

from datetime import date, timedelta

REMS_FORM_DUE_DAYS = 7
# The layout of the form's contents this program prints; raise it when the REMS changes
# the questions, so a printed form says which set it answers.
REMS_FORM_VERSION = "Spravato REMS patient monitoring form, contents as of 2025 (v1)"


def form_due_on(session_day: date) -> date:
    """The last day the form may be submitted: the session's day plus 7."""
    return session_day + timedelta(days=REMS_FORM_DUE_DAYS)


def form_overdue(session_day: date, today: date) -> bool:
    return today > form_due_on(session_day)
