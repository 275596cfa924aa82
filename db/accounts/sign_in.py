"""Signing in: one message for every failure, the same cost for every username."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.accounts.actor import Actor
from db.accounts.passwords import Passwords
from db.accounts.throttle import FailureRecord, should_lock
from db.audit.trail import Someone
from db.audit.vocabulary import AuditAction, AuditCategory
from db.clock import Clock, SystemClock
from db.database import Database
from db.errors import ClinicError
from db.models import SignInFailure, UserAccount

SIGN_IN_FAILED = (
    "Sign-in failed. Check the username and password. After repeated failures an account "
    "is locked until an administrator unlocks it."
)


class SignInFailedError(ClinicError):
    def __init__(self, retry_at: datetime | None = None) -> None:
        self.retry_at = retry_at
        super().__init__(SIGN_IN_FAILED)


def username_key(username: str) -> str:
    return username.strip().casefold()


def actor_for(account: UserAccount, workstation: str) -> Actor:
    return Actor(
        user_id=account.id,
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        workstation=workstation,
    )


class SignIn:
    """Checks passwords; throttles and locks after repeated failures; audits every attempt."""

    def __init__(
        self, database: Database, passwords: Passwords, clock: Clock | None = None
    ) -> None:
        self._database = database
        self._passwords = passwords
        self._clock = clock or SystemClock()

    def attempt(self, username: str, password: str, workstation: str) -> Actor:
        now = self._clock.now()
        key = username_key(username)
        with self._database.transaction() as session:
            account = session.scalar(select(UserAccount).where(UserAccount.username_key == key))
            stored = session.get(SignInFailure, key)
            record = (
                FailureRecord(stored.failures, stored.last_failed_at)
                if stored is not None
                else FailureRecord()
            )
            retry_at = record.retry_at()
            if retry_at is not None and now < retry_at:
                # Too soon: refused without even looking at the password.
                self._database.audit.record(
                    session,
                    Someone(username.strip(), workstation),
                    AuditAction.LOGIN_FAILED,
                    AuditCategory.SIGN_IN,
                    detail="attempt before the back-off time",
                )
                failure = SignInFailedError(retry_at)
            else:
                check = self._passwords.verify(
                    account.password_hash if account is not None else None, password
                )
                usable = account is not None and account.active and account.locked_at is None
                if check.matches and usable:
                    assert account is not None
                    if stored is not None:
                        session.delete(stored)
                    if check.needs_rehash:
                        account.password_hash = self._passwords.hash(password)
                    actor = actor_for(account, workstation)
                    self._database.audit.record(
                        session, actor, AuditAction.LOGIN, AuditCategory.SIGN_IN
                    )
                    return actor
                failure = self._fail(session, account, record, username, workstation, now)
                if account is None or account.active:
                    # Deactivated accounts are refused without counting towards a lock.
                    if stored is None:
                        stored = SignInFailure(username_key=key)
                        session.add(stored)
                    stored.failures = record.failures
                    stored.last_failed_at = now
        raise failure

    def _fail(
        self,
        session: Session,
        account: UserAccount | None,
        record: FailureRecord,
        username: str,
        workstation: str,
        now: datetime,
    ) -> SignInFailedError:
        record.failures += 1
        record.last_failed_at = now
        detail = "wrong password or unknown username"
        if account is not None and not account.active:
            detail = "account deactivated"
        elif account is not None and account.locked_at is not None:
            detail = "account locked"
        audit = self._database.audit
        who = Someone(username.strip(), workstation)
        audit.record(session, who, AuditAction.LOGIN_FAILED, AuditCategory.SIGN_IN, detail=detail)
        counts = account is not None and account.active
        if counts and account.locked_at is None and should_lock(record.failures):
            account.locked_at = now
            audit.record(
                session,
                who,
                AuditAction.ACCOUNT_LOCKED,
                AuditCategory.ACCOUNTS,
                object_type="user account",
                object_id=account.id,
                detail=f"locked after {record.failures} failed sign-ins in a row",
            )
        return SignInFailedError(record.retry_at())
