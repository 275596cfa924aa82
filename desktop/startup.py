"""Open the database the program was pointed at, bringing its schema up to date.

A local database may be encrypted (SQLCipher). Its passphrase is checked read-only before
anything else touches the file, so a wrong one leaves the file byte-for-byte as it was; the
failure waits in the configuration folder and reaches the audit trail on the next good open.
"""

import getpass
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from db.accounts.actor import this_workstation
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.backup import integrity_problem, list_backups
from db.database import Database, sqlite_url
from db.encryption import (
    Passphrase,
    PassphraseRequiredError,
    WrongPassphraseError,
    connect_file,
    database_errors,
    is_encrypted_file,
)
from db.errors import ClinicError
from db.location import unsafe_location
from db.migrate import upgrade_to_head
from db.unlocking import (
    EncryptionRegistry,
    UnlockMethod,
    audit_failed_unlocks,
    keyring_passphrase,
    store_in_keyring,
)
from desktop.paths import AppPaths

log = logging.getLogger(__name__)

PASSPHRASE_VARIABLE = "BOOSTERDESK_PASSPHRASE"
PASSPHRASE_NEEDED = (
    "The clinic's database is encrypted. Give its passphrase in the environment variable "
    f"{PASSPHRASE_VARIABLE}, or run this command in a terminal to be asked for it."
)


@dataclass(frozen=True)
class OpenedDatabase:
    database: Database
    description: str


class DatabaseDamagedError(ClinicError):
    pass


class EncryptionMismatchError(ClinicError):
    pass


def is_new_database(paths: AppPaths) -> bool:
    """No database yet: first start (the program will ask whether to encrypt it)."""
    file = paths.database_file
    return not file.exists() or file.stat().st_size == 0


def needs_passphrase(paths: AppPaths) -> bool:
    return is_encrypted_file(paths.database_file)


def check_passphrase(paths: AppPaths, passphrase: Passphrase, workstation: str = "") -> None:
    """Read-only: does this passphrase open the database? A failure is kept for the audit."""
    try:
        connect_file(paths.database_file, passphrase, read_only=True).close()
    except WrongPassphraseError:
        EncryptionRegistry(paths.config_dir).add_failed_unlock(
            paths.database_file, workstation or this_workstation()
        )
        log.warning("a passphrase that does not open the database was given")
        raise


def refuse_damaged(paths: AppPaths, passphrase: Passphrase | None = None) -> None:
    """A quick integrity check, read-only, before anything can write to the file (SQLCipher's
    page check too, when encrypted)."""
    if not paths.database_file.exists():
        return
    encrypted = passphrase is not None
    try:
        connection = connect_file(paths.database_file, passphrase, read_only=True)
    except database_errors() as error:
        problem: str | None = str(error)
    else:
        try:
            problem = integrity_problem(connection, quick=True, encrypted=encrypted)
        finally:
            connection.close()
    if problem is None:
        return
    backups = list_backups(paths.backup_dir)
    newest = (
        f"The newest good backup is {backups[0].path} ({backups[0].taken_at:%Y-%m-%d %H:%M} "
        f'UTC). Restore it with: boosterdesk restore "{backups[0].path}"'
        if backups
        else "No backup was found in the backups folder."
    )
    raise DatabaseDamagedError(
        f"The database file {paths.database_file} is damaged, so it was not opened and "
        f"nothing was written to it. {newest} Restoring keeps a copy of the damaged file."
    )


def open_database(
    paths: AppPaths,
    database_url: str | None,
    passphrase: Passphrase | None = None,
    *,
    keep_in_keyring: bool = False,
    workstation: str = "",
) -> OpenedDatabase:
    """Raises ClinicError subclasses with a message for the user when it cannot open.

    `passphrase`: opens an encrypted local database, or creates a new one encrypted (a new
    database without one is created plain, as the demo is). `keep_in_keyring`: a new
    encrypted database is unlocked from the system keyring from then on.
    """
    paths.create()
    audit = AuditTrail(AuditKeys(paths.audit_key_dir))
    if database_url:
        database = Database(database_url, audit)
        description = f"clinic server ({database.engine.dialect.name})"
        return _brought_up_to_date(database, paths, description)
    if reason := unsafe_location(paths.data_dir):
        raise ClinicError(reason)
    registry = EncryptionRegistry(paths.config_dir)
    file = paths.database_file
    new = is_new_database(paths)
    encrypted = not new and is_encrypted_file(file)
    record = registry.record(file)
    if encrypted and passphrase is None:
        raise PassphraseRequiredError(PASSPHRASE_NEEDED)
    if not new and not encrypted:
        if record is not None and record.encrypted:
            raise EncryptionMismatchError(
                f"This computer's settings say the clinic's database is encrypted, but "
                f"{file} is not: it may have been replaced. It was not opened. Restore the "
                "newest backup, or ask your IT contact."
            )
        passphrase = None  # a plain database opens as before
    if encrypted:
        assert passphrase is not None
        check_passphrase(paths, passphrase, workstation)
    refuse_damaged(paths, passphrase)
    database = Database(sqlite_url(file), audit, passphrase)
    opened = _brought_up_to_date(database, paths, str(file))
    if passphrase is not None:
        if new:
            kept = keep_in_keyring and store_in_keyring(file, passphrase)
            registry.mark(file, True, UnlockMethod.KEYRING if kept else UnlockMethod.PASSPHRASE)
            log.info(
                "created an encrypted database, unlocked by %s", "keyring" if kept else "typing"
            )
        elif record is None:
            registry.mark(file, True, UnlockMethod.PASSPHRASE)
        appended = audit_failed_unlocks(database, registry, file)
        if appended:
            log.info("%d failed unlocks appended to the audit trail", appended)
    return opened


def _brought_up_to_date(database: Database, paths: AppPaths, description: str) -> OpenedDatabase:
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


def stored_passphrase(paths: AppPaths) -> Passphrase | None:
    """The passphrase from the system keyring, when this database is unlocked that way."""
    record = EncryptionRegistry(paths.config_dir).record(paths.database_file)
    if record is None or record.unlock is not UnlockMethod.KEYRING:
        return None
    return keyring_passphrase(paths.database_file)


def command_passphrase(
    paths: AppPaths, *other_files: Path, check_database: bool = True
) -> Passphrase | None:
    """For the one-job commands (backup, restore, audit verify): None when nothing involved
    is encrypted; else from BOOSTERDESK_PASSPHRASE, the keyring, or a prompt in a terminal.
    A passphrase that does not open the database is refused (and kept for the audit), unless
    `check_database` is False (restore: the database may be the damaged file it replaces)."""
    files = [paths.database_file, *other_files]
    if not any(is_encrypted_file(file) for file in files):
        return None
    passphrase: Passphrase | None = None
    if text := os.environ.get(PASSPHRASE_VARIABLE):
        passphrase = Passphrase(text)
    elif (stored := stored_passphrase(paths)) is not None:
        passphrase = stored
    elif sys.stdin is not None and sys.stdin.isatty():
        typed = getpass.getpass("Passphrase of the clinic's database: ")
        passphrase = Passphrase(typed) if typed else None
    if passphrase is None:
        raise PassphraseRequiredError(PASSPHRASE_NEEDED)
    if check_database and is_encrypted_file(paths.database_file):
        check_passphrase(paths, passphrase)
    return passphrase
