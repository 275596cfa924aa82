"""One demo account per role, each with a fresh random password to print once."""

import secrets
from dataclasses import dataclass

from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.accounts.views import AccountDraft
from db.accounts.workflows import create_account, create_first_administrator
from db.database import Database

DEMO_STAFF: tuple[tuple[str, str, Role, str, str], ...] = (
    ("admin", "Avery Quinn", Role.ADMINISTRATOR, "", ""),
    ("dr.okafor", "Maya Okafor", Role.PRESCRIBER, "MD", "1234567893"),
    ("dr.achebe", "Samuel Achebe", Role.PRESCRIBER, "DO", "1245319599"),
    ("tms.brennan", "Lucas Brennan", Role.CLINICIAN, "TMS technician", ""),
    ("rn.raman", "Priya Raman", Role.NURSE, "RN", ""),
    ("desk.lee", "Jordan Lee", Role.FRONT_DESK, "", ""),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    password: str


def create_demo_accounts(
    database: Database, passwords: Passwords, workstation: str
) -> list[DemoAccount]:
    created = []
    admin = None
    for username, name, role, credentials, npi in DEMO_STAFF:
        password = secrets.token_urlsafe(12)
        draft = AccountDraft(username, name, role, credentials, npi)
        if admin is None:
            admin = create_first_administrator(database, passwords, draft, password, workstation)
        else:
            create_account(database, admin, passwords, draft, password)
        created.append(DemoAccount(username, role, password))
    return created
