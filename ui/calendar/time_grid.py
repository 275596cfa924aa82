"""The week and day views: a time axis down the side, a column per day (week) or per chair,
room and device (day), bookings as boxes a person can drag to another time or day."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from clinical.calendar import AppointmentStatus, ClinicCalendar, Resource
from db.calendar.views import AppointmentView
from ui.calendar.colours import (
    CLOSED_FILL,
    GRID_LINE,
    MODALITY_COLOURS,
    MUTED_TEXT,
    OUTSIDE_HOURS_FILL,
    SHORT_MODALITY,
    TEXT,
    TODAY_FILL,
    border_for,
    fill_for,
    status_mark,
)

HEADER = 44
GUTTER = 54
HOUR_HEIGHT = 72
MIN_COLUMN_WIDTH = 120


@dataclass(frozen=True)
class GridColumn:
    title: str
    day: date
    resource: Resource | None = None  # the day view has a column per resource


def tooltip_for(item: AppointmentView) -> str:
    lines = [
        f"{item.patient_name} · MRN {item.mrn}",
        f"{item.day:%a} {item.day.isoformat()} {item.time_text} · {item.modality.label}",
        f"Status: {item.status.label}" + (f" ({item.status_reason})" if item.status_reason else ""),
    ]
    if item.step_text:
        lines.append(item.step_text)
    if item.first_booked_for is not None:
        lines.append(f"Moved; first booked for {item.first_booked_for.isoformat()}")
    if item.status is AppointmentStatus.BOOKED:
        lines.append("Drag to move; double-click to open")
    return "\n".join(lines)


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


class TimeGrid(QWidget):
    move_requested = Signal(object, object, object)  # AppointmentView, date, time
    open_requested = Signal(object)  # AppointmentView
    slot_activated = Signal(object, object)  # date, time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeGrid")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.columns: tuple[GridColumn, ...] = ()
        self.appointments: tuple[AppointmentView, ...] = ()
        self._calendar = ClinicCalendar()
        self._today = date.today()
        self._now: datetime | None = None
        self.movable = False
        self.first_minute = 8 * 60
        self.last_minute = 17 * 60
        self._rects: dict[int, QRectF] = {}
        self._press: QPoint | None = None
        self._dragged: AppointmentView | None = None
        self._grab_offset = 0.0
        self._ghost: tuple[int, time] | None = None  # column index, start

    # Content ------------------------------------------------------------------------------

    def show_columns(
        self,
        columns: Sequence[GridColumn],
        appointments: Sequence[AppointmentView],
        calendar: ClinicCalendar,
        today: date,
        *,
        movable: bool,
        now: datetime | None = None,
    ) -> None:
        self.columns = tuple(columns)
        self.appointments = tuple(appointments)
        self._calendar = calendar
        self._today = today
        self._now = now
        self.movable = movable
        first = _minutes(calendar.earliest_opening) // 60 * 60
        last = -(-_minutes(calendar.latest_closing) // 60) * 60
        for a in appointments:
            first = min(first, _minutes(a.start) // 60 * 60)
            last = max(last, min(24 * 60, -(-(_minutes(a.start) + a.minutes) // 60) * 60))
        self.first_minute, self.last_minute = first, last
        self.setMinimumHeight(self._y(self.last_minute) + 8)
        self.setMinimumWidth(GUTTER + MIN_COLUMN_WIDTH * max(1, len(self.columns)))
        self._rects = {}
        self.update()

    def _y(self, minute: float) -> int:
        return int(HEADER + (minute - self.first_minute) * HOUR_HEIGHT / 60)

    def _column_width(self) -> float:
        return (self.width() - GUTTER) / max(1, len(self.columns))

    def _column_x(self, index: int) -> float:
        return GUTTER + index * self._column_width()

    def _in_column(self, appointment: AppointmentView, column: GridColumn) -> bool:
        return appointment.day == column.day and (
            column.resource is None or appointment.resource is column.resource
        )

    def _layout(self) -> dict[int, QRectF]:
        """Overlapping bookings share their column side by side."""
        rects: dict[int, QRectF] = {}
        width = self._column_width()
        for index, column in enumerate(self.columns):
            items = sorted(
                (a for a in self.appointments if self._in_column(a, column)),
                key=lambda a: (a.begins, a.id),
            )
            clusters: list[list[AppointmentView]] = []
            cluster_end: datetime | None = None
            for item in items:
                if cluster_end is None or item.begins >= cluster_end:
                    clusters.append([])
                    cluster_end = item.ends
                clusters[-1].append(item)
                cluster_end = max(cluster_end, item.ends)
            lanes_fixed = column.resource is not None
            if lanes_fixed:
                # The day view: one lane per chair, room or device, so a full hour shows.
                clusters = [items] if items else []
            for cluster in clusters:
                lanes: list[datetime] = []
                placed: list[tuple[AppointmentView, int]] = []
                for item in cluster:
                    lane = next((k for k, end in enumerate(lanes) if end <= item.begins), None)
                    if lane is None:
                        lanes.append(item.ends)
                        lane = len(lanes) - 1
                    else:
                        lanes[lane] = item.ends
                    placed.append((item, lane))
                count = len(lanes)
                if lanes_fixed and column.resource is not None:
                    count = max(count, self._calendar.count(column.resource))
                lane_width = (width - 6) / count
                for item, lane in placed:
                    # In the week view a box widens into the lanes to its right that are
                    # free for its whole time; the day view keeps one lane per resource.
                    span = 1
                    while (
                        not lanes_fixed
                        and lane + span < count
                        and not any(
                            other_lane == lane + span
                            and other.begins < item.ends
                            and item.begins < other.ends
                            for other, other_lane in placed
                        )
                    ):
                        span += 1
                    top = self._y(_minutes(item.start))
                    bottom = self._y(_minutes(item.start) + item.minutes)
                    rects[item.id] = QRectF(
                        self._column_x(index) + 3 + lane * lane_width,
                        top + 1,
                        lane_width * span - 2,
                        max(14, bottom - top - 2),
                    )
        return rects

    # Test and keyboard helpers ------------------------------------------------------------

    def rect_of(self, appointment_id: int) -> QRect:
        return self._layout()[appointment_id].toRect()

    def column_index(self, day: date, resource: Resource | None = None) -> int:
        return next(
            i
            for i, c in enumerate(self.columns)
            if c.day == day and (c.resource is None or c.resource is resource)
        )

    def point_at(self, column: int, at: time) -> QPoint:
        x = self._column_x(column) + self._column_width() / 2
        return QPoint(int(x), self._y(_minutes(at)) + 2)

    def appointment_at(self, point: QPoint) -> AppointmentView | None:
        rects = self._layout()
        by_id = {a.id: a for a in self.appointments}
        # Booked ones are on top, so the one a person can act on wins.
        hits = [by_id[i] for i, r in rects.items() if r.contains(point.toPointF())]
        hits.sort(key=lambda a: a.status is not AppointmentStatus.BOOKED)
        return hits[0] if hits else None

    def _time_at(self, y: float) -> time:
        step = self._calendar.slot_minutes
        minute = self.first_minute + (y - HEADER) * 60 / HOUR_HEIGHT
        minute = round(minute / step) * step
        minute = max(self.first_minute, min(minute, 24 * 60 - step))
        return time(int(minute) // 60, int(minute) % 60)

    def _column_at(self, x: float) -> int | None:
        if x < GUTTER or not self.columns:
            return None
        return min(len(self.columns) - 1, int((x - GUTTER) / self._column_width()))

    # Mouse --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = event.position().toPoint()
        item = self.appointment_at(point)
        self._press = point
        self._dragged = None
        if item is not None and self.movable and item.status is AppointmentStatus.BOOKED:
            self._dragged = item
            self._grab_offset = point.y() - self._layout()[item.id].top()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position().toPoint()
        if self._dragged is None or self._press is None:
            item = self.appointment_at(point)
            movable = item is not None and self.movable and item.status is AppointmentStatus.BOOKED
            self.setCursor(Qt.CursorShape.OpenHandCursor if movable else Qt.CursorShape.ArrowCursor)
            return
        if (point - self._press).manhattanLength() < QApplication.startDragDistance():
            return
        column = self._column_at(point.x())
        if self.columns and self.columns[0].resource is not None:
            # The day view keeps a booking on its own resource: only the time changes.
            column = self.column_index(self._dragged.day, self._dragged.resource)
        if column is None:
            return
        self._ghost = (column, self._time_at(point.y() - self._grab_offset))
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        dragged, ghost = self._dragged, self._ghost
        self._press, self._dragged, self._ghost = None, None, None
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.update()
        if dragged is None or ghost is None:
            return
        day = self.columns[ghost[0]].day
        if (day, ghost[1]) != (dragged.day, dragged.start):
            self.move_requested.emit(dragged, day, ghost[1])

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.appointment_at(event.pos())
            if item is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tooltip_for(item), self)
            return True
        return super().event(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position().toPoint()
        item = self.appointment_at(point)
        if item is not None:
            self.open_requested.emit(item)
            return
        column = self._column_at(point.x())
        if column is not None and point.y() > HEADER:
            self.slot_activated.emit(self.columns[column].day, self._time_at(point.y()))

    # Painting -----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        width = self._column_width()
        for index, column in enumerate(self.columns):
            self._paint_column_background(painter, index, column, width)
        self._paint_hours(painter)
        self._paint_headers(painter, width)
        rects = self._layout()
        self._rects = rects
        ordered = sorted(
            self.appointments, key=lambda a: a.status is AppointmentStatus.BOOKED
        )  # booked ones drawn last, on top
        for item in ordered:
            if item.id in rects:
                self._paint_item(painter, item, rects[item.id])
        self._paint_now(painter, width)
        if self._ghost is not None and self._dragged is not None:
            self._paint_ghost(painter, width)
        painter.end()

    def _paint_column_background(
        self, painter: QPainter, index: int, column: GridColumn, width: float
    ) -> None:
        x = self._column_x(index)
        top, bottom = HEADER, self._y(self.last_minute)
        full = QRectF(x, top, width, bottom - top)
        if column.day == self._today and column.resource is None:
            painter.fillRect(full, TODAY_FILL)
        hours = self._calendar.hours_on(column.day)
        if hours is None:
            painter.fillRect(full, CLOSED_FILL)
            closed = self._calendar.closed_day(column.day)
            painter.setPen(MUTED_TEXT)
            text = "Closed" + (f"\n{closed.reason}" if closed and closed.reason else "")
            painter.drawText(
                full.adjusted(4, 8, -4, 0),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                text,
            )
            return
        opens, closes = self._y(_minutes(hours.opens)), self._y(_minutes(hours.closes))
        painter.fillRect(QRectF(x, top, width, opens - top), OUTSIDE_HOURS_FILL)
        painter.fillRect(QRectF(x, closes, width, bottom - closes), OUTSIDE_HOURS_FILL)

    def _paint_hours(self, painter: QPainter) -> None:
        right = self.width()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        painter.setFont(small)
        for minute in range(self.first_minute, self.last_minute + 1, 30):
            y = self._y(minute)
            full_hour = minute % 60 == 0
            painter.setPen(
                QPen(GRID_LINE, 1, Qt.PenStyle.SolidLine if full_hour else Qt.PenStyle.DotLine)
            )
            painter.drawLine(GUTTER, y, right, y)
            if full_hour and minute < self.last_minute:
                painter.setPen(MUTED_TEXT)
                painter.drawText(
                    QRect(0, y - 1, GUTTER - 6, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    f"{minute // 60:02d}:00",
                )
        painter.setPen(QPen(GRID_LINE, 1))
        for index in range(len(self.columns) + 1):
            x = int(self._column_x(index))
            painter.drawLine(x, 0, x, self._y(self.last_minute))
        painter.setFont(self.font())

    def _paint_headers(self, painter: QPainter, width: float) -> None:
        painter.fillRect(QRect(0, 0, self.width(), HEADER), QColor("#f7f8fa"))
        painter.setPen(QPen(GRID_LINE, 1))
        painter.drawLine(0, HEADER, self.width(), HEADER)
        bold = QFont(self.font())
        bold.setBold(True)
        for index, column in enumerate(self.columns):
            box = QRectF(self._column_x(index) + 2, 2, width - 4, HEADER - 4)
            booked = sum(
                1 for a in self.appointments if self._in_column(a, column) and a.status.occupies
            )
            painter.setFont(bold)
            is_today = column.day == self._today and column.resource is None
            painter.setPen(QColor("#b26a00") if is_today else TEXT)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, column.title
            )
            painter.setFont(self.font())
            painter.setPen(MUTED_TEXT)
            painter.drawText(
                box,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                f"{booked} appointment{'s' if booked != 1 else ''}",
            )

    def _paint_item(self, painter: QPainter, item: AppointmentView, rect: QRectF) -> None:
        painter.setBrush(fill_for(item.modality, item.status))
        painter.setPen(border_for(item.modality, item.status))
        painter.drawRoundedRect(rect, 4, 4)
        if item.status.occupies:
            bar = QRectF(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2)
            painter.fillRect(bar, MODALITY_COLOURS[item.modality])
        text_box = rect.adjusted(8, 2, -3, -2)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.font().pointSizeF() - 0.5))
        font.setStrikeOut(item.status is AppointmentStatus.CANCELLED)
        bold = QFont(font)
        bold.setBold(True)
        muted = not item.status.occupies
        painter.setPen(MUTED_TEXT if muted else TEXT)
        painter.setFont(bold)
        metrics = painter.fontMetrics()
        line = metrics.height()
        first = metrics.elidedText(
            f"{item.start:%H:%M} {item.patient_name}",
            Qt.TextElideMode.ElideRight,
            int(text_box.width()),
        )
        painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, first)
        painter.setFont(font)
        mark = status_mark(item.status)
        second = SHORT_MODALITY[item.modality] + (f" · {mark}" if mark else "")
        lines = [second]
        if item.step_text:
            lines.append(item.step_text)
        y = text_box.top() + line
        for text in lines:
            if y + line > text_box.bottom() + 2:
                break
            painter.drawText(
                QRectF(text_box.left(), y, text_box.width(), line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                painter.fontMetrics().elidedText(
                    text, Qt.TextElideMode.ElideRight, int(text_box.width())
                ),
            )
            y += line
        painter.setFont(self.font())

    def _paint_now(self, painter: QPainter, width: float) -> None:
        if self._now is None:
            return
        for index, column in enumerate(self.columns):
            if column.day != self._now.date():
                continue
            minute = _minutes(self._now.time())
            if self.first_minute <= minute <= self.last_minute:
                y = self._y(minute)
                painter.setPen(QPen(QColor("#d32f2f"), 2))
                x = self._column_x(index)
                painter.drawLine(int(x), y, int(x + width), y)

    def _paint_ghost(self, painter: QPainter, width: float) -> None:
        assert self._ghost is not None and self._dragged is not None
        column, start = self._ghost
        top = self._y(_minutes(start))
        bottom = self._y(_minutes(start) + self._dragged.minutes)
        rect = QRectF(self._column_x(column) + 3, top, width - 6, bottom - top)
        colour = QColor(MODALITY_COLOURS[self._dragged.modality])
        colour.setAlpha(60)
        painter.setBrush(colour)
        painter.setPen(QPen(MODALITY_COLOURS[self._dragged.modality], 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(TEXT)
        ends = (datetime.combine(date.min, start) + timedelta(minutes=self._dragged.minutes)).time()
        painter.drawText(
            rect.adjusted(6, 2, -2, -2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            f"{start:%H:%M}-{ends:%H:%M}\n{self._dragged.patient_name}",
        )
