"""Encryption at rest: SQLCipher 4 (AES-256, an HMAC on every page) through `sqlcipher3`.

The key is derived by SQLCipher itself from the clinic's passphrase (PBKDF2-HMAC-SHA512,
256,000 iterations, a random salt in the file): the program passes the passphrase, never a
raw key, and never writes it anywhere. Every connection is keyed by `PRAGMA key` as its very
first statement and the key is checked at once, so a wrong passphrase is refused before
anything could be written: the file stays byte-for-byte as it was.

A plain (unencrypted) database goes on through the standard library's `sqlite3`, exactly as
before; `sqlcipher3` is imported only when an encrypted file is opened.
"""

import hmac
import math
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from db.errors import ClinicError

SQLITE_HEADER = b"SQLite format 3\x00"
MIN_PASSPHRASE_LENGTH = 12
KDF_ITERATIONS = 256_000  # SQLCipher 4's default; checked by the tests, not set per file

WRONG_PASSPHRASE = (
    "That passphrase does not open this clinic's database. Check Caps Lock and the keyboard "
    "language, then type it again. Nothing in the database was changed. (If you are sure the "
    "passphrase is right, the file may be damaged: restore the newest backup.)"
)


class WrongPassphraseError(ClinicError):
    def __init__(self, message: str = WRONG_PASSPHRASE) -> None:
        super().__init__(message)


class PassphraseRequiredError(ClinicError):
    """The database is encrypted and no passphrase was given."""


class EncryptionUnavailableError(ClinicError):
    pass


class Passphrase:
    """The clinic's passphrase, kept out of every repr, log line and error report."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        if not text:
            raise ValueError("an empty passphrase")
        if "\x00" in text:
            raise ValueError("a passphrase cannot hold a NUL character")
        self._text = text

    def reveal(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return "Passphrase(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Passphrase):
            return NotImplemented
        return hmac.compare_digest(self._text.encode(), other._text.encode())

    def __hash__(self) -> int:
        return hash(Passphrase)  # all alike: a hash must not leak the text either


def cipher_module() -> ModuleType:
    """`sqlcipher3.dbapi2`, or a clear refusal when it is not installed."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as missing:
        raise EncryptionUnavailableError(
            "This copy of Booster Desk was installed without SQLCipher, so it cannot open or "
            "create an encrypted database. Reinstall Booster Desk."
        ) from missing
    return dbapi2


def database_errors() -> tuple[type[Exception], ...]:
    """The DB-API error classes of both drivers (they are distinct classes)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, dbapi2.DatabaseError)


def is_encrypted_file(path: Path) -> bool:
    """True when the file exists, holds data, and does not start as a plain SQLite file.

    SQLCipher encrypts page 1 whole, header included; its first 16 bytes are the salt.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return len(head) > 0 and head != SQLITE_HEADER


def _quoted(passphrase: Passphrase) -> str:
    return "'" + passphrase.reveal().replace("'", "''") + "'"


def key_connection(connection: Any, passphrase: Passphrase) -> None:
    """Key a fresh sqlcipher3 connection (its first statement) and prove the key at once.

    Raises WrongPassphraseError when the key does not open the file; nothing is written.
    """
    cursor = connection.cursor()
    try:
        cursor.execute(f"PRAGMA key = {_quoted(passphrase)}")
        # A wrong key is an expected event here: keep SQLCipher's own stderr log quiet.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        try:
            cursor.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except cipher_module().DatabaseError as refused:
            raise WrongPassphraseError() from refused
    finally:
        cursor.close()


def read_only_uri(path: Path) -> str:
    return f"file:{path}?mode=ro"


def connect_file(path: Path, passphrase: Passphrase | None, *, read_only: bool = False) -> Any:
    """A DB-API connection to a database file: `sqlite3` when plain, keyed `sqlcipher3` when
    a passphrase is given. The caller closes it."""
    target = read_only_uri(path) if read_only else str(path)
    if passphrase is None:
        return sqlite3.connect(target, uri=read_only)
    connection = cipher_module().connect(target, uri=read_only)
    try:
        key_connection(connection, passphrase)
    except BaseException:
        connection.close()
        raise
    return connection


def integrity_problems(connection: Any, *, quick: bool, encrypted: bool) -> str | None:
    """None when the file is sound, else the first complaint (SQLCipher's HMAC check first)."""
    try:
        if encrypted:
            bad_pages = connection.execute("PRAGMA cipher_integrity_check").fetchall()
            if bad_pages:
                return str(bad_pages[0][0])
        pragma = "quick_check" if quick else "integrity_check"
        result = connection.execute(f"PRAGMA {pragma}").fetchone()[0]
    except database_errors() as error:
        return str(error)
    return None if result == "ok" else str(result)


def rekey_file(path: Path, current: Passphrase, new: Passphrase) -> None:
    """Re-encrypt a whole database file under a new passphrase (no other connection open).

    SQLCipher rewrites every page in one transaction: a crash leaves the old key or the new.
    """
    connection = connect_file(path, current)
    try:
        connection.execute(f"PRAGMA rekey = {_quoted(new)}")
    finally:
        connection.close()
    check = connect_file(path, new, read_only=True)
    check.close()


def passphrase_problems(text: str, confirm: str) -> list[str]:
    """What is wrong with a new passphrase; empty when it may be used."""
    problems = []
    if len(text) < MIN_PASSPHRASE_LENGTH:
        problems.append(f"The passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters long.")
    elif len(set(text)) < 5:
        problems.append("The passphrase repeats too few different characters; choose another.")
    if "\x00" in text:
        problems.append("The passphrase cannot hold that character.")
    if text != confirm:
        problems.append("The two passphrases are not the same. Type it twice, the same way.")
    return problems


def passphrase_strength(text: str) -> tuple[str, str]:
    """A rough strength label and a hint: advice, not a rule."""
    if not text:
        return (
            "",
            f"At least {MIN_PASSPHRASE_LENGTH} characters. Four or more unrelated words "
            "are strong and easy to remember.",
        )
    pool = sum(
        size
        for present, size in (
            (any(c.islower() for c in text), 26),
            (any(c.isupper() for c in text), 26),
            (any(c.isdigit() for c in text), 10),
            (any(not c.isalnum() for c in text), 33),
        )
        if present
    )
    # Repeated characters add little: count each distinct one at most twice.
    bits = min(len(text), 2 * len(set(text))) * math.log2(max(pool, 2))
    words = len([word for word in text.split() if len(word) >= 3])
    if len(text) < MIN_PASSPHRASE_LENGTH:
        return ("Too short", f"use at least {MIN_PASSPHRASE_LENGTH} characters.")
    if bits >= 80 or (words >= 4 and len(text) >= 20):
        return ("Strong", "a good passphrase.")
    if bits >= 60 or words >= 3:
        return ("Fair", "another unrelated word would make it much stronger.")
    return ("Weak", "use four or more unrelated words, or a longer mix of characters.")
