"""Qt test fixtures: a signed-in workspace and a main window over a fresh database."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.accounts.actor import Actor
from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.database import Database
from tests.factories import WORKSTATION
from ui.main_window import MainWindow
from ui.workspace import Workspace


@pytest.fixture
def workspace(database: Database, passwords: Passwords, staff: dict[Role, Actor]) -> Workspace:
    return Workspace(
        database, SignIn(database, passwords), passwords, WORKSTATION, staff[Role.PRESCRIBER]
    )


@pytest.fixture
def window_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, workspace: Workspace, window_settings: QSettings) -> Iterator[MainWindow]:
    main = MainWindow(workspace, window_settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.idle.stop()
