"""Printing or saving a letter through the standard dialogs.

The letter's bytes are fetched only once the person has chosen a printer or a file, so the
audit trail records a print or a save only when one happened. Both dialogs are opened
window-modal (never exec) and kept on `print_dialog` / `file_dialog`; the printer is kept
on `printer` for the next print, and may be replaced (tests print to a PDF file).
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSizeF, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from db.errors import ClinicError
from db.files import write_atomically
from ui.letters.printing import PrintFailedError, fit_printer_to, new_printer, print_documents

# What gives the letters' bytes once the person said where: None when it gave up (it has
# already told them why).
Fetch = Callable[[], list[bytes] | None]


class LetterOutput(QObject):
    printed = Signal(int)  # pages printed
    saved = Signal(str)  # the file written
    failed = Signal(str)  # a clinician's words on why nothing was printed or saved

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.printer: QPrinter | None = None
        self.print_dialog: QPrintDialog | None = None
        self.file_dialog: QFileDialog | None = None

    # Printing ---------------------------------------------------------------------------

    def ask_to_print(self, fetch: Fetch, page_points: QSizeF | None = None) -> None:
        if self.printer is None:
            self.printer = new_printer()
        if page_points is not None:
            fit_printer_to(self.printer, page_points)
        dialog = QPrintDialog(self.printer, self._parent)
        dialog.setObjectName("letterPrintDialog")
        dialog.setWindowTitle("Print letter")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._print(fetch))
        dialog.finished.connect(self._on_print_dialog_finished)
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open in PySide6 wants a receiver

    def _on_print_dialog_finished(self, _result: int) -> None:
        self.print_dialog = None

    def _print(self, fetch: Fetch) -> None:
        documents = self._fetch(fetch)
        if not documents or self.printer is None:
            return
        try:
            pages = print_documents(self.printer, documents)
        except PrintFailedError as failed:
            self.failed.emit(str(failed))
            return
        self.printed.emit(pages)

    # Saving -----------------------------------------------------------------------------

    def ask_to_save(self, fetch: Fetch, suggested_name: str) -> None:
        dialog = QFileDialog(self._parent, "Save the letter as a PDF file")
        dialog.setObjectName("letterFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter("PDF documents (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(_safe_file_name(suggested_name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.save_to(Path(path), fetch))
        dialog.finished.connect(self._on_file_dialog_finished)
        self.file_dialog = dialog
        dialog.open()

    def _on_file_dialog_finished(self, _result: int) -> None:
        self.file_dialog = None

    def save_to(self, path: Path, fetch: Fetch) -> None:
        documents = self._fetch(fetch)
        if not documents:
            return
        try:
            write_atomically(path, documents[0])
        except OSError as failed:
            self.failed.emit(
                f"The letter was not saved to {path}: {failed.strerror or failed}. "
                "Choose another folder."
            )
            return
        self.saved.emit(str(path))

    def _fetch(self, fetch: Fetch) -> list[bytes] | None:
        try:
            return fetch()
        except ClinicError as refused:
            self.failed.emit(str(refused))
            return None


def _safe_file_name(name: str) -> str:
    kept = "".join(c if c.isalnum() or c in " -_.,()" else "-" for c in name).strip()
    return (kept or "letter") + ("" if kept.lower().endswith(".pdf") else ".pdf")
