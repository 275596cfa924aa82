"""Small inputs the calendar dialogs share."""

from datetime import time

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget


class TimeEdit(QLineEdit):
    """A 24-hour time typed as HH:MM (or HHMM), like the date fields: typed in one go.

    `timeChanged` is emitted with each new valid time; an unfinished entry keeps the last
    valid one as the value."""

    timeChanged = Signal(object)  # noqa: N815 (the name QTimeEdit uses)

    def __init__(self, step_minutes: int = 15, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_minutes = step_minutes
        self.setPlaceholderText("HH:MM")
        self.setMaxLength(5)
        self.setFixedWidth(70)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[0-2]?[0-9]:?[0-5]?[0-9]?$"), self)
        )
        self._value = time(9, 0)
        self.setText("09:00")
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(lambda: self.setText(f"{self._value:%H:%M}"))

    def _parsed(self) -> time | None:
        digits = self.text().replace(":", "")
        if len(digits) not in (3, 4):
            return None
        hours, minutes = int(digits[:-2]), int(digits[-2:])
        if hours > 23 or minutes > 59:
            return None
        return time(hours, minutes)

    def _on_text_changed(self) -> None:
        parsed = self._parsed()
        if parsed is not None and parsed != self._value:
            self._value = parsed
            self.timeChanged.emit(parsed)

    def value(self) -> time:
        return self._value

    def set_value(self, value: time) -> None:
        self.setText(f"{value:%H:%M}")
