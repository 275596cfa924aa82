"""Kill the program at random moments while it saves: nothing reported saved is lost,
nothing is half-saved, the file and the audit chain stay sound. 200 rounds."""

import multiprocessing
import os
import random
import signal
import sqlite3
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from db.accounts.actor import Actor
from db.accounts.passwords import OWASP_MINIMUM, Passwords
from db.accounts.roles import Role
from db.accounts.views import AccountDraft
from db.accounts.workflows import create_first_administrator
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.audit.verify import verify_chain
from db.database import Database, sqlite_url
from db.migrate import upgrade_to_head
from db.patients import workflows
from tests.factories import make_patient_draft

ROUNDS = 200


def open_clinic(folder: Path) -> Database:
    return Database(sqlite_url(folder / "clinic.sqlite3"), AuditTrail(AuditKeys(folder / "keys")))


def save_forever(folder: Path, actor: Actor, round_number: int, reports: Connection) -> None:
    """The child: save patient after patient, reporting each one once it has landed."""
    database = open_clinic(folder)
    number = 0
    while True:
        mrn = f"K{round_number:03d}-{number:04d}"
        workflows.create_patient(database, actor, make_patient_draft(mrn=mrn))
        reports.send(mrn)
        number += 1


@pytest.mark.slow
def test_sigkill_during_saves_loses_nothing_reported_and_leaves_nothing_half_done(
    tmp_path: Path,
) -> None:
    database = open_clinic(tmp_path)
    upgrade_to_head(database)
    actor = create_first_administrator(
        database,
        Passwords(OWASP_MINIMUM),
        AccountDraft("crash.admin", "Crash Test", Role.ADMINISTRATOR),
        "crash test password",
        "crash",
    )
    actor = Actor(actor.user_id, actor.username, actor.display_name, Role.NURSE, "crash")
    database.dispose()

    context = multiprocessing.get_context("fork")
    chance = random.Random(20261121)
    reported: list[str] = []
    for round_number in range(ROUNDS):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=save_forever, args=(tmp_path, actor, round_number, send), daemon=True
        )
        child.start()
        send.close()
        assert receive.poll(30), "the child never saved anything"
        deadline_saves = chance.randint(0, 6)
        while deadline_saves and receive.poll(5):
            reported.append(receive.recv())
            deadline_saves -= 1
        # Kill at a random moment inside the next save, not between two.
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        while receive.poll(0):
            try:
                reported.append(receive.recv())
            except EOFError:
                break
        receive.close()

        connection = sqlite3.connect(tmp_path / "clinic.sqlite3")
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            saved = {m for (m,) in connection.execute("SELECT mrn FROM patient")}
            audited = {
                pid
                for (pid,) in connection.execute(
                    "SELECT patient_id FROM audit_event WHERE action = 'create'"
                    " AND object_type = 'patient'"
                )
            }
            patient_ids = {p for (p,) in connection.execute("SELECT id FROM patient")}
        finally:
            connection.close()
        missing = [mrn for mrn in reported if mrn not in saved]
        assert not missing, f"round {round_number}: reported saved but gone: {missing}"
        assert patient_ids == audited, f"round {round_number}: a save landed half"
    checked = open_clinic(tmp_path)
    assert verify_chain(checked, checked.audit.keys).intact
    checked.dispose()
    assert len(reported) >= ROUNDS
