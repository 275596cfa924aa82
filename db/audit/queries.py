"""The administrator's view of the trail: filtered rows, and the same rows as CSV."""

import csv
import io
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Select, func, or_, select

from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.files import write_atomically
from db.models import AuditEvent, Patient, UserAccount

MAX_ROWS_SHOWN = 5000


@dataclass(frozen=True)
class AuditFilter:
    start: date | None = None
    end: date | None = None
    username: str = ""
    patient_mrn: str = ""
    action: str = ""
    category: str = ""

    def describe(self) -> str:
        parts = [f"{f.name}={getattr(self, f.name)}" for f in fields(self) if getattr(self, f.name)]
        return ", ".join(parts) or "no filter"


@dataclass(frozen=True)
class AuditRow:
    id: int
    occurred_at: datetime
    username: str
    role: str
    workstation: str
    patient_mrn: str
    action: str
    category: str
    object_type: str
    object_id: int | None
    detail: str
    prior_version: str


def _local_midnight(day: date) -> datetime:
    """Dates in the filter are the clinic's days, as the times on screen are local."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def _query(audit_filter: AuditFilter) -> Select:
    query = select(AuditEvent, Patient.mrn).outerjoin(Patient, Patient.id == AuditEvent.patient_id)
    if audit_filter.start:
        query = query.where(AuditEvent.occurred_at >= _local_midnight(audit_filter.start))
    if audit_filter.end:
        end = _local_midnight(audit_filter.end + timedelta(days=1))
        query = query.where(AuditEvent.occurred_at < end)
    if audit_filter.username:
        # The name as written on the row, or whoever holds that account now (renamed since).
        name = audit_filter.username.strip().casefold()
        holder = select(UserAccount.id).where(UserAccount.username_key == name)
        query = query.where(
            or_(func.lower(AuditEvent.username) == name, AuditEvent.user_id.in_(holder))
        )
    if audit_filter.patient_mrn:
        query = query.where(Patient.mrn == audit_filter.patient_mrn.strip().upper())
    if audit_filter.action:
        query = query.where(AuditEvent.action == audit_filter.action)
    if audit_filter.category:
        query = query.where(AuditEvent.category == audit_filter.category)
    return query.order_by(AuditEvent.id.desc())


def _rows(database: Database, audit_filter: AuditFilter, limit: int | None) -> list[AuditRow]:
    query = _query(audit_filter)
    if limit is not None:
        query = query.limit(limit)
    with database.reading() as session:
        return [
            AuditRow(
                id=event.id,
                occurred_at=event.occurred_at,
                username=event.username,
                role=event.role,
                workstation=event.workstation,
                patient_mrn=mrn or "",
                action=event.action,
                category=event.category,
                object_type=event.object_type,
                object_id=event.object_id,
                detail=event.detail,
                prior_version=event.prior_version or "",
            )
            for event, mrn in session.execute(query)
        ]


def search_audit(database: Database, actor: Actor, audit_filter: AuditFilter) -> list[AuditRow]:
    """Newest first, at most MAX_ROWS_SHOWN rows; looking is itself recorded."""
    authorize(database, actor, Permission.VIEW_AUDIT, AuditCategory.AUDIT)
    rows = _rows(database, audit_filter, MAX_ROWS_SHOWN)
    with database.transaction() as session:
        database.audit.record(
            session,
            actor,
            AuditAction.VIEW_AUDIT,
            AuditCategory.AUDIT,
            detail=audit_filter.describe(),
        )
    return rows


def audit_csv(rows: list[AuditRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    names = [f.name for f in fields(AuditRow)]
    writer.writerow(names)
    for row in rows:
        values = [getattr(row, name) for name in names]
        writer.writerow(
            [v.isoformat() if isinstance(v, datetime) else ("" if v is None else v) for v in values]
        )
    return buffer.getvalue()


def export_audit(database: Database, actor: Actor, audit_filter: AuditFilter, target: Path) -> int:
    """Every matching row (no display limit) to a CSV file, written atomically."""
    authorize(database, actor, Permission.VIEW_AUDIT, AuditCategory.AUDIT)
    rows = _rows(database, audit_filter, None)
    write_atomically(target, audit_csv(rows).encode("utf-8"))
    with database.transaction() as session:
        database.audit.record(
            session,
            actor,
            AuditAction.EXPORT,
            AuditCategory.AUDIT,
            detail=f"{len(rows)} rows to CSV ({audit_filter.describe()})",
        )
    return len(rows)


ACTIONS = [action.value for action in AuditAction]
CATEGORIES = [category.value for category in AuditCategory]
