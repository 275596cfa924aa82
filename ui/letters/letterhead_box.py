"""The Settings page's letterhead: what letters are headed with now, and Edit letterhead…"""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db.letters.letterhead import letterhead_settings
from reports.model import PageSize
from ui.letters.letterhead_dialog import LetterheadDialog
from ui.workspace import Workspace


class LetterheadBox(QGroupBox):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Letterhead for letters and printouts", parent)
        self.setObjectName("letterheadBox")
        # A summary and a button: never squeezed below its own height on a crowded page.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._workspace = workspace
        self.dialog: LetterheadDialog | None = None
        self.logo = QLabel(objectName="letterheadLogo")
        self.logo.setFixedHeight(40)
        self.summary = QLabel(objectName="letterheadSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.edit_button = QPushButton("Edit letterhead…", objectName="editLetterhead")
        self.edit_button.clicked.connect(self.edit)
        text = QVBoxLayout()
        text.addWidget(self.summary)
        row = QHBoxLayout(self)
        row.addWidget(self.logo)
        row.addLayout(text, 1)
        row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)

    def refresh(self) -> None:
        current = letterhead_settings(self._workspace.database)
        pixmap = QPixmap()
        if current.logo is not None and pixmap.loadFromData(current.logo):
            self.logo.setPixmap(
                pixmap.scaledToHeight(40, Qt.TransformationMode.SmoothTransformation)
            )
            self.logo.show()
        else:
            self.logo.hide()
        if not current.clinic_name:
            self.summary.setText(
                "<b>Not set up yet.</b><br>Letters cannot be printed until the clinic's name "
                "is entered."
            )
            return
        paper = "US Letter" if current.page_size is PageSize.LETTER else "A4"
        address = ", ".join(escape(line) for line in current.address_lines)
        numbers = " · ".join(
            part
            for part in (
                f"Phone {escape(current.phone)}" if current.phone else "",
                f"Fax {escape(current.fax)}" if current.fax else "",
                f"{paper} paper",
            )
            if part
        )
        self.summary.setText(f"<b>{escape(current.clinic_name)}</b><br>{address}<br>{numbers}")

    def edit(self) -> None:
        dialog = LetterheadDialog(self._workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.refresh)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
