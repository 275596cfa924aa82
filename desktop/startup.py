"""Open the database the program was pointed at, bringing its schema up to date."""

import logging
import sqlite3
from dataclasses import dataclass

from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.backup import integrity_problem, list_backups
from db.database import Database, sqlite_url
from db.errors import ClinicError
from db.location import unsafe_location
from db.migrate import upgrade_to_head
from desktop.paths import AppPaths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    database: Database
    description: str


class DatabaseDamagedError(ClinicError):
    pass


def refuse_damaged(paths: AppPaths) -> None:
    """A quick integrity check, read-only, before anything can write to the file."""
    if not paths.database_file.exists():
        return
    connection = sqlite3.connect(f"file:{paths.database_file}?mode=ro", uri=True)
    try:
        problem = integrity_problem(connection, quick=True)
    finally:
        connection.close()
    if problem is None:
        return
    backups = list_backups(paths.backup_dir)
    newest = (
        f"The newest good backup is {backups[0].path} ({backups[0].taken_at:%Y-%m-%d %H:%M} "
        f"UTC). Restore it with: boosterdesk restore \"{backups[0].path}\""
        if backups
        else "No backup was found in the backups folder."
    )
    raise DatabaseDamagedError(
        f"The database file {paths.database_file} is damaged, so it was not opened and "
        f"nothing was written to it. {newest} Restoring keeps a copy of the damaged file."
    )


def open_database(paths: AppPaths, database_url: str | None) -> OpenedDatabase:
    """Raises ClinicError subclasses with a message for the user when it cannot open."""
    paths.create()
    audit = AuditTrail(AuditKeys(paths.audit_key_dir))
    if database_url:
        database = Database(database_url, audit)
        description = f"clinic server ({database.engine.dialect.name})"
    else:
        if reason := unsafe_location(paths.data_dir):
            raise ClinicError(reason)
        refuse_damaged(paths)
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
