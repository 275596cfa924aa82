"""The check every workflow makes first: may this person do this? A refusal is audited."""

from db.accounts.actor import Actor
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.errors import ClinicError


class PermissionDeniedError(ClinicError):
    pass


def authorize(
    database: Database,
    actor: Actor,
    permission: Permission,
    category: AuditCategory,
    patient_id: int | None = None,
) -> None:
    if actor.may(permission):
        return
    # Recorded in its own transaction: the refused work never opens one.
    with database.transaction() as session:
        database.audit.record(
            session,
            actor,
            AuditAction.PERMISSION_DENIED,
            category,
            patient_id=patient_id,
            detail=f"tried to {permission.value}",
        )
    raise PermissionDeniedError(
        f"Your role ({actor.role.label}) may not {permission.value}. "
        "Ask a colleague whose role allows it, or an administrator to change your role."
    )
