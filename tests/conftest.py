"""Fixtures every test folder shares: a fresh, migrated database file per test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.database import Database, sqlite_url
from db.migrate import upgrade_to_head


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(sqlite_url(tmp_path / "clinic.sqlite3"))
    upgrade_to_head(db)
    yield db
    db.dispose()
