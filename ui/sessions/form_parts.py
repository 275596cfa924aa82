"""What every part of the session form shares: a line of labelled inputs, read-only mode,
one `changed` signal for any edit, and the marks of fields new each session."""

from collections.abc import Iterable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ui.sessions.look import paint, set_mark


def line(*parts: QWidget | str, stretch: bool = True) -> QHBoxLayout:
    """Inputs and the words between them on one line: line(start, "to", end, "minutes")."""
    layout = QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    for part in parts:
        if isinstance(part, str):
            label = QLabel(part)
            label.setStyleSheet("color: #424242;")
            layout.addWidget(label)
        else:
            layout.addWidget(part)
    if stretch:
        layout.addStretch()
    return layout


def make_read_only(widgets: Iterable[QWidget], read_only: bool) -> None:
    """Line edits stay readable (and copyable); choices are frozen."""
    for widget in widgets:
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setReadOnly(read_only)
        elif isinstance(widget, QComboBox | QCheckBox):
            widget.setEnabled(not read_only)
        elif isinstance(widget, QAbstractButton):
            widget.setVisible(not read_only)


def notify_changes(widget: QWidget, signal: SignalInstance) -> None:
    """Connect the input's own change signal to `signal`."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(signal)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(signal)
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(signal)


def mark_fields(fields: dict[str, QWidget], new: Iterable[str], confirm: Iterable[str]) -> None:
    """Tint the inputs whose field name is, or lies under, a name in `new` or `confirm`."""
    new, confirm = set(new), set(confirm)
    for name, widget in fields.items():
        head = name.split(".")[0]
        if name.endswith(".note") or name.endswith("_note"):
            set_mark(widget, "")  # notes are written when there is something to say
        elif name in confirm or head in confirm:
            set_mark(widget, "confirm")
        elif name in new or head in new:
            set_mark(widget, "new")
        else:
            set_mark(widget, "")
        _repaint_on_change(widget)
        paint(widget)


def _repaint_on_change(widget: QWidget) -> None:
    """Once per input: its tint follows what it holds (and an outline goes as it is fixed)."""
    if widget.property("sessionRepaint"):
        return
    widget.setProperty("sessionRepaint", True)
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(lambda *_: paint(widget))
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda *_: paint(widget))
