"""Backups through SQLite's online backup API, verified before they count, and restore.

A backup is written to a temporary name, checked (integrity check, and the row count of
every table equal to the source's at the moment of the copy), synced to disk, and only then
renamed to its final name: a file named `boosterdesk-<UTC time>.sqlite3` in the backups
folder is always a good one. Older good backups beyond the number to keep are removed.
"""

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.errors import ClinicError
from db.files import fsync_folder

BACKUP_PREFIX = "boosterdesk-"
BACKUP_SUFFIX = ".sqlite3"
DEFAULT_BACKUPS_KEPT = 14


class BackupError(ClinicError):
    pass


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    size_bytes: int


@dataclass(frozen=True)
class BackupResult:
    backup: BackupFile
    row_counts: dict[str, int]
    removed: tuple[Path, ...]


def _tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in _tables(connection)
    }


def integrity_problem(connection: sqlite3.Connection, quick: bool = False) -> str | None:
    """None when SQLite finds the file sound, else its first complaint."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        result = connection.execute(f"PRAGMA {pragma}").fetchone()[0]
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if result == "ok" else str(result)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S%fZ")


def list_backups(backup_dir: Path) -> list[BackupFile]:
    """Good backups, newest first."""
    found = []
    for path in backup_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"):
        stamp = path.name[len(BACKUP_PREFIX) : -len(BACKUP_SUFFIX)]
        try:
            taken = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(BackupFile(path, taken, path.stat().st_size))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def back_up(
    database_file: Path,
    backup_dir: Path,
    keep: int = DEFAULT_BACKUPS_KEPT,
    now: datetime | None = None,
) -> BackupResult:
    """Copy the live database (others may go on working) and verify the copy."""
    moment = now or datetime.now(UTC)
    backup_dir.mkdir(parents=True, exist_ok=True)
    final = backup_dir / f"{BACKUP_PREFIX}{_stamp(moment)}{BACKUP_SUFFIX}"
    temporary = backup_dir / f".{final.name}.partial"
    source = sqlite3.connect(f"file:{database_file}?mode=ro", uri=True)
    try:
        # One read transaction: the counts and the copy see the same moment.
        source.execute("BEGIN")
        expected = row_counts(source)
        with sqlite3.connect(temporary) as copy:
            source.backup(copy)
        copy.close()
        source.execute("COMMIT")
    finally:
        source.close()
    try:
        _verify_copy(temporary, expected)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        temporary.replace(final)
        fsync_folder(backup_dir)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    removed = tuple(backup.path for backup in list_backups(backup_dir)[keep:])
    for path in removed:
        path.unlink(missing_ok=True)
    return BackupResult(BackupFile(final, moment, final.stat().st_size), expected, removed)


def _verify_copy(path: Path, expected: dict[str, int]) -> None:
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if problem := integrity_problem(copy):
            raise BackupError(f"The backup copy failed its integrity check ({problem}).")
        found = row_counts(copy)
    finally:
        copy.close()
    if found != expected:
        raise BackupError("The backup copy does not hold the same rows as the database.")


def restore(backup: Path, database_file: Path, backup_dir: Path) -> Path | None:
    """Put a backup in place of the database, after backing up the database as it is.

    The program must not have the database open. Returns the safety copy of the database
    that was replaced (None when there was none).
    """
    check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        if problem := integrity_problem(check):
            raise BackupError(
                f"{backup.name} failed its integrity check ({problem}); choose another backup."
            )
        counts = row_counts(check)
    finally:
        check.close()
    safety = None
    if database_file.exists():
        current = sqlite3.connect(f"file:{database_file}?mode=ro", uri=True)
        healthy = integrity_problem(current, quick=True) is None
        current.close()
        if healthy:
            safety = back_up(database_file, backup_dir, keep=10_000).backup.path
        else:
            # A damaged file cannot go through the backup API; keep its bytes as they are.
            safety = backup_dir / f"damaged-{_stamp(datetime.now(UTC))}{BACKUP_SUFFIX}"
            backup_dir.mkdir(parents=True, exist_ok=True)
            safety.write_bytes(database_file.read_bytes())
    temporary = database_file.with_name(f".{database_file.name}.restoring")
    with (
        sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as source,
        sqlite3.connect(temporary) as target,
    ):
        source.backup(target)
    source.close()
    target.close()
    _verify_copy(temporary, counts)
    for leftover in (Path(f"{database_file}-wal"), Path(f"{database_file}-shm")):
        leftover.unlink(missing_ok=True)
    temporary.replace(database_file)
    fsync_folder(database_file.parent)
    return safety
