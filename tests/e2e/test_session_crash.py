"""A session draft survives a crash: a real process types into the real session window (Qt
offscreen, the draft saved by the window's own autosave), reports each field once the
window says it is saved, and is killed with SIGKILL at a random moment while it goes on
typing and saving. Then the database file is sound, its audit chain intact, and a new
window opened on a fresh connection shows everything reported saved.

Why not `python -m desktop`: driving the program's sign-in dialog from outside needs a
scripting hook the program does not have; the child here builds the same window the
program opens, over the same kind of database file, with the same workflows.
"""

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from clinical.modality import Modality
from clinical.sessions import EsketamineDetails, SessionContent
from db.accounts.actor import Actor
from db.accounts.passwords import OWASP_MINIMUM, Passwords
from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.audit.verify import verify_chain
from db.database import Database, sqlite_url
from db.migrate import upgrade_to_head
from db.sessions.workflows import session_view, start_session
from tests.factories import WORKSTATION, make_staff
from tests.ui.test_session_builders import DAY, booked
from ui.sessions.session_window import SessionWindow
from ui.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 4


def _details(content: SessionContent) -> EsketamineDetails:
    assert isinstance(content.details, EsketamineDetails)
    return content.details


# (field, what is typed, how the stored draft shows it)
FIELDS: list[tuple[str, str, Callable[[SessionContent], object]]] = [
    ("vitals_before.taken_at", "0850", lambda c: c.common.vitals_before.taken_at == time(8, 50)),
    ("vitals_before.systolic", "128", lambda c: c.common.vitals_before.systolic == 128),
    ("vitals_before.diastolic", "82", lambda c: c.common.vitals_before.diastolic == 82),
    ("lot_number", "LOT-24A17", lambda c: _details(c).lot_number == "LOT-24A17"),
    ("administered_at", "0900", lambda c: _details(c).administered_at == time(9, 0)),
    ("lowest_spo2", "96", lambda c: _details(c).lowest_spo2 == 96),
    ("monitored_by", "Sam Rivera, RN", lambda c: _details(c).monitored_by == "Sam Rivera, RN"),
]


def open_clinic(folder: Path) -> Database:
    return Database(sqlite_url(folder / "clinic.sqlite3"), AuditTrail(AuditKeys(folder / "keys")))


def child_main(folder: str, session_id: str, user_id: str, name: str) -> None:
    """The child: the session window over the clinic file, typed into key by key."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    database = open_clinic(Path(folder))
    passwords = Passwords(OWASP_MINIMUM)
    actor = Actor(int(user_id), "dr.okafor", name, Role.PRESCRIBER, WORKSTATION)
    workspace = Workspace(database, SignIn(database, passwords), passwords, WORKSTATION, actor)
    view = session_view(database, actor, int(session_id))
    window = SessionWindow(workspace, view, today=lambda: DAY, autosave_ms=30)
    window.show()
    app.processEvents()

    def report(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    for field, text, _check in FIELDS:
        widget = window.findChild(QWidget, field)
        widget.setFocus()
        for character in text:
            QTest.keyClicks(widget, character)
            app.processEvents()
        QTest.keyClick(widget, Qt.Key.Key_Tab)  # leaving the field saves it at once
        if not window.has_unsaved_changes:
            report(f"saved {field}")
    note = window.form.note
    note.setFocus()
    typed = ""
    while True:  # go on typing (saved by the autosave's pause) until killed
        for character in "n ":
            QTest.keyClicks(note, character)
            typed += character
            app.processEvents()
        QTest.qWait(60)  # the autosave's pause is 30 ms here
        if not window.has_unsaved_changes:
            report(f"note {typed.strip()}")


def start_child(folder: Path, session_id: int, actor: Actor) -> subprocess.Popen[str]:
    command = (
        "import sys; from tests.e2e.test_session_crash import child_main; child_main(*sys.argv[1:])"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            command,
            str(folder),
            str(session_id),
            str(actor.user_id),
            actor.display_name,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def reports_of(child: subprocess.Popen[str]) -> "queue.Queue[str]":
    """The child's report lines as they come ('' when it ends), read by a thread so that
    the test can wait for one with a time limit."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line.strip())
        lines.put("")

    threading.Thread(target=read, daemon=True).start()
    return lines


@pytest.fixture
def clinic(tmp_path: Path) -> tuple[Path, Actor]:
    database = open_clinic(tmp_path)
    upgrade_to_head(database)
    staff = make_staff(database, Passwords(OWASP_MINIMUM))
    database.dispose()
    return tmp_path, staff[Role.PRESCRIBER]


@pytest.mark.slow
def test_a_session_draft_survives_sigkill_mid_typing(qtbot, clinic: tuple[Path, Actor]) -> None:
    folder, actor = clinic
    chance = random.Random(20261116)
    for round_number in range(ROUNDS):
        database = open_clinic(folder)
        _, _, appointment_id = booked(
            database,
            actor,
            Modality.ESKETAMINE,
            mrn=f"BD-{round_number:04d}",
            at=time(9 + round_number, 0),
        )
        session_id = start_session(database, actor, appointment_id, today=DAY).id
        database.dispose()

        child = start_child(folder, session_id, actor)
        lines = reports_of(child)
        wanted = chance.randint(2, len(FIELDS) + 3)  # some rounds die while the note is typed
        reported: list[str] = []
        while len(reported) < wanted:
            try:
                line = lines.get(timeout=30)
            except queue.Empty:
                child.kill()
                pytest.fail(f"round {round_number}: nothing saved after {reported}")
            assert line, f"round {round_number}: the child stopped after {reported}"
            reported.append(line)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.stdout is not None
        child.stdout.close()

        connection = sqlite3.connect(folder / "clinic.sqlite3")
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            connection.close()
        reopened = open_clinic(folder)
        assert verify_chain(reopened, reopened.audit.keys).intact
        stored = session_view(reopened, actor, session_id)
        saved_fields = [
            line.removeprefix("saved ") for line in reported if line.startswith("saved")
        ]
        for field, _text, check in FIELDS:
            if field in saved_fields:
                assert check(stored.content), f"round {round_number}: {field} was lost"
        notes = [line.removeprefix("note ") for line in reported if line.startswith("note")]
        if notes:
            assert stored.content.common.note.startswith(notes[-1])

        # The window opened afresh shows the draft as it was typed.
        passwords = Passwords(OWASP_MINIMUM)
        workspace = Workspace(reopened, SignIn(reopened, passwords), passwords, WORKSTATION, actor)
        window = SessionWindow(workspace, stored, today=lambda: DAY)
        qtbot.addWidget(window)
        for field, text, _check in FIELDS:
            if field in saved_fields:
                shown = window.findChild(QWidget, field).text()  # type: ignore[union-attr]
                assert shown.replace(":", "") == text, f"round {round_number}: {field}"
        if notes:
            assert window.form.note.toPlainText().startswith(notes[-1])
        window.hide()
        reopened.dispose()
