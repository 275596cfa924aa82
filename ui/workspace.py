"""What every screen works through: the database, the sign-in service, and who is signed in."""

from dataclasses import dataclass
from pathlib import Path

from db.accounts.actor import Actor
from db.accounts.passwords import Passwords
from db.accounts.roles import Permission
from db.accounts.sign_in import SignIn
from db.database import Database


@dataclass
class Workspace:
    database: Database
    sign_in: SignIn
    passwords: Passwords
    workstation: str
    signed_in: Actor | None = None
    backup_dir: Path | None = None  # where this workstation keeps the local database's backups

    @property
    def actor(self) -> Actor:
        """The person signed in; screens exist only while someone is."""
        if self.signed_in is None:
            raise RuntimeError("nobody is signed in")
        return self.signed_in

    def may(self, permission: Permission) -> bool:
        return self.signed_in is not None and self.signed_in.may(permission)
