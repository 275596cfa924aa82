"""No patient data in plain places: a canary patient, written and used through the program
on an encrypted database, is found in no file on disk (UTF-8 or UTF-16), the encrypted
database and its encrypted backups included."""

import logging
import os
import tempfile
import time
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.backup import back_up, list_backups
from db.encryption import Passphrase
from db.patients.repository import list_patient_rows
from desktop import gui
from desktop.logging_setup import configure_logging
from desktop.paths import resolve_paths
from tests.factories import WORKSTATION, make_staff
from tests.qt_typing import type_text
from ui.accounts.passphrase_dialogs import EncryptionChoiceDialog
from ui.workspace import Workspace

FAMILY, GIVEN = "Vwplmn", "Zqxcanary"
CANARY = f"{GIVEN} {FAMILY}"
NEEDLES = tuple(
    text.encode(encoding) for text in (GIVEN, FAMILY) for encoding in ("utf-8", "utf-16-le")
)
SECRET = "canary passphrase four words"


def files_holding_the_canary(
    roots: list[Path], since: float | None = None, needles: tuple[bytes, ...] = NEEDLES
) -> list[Path]:
    """Every regular file under `roots` (changed after `since`, when given) that holds any
    part of the canary name, in UTF-8 or UTF-16-LE."""
    found = []
    for root in roots:
        for folder, _dirs, names in os.walk(root, onerror=lambda _error: None):
            for name in names:
                path = Path(folder) / name
                try:
                    status = path.lstat()
                    if not path.is_file() or path.is_symlink():
                        continue
                    if since is not None and max(status.st_mtime, status.st_ctime) < since:
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue  # gone meanwhile, or not ours to read
                if any(needle in data for needle in needles):
                    found.append(path)
    return found


@pytest.fixture
def program_log(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    configure_logging(folder)
    yield folder
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(handler)
        handler.close()


def test_the_scan_finds_a_name_in_utf16(tmp_path: Path) -> None:
    control = "Jqwcontrol"  # not the canary: this file must not trouble the real scan
    (tmp_path / "plain.txt").write_bytes(f"x {control} y".encode("utf-16-le"))
    needles = (control.encode("utf-8"), control.encode("utf-16-le"))
    assert files_holding_the_canary([tmp_path], needles=needles) == [tmp_path / "plain.txt"]


@pytest.mark.slow
def test_the_canary_patient_is_found_nowhere_on_disk(
    qtbot,
    tmp_path: Path,
    passwords: Passwords,
    program_log: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = time.time() - 1
    paths = resolve_paths(tmp_path / "data", tmp_path / "config")
    paths = type(paths)(paths.data_dir, program_log, paths.config_dir)

    def choose_encryption(dialog: EncryptionChoiceDialog) -> int:
        type_text(dialog.passphrase_field, SECRET)
        type_text(dialog.confirm_field, SECRET)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(EncryptionChoiceDialog, "exec", choose_encryption)
    opened = gui.open_for_window(paths, None)
    assert opened is not None and opened.database.encrypted
    database = opened.database
    staff = make_staff(database, passwords)
    workspace = Workspace(
        database, SignIn(database, passwords), passwords, WORKSTATION, staff[Role.PRESCRIBER]
    )
    window = gui.build_main_window(workspace, paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    # Write the canary through the screens, as a clinician types a new patient.
    list_page = window.patients.list_page
    qtbot.mouseClick(list_page.new_button, Qt.MouseButton.LeftButton)
    dialog = list_page.dialog
    qtbot.keyClicks(dialog.mrn, "CAN-0001")
    type_text(dialog.legal_family_name, FAMILY)
    type_text(dialog.legal_given_names, GIVEN)
    qtbot.keyClicks(dialog.date_of_birth, "1979-03-14")
    qtbot.keyClicks(dialog.education_years, "14")
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    with database.reading() as session:
        assert [row.legal_family_name for row in list_patient_rows(session)] == [FAMILY]
    assert window.patients.chart_page.header.name.text() == f"{FAMILY}, {GIVEN}"

    # Find it again by search and open the chart.
    qtbot.mouseClick(window.patients.back_button, Qt.MouseButton.LeftButton)
    type_text(list_page.search, GIVEN.lower())
    assert list_page.proxy.rowCount() == 1
    qtbot.keyClick(list_page.search, Qt.Key.Key_Return)
    assert window.patients.chart_page.header.name.text() == f"{FAMILY}, {GIVEN}"

    # Back up while working, and as the program closes.
    back_up(paths.database_file, paths.backup_dir, passphrase=database.passphrase)
    window.close()
    window.idle.stop()
    for backup in list_backups(paths.backup_dir):
        backup.path.unlink()
    gui.back_up_on_exit(workspace, paths)
    assert len(list_backups(paths.backup_dir)) == 1
    back_up(paths.database_file, paths.backup_dir, passphrase=Passphrase(SECRET))
    database.dispose()
    logging.getLogger("boosterdesk").info("canary test done")

    roots = [paths.data_dir, paths.config_dir, paths.log_dir]
    everything = [p for root in roots for p in root.rglob("*") if p.is_file()]
    assert paths.database_file in everything and len(list_backups(paths.backup_dir)) == 2
    assert any(p.parent == paths.log_dir for p in everything)  # the log was written
    assert files_holding_the_canary(roots) == []
    system_temp = Path(tempfile.gettempdir())
    assert files_holding_the_canary([system_temp], since=started) == []
