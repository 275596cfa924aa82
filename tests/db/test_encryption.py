"""Encryption at rest: SQLCipher 4 keyed from the clinic's passphrase, refused unchanged when
wrong (and audited later), re-keyed on request, backed up and restored still encrypted."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from alembic import command
from keyring.backend import KeyringBackend
from sqlalchemy import select, text

from db.accounts.guard import PermissionDeniedError
from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.audit.verify import verify_chain
from db.backup import BackupError, back_up, restore, row_counts
from db.database import Database, sqlite_url
from db.encryption import (
    MIN_PASSPHRASE_LENGTH,
    Passphrase,
    PassphraseRequiredError,
    WrongPassphraseError,
    connect_file,
    is_encrypted_file,
    passphrase_problems,
    passphrase_strength,
)
from db.errors import InvalidEntryError
from db.migrate import alembic_config, current_revision
from db.models import AuditEvent
from db.patients import workflows
from db.unlocking import (
    EncryptionRegistry,
    UnlockMethod,
    audit_failed_unlocks,
    change_passphrase,
    system_keyring_available,
)
from desktop.paths import AppPaths, resolve_paths
from desktop.startup import (
    PASSPHRASE_VARIABLE,
    DatabaseDamagedError,
    EncryptionMismatchError,
    command_passphrase,
    open_database,
    stored_passphrase,
)
from tests.factories import make_patient_draft, make_staff

pytestmark = pytest.mark.sqlite_only

SECRET = "velvet otter drums quietly"
OTHER = "brass lantern orbit meadow"
CANARY = "Qzvencrypted"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "data", tmp_path / "config")


@pytest.fixture
def clinic(paths: AppPaths, passwords: Passwords) -> Iterator[tuple[Database, dict]]:
    database = open_database(paths, None, Passphrase(SECRET)).database
    staff = make_staff(database, passwords)
    for n in range(3):
        workflows.create_patient(
            database,
            staff[Role.NURSE],
            make_patient_draft(mrn=f"E-{n}", legal_family_name=f"{CANARY}{n}"),
        )
    yield database, staff
    database.dispose()


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def mrns(path: Path, passphrase: str) -> list[str]:
    connection = connect_file(path, Passphrase(passphrase), read_only=True)
    try:
        return [m for (m,) in connection.execute("SELECT mrn FROM patient ORDER BY mrn")]
    finally:
        connection.close()


def unlock_failures(database: Database) -> list[tuple[str, str, str, str]]:
    """(action, category, username, workstation) of each failed unlock in the trail."""
    query = select(
        AuditEvent.action, AuditEvent.category, AuditEvent.username, AuditEvent.workstation
    ).where(AuditEvent.detail.like("database unlock failed%"))
    with database.reading() as session:
        return [tuple(row) for row in session.execute(query)]


def test_a_new_clinic_database_is_sqlcipher_4_keyed_from_the_passphrase(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    database, _ = clinic
    with database.reading() as session:
        settings = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in (
                "cipher_version",
                "kdf_iter",
                "cipher_kdf_algorithm",
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "temp_store",
            )
        }
    assert settings["cipher_version"].startswith("4.")
    assert settings["kdf_iter"] == "256000"
    assert settings["cipher_kdf_algorithm"] == "PBKDF2_HMAC_SHA512"
    assert (settings["journal_mode"], settings["synchronous"]) == ("wal", 2)
    assert (settings["foreign_keys"], settings["temp_store"]) == (1, 2)  # 2: memory
    database.dispose()
    data = paths.database_file.read_bytes()
    assert is_encrypted_file(paths.database_file)
    assert CANARY.encode() not in data and b"SQLite format 3" not in data[:16]
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(paths.database_file).execute("SELECT count(*) FROM patient")
    registry = EncryptionRegistry(paths.config_dir)
    assert registry.record(paths.database_file).unlock is UnlockMethod.PASSPHRASE
    for config_file in paths.config_dir.rglob("*"):
        if config_file.is_file():
            assert SECRET.encode() not in config_file.read_bytes()
    assert not list(paths.data_dir.rglob("*.json"))  # the record is kept with the config


def test_the_right_passphrase_opens_it_and_the_data_is_there(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    clinic[0].dispose()
    reopened = open_database(paths, None, Passphrase(SECRET)).database
    try:
        assert current_revision(reopened) is not None
        assert verify_chain(reopened, reopened.audit.keys).intact
    finally:
        reopened.dispose()
    assert mrns(paths.database_file, SECRET) == ["E-0", "E-1", "E-2"]


def test_no_passphrase_for_an_encrypted_database_asks_for_one(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    clinic[0].dispose()
    with pytest.raises(PassphraseRequiredError, match="encrypted"):
        open_database(paths, None)


def test_a_wrong_passphrase_changes_nothing_and_is_audited_at_the_next_open(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    clinic[0].dispose()
    before = fingerprint(paths.data_dir)
    for attempt in range(3):
        with pytest.raises(WrongPassphraseError) as refused:
            open_database(
                paths, None, Passphrase(f"not the passphrase {attempt}"), workstation="ws-9"
            )
        assert str(refused.value).startswith(
            "That passphrase does not open this clinic's database."
        )
    assert fingerprint(paths.data_dir) == before  # byte for byte, and no file added
    registry = EncryptionRegistry(paths.config_dir)
    assert len(registry.failed_unlocks(paths.database_file)) == 3

    reopened = open_database(paths, None, Passphrase(SECRET)).database
    try:
        failures = unlock_failures(reopened)
        assert len(failures) == 3
        assert set(failures) == {("login failed", "sign-in", "", "ws-9")}
        assert registry.failed_unlocks(paths.database_file) == []
        assert verify_chain(reopened, reopened.audit.keys).intact
    finally:
        reopened.dispose()


def test_a_pending_failure_is_appended_once_even_if_clearing_it_was_cut_short(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    database, _ = clinic
    registry = EncryptionRegistry(paths.config_dir)
    registry.add_failed_unlock(paths.database_file, "ws-1")
    saved = paths.config_dir.joinpath("database-encryption.json").read_bytes()
    assert audit_failed_unlocks(database, registry, paths.database_file) == 1
    paths.config_dir.joinpath("database-encryption.json").write_bytes(saved)  # the crash
    assert audit_failed_unlocks(database, registry, paths.database_file) == 0
    assert len(unlock_failures(database)) == 1


def test_change_passphrase_rekeys_the_database_and_its_backups(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    database, staff = clinic
    backup = back_up(paths.database_file, paths.backup_dir, passphrase=database.passphrase)
    changed = change_passphrase(database, staff[Role.ADMINISTRATOR], SECRET, OTHER, OTHER)
    assert changed.backups_rekeyed == 1 and changed.backups_left == ()
    # The program goes on working under the new passphrase.
    workflows.create_patient(database, staff[Role.NURSE], make_patient_draft(mrn="E-9"))
    with database.reading() as session:
        event = session.execute(
            select(AuditEvent.action, AuditEvent.category, AuditEvent.username).where(
                AuditEvent.detail.like("database passphrase changed%")
            )
        ).one()
    assert tuple(event) == ("setting change", "settings", "admin")
    database.dispose()

    with pytest.raises(WrongPassphraseError):
        open_database(paths, None, Passphrase(SECRET))
    assert mrns(paths.database_file, OTHER) == ["E-0", "E-1", "E-2", "E-9"]
    assert mrns(backup.backup.path, OTHER) == ["E-0", "E-1", "E-2"]
    with pytest.raises(WrongPassphraseError):
        connect_file(backup.backup.path, Passphrase(SECRET), read_only=True)
    reopened = open_database(paths, None, Passphrase(OTHER)).database
    try:
        assert verify_chain(reopened, reopened.audit.keys).intact
    finally:
        reopened.dispose()


def test_change_passphrase_refusals(clinic: tuple[Database, dict]) -> None:
    database, staff = clinic
    admin = staff[Role.ADMINISTRATOR]
    with pytest.raises(InvalidEntryError) as wrong:
        change_passphrase(database, admin, "a guess at it", OTHER, OTHER)
    assert [p.field for p in wrong.value.problems] == ["current"]
    with pytest.raises(InvalidEntryError) as short:
        change_passphrase(database, admin, SECRET, "short", "shorter")
    assert [p.field for p in short.value.problems] == ["new", "confirm"]
    with pytest.raises(PermissionDeniedError):
        change_passphrase(database, staff[Role.NURSE], SECRET, OTHER, OTHER)
    assert database.passphrase == Passphrase(SECRET)
    with database.reading() as session:
        refused = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "permission denied")
        ).all()
    assert "passphrase change refused: the current passphrase was wrong" in refused


def test_encrypted_backup_and_restore_drill(clinic: tuple[Database, dict], paths: AppPaths) -> None:
    database, staff = clinic
    result = back_up(paths.database_file, paths.backup_dir, passphrase=database.passphrase)
    copy = result.backup.path
    assert is_encrypted_file(copy) and CANARY.encode() not in copy.read_bytes()
    assert result.row_counts["patient"] == 3
    workflows.create_patient(database, staff[Role.NURSE], make_patient_draft(mrn="LATER"))
    database.dispose()

    with pytest.raises(BackupError, match="passphrase"):
        back_up(paths.database_file, paths.backup_dir)
    with pytest.raises(BackupError, match="does not open with this passphrase"):
        restore(copy, paths.database_file, paths.backup_dir, Passphrase(OTHER))
    safety = restore(copy, paths.database_file, paths.backup_dir, Passphrase(SECRET))
    assert is_encrypted_file(paths.database_file) and is_encrypted_file(safety)
    assert mrns(paths.database_file, SECRET) == ["E-0", "E-1", "E-2"]
    assert "LATER" in mrns(safety, SECRET)
    restored = connect_file(paths.database_file, Passphrase(SECRET), read_only=True)
    source = connect_file(copy, Passphrase(SECRET), read_only=True)
    try:
        assert restored.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert row_counts(restored) == row_counts(source)
        dump = "SELECT * FROM patient ORDER BY id"
        assert restored.execute(dump).fetchall() == source.execute(dump).fetchall()
    finally:
        restored.close()
        source.close()
    reopened = open_database(paths, None, Passphrase(SECRET)).database
    reopened.dispose()


def test_a_plain_backup_is_not_restored_over_an_encrypted_database(
    clinic: tuple[Database, dict], paths: AppPaths, tmp_path: Path
) -> None:
    clinic[0].dispose()
    plain = tmp_path / "plain.sqlite3"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    before = fingerprint(paths.data_dir)
    with pytest.raises(BackupError, match="not encrypted"):
        restore(plain, paths.database_file, paths.backup_dir, Passphrase(SECRET))
    assert fingerprint(paths.data_dir) == before


def test_a_damaged_encrypted_database_is_refused_by_sqlciphers_own_check(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    clinic[0].dispose()
    data = bytearray(paths.database_file.read_bytes())
    data[3 * 4096 + 100 : 3 * 4096 + 140] = b"\x00" * 40  # one page's ciphertext, not page 1
    paths.database_file.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamagedError, match="is damaged"):
        open_database(paths, None, Passphrase(SECRET))
    assert paths.database_file.read_bytes() == bytes(data)


def test_a_plain_file_where_an_encrypted_one_was_is_refused(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    clinic[0].dispose()
    paths.database_file.unlink()
    for leftover in paths.data_dir.glob("*.sqlite3-*"):
        leftover.unlink()
    sqlite3.connect(paths.database_file).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(EncryptionMismatchError, match="may have been replaced"):
        open_database(paths, None)


def test_plain_databases_stay_plain(paths: AppPaths) -> None:
    database = open_database(paths, None).database  # as the demo and the tests do
    with database.reading() as session:
        assert session.execute(text("PRAGMA temp_store")).scalar() == 2
    database.dispose()
    assert paths.database_file.read_bytes()[:16] == b"SQLite format 3\x00"
    assert EncryptionRegistry(paths.config_dir).record(paths.database_file) is None
    assert command_passphrase(paths) is None
    reopened = open_database(paths, None, Passphrase(SECRET)).database  # ignored: plain
    assert not reopened.encrypted
    reopened.dispose()


def test_commands_take_the_passphrase_from_the_environment(
    clinic: tuple[Database, dict], paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic[0].dispose()
    monkeypatch.delenv(PASSPHRASE_VARIABLE, raising=False)
    monkeypatch.setattr("sys.stdin", None)
    with pytest.raises(PassphraseRequiredError, match=PASSPHRASE_VARIABLE):
        command_passphrase(paths)
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "not it at all")
    with pytest.raises(WrongPassphraseError):
        command_passphrase(paths)
    assert len(EncryptionRegistry(paths.config_dir).failed_unlocks(paths.database_file)) == 1
    monkeypatch.setenv(PASSPHRASE_VARIABLE, SECRET)
    assert command_passphrase(paths) == Passphrase(SECRET)


def test_passphrase_rules_and_secrecy() -> None:
    assert passphrase_problems("x" * (MIN_PASSPHRASE_LENGTH - 1), "x")[0].startswith(
        f"The passphrase must be at least {MIN_PASSPHRASE_LENGTH}"
    )
    assert passphrase_problems("aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa") != []
    assert passphrase_problems(SECRET, SECRET) == []
    assert passphrase_strength("short")[0] == "Too short"
    assert passphrase_strength("abcdefghijkl")[0] == "Weak"
    assert passphrase_strength(SECRET)[0] == "Strong"
    assert SECRET not in repr(Passphrase(SECRET)) and SECRET not in f"{Passphrase(SECRET)}"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_headless_linux_has_no_keyring_so_the_passphrase_is_typed() -> None:
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not system_keyring_available()
    finally:
        keyring.set_keyring(previous)


def test_a_real_keyring_keeps_the_passphrase_and_follows_a_rekey(
    paths: AppPaths, passwords: Passwords, memory_keyring: MemoryKeyring
) -> None:
    database = open_database(paths, None, Passphrase(SECRET), keep_in_keyring=True).database
    registry = EncryptionRegistry(paths.config_dir)
    assert registry.record(paths.database_file).unlock is UnlockMethod.KEYRING
    assert stored_passphrase(paths) == Passphrase(SECRET)
    admin = make_staff(database, passwords)[Role.ADMINISTRATOR]
    change_passphrase(database, admin, SECRET, OTHER, OTHER)
    database.dispose()
    assert stored_passphrase(paths) == Passphrase(OTHER)
    assert list(memory_keyring.secrets.values()) == [OTHER]
    open_database(paths, None, stored_passphrase(paths)).database.dispose()


def test_an_encrypted_database_at_an_older_schema_is_copied_then_upgraded(
    paths: AppPaths,
) -> None:
    paths.create()
    keys = AuditTrail(AuditKeys(paths.audit_key_dir))
    older = Database(sqlite_url(paths.database_file), keys, Passphrase(SECRET))
    with older.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0003")
    older.dispose()
    outcome_db = open_database(paths, None, Passphrase(SECRET)).database
    outcome_db.dispose()
    copies = list(paths.backup_dir.glob("*before-upgrade-from-0003*"))
    assert len(copies) == 1 and is_encrypted_file(copies[0])
    assert mrns(copies[0], SECRET) == []


def test_backup_restore_and_audit_verify_from_the_command_line(
    clinic: tuple[Database, dict], paths: AppPaths
) -> None:
    clinic[0].dispose()
    folders = ["--data-dir", str(paths.data_dir), "--config-dir", str(paths.config_dir)]
    plain_env = {k: v for k, v in os.environ.items() if k != PASSPHRASE_VARIABLE}

    def run(args: list[str], passphrase: str | None) -> subprocess.CompletedProcess:
        env = dict(plain_env)
        if passphrase is not None:
            env[PASSPHRASE_VARIABLE] = passphrase
        return subprocess.run(
            [sys.executable, "-m", "desktop", *folders, *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )

    before = fingerprint(paths.data_dir)
    wrong = run(["backup"], "not the passphrase at all")
    assert wrong.returncode == 3
    assert "That passphrase does not open this clinic's database" in wrong.stderr
    assert fingerprint(paths.data_dir) == before
    missing = run(["audit", "verify"], None)
    assert missing.returncode == 3 and PASSPHRASE_VARIABLE in missing.stderr

    made = run(["backup"], SECRET)
    assert made.returncode == 0, made.stderr
    assert "verified" in made.stdout
    intact = run(["audit", "verify"], SECRET)
    assert intact.returncode == 0, intact.stderr
    assert "Audit trail intact" in intact.stdout
    reopened = open_database(paths, None, Passphrase(SECRET)).database
    try:
        assert len(unlock_failures(reopened)) == 1  # the wrong one, from the first command
    finally:
        reopened.dispose()
    backup = next(paths.backup_dir.glob("boosterdesk-*.sqlite3"))
    assert is_encrypted_file(backup)
    restored = run(["restore", str(backup)], SECRET)
    assert restored.returncode == 0, restored.stderr
    assert mrns(paths.database_file, SECRET) == ["E-0", "E-1", "E-2"]
