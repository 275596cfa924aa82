"""Unlocking an encrypted database: what the configuration folder records, the system keyring,
failed unlocks waiting for the audit trail, and changing the passphrase.

The configuration folder (never the data folder) records only that a database is encrypted
and how it is unlocked (a typed passphrase, or the system keyring), never the passphrase.
A failed unlock cannot be written to the audit trail, which is inside the locked file, so it
waits in a short list there and is appended to the trail on the next successful open.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.trail import Someone
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.encryption import (
    Passphrase,
    WrongPassphraseError,
    is_encrypted_file,
    passphrase_problems,
    rekey_file,
)
from db.errors import ClinicError, InvalidEntryError
from db.files import write_atomically
from db.models import AuditEvent

REGISTRY_FILE = "database-encryption.json"
KEYRING_SERVICE = "Booster Desk database"
MAX_PENDING_FAILURES = 200
UNLOCK_FAILED_DETAIL = "database unlock failed: wrong passphrase at {at} UTC [{ref}]"


class UnlockMethod(StrEnum):
    PASSPHRASE = "passphrase"
    KEYRING = "keyring"


@dataclass(frozen=True)
class EncryptionRecord:
    encrypted: bool
    unlock: UnlockMethod


@dataclass(frozen=True)
class FailedUnlock:
    at: datetime
    workstation: str
    ref: str


def _database_key(database_file: Path) -> str:
    return str(database_file.expanduser().resolve())


class EncryptionRegistry:
    """`database-encryption.json` in the configuration folder, one entry per database file."""

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / REGISTRY_FILE

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {"databases": {}}
        data.setdefault("databases", {})
        return data

    def _save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(self.path, json.dumps(data, indent=2, sort_keys=True).encode())

    def _entry(self, data: dict[str, Any], database_file: Path) -> dict[str, Any]:
        return data["databases"].setdefault(_database_key(database_file), {})

    def record(self, database_file: Path) -> EncryptionRecord | None:
        entry = self._load()["databases"].get(_database_key(database_file))
        if not entry or "encrypted" not in entry:
            return None
        return EncryptionRecord(bool(entry["encrypted"]), UnlockMethod(entry["unlock"]))

    def mark(self, database_file: Path, encrypted: bool, unlock: UnlockMethod) -> None:
        data = self._load()
        entry = self._entry(data, database_file)
        entry["encrypted"] = encrypted
        entry["unlock"] = unlock.value
        self._save(data)

    def add_failed_unlock(
        self, database_file: Path, workstation: str, at: datetime | None = None
    ) -> None:
        data = self._load()
        entry = self._entry(data, database_file)
        failures = entry.setdefault("failed_unlocks", [])
        moment = at or datetime.now(UTC)
        failures.append(
            {"at": moment.isoformat(), "workstation": workstation, "ref": secrets.token_hex(4)}
        )
        entry["failed_unlocks"] = failures[-MAX_PENDING_FAILURES:]
        self._save(data)

    def failed_unlocks(self, database_file: Path) -> list[FailedUnlock]:
        entry = self._load()["databases"].get(_database_key(database_file), {})
        return [
            FailedUnlock(datetime.fromisoformat(item["at"]), item["workstation"], item["ref"])
            for item in entry.get("failed_unlocks", [])
        ]

    def clear_failed_unlocks(self, database_file: Path, refs: set[str]) -> None:
        data = self._load()
        entry = self._entry(data, database_file)
        kept = [item for item in entry.get("failed_unlocks", []) if item["ref"] not in refs]
        if kept:
            entry["failed_unlocks"] = kept
        else:
            entry.pop("failed_unlocks", None)
        self._save(data)


# The system keyring ---------------------------------------------------------------------


def system_keyring_available() -> bool:
    """True only for a real, secure backend (none on a headless Linux machine)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    module = type(backend).__module__
    if isinstance(backend, fail.Keyring) or module.startswith(
        ("keyrings.alt", "keyring.backends.null")
    ):
        return False  # keyrings.alt keeps secrets in plain files: not a keyring here
    return float(getattr(backend, "priority", 0)) > 0


def keyring_passphrase(database_file: Path) -> Passphrase | None:
    if not system_keyring_available():
        return None
    import keyring

    try:
        text = keyring.get_password(KEYRING_SERVICE, _database_key(database_file))
    except Exception:
        return None
    return Passphrase(text) if text else None


def store_in_keyring(database_file: Path, passphrase: Passphrase) -> bool:
    if not system_keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, _database_key(database_file), passphrase.reveal())
    except Exception:
        return False
    return True


# Workflows ------------------------------------------------------------------------------


def audit_failed_unlocks(
    database: Database, registry: EncryptionRegistry, database_file: Path
) -> int:
    """Append the failed unlocks waiting in the configuration folder to the audit trail, then
    forget them. Returns how many were appended."""
    pending = registry.failed_unlocks(database_file)
    if not pending:
        return 0
    appended = 0
    with database.transaction() as session:
        for failure in pending:
            detail = UNLOCK_FAILED_DETAIL.format(
                at=failure.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"), ref=failure.ref
            )
            # A crash between this commit and clearing the list must not append it twice.
            if session.scalar(select(AuditEvent.id).where(AuditEvent.detail == detail)):
                continue
            database.audit.record(
                session,
                Someone("", failure.workstation),
                AuditAction.LOGIN_FAILED,
                AuditCategory.SIGN_IN,
                object_type="database",
                detail=detail,
            )
            appended += 1
    registry.clear_failed_unlocks(database_file, {failure.ref for failure in pending})
    return appended


@dataclass(frozen=True)
class PassphraseChanged:
    backups_rekeyed: int
    backups_left: tuple[Path, ...]  # made under another passphrase: they keep it


def _rekey_backups(backup_dir: Path, old: Passphrase, new: Passphrase) -> tuple[int, list[Path]]:
    done, left = 0, []
    for path in sorted(backup_dir.glob("*.sqlite3")) if backup_dir.is_dir() else []:
        if not is_encrypted_file(path):
            continue
        try:
            rekey_file(path, old, new)
        except WrongPassphraseError:
            left.append(path)
            continue
        done += 1
    return done, left


def change_passphrase(
    database: Database,
    actor: Actor,
    current: str,
    new: str,
    confirm: str,
    backup_dir: Path | None = None,
) -> PassphraseChanged:
    """Re-key the database (and its backups in the backups folder) under a new passphrase.

    The program's own connections are closed first and reopen under the new passphrase.
    """
    authorize(database, actor, Permission.MANAGE_SETTINGS, AuditCategory.SETTINGS)
    path, old = database.sqlite_path, database.passphrase
    if path is None or old is None:
        raise ClinicError("This database is not encrypted, so it has no passphrase to change.")
    if not current or Passphrase(current) != old:
        with database.transaction() as session:
            database.audit.record(
                session,
                actor,
                AuditAction.PERMISSION_DENIED,
                AuditCategory.SETTINGS,
                object_type="database",
                detail="passphrase change refused: the current passphrase was wrong",
            )
        raise InvalidEntryError(
            [Problem("current", "That is not the database's current passphrase.")]
        )
    problems = [
        Problem("confirm" if "not the same" in text else "new", text)
        for text in passphrase_problems(new, confirm)
    ]
    if not problems and new == current:
        problems.append(Problem("new", "The new passphrase is the same as the current one."))
    if problems:
        raise InvalidEntryError(problems)
    replacement = Passphrase(new)
    database.engine.dispose()
    rekey_file(path, old, replacement)
    database.use_passphrase(replacement)
    done, left = _rekey_backups(backup_dir or path.parent / "backups", old, replacement)
    if keyring_passphrase(path) is not None:
        store_in_keyring(path, replacement)
    with database.transaction() as session:
        database.audit.record(
            session,
            actor,
            AuditAction.SETTING_CHANGE,
            AuditCategory.SETTINGS,
            object_type="database",
            detail=f"database passphrase changed (re-keyed); {done} backups re-keyed"
            + (f", {len(left)} made under another passphrase left as they were" if left else ""),
        )
    return PassphraseChanged(done, tuple(left))
