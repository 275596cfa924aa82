"""The addenda under a signed session: who wrote each, when, why, and what."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from db.sessions.views import AddendumView


def addendum_text(addendum: AddendumView) -> str:
    when = addendum.written_at.astimezone()
    return f"{when:%Y-%m-%d %H:%M} · {addendum.author} · why: {addendum.reason}"


class AddendaBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Addenda", parent)
        self.setObjectName("addenda")
        self._layout = QVBoxLayout(self)
        self.entries: list[QLabel] = []

    def show_addenda(self, addenda: tuple[AddendumView, ...]) -> None:
        for label in self.entries:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.entries = []
        for addendum in addenda:
            label = QLabel(objectName=f"addendum_{addendum.id}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setText(f"{addendum_text(addendum)}\n{addendum.text}")
            label.setStyleSheet("padding: 4px; border-left: 3px solid #90a4ae;")
            self._layout.addWidget(label)
            self.entries.append(label)
        self.setVisible(bool(addenda))
