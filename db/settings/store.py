"""Writing clinic settings: each changed value its own audited change, with the one before."""

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from db.accounts.actor import Actor
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.models import ClinicSetting


def write_settings(
    database: Database,
    session: Session,
    actor: Actor,
    values: Mapping[str, Any],
    defaults: Mapping[str, Any] | None = None,
) -> None:
    """Store `values` by key inside the caller's transaction. A value equal to what is
    stored, or to its default when nothing is stored yet, is not a change."""
    for key, value in values.items():
        row = session.get(ClinicSetting, key)
        encoded = json.dumps(value, sort_keys=True)
        if row is not None:
            current: str | None = row.value_json
        elif defaults is not None and key in defaults:
            current = json.dumps(defaults[key], sort_keys=True)
        else:
            current = None
        if current == encoded:
            continue
        database.audit.record(
            session,
            actor,
            AuditAction.SETTING_CHANGE,
            AuditCategory.SETTINGS,
            object_type="setting",
            prior=row,
            detail=f"{key} = {encoded}",
        )
        if row is None:
            session.add(ClinicSetting(key=key, value_json=encoded))
        else:
            row.value_json = encoded
