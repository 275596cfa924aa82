"""One row per asked item of an instrument, made for the keyboard.

Each answer control takes the focus as a whole: a digit chooses that value (Y/N for yes/no
questions), Backspace clears it, Tab or Enter moves on, arrow keys step through the values.
Short anchored items (four choices or fewer, and yes/no) are radio buttons, with the anchor
wording where it may be shown; longer ranges are spin boxes. Items asked only on a condition
(PHQ-9 difficulty, C-SSRS 3-5 and 6b) appear when it holds and are cleared when it stops.
"""

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from clinical.scales import AnswerKind, Instrument, Item, ScaleInputError, asked_items

MAX_RADIO_CHOICES = 4
CELL_MARGIN = 4
FRAME_BORDER = 2
LABEL_WIDTH = 330
Answer = int | bool

INPUT_STYLE = """
QFrame#itemInput { border: 2px solid transparent; border-radius: 4px; padding: 1px; }
QFrame#itemInput:focus { border: 2px solid #1565c0; background: #e3f2fd; }
QFrame#itemInput[missing="true"] { border: 2px solid #c62828; background: #ffebee; }
QFrame#itemInput[missing="true"]:focus { border: 2px solid #1565c0; background: #ffebee; }
"""


def uses_radio_buttons(item: Item) -> bool:
    return item.kind is AnswerKind.YES_NO or item.maximum - item.minimum + 1 <= MAX_RADIO_CHOICES


class ItemInput(QFrame):
    """The answer to one item; the frame itself holds the focus and reads the keys."""

    changed = Signal()
    focused = Signal()

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("itemInput")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("missing", False)
        self.setAccessibleName(item.label)

    # The value --------------------------------------------------------------------------

    def value(self) -> Answer | None:
        raise NotImplementedError

    def set_value(self, value: Answer | None) -> None:
        raise NotImplementedError

    def choices(self) -> tuple[Answer, ...]:
        return self.item.permitted_values

    def _choose(self, value: Answer | None) -> None:
        if value != self.value():
            self.set_value(value)
            self.changed.emit()

    # Look -------------------------------------------------------------------------------

    def set_missing(self, missing: bool) -> None:
        if self.property("missing") != missing:
            self.setProperty("missing", missing)
            self.style().unpolish(self)
            self.style().polish(self)

    @property
    def is_missing(self) -> bool:
        return bool(self.property("missing"))

    # Keys -------------------------------------------------------------------------------

    def _value_for_key(self, event: QKeyEvent) -> Answer | None:
        text = event.text().lower()
        if self.item.kind is AnswerKind.YES_NO:
            return {"y": True, "1": True, "n": False, "0": False}.get(text)
        if text.isdigit() and int(text) in self.choices():
            return int(text)
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._choose(None)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up):
            self._step(+1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Up) else -1)
            return
        value = self._value_for_key(event)
        if value is not None:
            self._choose(value)
            return
        if event.text() and event.text().isprintable():
            QApplication.beep()  # a value the item does not take: refuse it, change nothing
            return
        super().keyPressEvent(event)

    def _step(self, direction: int) -> None:
        choices = self.choices()
        current = self.value()
        if current is None:
            index = 0 if direction > 0 else len(choices) - 1
        else:
            index = max(0, min(len(choices) - 1, choices.index(current) + direction))
        self._choose(choices[index])

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.focused.emit()


ANCHORED_CELL = 104  # wide enough for "More than half the days" over two lines
NUMBER_CELL = 44
YES_NO_CELL = 92


def cell_width(item: Item) -> int:
    if item.kind is AnswerKind.YES_NO:
        return YES_NO_CELL
    return ANCHORED_CELL if item.anchors else NUMBER_CELL


class ChoiceInput(ItemInput):
    """Radio buttons in fixed-width cells, so that anchors written above them line up."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Answer, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(CELL_MARGIN, 2, CELL_MARGIN, 2)
        layout.setSpacing(0)
        width = cell_width(item)
        for value in self.choices():
            button = QRadioButton(self._caption(value))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            anchor = item.anchor_label(value) if not isinstance(value, bool) else None
            if anchor:
                button.setToolTip(anchor)
            button.clicked.connect(lambda _checked=False, v=value: self._on_button_clicked(v))
            self.group.addButton(button)
            self.buttons[value] = button
            cell = QWidget()
            cell.setFixedWidth(width)
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(cell)
        layout.addStretch()

    @staticmethod
    def _caption(value: Answer) -> str:
        if isinstance(value, bool):
            return "Yes (Y)" if value else "No (N)"
        return str(value)

    def value(self) -> Answer | None:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def set_value(self, value: Answer | None) -> None:
        if value is None:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[value].setChecked(True)

    def _on_button_clicked(self, value: Answer) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.changed.emit()


class AnchorHeader(QWidget):
    """The anchor wording over a run of items that share it, one label per radio cell."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(CELL_MARGIN + FRAME_BORDER, 6, CELL_MARGIN + FRAME_BORDER, 0)
        layout.setSpacing(0)
        for anchor in item.anchors:
            label = QLabel(f"{anchor.value}\n{anchor.label}")
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            label.setFixedWidth(ANCHORED_CELL)
            label.setStyleSheet("color: #455a64; font-size: 9pt;")
            layout.addWidget(label)
        layout.addStretch()


class _DisplaySpin(QSpinBox):
    """Shows the value; the frame around it takes the keys, so it takes none itself."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        event.ignore()  # scrolling the form must never change an answer


class SpinInput(ItemInput):
    """A spin box for ranges too long for a row of radio buttons; shows – when unanswered."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.spin = _DisplaySpin()
        self.spin.setRange(item.minimum - 1, item.maximum)
        self.spin.setSpecialValueText("–")
        self.spin.setValue(item.minimum - 1)
        self.spin.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.spin.lineEdit().setReadOnly(True)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.spin.setFixedWidth(64)
        self.spin.valueChanged.connect(self._on_spin_value_changed)
        self._quiet = False
        self.range_label = QLabel(f"{item.minimum}–{item.maximum}")
        self.range_label.setStyleSheet("color: #616161;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.spin)
        layout.addWidget(self.range_label)
        layout.addStretch()

    def value(self) -> int | None:
        value = self.spin.value()
        return None if value < self.item.minimum else value

    def set_value(self, value: Answer | None) -> None:
        self._quiet = True
        self.spin.setValue(self.item.minimum - 1 if value is None else int(value))
        self._quiet = False

    def _on_spin_value_changed(self, _value: int) -> None:
        if not self._quiet:  # the arrows were clicked with the mouse
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.changed.emit()


def make_input(item: Item) -> ItemInput:
    return ChoiceInput(item) if uses_radio_buttons(item) else SpinInput(item)


class ScaleItemsForm(QWidget):
    """Every item of one instrument, as a grid of number, wording and answer."""

    changed = Signal()
    input_focused = Signal(QWidget)

    def __init__(self, instrument: Instrument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.instrument = instrument
        self.setStyleSheet(INPUT_STYLE)
        self.inputs: dict[str, ItemInput] = {}
        self._row_widgets: dict[str, tuple[QWidget, ...]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(3, 1)
        row = 0
        anchors_shown: tuple = ()
        for item in instrument.items:
            answer = make_input(item)
            header = None
            if isinstance(answer, ChoiceInput) and item.anchors and item.anchors != anchors_shown:
                header = AnchorHeader(item)
                grid.addWidget(header, row, 2)
                anchors_shown = item.anchors
                row += 1
            number = QLabel(f"{item.key}." if item.key[:1].isdigit() else "")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            number.setStyleSheet("font-weight: 600;")
            label = QLabel(item.label)
            if item.note:
                label.setToolTip(item.note)
                label.setText(f"{item.label} ⓘ")
            # One line when it fits; long wording wraps at a readable width.
            label.setWordWrap(True)
            natural = label.fontMetrics().horizontalAdvance(label.text()) + 8
            label.setMinimumWidth(min(natural, LABEL_WIDTH))
            label.setMaximumWidth(LABEL_WIDTH)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            label.setBuddy(answer)
            answer.changed.connect(lambda key=item.key: self._on_input_changed(key))
            answer.focused.connect(lambda a=answer: self.input_focused.emit(a))
            grid.addWidget(number, row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(answer, row, 2)
            self.inputs[item.key] = answer
            widgets: tuple[QWidget, ...] = (number, label, answer)
            self._row_widgets[item.key] = (*widgets, header) if header else widgets
            row += 1
        grid.setRowStretch(row, 1)
        self.update_visibility()

    # Reading and filling ----------------------------------------------------------------

    def answers(self) -> dict[str, Answer | None]:
        """The answers of the items now asked; hidden items are never sent."""
        return {key: answer.value() for key, answer in self.inputs.items() if self.is_asked(key)}

    def given(self) -> dict[str, Answer]:
        return {key: value for key, value in self.answers().items() if value is not None}

    def set_answers(self, answers: Mapping[str, Answer]) -> None:
        for key, answer in self.inputs.items():
            answer.set_value(answers.get(key))
        self.update_visibility()
        self.changed.emit()

    def is_asked(self, key: str) -> bool:
        return not self.inputs[key].isHidden()

    def asked_inputs(self) -> list[ItemInput]:
        return [answer for key, answer in self.inputs.items() if self.is_asked(key)]

    def first_input(self) -> ItemInput | None:
        asked = self.asked_inputs()
        return asked[0] if asked else None

    def last_input(self) -> ItemInput | None:
        asked = self.asked_inputs()
        return asked[-1] if asked else None

    # Conditions and highlights ----------------------------------------------------------

    def update_visibility(self) -> None:
        """Show a conditional item once its condition holds; hide and clear it otherwise."""
        unconditional = {
            item.key: self.inputs[item.key].value()
            for item in self.instrument.items
            if item.asked_when is None
        }
        try:
            asked = set(asked_items(self.instrument, unconditional))
        except ScaleInputError:
            asked = set(unconditional)
        for item in self.instrument.items:
            shown = item.asked_when is None or item.key in asked
            if not shown and self.inputs[item.key].value() is not None:
                self.inputs[item.key].set_value(None)
            for widget in self._row_widgets[item.key]:
                widget.setVisible(shown)

    def _group(self, key: str) -> tuple[str, ...]:
        """The item and its alternatives (HAM-D 16A or 16B): answering one answers all."""
        group = self.instrument.item(key).alternative_group
        if group is None:
            return (key,)
        return tuple(item.key for item in self.instrument.alternatives(group))

    def _unanswered(self, key: str) -> bool:
        item = self.instrument.item(key)
        return item.required and all(self.inputs[k].value() is None for k in self._group(key))

    def mark_missing(self, keys: Sequence[str]) -> None:
        wanted = {member for key in keys for member in self._group(key)}
        for key, answer in self.inputs.items():
            answer.set_missing(key in wanted)

    def mark_skipped(self) -> None:
        """Outline unanswered items that come before the last one answered."""
        keys = [key for key in self.inputs if self.is_asked(key)]
        answered = [i for i, key in enumerate(keys) if self.inputs[key].value() is not None]
        furthest = max(answered, default=-1)
        for index, key in enumerate(keys):
            unanswered = self._unanswered(key)
            if index < furthest and unanswered:
                self.inputs[key].set_missing(True)
            elif not unanswered:
                self.inputs[key].set_missing(False)

    def _on_input_changed(self, key: str) -> None:
        if self.inputs[key].value() is not None:
            for other in self._group(key):
                if other != key:
                    self.inputs[other].set_value(None)
        self.update_visibility()
        self.mark_skipped()
        self.changed.emit()
