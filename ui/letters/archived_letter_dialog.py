"""An archived letter as it was printed: its exact bytes, shown, printed again or saved."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.letters.archive import letter_pdf
from db.letters.views import ArchivedLetterView, LetterPurpose
from ui.letters.output import LetterOutput
from ui.letters.pdf_preview import PdfPreview
from ui.letters.summary import archive_facts, file_name
from ui.workspace import Workspace


class ArchivedLetterDialog(QDialog):
    """Opened with the bytes already read (audited as a preview by the opener)."""

    def __init__(
        self,
        workspace: Workspace,
        letter: ArchivedLetterView,
        pdf: bytes,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("archivedLetter")
        self._workspace = workspace
        self.letter = letter
        self.setWindowTitle(f"{letter.title}: {letter.patient_name} (MRN {letter.mrn})")
        heading = QLabel(letter.title)
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        facts = QLabel(archive_facts(letter), objectName="archiveFacts")
        facts.setWordWrap(True)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf = PdfPreview()
        self.pdf.show_pdf(pdf)
        self.message = QLabel(objectName="archivedMessage")
        self.message.setWordWrap(True)
        self.print_button = QPushButton("Print…", objectName="printArchived")
        self.save_button = QPushButton("Save as…", objectName="saveArchived")
        close_button = QPushButton("Close")
        close_button.clicked.connect(self.reject)
        self.output = LetterOutput(self)
        self.output.printed.connect(self._on_output_printed)
        self.output.saved.connect(self._on_output_saved)
        self.output.failed.connect(self._on_output_failed)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(facts)
        layout.addWidget(self.pdf, 1)
        layout.addLayout(buttons)
        self.resize(820, 900)

    def _fetch(self, purpose: LetterPurpose) -> list[bytes]:
        return [
            letter_pdf(self._workspace.database, self._workspace.actor, self.letter.id, purpose)
        ]

    def _on_print_button_clicked(self) -> None:
        size = self.pdf.document.pagePointSize(0) if self.pdf.page_count else None
        self.output.ask_to_print(lambda: self._fetch(LetterPurpose.PRINT), size)

    def _on_save_button_clicked(self) -> None:
        self.output.ask_to_save(lambda: self._fetch(LetterPurpose.SAVE), file_name(self.letter))

    def _on_output_printed(self, pages: int) -> None:
        self._say(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.")

    def _on_output_saved(self, path: str) -> None:
        self._say(f"Saved to {path}.")

    def _on_output_failed(self, text: str) -> None:
        self._say(text, problem=True)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c; font-weight: 600;" if problem else "")
