"""A PDF shown in the program from bytes in memory (never a temporary file)."""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget


class PdfPreview(QWidget):
    """The pages one under another, fitted to the width; a note in their place when there
    is nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        # The document reads from the buffer for as long as it is shown: keep both.
        self._bytes = QByteArray()
        self._buffer = QBuffer(self)
        self.view = QPdfView(objectName="pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setStyleSheet("background: #8a8f94;")
        self.note = QLabel(objectName="previewNote")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setMargin(24)
        self.note.setStyleSheet("color: #555; font-size: 11pt; background: #f4f5f6;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.note)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.pdf: bytes | None = None

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.pdf is not None else 0

    def show_pdf(self, pdf: bytes) -> None:
        self._close_document()
        self.pdf = pdf
        self._bytes = QByteArray(pdf)
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.stack.setCurrentWidget(self.view)

    def show_note(self, text: str) -> None:
        """Nothing to show: say why, in the preview's place."""
        self._close_document()
        self.note.setText(text)
        self.stack.setCurrentWidget(self.note)

    def _close_document(self) -> None:
        self.pdf = None
        self.document.close()
        if self._buffer.isOpen():
            self._buffer.close()
        self._bytes = QByteArray()
