"""Qt test fixtures: a main window over a fresh database, with settings kept in tmp_path."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.database import Database
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, database: Database, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    main = MainWindow(database, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
