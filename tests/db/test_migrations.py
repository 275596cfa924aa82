import itertools
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from db.base import Base
from db.database import Database, sqlite_url
from db.errors import DatabaseTooNewError
from db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head

pytestmark = pytest.mark.sqlite_only


def test_history_is_linear_and_numbered() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(reversed(list(script.walk_revisions())))
    assert [r.revision for r in revisions] == [f"{n:04d}" for n in range(1, len(revisions) + 1)]
    for earlier, later in itertools.pairwise(revisions):
        assert later.down_revision == earlier.revision


def test_models_and_head_do_not_drift(database: Database) -> None:
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_empty_database_is_created_by_migrations(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "new.sqlite3"))
    outcome = upgrade_to_head(db)
    assert outcome.created and outcome.backup is None
    assert current_revision(db) == head_revision()
    assert "patient" in inspect(db.engine).get_table_names()
    db.dispose()


def test_sqlite_connections_use_the_safe_pragmas(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_older_database_is_copied_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database(sqlite_url(path))
    with db.engine.begin() as connection:
        # A database from an earlier release: its schema and a row in it.
        from alembic import command

        command.upgrade(alembic_config(connection), "0001")
        connection.execute(
            text(
                "INSERT INTO patient (mrn, legal_family_name, legal_given_names, preferred_name,"
                " date_of_birth, sex, phone, email, address_line1, address_line2, city, region,"
                " postal_code, country, emergency_contact_name, emergency_contact_relation,"
                " emergency_contact_phone, insurance_payer, insurance_member_id,"
                " insurance_group_number, insurance_payer_address, primary_prescriber, status,"
                " created_at, updated_at, version) VALUES ('OLD-1', 'Old', 'Row', '',"
                " '1970-01-01', 'female', '', '', '', '', '', '', '', '', '', '', '', '', '', '',"
                " '', '', 'active', '2020-01-01 00:00:00', '2020-01-01 00:00:00', 1)"
            )
        )
    if head_revision() == "0001":
        # Only one release so far: fake an older stamp to exercise the path honestly.
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num='0001'"))
        assert upgrade_to_head(db).backup is None
    else:
        outcome = upgrade_to_head(db)
        assert outcome.upgraded
        assert outcome.backup is not None and outcome.backup.exists()
        with sqlite3.connect(outcome.backup) as copy:
            assert copy.execute("SELECT mrn FROM patient").fetchall() == [("OLD-1",)]
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT mrn FROM patient")).scalar() == "OLD-1"
    assert current_revision(db) == head_revision()
    db.dispose()


def test_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    db = Database(sqlite_url(path))
    upgrade_to_head(db)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num='9999'"))
    db.dispose()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version of Booster Desk"):
        upgrade_to_head(Database(sqlite_url(path)))
    assert path.read_bytes() == before
