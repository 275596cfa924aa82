from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from db.accounts.passwords import OWASP_MINIMUM, PRODUCTION, Passwords
from db.accounts.roles import Role
from db.accounts.sign_in import SIGN_IN_FAILED, SignIn, SignInFailedError
from db.accounts.views import AccountDraft
from db.accounts.workflows import (
    create_account,
    create_first_administrator,
    list_accounts,
    needs_first_administrator,
    unlock_account,
)
from db.database import Database
from db.errors import ClinicError, InvalidEntryError
from db.models import AuditEvent, UserAccount
from tests.factories import STAFF_PASSWORD, WORKSTATION


@dataclass
class FakeClock:
    current: datetime = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def audit_actions(database: Database) -> list[str]:
    with database.reading() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_first_administrator_only_on_an_empty_database(database: Database, passwords) -> None:
    assert needs_first_administrator(database)
    admin = create_first_administrator(
        database, passwords, AccountDraft("Admin", "Avery", Role.PRESCRIBER), STAFF_PASSWORD, "ws"
    )
    assert admin.role is Role.ADMINISTRATOR  # whatever was asked, the first is the admin
    assert not needs_first_administrator(database)
    with pytest.raises(ClinicError, match="already exists"):
        create_first_administrator(
            database,
            passwords,
            AccountDraft("other", "O", Role.ADMINISTRATOR),
            STAFF_PASSWORD,
            "ws",
        )


def test_usernames_are_unique_whatever_their_case(database: Database, passwords, staff) -> None:
    admin = staff[Role.ADMINISTRATOR]
    with pytest.raises(InvalidEntryError, match="already taken"):
        create_account(
            database,
            admin,
            passwords,
            AccountDraft("DR.OKAFOR", "Copy", Role.NURSE),
            STAFF_PASSWORD,
        )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short pass", "at least 12 characters"),
        ("nurse.kim-password", "must not contain the username"),
        ("aaaaaaaaaaaaaaa", "repeats too few characters"),
    ],
)
def test_weak_passwords_are_refused(
    database: Database, passwords, staff, password, message
) -> None:
    admin = staff[Role.ADMINISTRATOR]
    with pytest.raises(InvalidEntryError, match=message):
        create_account(
            database, admin, passwords, AccountDraft("nurse.kim", "Kim", Role.NURSE), password
        )


def test_passwords_are_stored_as_argon2id_at_or_above_the_owasp_floor(
    database: Database, staff
) -> None:
    with database.reading() as session:
        hashes = list(session.scalars(select(UserAccount.password_hash)))
    for stored in hashes:
        assert stored.startswith("$argon2id$")
        params = dict(part.split("=") for part in stored.split("$")[3].split(","))
        assert int(params["m"]) >= 19 * 1024 and int(params["t"]) >= 2
        assert STAFF_PASSWORD not in stored
    assert PRODUCTION.memory_cost >= 19 * 1024 and PRODUCTION.time_cost >= 2


def test_sign_in_rehashes_when_the_parameters_rise(database: Database, staff) -> None:
    stronger = Passwords(PRODUCTION)
    actor = SignIn(database, stronger).attempt("Dr.Okafor", STAFF_PASSWORD, WORKSTATION)
    assert actor.role is Role.PRESCRIBER and actor.username == "dr.okafor"
    with database.reading() as session:
        stored = session.scalar(
            select(UserAccount.password_hash).where(UserAccount.username_key == "dr.okafor")
        )
    assert "m=65536,t=3,p=4" in stored
    # and the new hash still works
    assert SignIn(database, stronger).attempt("dr.okafor", STAFF_PASSWORD, WORKSTATION)


class CountingPasswords(Passwords):
    def __init__(self) -> None:
        super().__init__(OWASP_MINIMUM)
        self.verifications = 0

    def verify(self, stored_hash, password):
        self.verifications += 1
        return super().verify(stored_hash, password)


def test_unknown_user_and_wrong_password_cost_the_same_and_read_the_same(
    database: Database, staff
) -> None:
    counting = CountingPasswords()
    sign_in = SignIn(database, counting)
    messages = []
    for username in ("dr.okafor", "nobody.here"):
        with pytest.raises(SignInFailedError) as failed:
            sign_in.attempt(username, "wrong password entirely", WORKSTATION)
        messages.append(str(failed.value))
    assert messages == [SIGN_IN_FAILED, SIGN_IN_FAILED]
    assert counting.verifications == 2  # a decoy hash is checked for the unknown name
    assert audit_actions(database)[-2:] == ["login failed", "login failed"]


def test_failures_back_off_then_lock_until_an_administrator_unlocks(
    database: Database, passwords, staff
) -> None:
    clock = FakeClock()
    sign_in = SignIn(database, passwords, clock)

    def fail() -> SignInFailedError:
        with pytest.raises(SignInFailedError) as failed:
            sign_in.attempt("rn.raman", "not the password", WORKSTATION)
        return failed.value

    assert fail().retry_at is None  # 1st
    assert fail().retry_at is None  # 2nd
    third = fail()
    assert third.retry_at == clock.current + timedelta(seconds=1)
    # Too soon: even the right password is refused, and it does not count as a failure.
    with pytest.raises(SignInFailedError):
        sign_in.attempt("rn.raman", STAFF_PASSWORD, WORKSTATION)
    clock.advance(1)
    assert fail().retry_at == clock.current + timedelta(seconds=2)  # 4th
    clock.advance(2)
    fail()  # 5th: locked
    clock.advance(3600)
    with pytest.raises(SignInFailedError):
        sign_in.attempt("rn.raman", STAFF_PASSWORD, WORKSTATION)
    admin = staff[Role.ADMINISTRATOR]
    locked = next(a for a in list_accounts(database, admin) if a.username == "rn.raman")
    assert locked.status == "Locked"
    unlock_account(database, admin, locked.id, locked.version)
    assert sign_in.attempt("rn.raman", STAFF_PASSWORD, WORKSTATION).role is Role.NURSE
    actions = audit_actions(database)
    assert "account locked" in actions and "account unlocked" in actions
    assert actions[-1] == "login"


def test_unknown_usernames_back_off_the_same_way(database: Database, passwords, staff) -> None:
    clock = FakeClock()
    sign_in = SignIn(database, passwords, clock)
    retry = []
    for _ in range(3):
        with pytest.raises(SignInFailedError) as failed:
            sign_in.attempt("ghost", "whatever it is", WORKSTATION)
        retry.append(failed.value.retry_at)
    assert retry == [None, None, clock.current + timedelta(seconds=1)]


def test_a_deactivated_account_cannot_sign_in(database: Database, passwords, staff) -> None:
    from db.accounts.workflows import set_active

    admin = staff[Role.ADMINISTRATOR]
    desk = next(a for a in list_accounts(database, admin) if a.username == "desk.lee")
    set_active(database, admin, desk.id, desk.version, active=False)
    with pytest.raises(SignInFailedError):
        SignIn(database, passwords).attempt("desk.lee", STAFF_PASSWORD, WORKSTATION)


def test_a_new_account_reports_every_problem_at_once(database: Database, passwords, staff) -> None:
    with pytest.raises(InvalidEntryError) as refused:
        create_account(
            database,
            staff[Role.ADMINISTRATOR],
            passwords,
            AccountDraft("", "", Role.NURSE),
            "short",
        )
    assert [p.field for p in refused.value.problems] == ["username", "display_name", "password"]


def test_failures_on_a_deactivated_account_do_not_lock_it(
    database: Database, passwords, staff
) -> None:
    from db.accounts.workflows import set_active

    admin = staff[Role.ADMINISTRATOR]
    desk = next(a for a in list_accounts(database, admin) if a.username == "desk.lee")
    set_active(database, admin, desk.id, desk.version, active=False)
    clock = FakeClock()
    sign_in = SignIn(database, passwords, clock)
    for _ in range(6):
        with pytest.raises(SignInFailedError):
            sign_in.attempt("desk.lee", "wrong wrong wrong", WORKSTATION)
        clock.advance(600)
    desk = next(a for a in list_accounts(database, admin) if a.username == "desk.lee")
    assert desk.status == "Deactivated" and desk.locked_at is None and desk.failed_attempts == 0


def test_mistyped_passwords_do_not_make_an_administrators_open_edit_stale(
    database: Database, passwords, staff
) -> None:
    from db.accounts.workflows import update_account

    admin = staff[Role.ADMINISTRATOR]
    nurse = next(a for a in list_accounts(database, admin) if a.username == "rn.raman")
    for _ in range(2):
        with pytest.raises(SignInFailedError):
            SignIn(database, passwords).attempt("rn.raman", "typo typo typo", WORKSTATION)
    update_account(
        database,
        admin,
        nurse.id,
        nurse.version,
        AccountDraft("rn.raman", "Priya Raman", Role.NURSE, credentials="RN"),
    )
    again = next(a for a in list_accounts(database, admin) if a.username == "rn.raman")
    assert (again.display_name, again.failed_attempts) == ("Priya Raman", 2)
