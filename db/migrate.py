"""Bring a database to the schema this program expects, safely.

A new database is created by running every migration. One at an older revision is copied
first and then upgraded. One written by a newer program is refused untouched.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from db.database import Database
from db.encryption import connect_file
from db.errors import DatabaseTooNewError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migration history is empty"
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class MigrationOutcome:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def created(self) -> bool:
        return self.from_revision is None

    @property
    def upgraded(self) -> bool:
        return self.from_revision is not None and self.from_revision != self.to_revision


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def _copy_sqlite_file(database: Database, source: Path, backup_dir: Path, revision: str) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{source.stem}-before-upgrade-from-{revision}-{stamp}.sqlite3"
    # The online backup API copies a consistent image even with a WAL file beside it.
    # An encrypted database's copy is encrypted under the same passphrase.
    live = connect_file(source, database.passphrase)
    copy = connect_file(target, database.passphrase)
    try:
        live.backup(copy)
    finally:
        copy.close()
        live.close()
    return target


def upgrade_to_head(database: Database, backup_dir: Path | None = None) -> MigrationOutcome:
    head = head_revision()
    found = current_revision(database)
    if found is not None and found not in _known_revisions():
        raise DatabaseTooNewError(
            "This database was last opened by a newer version of Booster Desk "
            f"(schema {found}). Install that version or newer to open it; nothing was changed."
        )
    if found == head:
        return MigrationOutcome(found, head, None)
    backup = None
    sqlite_path = database.sqlite_path
    if found is not None and sqlite_path is not None:
        backup = _copy_sqlite_file(
            database, sqlite_path, backup_dir or sqlite_path.parent / "backups", found
        )
    with database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    return MigrationOutcome(found, head, backup)


def make_revision(message: str, database: Database) -> None:
    """Developer tool: write a new migration from the difference between models and schema."""
    number = len(_known_revisions()) + 1
    with database.engine.begin() as connection:
        command.revision(
            alembic_config(connection),
            message=message,
            autogenerate=True,
            rev_id=f"{number:04d}",
        )
