"""Managing accounts: the first administrator, new people, roles, unlocking, passwords."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.passwords import Passwords, password_problems
from db.accounts.roles import Permission, Role
from db.accounts.sign_in import actor_for, username_key
from db.accounts.views import AccountDraft, AccountRow
from db.audit.trail import Someone
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.errors import ClinicError, InvalidEntryError, RecordNotFoundError
from db.models import SignInFailure, UserAccount
from db.stale import stale_edit

_ACCOUNT = "user account"


def _draft_problems(session: Session, draft: AccountDraft, own_id: int | None) -> list[Problem]:
    problems = []
    name = draft.username.strip()
    if not name:
        problems.append(Problem("username", "Enter a username."))
    elif not name.replace(".", "").replace("-", "").replace("_", "").isalnum():
        problems.append(Problem("username", "A username may hold letters, digits and . - _ only."))
    else:
        holder = session.scalar(
            select(UserAccount.id).where(UserAccount.username_key == username_key(name))
        )
        if holder is not None and holder != own_id:
            problems.append(Problem("username", f"The username {name} is already taken."))
    if not draft.display_name.strip():
        problems.append(Problem("display_name", "Enter the person's full name."))
    if draft.npi and not (draft.npi.isdigit() and len(draft.npi) == 10):
        problems.append(Problem("npi", "An NPI is exactly 10 digits."))
    return problems


def _password_problems(password: str, username: str) -> list[Problem]:
    return [Problem("password", text) for text in password_problems(password, username)]


def _password_or_fail(password: str, username: str) -> None:
    if problems := _password_problems(password, username):
        raise InvalidEntryError(problems)


def _row(account: UserAccount, failures: int) -> AccountRow:
    return AccountRow(
        id=account.id,
        version=account.version,
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        credentials=account.credentials,
        npi=account.npi,
        active=account.active,
        locked_at=account.locked_at,
        failed_attempts=failures,
    )


def needs_first_administrator(database: Database) -> bool:
    with database.reading() as session:
        return not session.scalar(select(func.count()).select_from(UserAccount))


def create_first_administrator(
    database: Database,
    passwords: Passwords,
    draft: AccountDraft,
    password: str,
    workstation: str,
) -> Actor:
    """Only on an empty database: the person who sets the program up."""
    draft = AccountDraft(draft.username, draft.display_name, Role.ADMINISTRATOR)
    with database.transaction() as session:
        if session.scalar(select(func.count()).select_from(UserAccount)):
            raise ClinicError("An administrator already exists; sign in instead.")
        problems = _draft_problems(session, draft, None)
        if problems := problems + _password_problems(password, draft.username):
            raise InvalidEntryError(problems)
        account = _new_account(draft, passwords.hash(password))
        session.add(account)
        session.flush()
        actor = actor_for(account, workstation)
        database.audit.record(
            session,
            actor,
            AuditAction.CREATE,
            AuditCategory.ACCOUNTS,
            object_type=_ACCOUNT,
            object_id=account.id,
            detail="first administrator",
        )
        return actor


def _new_account(draft: AccountDraft, password_hash: str) -> UserAccount:
    return UserAccount(
        username=draft.username.strip(),
        username_key=username_key(draft.username),
        display_name=draft.display_name.strip(),
        role=draft.role,
        credentials=draft.credentials.strip(),
        npi=draft.npi.strip(),
        password_hash=password_hash,
        active=True,
    )


def create_account(
    database: Database, actor: Actor, passwords: Passwords, draft: AccountDraft, password: str
) -> int:
    authorize(database, actor, Permission.MANAGE_USERS, AuditCategory.ACCOUNTS)
    with database.transaction() as session:
        problems = _draft_problems(session, draft, None)
        if problems := problems + _password_problems(password, draft.username):
            raise InvalidEntryError(problems)
        account = _new_account(draft, passwords.hash(password))
        session.add(account)
        session.flush()
        database.audit.record(
            session,
            actor,
            AuditAction.CREATE,
            AuditCategory.ACCOUNTS,
            object_type=_ACCOUNT,
            object_id=account.id,
            detail=f"{account.username} as {account.role.label}",
        )
        return account.id


def list_accounts(database: Database, actor: Actor) -> list[AccountRow]:
    authorize(database, actor, Permission.MANAGE_USERS, AuditCategory.ACCOUNTS)
    with database.reading() as session:
        rows = session.execute(
            select(UserAccount, SignInFailure.failures)
            .outerjoin(SignInFailure, SignInFailure.username_key == UserAccount.username_key)
            .order_by(UserAccount.username_key)
        )
        return [_row(account, failures or 0) for account, failures in rows]


def _account(session: Session, account_id: int, expected_version: int) -> UserAccount:
    account = session.get(UserAccount, account_id)
    if account is None:
        raise RecordNotFoundError("That account no longer exists.")
    if account.version != expected_version:
        raise stale_edit(session, _ACCOUNT, account.id)
    return account


def update_account(
    database: Database, actor: Actor, account_id: int, expected_version: int, draft: AccountDraft
) -> None:
    """Change name, credentials, NPI and role; a role change is audited as its own event."""
    authorize(database, actor, Permission.MANAGE_USERS, AuditCategory.ACCOUNTS)
    with database.transaction() as session:
        account = _account(session, account_id, expected_version)
        if problems := _draft_problems(session, draft, account_id):
            raise InvalidEntryError(problems)
        if account.id == actor.user_id and draft.role is not Role.ADMINISTRATOR:
            raise ClinicError("You cannot take the administrator role from yourself.")
        action = AuditAction.ROLE_CHANGE if draft.role is not account.role else AuditAction.UPDATE
        database.audit.record(
            session,
            actor,
            action,
            AuditCategory.ACCOUNTS,
            object_type=_ACCOUNT,
            object_id=account.id,
            prior=account,
            detail=f"role {account.role.label} -> {draft.role.label}"
            if action is AuditAction.ROLE_CHANGE
            else "",
        )
        account.username = draft.username.strip()
        account.username_key = username_key(draft.username)
        account.display_name = draft.display_name.strip()
        account.role = draft.role
        account.credentials = draft.credentials.strip()
        account.npi = draft.npi.strip()


def unlock_account(
    database: Database, actor: Actor, account_id: int, expected_version: int
) -> None:
    authorize(database, actor, Permission.MANAGE_USERS, AuditCategory.ACCOUNTS)
    with database.transaction() as session:
        account = _account(session, account_id, expected_version)
        account.locked_at = None
        failures = session.get(SignInFailure, account.username_key)
        if failures is not None:
            session.delete(failures)
        database.audit.record(
            session,
            actor,
            AuditAction.ACCOUNT_UNLOCKED,
            AuditCategory.ACCOUNTS,
            object_type=_ACCOUNT,
            object_id=account.id,
        )


def set_active(
    database: Database, actor: Actor, account_id: int, expected_version: int, active: bool
) -> None:
    authorize(database, actor, Permission.MANAGE_USERS, AuditCategory.ACCOUNTS)
    with database.transaction() as session:
        account = _account(session, account_id, expected_version)
        if account.id == actor.user_id and not active:
            raise ClinicError("You cannot deactivate your own account.")
        database.audit.record(
            session,
            actor,
            AuditAction.UPDATE,
            AuditCategory.ACCOUNTS,
            object_type=_ACCOUNT,
            object_id=account.id,
            prior=account,
            detail="reactivated" if active else "deactivated",
        )
        account.active = active


def reset_password(
    database: Database,
    actor: Actor,
    passwords: Passwords,
    account_id: int,
    expected_version: int,
    new_password: str,
) -> None:
    authorize(database, actor, Permission.MANAGE_USERS, AuditCategory.ACCOUNTS)
    with database.transaction() as session:
        account = _account(session, account_id, expected_version)
        _password_or_fail(new_password, account.username)
        account.password_hash = passwords.hash(new_password)
        database.audit.record(
            session,
            actor,
            AuditAction.PASSWORD_CHANGE,
            AuditCategory.ACCOUNTS,
            object_type=_ACCOUNT,
            object_id=account.id,
            detail="reset by an administrator",
        )


def record_session_event(database: Database, who: Actor | Someone, action: AuditAction) -> None:
    """Sign-out, lock and unlock: nothing changes but the trail."""
    with database.transaction() as session:
        database.audit.record(session, who, action, AuditCategory.SIGN_IN)
