"""Backups are verified before they count; restore keeps what it replaces."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.accounts.roles import Role
from db.backup import BackupError, back_up, list_backups, restore, row_counts
from db.database import Database
from db.location import unsafe_location
from db.patients import workflows
from tests.factories import make_patient_draft

pytestmark = pytest.mark.sqlite_only


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return row_counts(connection)
    finally:
        connection.close()


def mrns(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [m for (m,) in connection.execute("SELECT mrn FROM patient ORDER BY mrn")]
    finally:
        connection.close()


@pytest.fixture
def clinic(database: Database, staff) -> Database:
    for n in range(5):
        workflows.create_patient(database, staff[Role.NURSE], make_patient_draft(mrn=f"B-{n}"))
    return database


def test_a_backup_copies_every_row_and_passes_its_check(clinic: Database, tmp_path: Path) -> None:
    source = clinic.sqlite_path
    result = back_up(source, tmp_path / "backups")
    assert result.backup.path.name.startswith("boosterdesk-")
    assert result.row_counts == counts(result.backup.path)
    assert result.row_counts["patient"] == 5
    assert list(tmp_path.joinpath("backups").glob(".*partial")) == []


def test_a_backup_is_taken_while_the_program_keeps_working(clinic: Database, staff, tmp_path):
    with clinic.reading() as session:  # a reader holds the database open meanwhile
        session.connection()
        result = back_up(clinic.sqlite_path, tmp_path / "backups")
    workflows.create_patient(clinic, staff[Role.NURSE], make_patient_draft(mrn="AFTER"))
    assert "AFTER" not in mrns(result.backup.path)


def test_only_the_newest_backups_are_kept(clinic: Database, tmp_path: Path) -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for day in range(5):
        back_up(clinic.sqlite_path, tmp_path / "b", keep=3, now=start + timedelta(days=day))
    kept = list_backups(tmp_path / "b")
    assert [b.taken_at.day for b in kept] == [5, 4, 3]


def test_restore_drill_brings_back_the_backup_and_keeps_the_replaced_file(
    clinic: Database, staff, tmp_path: Path
) -> None:
    source = clinic.sqlite_path
    backup = back_up(source, tmp_path / "backups").backup.path
    workflows.create_patient(clinic, staff[Role.NURSE], make_patient_draft(mrn="LATER"))
    clinic.dispose()
    safety = restore(backup, source, tmp_path / "backups")
    assert mrns(source) == [f"B-{n}" for n in range(5)]
    assert counts(source) == counts(backup)
    assert safety is not None and "LATER" in mrns(safety)
    assert sqlite3.connect(source).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_damaged_backup_is_refused_and_the_database_untouched(
    clinic: Database, tmp_path: Path
) -> None:
    source = clinic.sqlite_path
    clinic.dispose()
    broken = tmp_path / "broken.sqlite3"
    data = bytearray(back_up(source, tmp_path / "b").backup.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    broken.write_bytes(bytes(data))
    before = source.read_bytes()
    with pytest.raises(BackupError, match="failed its integrity check"):
        restore(broken, source, tmp_path / "b")
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    ("folder", "file_system", "refused"),
    [
        ("/home/ana/Dropbox/clinic", "ext4", True),
        ("/home/ana/OneDrive - Clinic/data", "ext4", True),
        ("/mnt/share/clinic", "cifs", True),
        ("/mnt/nfs/clinic", "nfs4", True),
        ("/home/ana/remote", "fuse.sshfs", True),
        ("/home/ana/.local/share/BoosterDesk", "ext4", False),
        ("/home/ana/.local/share/BoosterDesk", "btrfs", False),
    ],
)
def test_network_and_synced_folders_are_refused(folder, file_system, refused) -> None:
    message = unsafe_location(Path(folder), file_system)
    assert (message is not None) is refused
    if refused:
        assert "clinic server" in message
