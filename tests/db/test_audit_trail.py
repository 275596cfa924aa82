"""The audit trail records who did what, refuses changes, and catches every kind of tampering."""

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from clinical.record.drafts import DiagnosisDraft
from db.accounts.roles import Role
from db.audit.keys import AuditKeyMissingError, AuditKeys
from db.audit.verify import verify_chain
from db.database import Database
from db.models import AuditEvent
from db.patients import workflows
from tests.factories import make_patient_draft

pytestmark = pytest.mark.sqlite_only


def events(database: Database) -> list[tuple]:
    with database.reading() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    AuditEvent.username,
                    AuditEvent.action,
                    AuditEvent.category,
                    AuditEvent.patient_id,
                    AuditEvent.object_type,
                ).order_by(AuditEvent.id)
            )
        ]


def database_file(database: Database) -> Path:
    assert database.sqlite_path is not None
    return database.sqlite_path


def raw(database: Database, *statements: str) -> None:
    """What someone with the file and a SQLite shell could do, triggers dropped first."""
    database.dispose()
    connection = sqlite3.connect(database_file(database))
    connection.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    connection.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


@pytest.fixture
def busy_trail(database: Database, staff) -> Database:
    prescriber = staff[Role.PRESCRIBER]
    patient_id = workflows.create_patient(database, prescriber, make_patient_draft())
    for n in range(3):
        workflows.open_chart(database, prescriber, patient_id)
        workflows.save_diagnosis(database, prescriber, patient_id, DiagnosisDraft("F33.2", f"d{n}"))
    return database


def test_changes_record_who_what_and_the_prior_version(database: Database, staff) -> None:
    nurse = staff[Role.NURSE]
    patient_id = workflows.create_patient(database, nurse, make_patient_draft(phone="555-0100"))
    chart = workflows.open_chart(database, nurse, patient_id)
    workflows.update_patient(
        database, nurse, patient_id, chart.version, make_patient_draft(phone="555-0199")
    )
    assert events(database)[-3:] == [
        ("rn.raman", "create", "demographics", patient_id, "patient"),
        ("rn.raman", "read", "chart", patient_id, "patient"),
        ("rn.raman", "update", "demographics", patient_id, "patient"),
    ]
    with database.reading() as session:
        update = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        prior = json.loads(update.prior_version)
        assert (update.role, update.workstation) == ("nurse", "test-workstation")
        assert update.occurred_at.tzinfo is not None
    assert prior["phone"] == "555-0100" and prior["version"] == 1


def test_a_refused_save_leaves_no_audit_row(database: Database, staff) -> None:
    prescriber = staff[Role.PRESCRIBER]
    workflows.create_patient(database, prescriber, make_patient_draft(mrn="A-1"))
    before = len(events(database))
    with pytest.raises(Exception, match="already belongs"):
        workflows.create_patient(database, prescriber, make_patient_draft(mrn="a-1"))
    assert len(events(database)) == before


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_event SET username = 'someone else'", "DELETE FROM audit_event"],
)
def test_the_database_refuses_to_change_or_remove_audit_rows(
    busy_trail: Database, statement: str
) -> None:
    refused = pytest.raises(DatabaseError, match="audit rows cannot be changed")
    with refused, busy_trail.transaction() as session:
        session.execute(text(statement))
    assert verify_chain(busy_trail, busy_trail.audit.keys).intact


def test_an_untouched_trail_verifies(busy_trail: Database, audit_keys: AuditKeys) -> None:
    report = verify_chain(busy_trail, audit_keys)
    assert report.intact and report.rows_checked == len(events(busy_trail))


def test_key_and_anchor_live_outside_the_data_folder(
    busy_trail: Database, audit_keys: AuditKeys
) -> None:
    data_folder = database_file(busy_trail).parent
    files = list(audit_keys.folder.iterdir())
    assert {f.suffix for f in files} == {".key", ".anchor"}
    assert all(data_folder not in f.parents for f in files)


_COPY_OF_ROW_3 = (
    "SELECT {id}, occurred_at, user_id, username, role, workstation, patient_id, action,"
    " category, object_type, object_id, prior_version, detail, previous_seal, seal"
    " FROM audit_event WHERE id = 3"
)
TAMPERING: dict[str, tuple[tuple[str, ...], int | None]] = {
    "an edited row": (("UPDATE audit_event SET username = 'mallory' WHERE id = 5",), 5),
    "a deleted row": (("DELETE FROM audit_event WHERE id = 4",), 4),
    "a row inserted in the middle": (
        (
            "UPDATE audit_event SET id = id + 1000 WHERE id > 3",
            "UPDATE audit_event SET id = id - 999 WHERE id > 1000",
            "INSERT INTO audit_event " + _COPY_OF_ROW_3.format(id=4),
        ),
        4,
    ),
    "a row added at the end": (("INSERT INTO audit_event " + _COPY_OF_ROW_3.format(id=999),), None),
    "reordered rows": (
        (
            "UPDATE audit_event SET id = -1 WHERE id = 6",
            "UPDATE audit_event SET id = 6 WHERE id = 7",
            "UPDATE audit_event SET id = 7 WHERE id = -1",
        ),
        6,
    ),
    "a cut-off tail": (("DELETE FROM audit_event WHERE id > 8",), 9),
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_every_kind_of_tampering_is_caught(
    busy_trail: Database, audit_keys: AuditKeys, kind: str
) -> None:
    statements, first_bad = TAMPERING[kind]
    total = len(events(busy_trail))
    raw(busy_trail, *statements)
    report = verify_chain(busy_trail, audit_keys)
    assert not report.intact, kind
    assert report.first_bad_id == (first_bad or total + 1), report.problem


def test_rewriting_every_seal_without_the_key_is_caught(
    busy_trail: Database, audit_keys: AuditKeys
) -> None:
    raw(busy_trail, "UPDATE audit_event SET seal = lower(hex(randomblob(32))) WHERE id >= 2")
    assert verify_chain(busy_trail, audit_keys).first_bad_id == 2


def test_a_missing_key_is_named_not_guessed(busy_trail: Database, tmp_path: Path) -> None:
    with pytest.raises(AuditKeyMissingError, match="audit key for this database"):
        verify_chain(busy_trail, AuditKeys(tmp_path / "elsewhere"))


def test_filter_by_username_follows_a_renamed_account_and_matches_exactly(
    database: Database, staff
) -> None:
    from db.accounts.views import AccountDraft
    from db.accounts.workflows import list_accounts, update_account
    from db.audit.queries import AuditFilter, search_audit

    admin = staff[Role.ADMINISTRATOR]
    workflows.create_patient(database, staff[Role.NURSE], make_patient_draft(mrn="R-1"))
    nurse = next(a for a in list_accounts(database, admin) if a.username == "rn.raman")
    update_account(
        database,
        admin,
        nurse.id,
        nurse.version,
        AccountDraft("rn.raman-lee", nurse.display_name, Role.NURSE),
    )
    rows = search_audit(database, admin, AuditFilter(username="RN.RAMAN-LEE"))
    assert {r.action for r in rows} >= {"create"}  # the create was written as rn.raman
    assert search_audit(database, admin, AuditFilter(username="rn_raman")) == []
