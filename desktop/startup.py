"""Open the database the program was pointed at, bringing its schema up to date."""

import logging
from dataclasses import dataclass

from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.database import Database, sqlite_url
from db.migrate import upgrade_to_head
from desktop.paths import AppPaths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    database: Database
    description: str


def open_database(paths: AppPaths, database_url: str | None) -> OpenedDatabase:
    """Raises ClinicError subclasses with a message for the user when it cannot open."""
    paths.create()
    audit = AuditTrail(AuditKeys(paths.audit_key_dir))
    if database_url:
        database = Database(database_url, audit)
        description = f"clinic server ({database.engine.dialect.name})"
    else:
        database = Database(sqlite_url(paths.database_file), audit)
        description = str(paths.database_file)
    outcome = upgrade_to_head(database, paths.backup_dir)
    if outcome.created:
        log.info("created a new database at schema %s", outcome.to_revision)
    elif outcome.upgraded:
        log.info(
            "upgraded the database from schema %s to %s; copy kept in the backups folder",
            outcome.from_revision,
            outcome.to_revision,
        )
    return OpenedDatabase(database, description)
