"""How monitoring states look on screen: one colour per state, everywhere."""

from PySide6.QtGui import QBrush, QColor

from clinical.monitoring import ItemState

_COLOURS = {
    ItemState.OVERDUE: "#ffcdd2",
    ItemState.BASELINE_MISSING: "#ffe0b2",
    ItemState.DUE: "#fff9c4",
    ItemState.DONE: "#e8f5e9",
    ItemState.DEFERRED: "#eceff1",
    ItemState.DISMISSED: "#eceff1",
}


def state_brush(state: ItemState) -> QBrush | None:
    colour = _COLOURS.get(state)
    return QBrush(QColor(colour)) if colour else None


ABNORMAL_COLOUR = QColor("#b71c1c")
