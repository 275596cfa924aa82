"""A rating scale's totals over time as a ReportLab drawing (a flowable, no matplotlib):
severity bands shaded behind the line, the baseline and the 50%-below-baseline response
line dashed, months along the bottom. One chart per instrument, since each has its own
range and bands."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors

from reports.styles import INK, MUTED, RULE
from reports.text import text_width
from reports.typeface import BOLD, REGULAR, register_fonts

# Light fills from the mildest band to the most severe.
BAND_FILLS = (
    colors.HexColor("#e8f3ea"),
    colors.HexColor("#f3f5e2"),
    colors.HexColor("#fbf1dc"),
    colors.HexColor("#fbe5d6"),
    colors.HexColor("#f8d9d6"),
    colors.HexColor("#f3cdcd"),
)
LINE_COLOUR = colors.HexColor("#1f4e79")
LABEL_SIZE = 7.0
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class ChartBand:
    """Totals from ``low`` to ``high``, both included, named ``label``."""

    low: int
    high: int
    label: str


@dataclass(frozen=True)
class ChartFrame:
    left: float
    bottom: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def top(self) -> float:
        return self.bottom + self.height


def _months_between(start: date, end: date) -> list[date]:
    """The first day of every month from ``start``'s month to ``end``, inside the range."""
    first = date(start.year, start.month, 1)
    ticks = []
    while first <= end:
        if first >= start:
            ticks.append(first)
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return ticks


def _step(span: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50):
        if span / step <= 6:
            return step
    return 100


def _label(x: float, y: float, text: str, size: float = LABEL_SIZE, **kw: object) -> String:
    return String(x, y, text, fontName=kw.pop("font", REGULAR), fontSize=size, **kw)


def score_chart(
    points: Sequence[tuple[date, int]],
    *,
    start: date,
    end: date,
    y_max: int,
    title: str,
    width: float,
    height: float = 150.0,
    bands: Sequence[ChartBand] = (),
    baseline: int | None = None,
    y_min: int = 0,
) -> Drawing:
    """``points`` (date, total) plotted from ``start`` to ``end``; points outside that
    range are left out, totals above ``y_max`` sit on the top edge. ``baseline`` draws the
    baseline and the response line (50% below it) dashed. Labels on the right name the
    bands and the dashed lines."""
    register_fonts()
    # The initial font, else the renderer selects Helvetica, which is never embedded.
    drawing = Drawing(width, height, initialFontName=REGULAR, initialFontSize=LABEL_SIZE)
    right_labels = [band.label for band in bands] + ["50% below baseline", f"Baseline {baseline}"]
    label_width = max(text_width(text, LABEL_SIZE) for text in right_labels)
    left, bottom, top_room = 24.0, 18.0, 18.0
    frame = ChartFrame(left, bottom, width - left - label_width - 8, height - bottom - top_room)
    drawing.add(_label(0, height - 9, title, 8.5, font=BOLD, fillColor=INK))
    scale = _Scale(frame, start, end, y_min, y_max)
    labels = _RightLabels(frame.right + 4)
    if baseline is not None:
        labels.add(scale.y(baseline), f"Baseline {baseline}", INK)
        if baseline > 0:
            labels.add(scale.y(baseline / 2), "50% below baseline", INK)
    _draw_bands(drawing, frame, bands, scale, labels)
    _draw_axes(drawing, frame, scale)
    # Labels first so the dashed lines' labels win a clash; lines after the band fills.
    if baseline is not None:
        _draw_dashes(drawing, frame, scale.y(baseline))
        if baseline > 0:
            _draw_dashes(drawing, frame, scale.y(baseline / 2))
    shown = sorted((on, total) for on, total in points if start <= on <= end)
    _draw_line(drawing, shown, scale)
    for label in labels.placed:
        drawing.add(label)
    return drawing


@dataclass(frozen=True)
class _Scale:
    frame: ChartFrame
    start: date
    end: date
    y_min: int
    y_max: int

    def x(self, day: date) -> float:
        days = max((self.end - self.start).days, 1)
        return self.frame.left + self.frame.width * (day - self.start).days / days

    def y(self, value: float) -> float:
        value = min(max(value, self.y_min), self.y_max)
        span = max(self.y_max - self.y_min, 1)
        return self.frame.bottom + self.frame.height * (value - self.y_min) / span


class _RightLabels:
    """Labels beside the plot, first come first placed; a label that would overlap one
    already placed is left out (the dashed lines' labels are placed first)."""

    def __init__(self, x: float) -> None:
        self.x = x
        self.placed: list[String] = []
        self._taken: list[float] = []

    def add(self, y_middle: float, text: str, colour: colors.Color) -> None:
        if any(abs(y_middle - taken) < LABEL_SIZE + 1 for taken in self._taken):
            return
        self._taken.append(y_middle)
        self.placed.append(_label(self.x, y_middle - LABEL_SIZE / 3, text, fillColor=colour))


def _draw_bands(
    drawing: Drawing,
    frame: ChartFrame,
    bands: Sequence[ChartBand],
    scale: _Scale,
    labels: _RightLabels,
) -> None:
    for index, band in enumerate(bands):
        low = max(band.low - 0.5, scale.y_min)
        high = min(band.high + 0.5, scale.y_max)
        if high <= low:
            continue
        fill = BAND_FILLS[min(index, len(BAND_FILLS) - 1)]
        y0, y1 = scale.y(low), scale.y(high)
        drawing.add(Rect(frame.left, y0, frame.width, y1 - y0, fillColor=fill, strokeColor=None))
        if y1 - y0 >= LABEL_SIZE + 1:
            labels.add((y0 + y1) / 2, band.label, MUTED)


def _draw_axes(drawing: Drawing, frame: ChartFrame, scale: _Scale) -> None:
    drawing.add(Line(frame.left, frame.bottom, frame.right, frame.bottom, strokeColor=RULE))
    drawing.add(Line(frame.left, frame.bottom, frame.left, frame.top, strokeColor=RULE))
    step = _step(scale.y_max - scale.y_min)
    for value in range(scale.y_min, scale.y_max + 1, step):
        y = scale.y(value)
        drawing.add(Line(frame.left - 3, y, frame.left, y, strokeColor=RULE, strokeWidth=0.5))
        drawing.add(
            _label(
                frame.left - 5, y - LABEL_SIZE / 3, str(value), textAnchor="end", fillColor=MUTED
            )
        )
    ticks = _months_between(scale.start, scale.end)
    every = max(1, -(-len(ticks) // 13))  # at most 13 month labels
    for index, tick in enumerate(ticks):
        x = scale.x(tick)
        drawing.add(Line(x, frame.bottom - 3, x, frame.bottom, strokeColor=RULE, strokeWidth=0.5))
        if index % every:
            continue
        text = MONTHS[tick.month - 1]
        if index == 0 or tick.month == 1:
            text += f" {tick.year}"
        drawing.add(_label(x, frame.bottom - 11, text, textAnchor="middle", fillColor=MUTED))


def _draw_dashes(drawing: Drawing, frame: ChartFrame, y: float) -> None:
    drawing.add(
        Line(
            frame.left,
            y,
            frame.right,
            y,
            strokeColor=MUTED,
            strokeWidth=0.7,
            strokeDashArray=[3, 2],
        )
    )


def _draw_line(drawing: Drawing, shown: list[tuple[date, int]], scale: _Scale) -> None:
    coordinates = [(scale.x(on), scale.y(total)) for on, total in shown]
    if len(coordinates) > 1:
        flat = [value for point in coordinates for value in point]
        drawing.add(PolyLine(flat, strokeColor=LINE_COLOUR, strokeWidth=1.2))
    label_all = len(shown) <= 16
    for index, ((x, y), (_on, total)) in enumerate(zip(coordinates, shown, strict=True)):
        drawing.add(
            Circle(x, y, 2.0, fillColor=LINE_COLOUR, strokeColor=colors.white, strokeWidth=0.5)
        )
        if label_all or index in (0, len(shown) - 1):
            drawing.add(_label(x, y + 4, str(total), 6.5, textAnchor="middle", fillColor=INK))
