"""What the letter screen tests share (imported, not collected): a clinic with its
letterhead, a chart opened on a realistic synthetic patient, and a printer that writes a
PDF file instead of paper."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QTableView, QTabWidget, QWidget

SHOTS = Path("/tmp/letters_ui_look")


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def click_tab(qtbot, tabs: QTabWidget, page: QWidget) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(page)).center())
    assert tabs.currentWidget() is page


def shoot(qtbot, widget: QWidget, name: str, settle_ms: int = 400) -> None:
    """Keep a picture of the screen to look at. QtPdf draws its pages a moment later, so
    wait `settle_ms` first (0 to catch a screen exactly as it is, mid-run)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    if settle_ms:
        qtbot.wait(settle_ms)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def double_click_row(qtbot, table: QTableView, row: int) -> None:
    """As a person does: the press that selects the row, then the double click."""
    centre = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
