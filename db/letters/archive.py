"""The letter archive: every generated letter kept with its exact bytes, for good.

Rows are only ever added (the database refuses UPDATE and DELETE, migration 0009). Reading
a letter back checks its bytes against the SHA-256 taken when it was archived, so a reprint
is the letter as it was printed or nothing at all.
"""

import re
from collections.abc import Iterable

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, defer

from clinical.record.names import display_name
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.errors import ClinicError, RecordNotFoundError
from db.letters.images import sha256_hex
from db.letters.kinds import LetterKind
from db.letters.views import ArchivedLetterView, LetterPurpose
from db.models import ArchivedLetter, Patient
from db.patients.repository import get_patient
from reports.model import Prescriber

DEFAULT_RECENT = 200
_LETTER = "letter"
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_PURPOSE_ACTION = {
    LetterPurpose.PREVIEW: AuditAction.READ,
    LetterPurpose.PRINT: AuditAction.PRINT,
    LetterPurpose.SAVE: AuditAction.EXPORT,
}


class ArchiveDamagedError(ClinicError):
    """An archived letter's bytes no longer match the fingerprint taken when it was kept."""


def pdf_page_count(pdf: bytes) -> int:
    """The number of page objects in a PDF as ReportLab writes it (uncompressed object
    dictionaries, so each page's /Type /Page can be counted)."""
    return len(_PAGE.findall(pdf))


def _views(session: Session, query: Select) -> list[ArchivedLetterView]:
    rows = session.execute(query).all()
    return [
        ArchivedLetterView(
            id=letter.id,
            patient_id=letter.patient_id,
            mrn=mrn,
            patient_name=display_name(family, given, preferred),
            kind=letter.kind,
            title=letter.title,
            template_version=letter.template_version,
            content_version=letter.content_version,
            sha256=letter.sha256,
            page_count=letter.page_count,
            size_bytes=size,
            author_name=letter.author_name,
            signer_name=letter.signer_name,
            signer_npi=letter.signer_npi,
            recipient=letter.recipient,
            created_at=letter.created_at,
        )
        for letter, mrn, family, given, preferred, size in rows
    ]


def _query() -> Select:
    """Every column but the PDF itself (lists never load the bytes), with the patient."""
    return (
        select(
            ArchivedLetter,
            Patient.mrn,
            Patient.legal_family_name,
            Patient.legal_given_names,
            Patient.preferred_name,
            func.length(ArchivedLetter.pdf),
        )
        .options(defer(ArchivedLetter.pdf))
        .join(Patient, Patient.id == ArchivedLetter.patient_id)
        .order_by(ArchivedLetter.created_at.desc(), ArchivedLetter.id.desc())
    )


def letter_view(session: Session, letter_id: int) -> ArchivedLetterView:
    found = _views(session, _query().where(ArchivedLetter.id == letter_id))
    if not found:
        raise RecordNotFoundError("That letter is not in the archive.")
    return found[0]


def archive_letter(
    database: Database,
    session: Session,
    actor: Actor,
    patient_id: int,
    kind: LetterKind,
    pdf: bytes,
    template_version: str,
    content_version: str = "",
    *,
    title: str = "",
    signer: Prescriber | None = None,
    recipient: Iterable[str] = (),
) -> ArchivedLetterView:
    """Keep a generated letter inside the caller's transaction, audited as a letter.
    The caller has authorized the work."""
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("Only a PDF document can be archived.")
    get_patient(session, patient_id)
    row = ArchivedLetter(
        patient_id=patient_id,
        kind=kind,
        title=(title or kind.label)[:200],
        template_version=template_version,
        content_version=content_version,
        pdf=pdf,
        sha256=sha256_hex(pdf),
        page_count=pdf_page_count(pdf),
        author_user_id=actor.user_id,
        author_name=actor.display_name,
        signer_name=_signer_name(signer),
        signer_npi=signer.npi if signer is not None else "",
        recipient="\n".join(line for line in recipient if line.strip()),
    )
    session.add(row)
    session.flush()
    versions = template_version + (f", text {content_version}" if content_version else "")
    database.audit.record(
        session,
        actor,
        AuditAction.LETTER,
        AuditCategory.LETTERS,
        patient_id=patient_id,
        object_type=_LETTER,
        object_id=row.id,
        detail=f"{kind.value} ({versions}), {row.page_count} pages, sha256 {row.sha256}",
    )
    return letter_view(session, row.id)


def _signer_name(signer: Prescriber | None) -> str:
    if signer is None:
        return ""
    return f"{signer.name}, {signer.credentials}" if signer.credentials else signer.name


def letter_pdf(database: Database, actor: Actor, letter_id: int, purpose: LetterPurpose) -> bytes:
    """The archived bytes, identical every time; refused if they no longer match their
    SHA-256. Audited as a read (preview), a print or an export (save)."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.LETTERS)
    with database.transaction() as session:
        row = session.get(ArchivedLetter, letter_id)
        if row is None:
            raise RecordNotFoundError("That letter is not in the archive.")
        if sha256_hex(row.pdf) != row.sha256:
            raise ArchiveDamagedError(
                f"The archived copy of this {row.kind.label.lower()} (archive number "
                f"{row.id}) no longer matches the fingerprint taken when it was printed, so "
                "it is not shown. The database may be damaged: restore the newest backup, "
                "or ask your IT contact."
            )
        database.audit.record(
            session,
            actor,
            _PURPOSE_ACTION[purpose],
            AuditCategory.LETTERS,
            patient_id=row.patient_id,
            object_type=_LETTER,
            object_id=row.id,
            detail=f"{row.kind.value} {purpose.value}",
        )
        return row.pdf


def patient_letters(
    database: Database, actor: Actor, patient_id: int
) -> tuple[ArchivedLetterView, ...]:
    """The patient's archived letters, newest first."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.LETTERS, patient_id)
    with database.transaction() as session:
        get_patient(session, patient_id)
        found = _views(session, _query().where(ArchivedLetter.patient_id == patient_id))
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.LETTERS,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            detail="archived letters",
        )
        return tuple(found)


def recent_letters(
    database: Database,
    actor: Actor,
    kinds: Iterable[LetterKind] | None = None,
    limit: int = DEFAULT_RECENT,
) -> tuple[ArchivedLetterView, ...]:
    """The clinic's newest archived letters (of `kinds`, or of every kind), for the
    Letters area."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.LETTERS)
    query = _query().limit(max(1, limit))
    wanted = tuple(kinds) if kinds is not None else None
    if wanted is not None:
        query = query.where(ArchivedLetter.kind.in_(wanted))
    with database.transaction() as session:
        found = _views(session, query)
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.LETTERS,
            detail=f"recent letters, whole clinic, {len(found)} shown",
        )
        return tuple(found)
