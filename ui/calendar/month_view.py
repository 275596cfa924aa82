"""The month view: six weeks of days, each with its bookings counted by modality."""

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from clinical.calendar import AppointmentStatus, ClinicCalendar
from clinical.calendar.hours import WEEKDAY_NAMES
from clinical.protocols import Modality
from db.calendar.views import AppointmentView
from ui.calendar.colours import (
    CLOSED_FILL,
    GRID_LINE,
    MODALITY_COLOURS,
    MUTED_TEXT,
    SHORT_MODALITY,
    TEXT,
    TODAY_FILL,
)

HEADER = 26


def month_grid_start(month: date) -> date:
    first = month.replace(day=1)
    return first - timedelta(days=first.weekday())


class MonthView(QWidget):
    day_selected = Signal(object)  # date
    day_activated = Signal(object)  # date (double-click: open the day)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthView")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(700, 460)
        self.month = date.today().replace(day=1)
        self.selected: date | None = None
        self._today = date.today()
        self._calendar = ClinicCalendar()
        self.counts: dict[date, Counter[Modality]] = {}
        self.cancelled: dict[date, int] = {}

    @property
    def first_day(self) -> date:
        return month_grid_start(self.month)

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=41)

    def show_month(
        self,
        month: date,
        appointments: Sequence[AppointmentView],
        calendar: ClinicCalendar,
        today: date,
        selected: date | None = None,
    ) -> None:
        self.month = month.replace(day=1)
        self._calendar = calendar
        self._today = today
        self.selected = selected
        self.counts = {}
        self.cancelled = {}
        for a in appointments:
            if a.status.occupies:
                self.counts.setdefault(a.day, Counter())[a.modality] += 1
            elif a.status is AppointmentStatus.CANCELLED:
                self.cancelled[a.day] = self.cancelled.get(a.day, 0) + 1
        self.update()

    def cell_rect(self, day: date) -> QRect:
        index = (day - self.first_day).days
        width = self.width() / 7
        height = (self.height() - HEADER) / 6
        return QRectF((index % 7) * width, HEADER + (index // 7) * height, width, height).toRect()

    def day_at(self, point: QPoint) -> date | None:
        if point.y() < HEADER:
            return None
        column = int(point.x() / (self.width() / 7))
        row = int((point.y() - HEADER) / ((self.height() - HEADER) / 6))
        if not (0 <= column < 7 and 0 <= row < 6):
            return None
        return self.first_day + timedelta(days=row * 7 + column)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.selected = day
            self.update()
            self.day_selected.emit(day)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.day_activated.emit(day)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        width = self.width() / 7
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.fillRect(QRect(0, 0, self.width(), HEADER), QColor("#f7f8fa"))
        for column, name in enumerate(WEEKDAY_NAMES):
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(column * width, 0, width, HEADER), Qt.AlignmentFlag.AlignCenter, name
            )
        for offset in range(42):
            self._paint_day(painter, self.first_day + timedelta(days=offset))
        painter.end()

    def _paint_day(self, painter: QPainter, day: date) -> None:
        rect = QRectF(self.cell_rect(day))
        in_month = day.month == self.month.month
        hours = self._calendar.hours_on(day)
        if hours is None:
            painter.fillRect(rect, CLOSED_FILL)
        elif day == self._today:
            painter.fillRect(rect, TODAY_FILL)
        painter.setPen(QPen(GRID_LINE, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        if day == self.selected:
            painter.setPen(QPen(QColor("#1e6fd9"), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        inner = rect.adjusted(6, 4, -6, -4)
        bold = QFont(self.font())
        bold.setBold(day == self._today)
        painter.setFont(bold)
        painter.setPen(TEXT if in_month else MUTED_TEXT)
        label = f"{day.day}" if day.day != 1 else f"{day:%b} 1"
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)
        painter.setFont(self.font())
        line = painter.fontMetrics().height()
        y = inner.top() + line + 2
        closed = self._calendar.closed_day(day)
        if closed is not None:
            painter.setPen(MUTED_TEXT)
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), line),
                Qt.AlignmentFlag.AlignLeft,
                painter.fontMetrics().elidedText(
                    f"Closed: {closed.reason}" if closed.reason else "Closed",
                    Qt.TextElideMode.ElideRight,
                    int(inner.width()),
                ),
            )
            y += line
        counts = self.counts.get(day, Counter())
        for modality in Modality:
            if not counts[modality] or y + line > inner.bottom() + 2:
                continue
            painter.setBrush(MODALITY_COLOURS[modality])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(QRectF(inner.left(), y + 3, 10, line - 6), 2, 2)
            painter.setPen(TEXT if in_month else MUTED_TEXT)
            painter.drawText(
                QRectF(inner.left() + 14, y, inner.width() - 14, line),
                Qt.AlignmentFlag.AlignLeft,
                f"{counts[modality]} {SHORT_MODALITY[modality]}",
            )
            y += line
        if self.cancelled.get(day) and y + line <= inner.bottom() + 2:
            painter.setPen(MUTED_TEXT)
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), line),
                Qt.AlignmentFlag.AlignLeft,
                f"{self.cancelled[day]} cancelled",
            )
        total = sum(counts.values())
        if total:
            painter.setPen(MUTED_TEXT)
            painter.drawText(
                inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{total}"
            )
