"""Engine, connection settings and the unit of work.

Workflows own their transactions through `Database.transaction()`; repositories receive the
session and never commit.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.encryption import Passphrase, cipher_module, key_connection
from db.errors import ClinicError

if TYPE_CHECKING:
    from db.audit.trail import AuditTrail

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_BEGIN = "sqlite_begin"


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is switched off so that SQLAlchemy's "begin"
    # event below decides how each transaction starts (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # Sorts and temporary indices stay in memory: no patient data in temp files.
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    # A unit of work takes the write lock up front, so two writers queue on the busy
    # timeout instead of one failing half-way through on a stale read snapshot.
    mode = connection.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _keyed_connector(passphrase: Callable[[], Passphrase]) -> Callable[..., Any]:
    """The engine's `do_connect`: sqlcipher3 connects, `PRAGMA key` is the first statement."""
    dbapi = cipher_module()

    def connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        connection = dbapi.connect(*cargs, **cparams)
        try:
            key_connection(connection, passphrase())
        except BaseException:
            connection.close()
            raise
        return connection

    return connect


def make_engine(url: str, passphrase: Callable[[], Passphrase] | None = None) -> Engine:
    """`passphrase` (a local SQLite file only): the database is SQLCipher-encrypted and every
    connection is keyed with what the callable returns at the moment it connects."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if passphrase is None:
            engine = create_engine(url)
        else:
            engine = create_engine(url, module=cipher_module())
            event.listen(engine, "do_connect", _keyed_connector(passphrase))
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
        return engine
    if passphrase is not None:
        raise ClinicError(
            "Booster Desk encrypts only its own local database file; a clinic server keeps "
            "its data protected on the server."
        )
    return create_engine(url, pool_pre_ping=True)


class StorageError(ClinicError):
    """The disk refused the write; the save was rolled back whole."""


def _storage_problem(error: OperationalError) -> Exception:
    text = str(error.orig).casefold() if error.orig is not None else ""
    if "disk is full" in text or "no space" in text:
        return StorageError(
            "The disk is full, so this was not saved; everything saved before is safe. "
            "Free some space (or ask your IT contact), then save again."
        )
    if "disk i/o error" in text or "readonly" in text or "read-only" in text:
        return StorageError(
            "The disk could not be written to, so this was not saved; everything saved "
            "before is safe. Check the disk, then save again."
        )
    return error


class Database:
    """One database the program works on, and the way to open a unit of work on it."""

    def __init__(
        self,
        url: str,
        audit: "AuditTrail | None" = None,
        passphrase: Passphrase | None = None,
    ) -> None:
        self.url = url
        self._audit = audit
        self._passphrase = passphrase
        self.engine = make_engine(url, None if passphrase is None else self._current_passphrase)
        writer = self.engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(writer, expire_on_commit=False)
        if audit is not None:
            event.listen(self._write_sessions, "after_commit", audit.after_commit)
            event.listen(self._write_sessions, "after_soft_rollback", self._on_rollback)

    def _on_rollback(self, session: Session, _transaction: Any) -> None:
        if self._audit is not None:
            self._audit.after_rollback(session)

    @property
    def audit(self) -> "AuditTrail":
        if self._audit is None:
            raise ClinicError("This database was opened without its audit trail.")
        return self._audit

    def _current_passphrase(self) -> Passphrase:
        assert self._passphrase is not None
        return self._passphrase

    @property
    def passphrase(self) -> Passphrase | None:
        """The passphrase of an encrypted local database (for its backups), else None."""
        return self._passphrase

    @property
    def encrypted(self) -> bool:
        return self._passphrase is not None

    def use_passphrase(self, passphrase: Passphrase) -> None:
        """After a re-key: close every pooled connection; new ones use the new passphrase."""
        if self._passphrase is None:
            raise ClinicError("This database is not encrypted.")
        self.engine.dispose()
        self._passphrase = passphrase

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = make_url(self.url).database
        if not self.is_sqlite or not database or database == ":memory:":
            return None
        return Path(database)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits whole on success and rolls back whole on error."""
        try:
            with self._write_sessions() as session, session.begin():
                yield session
        except OperationalError as error:
            raise _storage_problem(error) from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; anything written through it is discarded."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
