"""How the session screens mark what needs attention."""

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ui.forms import INVALID_STYLE

# A field that starts empty at every session (vitals, times, lot number): a pale amber tint.
NEW_EACH_SESSION_TINT = "background: #fff4d6;"
NEW_EACH_SESSION_TIP = "New each session: enter today's value (nothing is carried over)."
# A value carried from the last session that must be confirmed today (the weight).
TO_CONFIRM_TINT = "background: #e3f2fd;"
TO_CONFIRM_TIP = "Carried from the last session: check it is still right today."

WARNING_BANNER = (
    "QFrame#{name} {{ background: #fff3e0; border: 1px solid #ef6c00; border-radius: 4px; }}"
    "QLabel {{ color: #8a3b00; }}"
)
SERIOUS_COLOUR = "#b71c1c"
SIGNED_BANNER = (
    "QFrame#signedBanner { background: #e8f5e9; border: 1px solid #66bb6a; border-radius: 4px; }"
    "QLabel { color: #1b5e20; font-weight: 600; }"
)
STALE_BANNER = (
    "QFrame#staleBanner { background: #ffebee; border: 1px solid #e57373; border-radius: 4px; }"
    "QLabel { color: #b71c1c; font-weight: 600; }"
)
QUIET = "color: #616161;"

MARK_PROPERTY = "sessionMark"  # "new", "confirm" or "" on each input


def set_mark(widget: QWidget, mark: str) -> None:
    """Remember how the field is marked; `paint` draws it."""
    widget.setProperty(MARK_PROPERTY, mark)
    widget.setToolTip(
        NEW_EACH_SESSION_TIP if mark == "new" else TO_CONFIRM_TIP if mark == "confirm" else ""
    )


def is_empty(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentIndex() <= 0
    if isinstance(widget, QPlainTextEdit):
        return not widget.toPlainText()
    return False


def paint(widget: QWidget, invalid: bool = False) -> None:
    """The field's tint, with the red outline of a problem on top when it has one. A field
    new each session is tinted while it is empty: what is left to enter stands out."""
    mark = widget.property(MARK_PROPERTY) or ""
    if mark == "new" and not is_empty(widget):
        mark = ""
    style = {"new": NEW_EACH_SESSION_TINT, "confirm": TO_CONFIRM_TINT}.get(mark, "")
    if invalid:
        style += INVALID_STYLE
    # A type selector, so that a combo box's drop-down list keeps its own colours.
    widget.setStyleSheet(f"{_selector(widget)} {{ {style} }}" if style else "")


def _selector(widget: QWidget) -> str:
    for kind in (QLineEdit, QComboBox, QPlainTextEdit, QAbstractButton):
        if isinstance(widget, kind):
            return kind.__name__
    return "QWidget"
