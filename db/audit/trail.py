"""Writing audit rows, inside the transaction of the change they record."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.accounts.actor import Actor
from db.audit.keys import Anchor, AuditKeys
from db.audit.seal import GENESIS_SEAL, compute_seal
from db.audit.snapshot import snapshot
from db.audit.vocabulary import AuditAction, AuditCategory
from db.base import utc_now
from db.models import AuditEvent, DatabaseIdentity

if TYPE_CHECKING:
    from db.database import Database

_PENDING_ANCHOR = "audit_pending_anchor"


@dataclass(frozen=True)
class Someone:
    """Who an event is about when nobody is signed in (a failed sign-in)."""

    username: str
    workstation: str


class AuditTrail:
    def __init__(self, keys: AuditKeys) -> None:
        self.keys = keys
        self._database_uuid: str | None = None

    def database_uuid(self, session: Session) -> str:
        if self._database_uuid is None:
            # Written once by the migration that created the audit trail.
            self._database_uuid = session.scalars(select(DatabaseIdentity.database_uuid)).one()
        return self._database_uuid

    def key(self, session: Session) -> bytes:
        has_rows = session.scalar(select(AuditEvent.id).limit(1)) is not None
        return self.keys.key(self.database_uuid(session), create=not has_rows)

    def record(
        self,
        session: Session,
        who: Actor | Someone,
        action: AuditAction,
        category: AuditCategory,
        *,
        patient_id: int | None = None,
        object_type: str = "",
        object_id: int | None = None,
        prior: Any = None,
        detail: str = "",
    ) -> AuditEvent:
        """Add a sealed row to the session's transaction; it lands with the change or not at all.

        `prior` is the ORM row before a change (captured as JSON now) or None.
        """
        if session.get_bind().dialect.name == "postgresql":
            # One writer at a time extends the chain; SQLite's write lock does this already.
            session.execute(text("LOCK TABLE audit_event IN EXCLUSIVE MODE"))
        key = self.key(session)
        last = session.execute(
            select(AuditEvent.id, AuditEvent.seal).order_by(AuditEvent.id.desc()).limit(1)
        ).first()
        event = AuditEvent(
            id=(last.id + 1) if last else 1,
            occurred_at=utc_now(),
            user_id=who.user_id if isinstance(who, Actor) else None,
            username=who.username,
            role=who.role.value if isinstance(who, Actor) else "",
            workstation=who.workstation,
            patient_id=patient_id,
            action=action.value,
            category=category.value,
            object_type=object_type,
            object_id=object_id,
            prior_version=None if prior is None else snapshot(prior),
            detail=detail,
            previous_seal=last.seal if last else GENESIS_SEAL,
        )
        event.seal = compute_seal(key, event.previous_seal, event)
        session.add(event)
        session.flush()
        session.info[_PENDING_ANCHOR] = Anchor(event.id, event.seal)
        return event

    def after_commit(self, session: Session) -> None:
        anchor = session.info.pop(_PENDING_ANCHOR, None)
        if anchor is not None and self._database_uuid is not None:
            self.keys.move_anchor(self._database_uuid, anchor)

    def after_rollback(self, session: Session) -> None:
        session.info.pop(_PENDING_ANCHOR, None)


def acknowledge_restore(database: "Database", who: "Actor | Someone", backup_name: str) -> None:
    """After a restore the trail is the backup's: set the kept anchor to its last row, then
    record the restore, so that the chain goes on from there and verifies."""
    audit = database.audit
    with database.transaction() as session:
        last = session.execute(
            select(AuditEvent.id, AuditEvent.seal).order_by(AuditEvent.id.desc()).limit(1)
        ).first()
        if last is not None:
            audit.keys.move_anchor(
                audit.database_uuid(session), Anchor(last.id, last.seal), back=True
            )
        audit.record(
            session,
            who,
            AuditAction.RESTORE,
            AuditCategory.SETTINGS,
            detail=f"database restored from {backup_name}; the rows after it are in the copy kept",
        )
