"""The clinic server: several workstations on one PostgreSQL database at once."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.audit.verify import verify_chain
from db.database import Database
from db.errors import StaleEditError
from db.migrate import current_revision, head_revision, upgrade_to_head
from db.patients import workflows
from tests.factories import make_patient_draft, make_staff
from tests.pg_server import PostgresServer


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    running = PostgresServer().start()
    yield running
    running.stop()


@pytest.fixture
def clinic_url(server: PostgresServer) -> str:
    return server.new_database()


def workstation(url: str, keys: Path) -> Database:
    # Every workstation of a clinic shares the audit key (set up once by the administrator).
    return Database(url, AuditTrail(AuditKeys(keys)))


def test_the_whole_schema_migrates_on_postgresql(clinic_url: str, tmp_path: Path) -> None:
    database = workstation(clinic_url, tmp_path)
    outcome = upgrade_to_head(database)
    assert outcome.created and current_revision(database) == head_revision()
    database.dispose()


def test_two_workstations_edit_the_same_patient_and_the_stale_save_is_refused(
    clinic_url: str, tmp_path: Path, passwords: Passwords
) -> None:
    front = workstation(clinic_url, tmp_path)
    upgrade_to_head(front)
    staff = make_staff(front, passwords)
    back = workstation(clinic_url, tmp_path)
    patient_id = workflows.create_patient(front, staff[Role.NURSE], make_patient_draft())

    at_front = workflows.open_chart(front, staff[Role.NURSE], patient_id)
    at_back = workflows.open_chart(back, staff[Role.PRESCRIBER], patient_id)
    workflows.update_patient(
        back,
        staff[Role.PRESCRIBER],
        patient_id,
        at_back.version,
        make_patient_draft(phone="555-0111"),
    )
    with pytest.raises(StaleEditError, match=r"changed by Synthetic Prescriber at \d{4}-"):
        workflows.update_patient(
            front,
            staff[Role.NURSE],
            patient_id,
            at_front.version,
            make_patient_draft(phone="555-0222"),
        )
    assert workflows.open_chart(front, staff[Role.NURSE], patient_id).patient.phone == "555-0111"
    front.dispose()
    back.dispose()


def test_concurrent_workstations_keep_one_unbroken_audit_chain(
    clinic_url: str, tmp_path: Path, passwords: Passwords
) -> None:
    first = workstation(clinic_url, tmp_path)
    upgrade_to_head(first)
    staff = make_staff(first, passwords)
    second = workstation(clinic_url, tmp_path)
    errors: list[BaseException] = []

    def save_many(database: Database, prefix: str) -> None:
        try:
            for n in range(15):
                workflows.create_patient(
                    database, staff[Role.NURSE], make_patient_draft(mrn=f"{prefix}-{n}")
                )
        except BaseException as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [
        threading.Thread(target=save_many, args=(first, "A")),
        threading.Thread(target=save_many, args=(second, "B")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = verify_chain(first, AuditKeys(tmp_path))
    assert report.intact, report.problem
    assert report.rows_checked >= 30
    first.dispose()
    second.dispose()


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_event SET username = 'x'", "DELETE FROM audit_event"]
)
def test_postgresql_refuses_to_change_audit_rows(
    clinic_url: str, tmp_path: Path, passwords: Passwords, statement: str
) -> None:
    database = workstation(clinic_url, tmp_path)
    upgrade_to_head(database)
    make_staff(database, passwords)
    refused = pytest.raises(DatabaseError, match="audit rows cannot be changed")
    with refused, database.transaction() as session:
        session.execute(text(statement))
    assert verify_chain(database, AuditKeys(tmp_path)).intact
    database.dispose()
