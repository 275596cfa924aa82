"""Small widgets and helpers that every entry dialog shares."""

from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from clinical.record.validation import Problem

EnumT = TypeVar("EnumT", bound=Enum)


class DateLineEdit(QLineEdit):
    """A date typed as YYYY-MM-DD (or YYYYMMDD); empty means not entered.

    A plain line edit rather than QDateEdit: typing a whole date in one go is what a
    clinician does, and an empty field must be possible.
    """

    def __init__(self, label: str = "Date", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaxLength(10)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[0-9]{0,4}-?[0-9]{0,2}-?[0-9]{0,2}$"))
        )
        self.editingFinished.connect(self._on_editing_finished)

    def _parsed(self) -> date | None:
        digits = self.text().replace("-", "")
        if len(digits) != 8:
            raise ValueError
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))

    def value(self) -> date | None:
        """The date entered, or None when empty or not a real date (see `problem`)."""
        if not self.text().strip():
            return None
        try:
            return self._parsed()
        except ValueError:
            return None

    def problem(self, field: str) -> Problem | None:
        if self.text().strip() and self.value() is None:
            return Problem(
                field, f"{self.label}: '{self.text()}' is not a date. Type it as YYYY-MM-DD."
            )
        return None

    def set_value(self, value: date | None) -> None:
        self.setText("" if value is None else value.isoformat())

    def _on_editing_finished(self) -> None:
        if (value := self.value()) is not None:
            self.setText(value.isoformat())


class DecimalLineEdit(QLineEdit):
    """A number typed with an optional decimal part; empty means not entered."""

    def __init__(self, decimals: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pattern = rf"^\d{{0,5}}(\.\d{{0,{decimals}}})?$"
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))

    def value(self) -> Decimal | None:
        text = self.text().strip()
        if not text or text == ".":
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else str(value))


class IntegerLineEdit(QLineEdit):
    """A whole number; empty means not entered."""

    def __init__(self, digits: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"^\d{{0,{digits}}}$"), self)
        )

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


class EnumComboBox(QComboBox, Generic[EnumT]):
    """A choice among an enum's members, shown by their labels, read back as members.

    (A StrEnum stored as item data comes back from Qt as a plain str; this keeps the type.)
    """

    def __init__(self, enum_class: type[EnumT], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enum_class = enum_class
        for member in enum_class:
            self.addItem(getattr(member, "label", str(member)), member.value)

    def value(self) -> EnumT:
        return self._enum_class(self.currentData())

    def set_value(self, member: EnumT) -> None:
        self.setCurrentIndex(max(self.findData(member.value), 0))


def fill_enum_combo(combo: QComboBox, members: list) -> None:
    for member in members:
        combo.addItem(member.label, member)


def select_combo_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


INVALID_STYLE = "border: 2px solid #c62828;"


def date_problems(fields: dict[str, QWidget]) -> list[Problem]:
    """Problems for every date field holding text that is not a real date."""
    problems = []
    for name, widget in fields.items():
        if isinstance(widget, DateLineEdit):
            problem = widget.problem(name)
            if problem is not None:
                problems.append(problem)
    return problems


class ProblemDisplay:
    """Shows an entry's problems under the form and outlines the fields at fault."""

    def __init__(self, label: QLabel, fields: dict[str, QWidget]) -> None:
        self._label = label
        self._fields = fields
        label.setWordWrap(True)
        label.setStyleSheet("color: #b71c1c; font-weight: 600;")
        label.hide()

    def show(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.clear()
        self._label.setText("\n".join(problem.message for problem in problems))
        self._label.setVisible(bool(problems))
        first: QWidget | None = None
        for problem in problems:
            widget = self._fields.get(problem.field)
            if widget is not None:
                widget.setStyleSheet(INVALID_STYLE)
                first = first or widget
        if first is not None:
            first.setFocus()

    def clear(self) -> None:
        self._label.clear()
        self._label.hide()
        for widget in self._fields.values():
            widget.setStyleSheet("")
