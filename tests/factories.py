"""Synthetic values tests build on."""

from datetime import date

from clinical.record.drafts import PatientDraft
from clinical.record.enums import Sex
from db.accounts.actor import Actor
from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.accounts.views import AccountDraft
from db.accounts.workflows import create_account, create_first_administrator
from db.database import Database

WORKSTATION = "test-workstation"
STAFF_PASSWORD = "correct horse battery staple"
STAFF_USERNAMES = {
    Role.ADMINISTRATOR: "admin",
    Role.PRESCRIBER: "dr.okafor",
    Role.CLINICIAN: "tms.brennan",
    Role.NURSE: "rn.raman",
    Role.FRONT_DESK: "desk.lee",
}


def make_patient_draft(**overrides: object) -> PatientDraft:
    values: dict[str, object] = {
        "mrn": "BD-0001",
        "legal_family_name": "Testperson",
        "legal_given_names": "Ada",
        "date_of_birth": date(1980, 4, 12),
        "sex": Sex.FEMALE,
        "education_years": 16,
    }
    values.update(overrides)
    return PatientDraft(**values)  # type: ignore[arg-type]


def make_staff(database: Database, passwords: Passwords) -> dict[Role, Actor]:
    """The first administrator, then one account per other role, all with one password."""
    admin = create_first_administrator(
        database,
        passwords,
        AccountDraft(STAFF_USERNAMES[Role.ADMINISTRATOR], "Avery Admin", Role.ADMINISTRATOR),
        STAFF_PASSWORD,
        WORKSTATION,
    )
    staff = {Role.ADMINISTRATOR: admin}
    for role, username in STAFF_USERNAMES.items():
        if role is Role.ADMINISTRATOR:
            continue
        draft = AccountDraft(username, f"Synthetic {role.label}", role)
        account_id = create_account(database, admin, passwords, draft, STAFF_PASSWORD)
        staff[role] = Actor(account_id, username, draft.display_name, role, WORKSTATION)
    return staff
