"""The letter archive: kept for good, reprinted byte for byte, damage refused."""

import hashlib
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.database import Database
from db.letters.archive import (
    ArchiveDamagedError,
    archive_letter,
    letter_pdf,
    patient_letters,
    pdf_page_count,
    recent_letters,
)
from db.letters.kinds import LetterKind
from db.letters.views import LetterPurpose
from db.models import AuditEvent
from db.patients.workflows import create_patient
from reports import DocumentSpec, Letterhead, ParagraphBlock, Prescriber, render_document
from tests.factories import make_patient_draft

LONG = "\n".join(f"Paragraph {n}: " + "words " * 80 for n in range(40))


def pdf(body: str = "Synthetic letter body.") -> bytes:
    return render_document(
        DocumentSpec(Letterhead("Riverside Mood Clinic"), "Test letter", (ParagraphBlock(body),))
    )


def keep(
    database: Database,
    actor: Actor,
    patient_id: int,
    data: bytes,
    kind: LetterKind = LetterKind.CONSENT_REAFFIRMATION,
) -> int:
    with database.transaction() as session:
        view = archive_letter(
            database,
            session,
            actor,
            patient_id,
            kind,
            data,
            "consent-2026.1",
            "ketamine-2026.1",
            signer=Prescriber("Synthetic Prescriber", "MD", "1234567893"),
            recipient=("Ada Testperson", "1 Main St", ""),
        )
    return view.id


@pytest.fixture
def patient_id(database: Database, prescriber: Actor) -> int:
    return create_patient(database, prescriber, make_patient_draft(), date(2026, 1, 1))


def test_page_count_of_a_short_and_a_long_letter() -> None:
    assert pdf_page_count(pdf()) == 1
    assert pdf_page_count(pdf(LONG)) > 3


def test_archived_letter_reprints_the_same_bytes_every_time(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    data = pdf()
    letter_id = keep(database, prescriber, patient_id, data)
    for purpose in LetterPurpose:
        assert letter_pdf(database, prescriber, letter_id, purpose) == data
    (view,) = patient_letters(database, prescriber, patient_id)
    assert view.id == letter_id and view.kind is LetterKind.CONSENT_REAFFIRMATION
    assert (view.template_version, view.content_version) == ("consent-2026.1", "ketamine-2026.1")
    assert view.size_bytes == len(data) and view.page_count == 1
    assert view.signer_name == "Synthetic Prescriber, MD" and view.signer_npi == "1234567893"
    assert view.author_name == prescriber.display_name
    assert view.recipient == "Ada Testperson\n1 Main St"
    assert view.mrn == "BD-0001" and view.patient_name == "Testperson, Ada"
    assert view.sha256 == hashlib.sha256(data).hexdigest()


def test_each_purpose_is_audited_as_its_own_action(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    letter_id = keep(database, prescriber, patient_id, pdf())
    for purpose in LetterPurpose:
        letter_pdf(database, prescriber, letter_id, purpose)
    with database.reading() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.detail, AuditEvent.patient_id)
            .where(AuditEvent.object_type == "letter", AuditEvent.object_id == letter_id)
            .order_by(AuditEvent.id)
        ).all()
    assert [(action, patient) for action, _, patient in rows] == [
        ("letter", patient_id),
        ("read", patient_id),
        ("print", patient_id),
        ("export", patient_id),
    ]
    assert "sha256 " in rows[0][1] and "consent-2026.1" in rows[0][1]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE archived_letter SET title = 'changed' WHERE id = :id",
        "UPDATE archived_letter SET pdf = :bytes WHERE id = :id",
        "DELETE FROM archived_letter WHERE id = :id",
    ],
)
def test_the_database_itself_refuses_to_change_or_remove_a_letter(
    database: Database, prescriber: Actor, patient_id: int, statement: str
) -> None:
    data = pdf()
    letter_id = keep(database, prescriber, patient_id, data)
    with (
        pytest.raises(DBAPIError, match="archived letters cannot be changed"),
        database.engine.begin() as connection,
    ):
        connection.execute(text(statement), {"id": letter_id, "bytes": b"%PDF-forged"})
    assert letter_pdf(database, prescriber, letter_id, LetterPurpose.PRINT) == data


def test_damaged_bytes_are_refused_with_a_clear_message(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    letter_id = keep(database, prescriber, patient_id, pdf())
    # Damage the stored copy as a failing disk would, round the guard.
    with database.engine.begin() as connection:
        if database.is_sqlite:
            connection.execute(text("DROP TRIGGER archived_letter_no_update"))
        else:
            connection.execute(
                text("ALTER TABLE archived_letter DISABLE TRIGGER archived_letter_append_only")
            )
        connection.execute(
            text("UPDATE archived_letter SET pdf = :bytes WHERE id = :id"),
            {"bytes": b"%PDF-1.4 damaged", "id": letter_id},
        )
    with pytest.raises(ArchiveDamagedError, match="no longer matches the fingerprint"):
        letter_pdf(database, prescriber, letter_id, LetterPurpose.PRINT)


def test_recent_letters_newest_first_and_by_kind(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    first = keep(database, prescriber, patient_id, pdf("one"))
    second = keep(database, prescriber, patient_id, pdf("two"), LetterKind.BOOSTER_SCHEDULE)
    assert [v.id for v in recent_letters(database, prescriber)] == [second, first]
    only = recent_letters(database, prescriber, kinds=[LetterKind.BOOSTER_SCHEDULE])
    assert [v.id for v in only] == [second]
    assert [v.id for v in recent_letters(database, prescriber, limit=1)] == [second]


def test_only_a_pdf_is_archived(database: Database, prescriber: Actor, patient_id: int) -> None:
    with pytest.raises(ValueError, match="PDF"):
        keep(database, prescriber, patient_id, b"<html>")


def test_the_front_desk_and_administrator_cannot_read_the_archive(
    database: Database, staff: dict[Role, Actor], patient_id: int
) -> None:
    letter_id = keep(database, staff[Role.PRESCRIBER], patient_id, pdf())
    for role in (Role.FRONT_DESK, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDeniedError):
            letter_pdf(database, staff[role], letter_id, LetterPurpose.PREVIEW)
        with pytest.raises(PermissionDeniedError):
            patient_letters(database, staff[role], patient_id)
    assert len(recent_letters(database, staff[Role.NURSE])) == 1
