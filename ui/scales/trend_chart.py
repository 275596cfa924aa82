"""One instrument's totals over time, over its severity bands, with the baseline dashed.

Hovering a point shows its date and score. The chart is rebuilt from a plain
`InstrumentHistory` each time; the days of the patient's signed treatment sessions are
small markers along the bottom of the same date axis ("Treatment sessions").
"""

from collections.abc import Sequence
from datetime import date, datetime, time

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from db.scales.views import HistoryPoint, InstrumentHistory
from ui.scales.look import band_colours

DAY_MS = 86_400_000
BAND_ALPHA = 70


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000


def _day_ms(day: date) -> float:
    """Midday of a session's day, local time: the marker sits mid-day on the axis."""
    return _ms(datetime.combine(day, time(12, 0)).astimezone())


def point_text(history: InstrumentHistory, point: HistoryPoint) -> str:
    result = point.result
    when = result.administered_at.astimezone()
    text = f"{when:%Y-%m-%d}: {history.short_name} {result.total}"
    if result.band_label:
        text += f" ({result.band_label})"
    if point.is_baseline:
        text += ", baseline"
    elif point.percent_change is not None and history.change_unit == "percent":
        text += f", {point.percent_change}% from baseline"
    if result.safety_flagged:
        text += ", safety flag"
    return text


class ScaleTrendChart(QChartView):
    point_hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.history: InstrumentHistory | None = None
        self.totals: QLineSeries | None = None
        self.markers: QScatterSeries | None = None
        self.flagged: QScatterSeries | None = None
        self.baseline: QLineSeries | None = None
        self.sessions: QScatterSeries | None = None
        self.bands: list[QAreaSeries] = []
        self.hover_text = ""
        self._edges: list[QLineSeries] = []  # the band edges must outlive their areas
        self.show_history(None)

    def show_history(
        self,
        history: InstrumentHistory | None,
        note: str = "",
        session_days: Sequence[date] = (),
    ) -> None:
        self.history = history
        self.totals = self.markers = self.flagged = self.baseline = self.sessions = None
        self.bands, self._edges = [], []
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        if history is None or not history.has_total or not history.points:
            chart.setTitle(note or "No scores to chart yet.")
            chart.legend().hide()
        else:
            self._build(chart, history, session_days)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _build(
        self, chart: QChart, history: InstrumentHistory, session_days: Sequence[date]
    ) -> None:
        assert history.max_total is not None
        points = history.points
        sessions_ms = [_day_ms(day) for day in session_days]
        first = min([_ms(points[0].result.administered_at), *sessions_ms])
        last = max([_ms(points[-1].result.administered_at), *sessions_ms])
        pad = max((last - first) * 0.03, 3 * DAY_MS)
        left, right = first - pad, last + pad
        chart.setTitle(f"{history.name}: {len(points)} results")

        x_axis = QDateTimeAxis()
        x_axis.setFormat("MMM yyyy" if last - first > 120 * DAY_MS else "d MMM yyyy")
        x_axis.setTickCount(7)
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(left)), QDateTime.fromMSecsSinceEpoch(int(right))
        )
        y_axis = QValueAxis()
        y_axis.setRange(0, history.max_total)
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickAnchor(0)
        y_axis.setTickInterval(10 if history.max_total > 40 else 5)
        y_axis.setLabelFormat("%d")
        y_axis.setTitleText("Total")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

        def attach(series) -> None:
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

        colours = band_colours(history.instrument_code, len(history.bands))
        for band, colour in zip(history.bands, colours, strict=True):
            low = max(0.0, band.low - 0.5)
            high = min(float(history.max_total), band.high + 0.5)
            lower, upper = QLineSeries(), QLineSeries()
            lower.append([QPointF(left, low), QPointF(right, low)])
            upper.append([QPointF(left, high), QPointF(right, high)])
            area = QAreaSeries(upper, lower)
            area.setName(f"{band.label} {band.low}-{band.high}")
            fill = QColor(colour)
            fill.setAlpha(BAND_ALPHA)
            area.setColor(fill)
            area.setBorderColor(Qt.GlobalColor.transparent)
            attach(area)
            self.bands.append(area)
            self._edges += [lower, upper]

        if history.baseline is not None:
            baseline = QLineSeries()
            baseline.setName(f"Baseline {history.baseline}")
            baseline.append([QPointF(left, history.baseline), QPointF(right, history.baseline)])
            pen = QPen(QColor("#37474f"), 2, Qt.PenStyle.DashLine)
            baseline.setPen(pen)
            attach(baseline)
            self.baseline = baseline

        totals = QLineSeries()
        totals.setName(f"{history.short_name} total")
        totals.setPen(QPen(QColor("#0d47a1"), 2.5))
        markers = QScatterSeries()
        markers.setMarkerSize(9)
        markers.setColor(QColor("#0d47a1"))
        markers.setBorderColor(QColor("white"))
        flagged = QScatterSeries()
        flagged.setName("Safety flag")
        flagged.setMarkerSize(14)
        flagged.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
        flagged.setColor(QColor("#c62828"))
        # One call per series: this is also what keeps a long history quick to draw.
        xy = [QPointF(_ms(p.result.administered_at), p.result.total or 0) for p in points]
        totals.append(xy)
        markers.append(xy)
        flagged.append([q for q, p in zip(xy, points, strict=True) if p.result.safety_flagged])
        attach(totals)
        attach(markers)
        chart.legend().markers(markers)[0].setVisible(False)
        if flagged.count():
            attach(flagged)
        for series in (totals, markers, flagged):
            series.hovered.connect(self._on_series_hovered)
        self.totals, self.markers, self.flagged = totals, markers, flagged
        if sessions_ms:
            self.sessions = self._session_marks(sessions_ms)
            attach(self.sessions)
            self.sessions.hovered.connect(self._on_sessions_hovered)

    @staticmethod
    def _session_marks(sessions_ms: list[float]) -> QScatterSeries:
        """A small triangle on the time axis (y = 0) at each treatment session."""
        marks = QScatterSeries()
        marks.setName("Treatment sessions")
        marks.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
        marks.setMarkerSize(14)
        marks.setColor(QColor("#6a1b9a"))
        marks.setBorderColor(QColor("#6a1b9a"))
        marks.append([QPointF(x, 0) for x in sessions_ms])
        return marks

    def _on_sessions_hovered(self, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        day = QDateTime.fromMSecsSinceEpoch(int(point.x())).date().toPython()
        self.hover_text = f"Treatment session on {day:%Y-%m-%d}"
        QToolTip.showText(QCursor.pos(), self.hover_text, self)

    def nearest(self, x_ms: float) -> HistoryPoint | None:
        if self.history is None or not self.history.points:
            return None
        return min(self.history.points, key=lambda p: abs(_ms(p.result.administered_at) - x_ms))

    def _on_series_hovered(self, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        nearest = self.nearest(point.x())
        if nearest is None or self.history is None:
            return
        self.hover_text = point_text(self.history, nearest)
        QToolTip.showText(QCursor.pos(), self.hover_text, self)
        self.point_hovered.emit(self.hover_text)
