"""Password hashing with argon2id, and the rules a new password must meet.

Parameters follow OWASP's Password Storage Cheat Sheet: argon2id with at least 19 MiB of
memory, 2 iterations and 1 lane. The production profile is argon2-cffi's RFC 9106
low-memory profile (64 MiB, 3 iterations, 4 lanes), well above that floor. A stored hash
made with weaker parameters is re-hashed on the next successful sign-in.
"""

from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_LENGTH = 12

OWASP_MINIMUM = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)
PRODUCTION = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4, type=Type.ID)


@dataclass(frozen=True)
class PasswordCheck:
    matches: bool
    needs_rehash: bool


class Passwords:
    """Hashes and verifies; tests use the OWASP floor, the program the stronger profile."""

    def __init__(self, hasher: PasswordHasher = PRODUCTION) -> None:
        self._hasher = hasher
        # Verifying against this costs the same as a real account, so an unknown username
        # takes as long to refuse as a wrong password.
        self._decoy = hasher.hash("decoy password that never matches anything")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> PasswordCheck:
        try:
            self._hasher.verify(stored_hash or self._decoy, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return PasswordCheck(matches=False, needs_rehash=False)
        if stored_hash is None:
            return PasswordCheck(matches=False, needs_rehash=False)
        needs_rehash = self._hasher.check_needs_rehash(stored_hash)
        return PasswordCheck(matches=True, needs_rehash=needs_rehash)


def password_problems(password: str, username: str) -> list[str]:
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    if username and username.casefold() in password.casefold():
        problems.append("The password must not contain the username.")
    if password and len(set(password)) < 4:
        problems.append("The password repeats too few characters; choose a longer phrase.")
    return problems
