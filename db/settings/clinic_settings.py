"""The settings a clinic may change, their defaults, and the rules each must meet."""

import json
from dataclasses import dataclass

from sqlalchemy import select

from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditCategory
from db.database import Database
from db.errors import InvalidEntryError
from db.models import ClinicSetting
from db.settings.store import write_settings

IDLE_LOCK_MINUTES = "idle_lock_minutes"
BACKUPS_KEPT = "backups_kept"
DEFAULT_BACKUPS_KEPT = 14
MAX_BACKUPS_KEPT = 365
DEFAULT_IDLE_LOCK_MINUTES = 10
MAX_IDLE_LOCK_MINUTES = 30  # US ONC 170.315(d)(5): an automatic time-out the clinic sets


@dataclass(frozen=True)
class ClinicSettings:
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    backups_kept: int = DEFAULT_BACKUPS_KEPT


def _problems(settings: ClinicSettings) -> list[Problem]:
    problems = []
    if not 1 <= settings.idle_lock_minutes <= MAX_IDLE_LOCK_MINUTES:
        problems.append(
            Problem(
                IDLE_LOCK_MINUTES,
                f"The idle lock must be between 1 and {MAX_IDLE_LOCK_MINUTES} minutes.",
            )
        )
    if not 1 <= settings.backups_kept <= MAX_BACKUPS_KEPT:
        problems.append(
            Problem(BACKUPS_KEPT, f"Keep between 1 and {MAX_BACKUPS_KEPT} backups.")
        )
    return problems


def load_settings(database: Database) -> ClinicSettings:
    """Everyone's program reads these (the idle lock applies to all roles)."""
    with database.reading() as session:
        stored = {
            row.key: json.loads(row.value_json) for row in session.scalars(select(ClinicSetting))
        }
    defaults = ClinicSettings()
    return ClinicSettings(
        idle_lock_minutes=int(stored.get(IDLE_LOCK_MINUTES, defaults.idle_lock_minutes)),
        backups_kept=int(stored.get(BACKUPS_KEPT, defaults.backups_kept)),
    )


def save_settings(database: Database, actor: Actor, settings: ClinicSettings) -> None:
    """Each changed value is its own audited setting change, with the value before it."""
    authorize(database, actor, Permission.MANAGE_SETTINGS, AuditCategory.SETTINGS)
    if problems := _problems(settings):
        raise InvalidEntryError(problems)
    wanted = {
        IDLE_LOCK_MINUTES: settings.idle_lock_minutes,
        BACKUPS_KEPT: settings.backups_kept,
    }
    defaults = ClinicSettings()
    with database.transaction() as session:
        write_settings(
            database, session, actor, wanted, {key: getattr(defaults, key) for key in wanted}
        )
