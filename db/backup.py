"""Backups through SQLite's online backup API, verified before they count, and restore.

A backup is written to a temporary name, checked (integrity check, and the row count of
every table equal to the source's at the moment of the copy), synced to disk, and only then
renamed to its final name: a file named `boosterdesk-<UTC time>.sqlite3` in the backups
folder is always a good one. Older good backups beyond the number to keep are removed.

The backup of an encrypted database is encrypted under the same passphrase (SQLCipher
encrypts each page again as it is copied) and is checked through SQLCipher, its page HMACs
included; a plain database's backup is a plain file, as before.
"""

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db.encryption import (
    Passphrase,
    WrongPassphraseError,
    connect_file,
    integrity_problems,
    is_encrypted_file,
)
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


def _tables(connection: Any) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def row_counts(connection: Any) -> dict[str, int]:
    return {
        table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in _tables(connection)
    }


def integrity_problem(connection: Any, quick: bool = False, encrypted: bool = False) -> str | None:
    """None when SQLite (and SQLCipher, when `encrypted`) find the file sound, else the first
    complaint."""
    return integrity_problems(connection, quick=quick, encrypted=encrypted)


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
    passphrase: Passphrase | None = None,
) -> BackupResult:
    """Copy the live database (others may go on working) and verify the copy.

    An encrypted database needs its `passphrase`; the copy is encrypted under it.
    """
    _needs_passphrase(database_file, passphrase)
    moment = now or datetime.now(UTC)
    backup_dir.mkdir(parents=True, exist_ok=True)
    final = backup_dir / f"{BACKUP_PREFIX}{_stamp(moment)}{BACKUP_SUFFIX}"
    temporary = backup_dir / f".{final.name}.partial"
    source = connect_file(database_file, passphrase, read_only=True)
    try:
        # One read transaction: the counts and the copy see the same moment.
        source.execute("BEGIN")
        expected = row_counts(source)
        try:
            _copy(source, temporary, passphrase)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        source.execute("COMMIT")
    finally:
        source.close()
    try:
        _verify_copy(temporary, expected, passphrase)
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


def _needs_passphrase(database_file: Path, passphrase: Passphrase | None) -> None:
    if passphrase is None and is_encrypted_file(database_file):
        raise BackupError(
            f"{database_file.name} is encrypted: its passphrase is needed to back it up or "
            "restore it."
        )


def _copy(source: Any, target: Path, passphrase: Passphrase | None) -> None:
    """SQLite's online backup API into a new file, keyed like the source."""
    copy = connect_file(target, passphrase)
    try:
        source.backup(copy)
    finally:
        copy.close()


def _remove_sidecars(path: Path) -> None:
    """The empty -wal (and its -shm) that a read-only look at a WAL-mode copy leaves beside
    it; a -wal holding anything is left alone."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if wal.exists() and wal.stat().st_size > 0:
        return
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)


def _verify_copy(path: Path, expected: dict[str, int], passphrase: Passphrase | None) -> None:
    copy = connect_file(path, passphrase, read_only=True)
    try:
        if problem := integrity_problem(copy, encrypted=passphrase is not None):
            raise BackupError(f"The backup copy failed its integrity check ({problem}).")
        found = row_counts(copy)
    finally:
        copy.close()
        _remove_sidecars(path)
    if found != expected:
        raise BackupError("The backup copy does not hold the same rows as the database.")


def restore(
    backup: Path,
    database_file: Path,
    backup_dir: Path,
    passphrase: Passphrase | None = None,
) -> Path | None:
    """Put a backup in place of the database, after backing up the database as it is.

    The program must not have the database open. Returns the safety copy of the database
    that was replaced (None when there was none). An encrypted backup needs the passphrase
    it was made under and stays encrypted under it.
    """
    backup_encrypted = is_encrypted_file(backup)
    current_encrypted = is_encrypted_file(database_file)
    if current_encrypted and not backup_encrypted:
        raise BackupError(
            f"{backup.name} is not encrypted, but this clinic's database is. Choose one of the "
            "clinic's own backups; nothing was changed."
        )
    _needs_passphrase(backup, passphrase)
    backup_key = passphrase if backup_encrypted else None
    try:
        check = connect_file(backup, backup_key, read_only=True)
    except WrongPassphraseError as refused:
        raise BackupError(
            f"{backup.name} does not open with this passphrase (it may have been made under an "
            "earlier one); nothing was changed."
        ) from refused
    try:
        if problem := integrity_problem(check, encrypted=backup_encrypted):
            raise BackupError(
                f"{backup.name} failed its integrity check ({problem}); choose another backup."
            )
        counts = row_counts(check)
    finally:
        check.close()
        _remove_sidecars(backup)
    if database_file.exists():
        current_key = passphrase if current_encrypted else None
        if _healthy(database_file, current_key):
            kept = back_up(database_file, backup_dir, keep=10_000, passphrase=current_key)
            safety_path: Path | None = kept.backup.path
        else:
            # A damaged file cannot go through the backup API; keep its bytes as they are.
            safety_path = backup_dir / f"damaged-{_stamp(datetime.now(UTC))}{BACKUP_SUFFIX}"
            backup_dir.mkdir(parents=True, exist_ok=True)
            safety_path.write_bytes(database_file.read_bytes())
    else:
        safety_path = None
    temporary = database_file.with_name(f".{database_file.name}.restoring")
    temporary.unlink(missing_ok=True)
    source = connect_file(backup, backup_key, read_only=True)
    try:
        _copy(source, temporary, backup_key)
    finally:
        source.close()
        _remove_sidecars(backup)
    _verify_copy(temporary, counts, backup_key)
    for leftover in (Path(f"{database_file}-wal"), Path(f"{database_file}-shm")):
        leftover.unlink(missing_ok=True)
    temporary.replace(database_file)
    fsync_folder(database_file.parent)
    return safety_path


def _healthy(database_file: Path, passphrase: Passphrase | None) -> bool:
    """Passes the quick check (an encrypted file that will not open counts as damaged)."""
    try:
        current = connect_file(database_file, passphrase, read_only=True)
    except WrongPassphraseError:
        return False
    try:
        return integrity_problem(current, quick=True, encrypted=passphrase is not None) is None
    finally:
        current.close()
