"""One look for bookings everywhere: a colour per modality, a style per status."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from clinical.calendar import AppointmentStatus
from clinical.protocols import Modality

MODALITY_COLOURS = {
    Modality.IV_KETAMINE: QColor("#1e6fd9"),
    Modality.IM_KETAMINE: QColor("#7b3fb3"),
    Modality.ESKETAMINE: QColor("#e0701a"),
    Modality.TMS: QColor("#2e8b57"),
}

SHORT_MODALITY = {
    Modality.IV_KETAMINE: "IV",
    Modality.IM_KETAMINE: "IM",
    Modality.ESKETAMINE: "Spravato",
    Modality.TMS: "TMS",
}

CLOSED_FILL = QColor("#eceff1")
OUTSIDE_HOURS_FILL = QColor("#f5f6f7")
GRID_LINE = QColor("#d5d9de")
TODAY_FILL = QColor("#fff8e1")
TEXT = QColor("#1a1a1a")
MUTED_TEXT = QColor("#6b7280")
MISSED = QColor("#c62828")


def tint(colour: QColor, strength: float) -> QColor:
    """`colour` mixed with white: 0 is white, 1 the colour itself."""
    return QColor.fromRgbF(
        1 - (1 - colour.redF()) * strength,
        1 - (1 - colour.greenF()) * strength,
        1 - (1 - colour.blueF()) * strength,
    )


def fill_for(modality: Modality, status: AppointmentStatus) -> QColor:
    base = MODALITY_COLOURS[modality]
    if status is AppointmentStatus.BOOKED:
        return tint(base, 0.28)
    if status is AppointmentStatus.ARRIVED:
        return tint(base, 0.55)
    if status is AppointmentStatus.DONE:
        return QColor("#e6e8eb")
    return QColor("#ffffff")


def border_for(modality: Modality, status: AppointmentStatus) -> QPen:
    colour = QColor(MODALITY_COLOURS[modality])
    if status is AppointmentStatus.MISSED:
        return QPen(MISSED, 1.5, Qt.PenStyle.DashLine)
    if status is AppointmentStatus.CANCELLED:
        return QPen(MUTED_TEXT, 1, Qt.PenStyle.DotLine)
    if status is AppointmentStatus.ARRIVED:
        return QPen(colour.darker(150), 2.5)
    return QPen(colour.darker(120), 1)


def status_mark(status: AppointmentStatus) -> str:
    return {
        AppointmentStatus.BOOKED: "",
        AppointmentStatus.ARRIVED: "Arrived",
        AppointmentStatus.DONE: "✓ Done",
        AppointmentStatus.MISSED: "Missed",
        AppointmentStatus.CANCELLED: "Cancelled",
    }[status]


class _Swatch(QWidget):
    def __init__(self, modality: Modality, status: AppointmentStatus) -> None:
        super().__init__()
        self._modality, self._status = modality, status
        self.setFixedSize(22, 14)

    def paintEvent(self, _event: object) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(fill_for(self._modality, self._status))
        painter.setPen(border_for(self._modality, self._status))
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 3, 3)
        if self._status is not AppointmentStatus.BOOKED:
            return
        painter.fillRect(1, 1, 4, self.height() - 2, MODALITY_COLOURS[self._modality])


class Legend(QWidget):
    """The colour of each modality and how each status looks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        for modality in Modality:
            layout.addWidget(_Swatch(modality, AppointmentStatus.BOOKED))
            layout.addWidget(QLabel(modality.label))
            layout.addSpacing(10)
        layout.addSpacing(16)
        for status in AppointmentStatus:
            if status is AppointmentStatus.BOOKED:
                continue
            layout.addWidget(_Swatch(Modality.IV_KETAMINE, status))
            layout.addWidget(QLabel(status.label))
            layout.addSpacing(6)
        layout.addStretch()
