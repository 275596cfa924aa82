"""The database tests run twice: on a SQLite file and on a real PostgreSQL server.

A test that is about SQLite itself (its file, its pragmas, its backup API) is marked
`sqlite_only` and runs once. The PostgreSQL server is started once for the session; each
test gets a fresh copy of a template database already at the head of the migrations.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.database import Database, sqlite_url
from db.migrate import upgrade_to_head
from tests.pg_server import PostgresServer

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite itself; runs on SQLite only")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database" in metafunc.fixturenames and not metafunc.definition.get_closest_marker(
        "sqlite_only"
    ):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[tuple[PostgresServer, str]]:
    server = PostgresServer().start()
    url = server.new_database()
    template = Database(url)
    upgrade_to_head(template)
    template.dispose()
    try:
        yield server, make_url(url).database or ""
    finally:
        server.stop()


@pytest.fixture
def database(
    request: pytest.FixtureRequest, tmp_path: Path, audit_keys: AuditKeys, backend: str
) -> Iterator[Database]:
    if backend == "postgresql":
        server, template = request.getfixturevalue("postgres_template")
        db = Database(server.new_database(template), AuditTrail(audit_keys))
    else:
        (tmp_path / "data").mkdir(exist_ok=True)
        db = Database(sqlite_url(tmp_path / "data" / "clinic.sqlite3"), AuditTrail(audit_keys))
        upgrade_to_head(db)
    yield db
    db.dispose()
