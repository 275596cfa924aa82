"""The parts of a letter the prescriber writes, as a form built from the letter's fields."""

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from db.letters.compose.common import FreeTextField

_TEXT_HEIGHT = 84


class FreeTextForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fields: tuple[FreeTextField, ...] = ()
        self._widgets: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)

    def set_fields(self, fields: Sequence[FreeTextField], values: Mapping[str, str]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self._fields = tuple(fields)
        self._widgets = {}
        for field in self._fields:
            widget = self._make(field)
            widget.setObjectName(field.key)
            self._widgets[field.key] = widget
            label = f"{field.label} (required)" if field.required else field.label
            self.form.addRow(label, widget)
            self.set_value(field.key, values.get(field.key, ""))
        if not self._fields:
            empty = QLabel("Nothing to write for this letter: it is made from the chart.")
            empty.setWordWrap(True)
            empty.setStyleSheet("color: #555;")
            self.form.addRow(empty)

    def _make(self, field: FreeTextField) -> QLineEdit | QPlainTextEdit:
        if field.multiline:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(_TEXT_HEIGHT)
            text.setPlaceholderText(field.hint)
            text.textChanged.connect(self.edited)
            return text
        line = QLineEdit()
        line.setPlaceholderText(field.hint)
        line.textChanged.connect(self.edited)
        return line

    @property
    def fields(self) -> tuple[FreeTextField, ...]:
        return self._fields

    def widget(self, key: str) -> QLineEdit | QPlainTextEdit | None:
        return self._widgets.get(key)

    def first_widget(self) -> QWidget | None:
        return next(iter(self._widgets.values()), None)

    def values(self) -> dict[str, str]:
        return {key: _text(widget) for key, widget in self._widgets.items()}

    def set_value(self, key: str, value: str) -> None:
        widget = self._widgets[key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self._widgets.values():
            widget.setReadOnly(read_only)

    def field_named_in(self, text: str) -> QWidget | None:
        """The field a message names ('Write the illness history on the letter's form')."""
        folded = text.casefold()
        for field in sorted(self._fields, key=lambda f: len(f.label), reverse=True):
            if field.label.casefold() in folded:
                return self._widgets[field.key]
        return None

    def outline(self, keys: set[str]) -> None:
        for key, widget in self._widgets.items():
            widget.setStyleSheet("border: 2px solid #c62828;" if key in keys else "")


def _text(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
