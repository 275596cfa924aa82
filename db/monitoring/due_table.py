"""The stored due dates: one `MonitoringDue` row per patient and item that opens on a date.

Rows are worked out by `clinical.monitoring.due_entries` from the patient's facts and
rewritten whole for a patient whenever those facts change, in the transaction of the
change (`db.monitoring.sync` sees to that for completions, events, dismissals, courses and
appointments; a change of rules rewrites every patient). `ensure_current` works the whole
table out again when it was built for other rules (a database from before monitoring, a
release with new default rules). Takes a session; never commits, except `ensure_current`.
"""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from clinical.monitoring import MonitoringRule, due_entries
from db.base import utc_now
from db.database import Database
from db.models import MonitoringDue, MonitoringDueBuild
from db.monitoring.facts import Gathered, gather
from db.monitoring.rules_store import clinic_rules, rules_hash

_CHUNK = 500


def _rows(patient_id: int, gathered: Gathered, rules: Sequence[MonitoringRule]) -> list[dict]:
    by_code = {rule.code: rule for rule in rules}
    rows: list[dict[str, Any]] = []
    for entry in due_entries(rules, gathered.facts()):
        course = gathered.course_for(by_code[entry.item_code])
        if course is None:  # pragma: no cover - an entry exists only for an applying rule
            continue
        rows.append(
            {
                "patient_id": patient_id,
                "item_code": entry.item_code,
                "title": entry.title,
                "due_from": entry.due_from,
                "overdue_after": entry.overdue_after,
                "open_state": entry.open_state,
                "open_reason": entry.open_reason,
                "overdue_reason": entry.overdue_reason,
                "last_done": entry.last_done,
                "modality": course.modality,
                "prescriber": course.prescriber,
            }
        )
    return rows


def refresh_patients(
    session: Session,
    patient_ids: Collection[int],
    rules: Sequence[MonitoringRule] | None = None,
) -> None:
    """Rewrite these patients' rows from their facts as they stand in this transaction."""
    ids = sorted(set(patient_ids))
    if not ids:
        return
    rules = clinic_rules(session) if rules is None else rules
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        session.execute(delete(MonitoringDue).where(MonitoringDue.patient_id.in_(chunk)))
        gathered = gather(session, rules, chunk)
        rows = [row for pid, facts in gathered.items() for row in _rows(pid, facts, rules)]
        if rows:
            session.execute(insert(MonitoringDue), rows)


def rebuild_all(session: Session, rules: Sequence[MonitoringRule] | None = None) -> int:
    """Work out every patient's rows again; returns how many rows there are now."""
    rules = clinic_rules(session) if rules is None else rules
    session.execute(delete(MonitoringDue))
    rows: list[dict[str, Any]] = []
    for patient_id, facts in gather(session, rules).items():
        rows.extend(_rows(patient_id, facts, rules))
    for start in range(0, len(rows), 5000):
        session.execute(insert(MonitoringDue), rows[start : start + 5000])
    build = session.get(MonitoringDueBuild, 1)
    if build is None:
        session.add(MonitoringDueBuild(id=1, rules_hash=rules_hash(rules), built_at=utc_now()))
    else:
        build.rules_hash = rules_hash(rules)
        build.built_at = utc_now()
    session.flush()
    return len(rows)


def ensure_current(database: Database) -> bool:
    """Rebuild the table if it was built for other rules; True if it was rebuilt."""
    with database.reading() as session:
        if _current(session):
            return False
    with database.transaction() as session:
        if _current(session):  # another workstation rebuilt it meanwhile
            return False
        rebuild_all(session)
        return True


def _current(session: Session) -> bool:
    built_for = session.scalar(
        select(MonitoringDueBuild.rules_hash).where(MonitoringDueBuild.id == 1)
    )
    return built_for == rules_hash(clinic_rules(session))
