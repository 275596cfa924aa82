"""A patient's treatments on one line: every appointment as a mark on a date axis, coloured
by modality and drawn by status, with today marked."""

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from clinical.calendar import AppointmentStatus
from db.calendar.views import AppointmentView
from ui.calendar.colours import (
    GRID_LINE,
    MISSED,
    MODALITY_COLOURS,
    MUTED_TEXT,
    border_for,
    fill_for,
)

MARGIN = 14


class TimelineStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineStrip")
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.appointments: tuple[AppointmentView, ...] = ()
        self.today = date.today()
        self.first = self.today - timedelta(days=30)
        self.last = self.today + timedelta(days=30)

    def show_appointments(self, appointments: Sequence[AppointmentView], today: date) -> None:
        self.appointments = tuple(appointments)
        self.today = today
        days = [a.day for a in appointments] + [today]
        self.first = min(days) - timedelta(days=3)
        self.last = max(max(days), today + timedelta(days=14)) + timedelta(days=3)
        self.setToolTip(
            f"{len(appointments)} appointments from {self.first.isoformat()} to "
            f"{self.last.isoformat()}"
        )
        self.update()

    def x_of(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return MARGIN + (day - self.first).days * (self.width() - 2 * MARGIN) / span

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        axis = self.height() - 22
        painter.setPen(QPen(GRID_LINE, 1))
        painter.drawLine(MARGIN, axis, self.width() - MARGIN, axis)
        month = self.first.replace(day=1)
        painter.setPen(MUTED_TEXT)
        while month <= self.last:
            if month >= self.first:
                x = self.x_of(month)
                painter.setPen(QPen(GRID_LINE, 1))
                painter.drawLine(QPointF(x, axis - 4), QPointF(x, axis + 4))
                painter.setPen(MUTED_TEXT)
                painter.drawText(
                    QRectF(x - 40, axis + 4, 80, 16), Qt.AlignmentFlag.AlignCenter, f"{month:%b %Y}"
                )
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        x = self.x_of(self.today)
        painter.setPen(QPen(QColor("#d32f2f"), 2))
        painter.drawLine(QPointF(x, 4), QPointF(x, axis))
        painter.drawText(QRectF(x + 3, 2, 60, 14), Qt.AlignmentFlag.AlignLeft, "today")
        radius = 6
        for item in self.appointments:
            x = self.x_of(item.day)
            y = axis - 14 if item.status.occupies else axis - 30
            painter.setBrush(fill_for(item.modality, item.status))
            painter.setPen(border_for(item.modality, item.status))
            if item.status is AppointmentStatus.BOOKED:
                painter.setBrush(MODALITY_COLOURS[item.modality])
            painter.drawEllipse(QPointF(x, y), radius, radius)
            if item.status is AppointmentStatus.MISSED:
                painter.setPen(QPen(MISSED, 1.5))
                painter.drawLine(QPointF(x - 4, y - 4), QPointF(x + 4, y + 4))
                painter.drawLine(QPointF(x - 4, y + 4), QPointF(x + 4, y - 4))
        painter.end()
