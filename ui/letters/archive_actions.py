"""Open, print again or save an archived letter: the same bytes every time, each use audited
(a preview, a print, an export)."""

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from db.errors import ClinicError
from db.letters.archive import letter_pdf
from db.letters.views import ArchivedLetterView, LetterPurpose
from ui.letters.archived_letter_dialog import ArchivedLetterDialog
from ui.letters.output import LetterOutput
from ui.letters.summary import file_name
from ui.workspace import Workspace


class ArchiveActions(QObject):
    said = Signal(str, bool)  # a message for the screen, and whether it is a problem

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._parent = parent
        self.dialog: ArchivedLetterDialog | None = None
        self.output = LetterOutput(parent)
        self.output.printed.connect(self._on_output_printed)
        self.output.saved.connect(self._on_output_saved)
        self.output.failed.connect(self._on_output_failed)

    def _read(self, letter: ArchivedLetterView, purpose: LetterPurpose) -> list[bytes]:
        return [letter_pdf(self._workspace.database, self._workspace.actor, letter.id, purpose)]

    def open(self, letter: ArchivedLetterView) -> None:
        try:
            (pdf,) = self._read(letter, LetterPurpose.PREVIEW)
        except ClinicError as refused:
            self.said.emit(str(refused), True)
            return
        dialog = ArchivedLetterDialog(self._workspace, letter, pdf, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None

    def print(self, letter: ArchivedLetterView) -> None:
        self.output.ask_to_print(lambda: self._read(letter, LetterPurpose.PRINT))

    def save(self, letter: ArchivedLetterView) -> None:
        self.output.ask_to_save(lambda: self._read(letter, LetterPurpose.SAVE), file_name(letter))

    def _on_output_printed(self, pages: int) -> None:
        self.said.emit(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.", False)

    def _on_output_saved(self, path: str) -> None:
        self.said.emit(f"Saved to {path}.", False)

    def _on_output_failed(self, text: str) -> None:
        self.said.emit(text, True)
