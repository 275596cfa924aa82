"""The message for a save refused because someone else saved the record first."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import StaleEditError
from db.models import AuditEvent, UserAccount

_CHANGES = ("create", "update", "delete")


def stale_edit(session: Session, object_type: str, object_id: int) -> StaleEditError:
    """'Changed by NAME at TIME: reload or compare', from the audit trail's last change."""
    last = session.execute(
        select(AuditEvent.username, AuditEvent.occurred_at, UserAccount.display_name)
        .outerjoin(UserAccount, UserAccount.id == AuditEvent.user_id)
        .where(AuditEvent.object_type == object_type)
        .where(AuditEvent.object_id == object_id)
        .where(AuditEvent.action.in_(_CHANGES))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    if last is None:
        who = "someone else"
    else:
        name = last.display_name or last.username
        who = f"{name} at {last.occurred_at.astimezone():%Y-%m-%d %H:%M}"
    return StaleEditError(
        f"This {object_type} was changed by {who}, after you opened it. Nothing of yours "
        "was saved: reload it, compare, and enter your change again."
    )
