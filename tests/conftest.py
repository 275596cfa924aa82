"""Fixtures every test folder shares: a fresh, migrated database file per test, with its
audit key kept in a separate folder, and one signed-in person per role."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.accounts.actor import Actor
from db.accounts.passwords import OWASP_MINIMUM, Passwords
from db.accounts.roles import Role
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.database import Database, sqlite_url
from db.migrate import upgrade_to_head
from tests.factories import make_staff


@pytest.fixture
def audit_keys(tmp_path: Path) -> AuditKeys:
    return AuditKeys(tmp_path / "config" / "audit")


@pytest.fixture
def database(tmp_path: Path, audit_keys: AuditKeys) -> Iterator[Database]:
    db = Database(sqlite_url(tmp_path / "data" / "clinic.sqlite3"), AuditTrail(audit_keys))
    (tmp_path / "data").mkdir(exist_ok=True)
    upgrade_to_head(db)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def passwords() -> Passwords:
    # The OWASP floor keeps tests quick; the program itself uses a stronger profile.
    return Passwords(OWASP_MINIMUM)


@pytest.fixture
def staff(database: Database, passwords: Passwords) -> dict[Role, Actor]:
    return make_staff(database, passwords)


@pytest.fixture
def prescriber(staff: dict[Role, Actor]) -> Actor:
    return staff[Role.PRESCRIBER]
