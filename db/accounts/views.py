"""Accounts as the administrator's screen shows them."""

from dataclasses import dataclass
from datetime import datetime

from db.accounts.roles import Role


@dataclass(frozen=True)
class AccountDraft:
    username: str
    display_name: str
    role: Role
    credentials: str = ""
    npi: str = ""


@dataclass(frozen=True)
class AccountRow:
    id: int
    version: int
    username: str
    display_name: str
    role: Role
    credentials: str
    npi: str
    active: bool
    locked_at: datetime | None
    failed_attempts: int

    @property
    def status(self) -> str:
        if not self.active:
            return "Deactivated"
        if self.locked_at is not None:
            return "Locked"
        return "Active"
