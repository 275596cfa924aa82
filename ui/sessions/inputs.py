"""Inputs of the session form that may be left empty while the draft is typed: a time of
day, a choice among a few answers, yes or no. Each reads back a plain value or None.

Choices are combo boxes, not radio buttons: typing the first letters of an answer picks it
("mo" for Moderate, "y" for Yes), so the whole form is filled by typing and Tab.
"""

from collections.abc import Iterable, Sequence
from datetime import time
from typing import Generic, TypeVar

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

ValueT = TypeVar("ValueT")
BLANK = "—"


class TimeInput(QLineEdit):
    """A 24-hour time typed as HH:MM or HHMM ("0905"); empty means not entered yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("HH:MM")
        self.setMaxLength(5)
        self.setFixedWidth(64)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[0-2]?[0-9]:?[0-5]?[0-9]?$"), self)
        )
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> time | None:
        digits = self.text().replace(":", "")
        if len(digits) not in (3, 4):
            return None
        hours, minutes = int(digits[:-2]), int(digits[-2:])
        if hours > 23 or minutes > 59:
            return None
        return time(hours, minutes)

    def set_value(self, value: time | None) -> None:
        self.setText("" if value is None else f"{value:%H:%M}")

    def _on_editing_finished(self) -> None:
        """'0905' shows as '09:05': the same time, so no change is signalled."""
        if (value := self.value()) is not None:
            self.blockSignals(True)
            self.set_value(value)
            self.blockSignals(False)


class ChoiceBox(QComboBox, Generic[ValueT]):
    """One answer among a few, or none yet (shown as a dash)."""

    def __init__(
        self, choices: Iterable[tuple[str, ValueT]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._values: list[ValueT | None] = [None]
        self.addItem(BLANK)
        for label, value in choices:
            self.addItem(label)
            self._values.append(value)

    def value(self) -> ValueT | None:
        return self._values[max(self.currentIndex(), 0)]

    def set_value(self, value: ValueT | None) -> None:
        self.setCurrentIndex(self._values.index(value) if value in self._values else 0)


def enum_choices(members: Sequence) -> list[tuple[str, object]]:
    return [(member.label, member) for member in members]


class YesNoBox(ChoiceBox[bool]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((("Yes", True), ("No", False)), parent)
        self.setMinimumWidth(70)
