"""Keeps the stored due dates in step with every change that moves them, in its own
transaction, whichever workflow makes it.

After each flush, the patients whose courses, appointments, monitoring completions, events
or dismissals were added, changed or removed are noted on the session; just before the
transaction commits their `monitoring_due` rows are worked out again (`refresh_patients`).
Courses and appointments are changed by the course and calendar workflows, which need not
know about monitoring; rows written with bulk statements (the demo generator) are not seen,
so such code calls `rebuild_all` itself. A change of rules rebuilds every row in its own
workflow (`save_rules`).

Registered once, on import, for every SQLAlchemy session (`db.models` imports this module).
"""

from itertools import chain
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

WATCHED_TABLES = frozenset(
    {
        "treatment_course",
        "appointment",
        "monitoring_completion",
        "monitoring_event",
        "monitoring_dismissal",
    }
)
_CHANGED = "monitoring_patients_changed"


def _after_flush(session: Session, _context: Any) -> None:
    ids = {
        getattr(row, "patient_id", None)
        for row in chain(session.new, session.dirty, session.deleted)
        if getattr(row, "__tablename__", None) in WATCHED_TABLES
    }
    ids.discard(None)
    if ids:
        session.info.setdefault(_CHANGED, set()).update(ids)


def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()
    changed = session.info.pop(_CHANGED, None)
    if changed:
        from db.monitoring.due_table import refresh_patients

        refresh_patients(session, changed)
        session.flush()


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_CHANGED, None)


event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "before_commit", _before_commit)
event.listen(Session, "after_rollback", _forget)
