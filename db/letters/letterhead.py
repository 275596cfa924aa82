"""The clinic's letterhead and each prescriber's signing details.

Text parts are clinic settings (`clinic_setting`, one key each, every change audited with
the value before it by `db.settings.store.write_settings`); the logo and the signatures are
pictures in tables of their own (`db.models.letter`), audited by their SHA-256.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission, Role
from db.audit.vocabulary import AuditAction, AuditCategory
from db.base import utc_now
from db.database import Database
from db.errors import InvalidEntryError, RecordNotFoundError
from db.letters.images import image_note, image_problem, sha256_hex
from db.letters.npi import npi_problem
from db.models import ClinicImage, ClinicSetting, PrescriberSignature, UserAccount
from db.settings.store import write_settings
from db.stale import stale_edit
from reports.model import Letterhead, PageSize, Prescriber

CLINIC_NAME = "letterhead_clinic_name"
ADDRESS_LINES = "letterhead_address_lines"
PHONE = "letterhead_phone"
FAX = "letterhead_fax"
PAGE_SIZE = "letterhead_page_size"
FASTING_WORDING = "handout_fasting_wording"
LOGO = "logo"

MAX_NAME = 120
MAX_ADDRESS_LINES = 4
MAX_LINE = 80
MAX_PHONE = 40
MAX_WORDING = 1000
MAX_CREDENTIALS = 60
_ACCOUNT = "user account"
# What an unset letterhead holds: saving these is no change.
_DEFAULTS = {
    CLINIC_NAME: "",
    ADDRESS_LINES: [],
    PHONE: "",
    FAX: "",
    PAGE_SIZE: PageSize.LETTER.value,
    FASTING_WORDING: "",
}


@dataclass(frozen=True)
class LetterheadDraft:
    """The letterhead as the settings screen edits it. `fasting_wording`: the clinic's own
    words on eating and drinking before a session, printed on the booster handout."""

    clinic_name: str = ""
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    fax: str = ""
    logo: bytes | None = None
    page_size: PageSize = PageSize.LETTER
    fasting_wording: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "address_lines", tuple(self.address_lines))


@dataclass(frozen=True)
class PrescriberDetails:
    """A person's signing details as their settings screen edits them."""

    user_id: int
    version: int
    name: str
    role: Role
    credentials: str
    npi: str
    signature: bytes | None = field(default=None, repr=False)


# Reading ---------------------------------------------------------------------------------


def _stored(session: Session) -> dict[str, Any]:
    keys = (CLINIC_NAME, ADDRESS_LINES, PHONE, FAX, PAGE_SIZE, FASTING_WORDING)
    rows = session.scalars(select(ClinicSetting).where(ClinicSetting.key.in_(keys)))
    return {row.key: json.loads(row.value_json) for row in rows}


def _draft(session: Session) -> LetterheadDraft:
    stored = _stored(session)
    logo = session.get(ClinicImage, LOGO)
    return LetterheadDraft(
        clinic_name=str(stored.get(CLINIC_NAME, "")),
        address_lines=tuple(str(line) for line in stored.get(ADDRESS_LINES, [])),
        phone=str(stored.get(PHONE, "")),
        fax=str(stored.get(FAX, "")),
        logo=logo.image if logo is not None else None,
        page_size=PageSize(stored.get(PAGE_SIZE, PageSize.LETTER.value)),
        fasting_wording=str(stored.get(FASTING_WORDING, "")),
    )


def letterhead_settings(database: Database) -> LetterheadDraft:
    """What the letterhead settings hold now (empty strings where nothing is set)."""
    with database.reading() as session:
        return _draft(session)


def letterhead_in(session: Session) -> Letterhead | None:
    """The letterhead inside a caller's session; None until the clinic name is set."""
    return as_letterhead(_draft(session))


def as_letterhead(draft: LetterheadDraft) -> Letterhead | None:
    if not draft.clinic_name.strip():
        return None
    return Letterhead(
        clinic_name=draft.clinic_name,
        address_lines=draft.address_lines,
        phone=draft.phone,
        fax=draft.fax,
        logo=draft.logo,
        page_size=draft.page_size,
    )


def load_letterhead(database: Database) -> Letterhead | None:
    """The letterhead every printout carries; None until the clinic name is set."""
    with database.reading() as session:
        return letterhead_in(session)


def load_fasting_wording(database: Database) -> str:
    """The clinic's words on eating and drinking before a session ('' until set)."""
    with database.reading() as session:
        return str(_stored(session).get(FASTING_WORDING, ""))


def prescriber_in(session: Session, user_id: int) -> Prescriber:
    account = session.get(UserAccount, user_id)
    if account is None:
        raise RecordNotFoundError("That account no longer exists.")
    signature = session.get(PrescriberSignature, user_id)
    return Prescriber(
        name=account.display_name,
        credentials=account.credentials,
        npi=account.npi,
        signature=signature.image if signature is not None else None,
    )


def prescriber_identity(database: Database, user_id: int) -> Prescriber:
    """Who signs: name, credentials, NPI and signature image, as a letter prints them."""
    with database.reading() as session:
        return prescriber_in(session, user_id)


def prescriber_details(database: Database, actor: Actor, user_id: int) -> PrescriberDetails:
    """For the settings screen: the administrator's for anyone, a prescriber's own."""
    _authorize_details(database, actor, user_id)
    with database.reading() as session:
        account = session.get(UserAccount, user_id)
        if account is None:
            raise RecordNotFoundError("That account no longer exists.")
        signature = session.get(PrescriberSignature, user_id)
        return PrescriberDetails(
            user_id=account.id,
            version=account.version,
            name=account.display_name,
            role=account.role,
            credentials=account.credentials,
            npi=account.npi,
            signature=signature.image if signature is not None else None,
        )


# Saving ----------------------------------------------------------------------------------


def _letterhead_problems(draft: LetterheadDraft) -> list[Problem]:
    problems = []
    name = draft.clinic_name.strip()
    if not name:
        problems.append(Problem("clinic_name", "Enter the clinic's name as letters print it."))
    elif len(name) > MAX_NAME:
        problems.append(
            Problem("clinic_name", f"The clinic name is longer than {MAX_NAME} characters.")
        )
    lines = [line.strip() for line in draft.address_lines if line.strip()]
    if len(lines) > MAX_ADDRESS_LINES:
        problems.append(
            Problem("address_lines", f"The address fits on {MAX_ADDRESS_LINES} lines at most.")
        )
    if any(len(line) > MAX_LINE for line in lines):
        problems.append(
            Problem("address_lines", f"Each address line fits {MAX_LINE} characters at most.")
        )
    for key, value, what in (("phone", draft.phone, "phone"), ("fax", draft.fax, "fax")):
        if len(value.strip()) > MAX_PHONE:
            problems.append(
                Problem(key, f"The {what} number is longer than {MAX_PHONE} characters.")
            )
    if len(draft.fasting_wording.strip()) > MAX_WORDING:
        problems.append(
            Problem(
                "fasting_wording",
                f"The fasting instructions are longer than {MAX_WORDING} characters.",
            )
        )
    if draft.logo is not None and (problem := image_problem(draft.logo, "The logo")):
        problems.append(Problem("logo", problem))
    return problems


def save_letterhead(database: Database, actor: Actor, draft: LetterheadDraft) -> None:
    """Each changed part is its own audited change, with the value before it."""
    authorize(database, actor, Permission.MANAGE_SETTINGS, AuditCategory.SETTINGS)
    if problems := _letterhead_problems(draft):
        raise InvalidEntryError(problems)
    values = {
        CLINIC_NAME: draft.clinic_name.strip(),
        ADDRESS_LINES: [line.strip() for line in draft.address_lines if line.strip()],
        PHONE: draft.phone.strip(),
        FAX: draft.fax.strip(),
        PAGE_SIZE: draft.page_size.value,
        FASTING_WORDING: draft.fasting_wording.strip(),
    }
    with database.transaction() as session:
        write_settings(database, session, actor, values, _DEFAULTS)
        _save_logo(database, session, actor, draft.logo)


def _save_logo(database: Database, session: Session, actor: Actor, logo: bytes | None) -> None:
    row = session.get(ClinicImage, LOGO)
    before = row.image if row is not None else None
    if (before and sha256_hex(before)) == (logo and sha256_hex(logo)):
        return
    database.audit.record(
        session,
        actor,
        AuditAction.SETTING_CHANGE,
        AuditCategory.SETTINGS,
        object_type="setting",
        detail=f"letterhead logo: {image_note(before)} -> {image_note(logo)}",
    )
    if logo is None:
        session.delete(row)
    elif row is None:
        session.add(ClinicImage(key=LOGO, image=logo, sha256=sha256_hex(logo)))
    else:
        row.image, row.sha256 = logo, sha256_hex(logo)


def _authorize_details(database: Database, actor: Actor, user_id: int) -> None:
    """A prescriber keeps their own signing details; the administrator anyone's."""
    if actor.user_id == user_id and actor.role is Role.PRESCRIBER:
        return
    authorize(database, actor, Permission.MANAGE_USERS, AuditCategory.ACCOUNTS)


def _details_problems(credentials: str, npi: str, signature: bytes | None) -> list[Problem]:
    problems = []
    if len(credentials) > MAX_CREDENTIALS:
        problems.append(
            Problem(
                "credentials",
                f"The credentials are longer than {MAX_CREDENTIALS} characters.",
            )
        )
    if npi and (problem := npi_problem(npi)):
        problems.append(Problem("npi", problem))
    if signature is not None and (problem := image_problem(signature, "The signature")):
        problems.append(Problem("signature", problem))
    return problems


def save_prescriber_details(
    database: Database,
    actor: Actor,
    user_id: int,
    credentials: str,
    npi: str,
    signature: bytes | None,
    *,
    expected_version: int | None = None,
) -> None:
    """Credentials, NPI (checked by its check digit) and the signature image; `signature`
    None removes it. `expected_version`: the account's version when the form opened."""
    _authorize_details(database, actor, user_id)
    credentials, npi = credentials.strip(), npi.strip()
    if problems := _details_problems(credentials, npi, signature):
        raise InvalidEntryError(problems)
    with database.transaction() as session:
        account = session.get(UserAccount, user_id)
        if account is None:
            raise RecordNotFoundError("That account no longer exists.")
        if expected_version is not None and account.version != expected_version:
            raise stale_edit(session, _ACCOUNT, account.id)
        if (account.credentials, account.npi) != (credentials, npi):
            database.audit.record(
                session,
                actor,
                AuditAction.UPDATE,
                AuditCategory.ACCOUNTS,
                object_type=_ACCOUNT,
                object_id=account.id,
                prior=account,
                detail="credentials and NPI",
            )
            account.credentials, account.npi = credentials, npi
        _save_signature(database, session, actor, user_id, signature)


def _save_signature(
    database: Database, session: Session, actor: Actor, user_id: int, signature: bytes | None
) -> None:
    row = session.get(PrescriberSignature, user_id)
    before = row.image if row is not None else None
    if (before and sha256_hex(before)) == (signature and sha256_hex(signature)):
        return
    database.audit.record(
        session,
        actor,
        AuditAction.UPDATE,
        AuditCategory.ACCOUNTS,
        object_type="prescriber signature",
        object_id=user_id,
        detail=f"signature image: {image_note(before)} -> {image_note(signature)}",
    )
    if signature is None:
        session.delete(row)
    elif row is None:
        session.add(
            PrescriberSignature(user_id=user_id, image=signature, sha256=sha256_hex(signature))
        )
    else:
        row.image, row.sha256, row.updated_at = signature, sha256_hex(signature), utc_now()
