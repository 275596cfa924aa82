"""The score chart drawing: points inside the period only, bands shaded, labels that never
overlap, and no font that is not embedded."""

from datetime import date
from itertools import pairwise

from reportlab.graphics.shapes import Circle, Drawing, Rect, String

from reports.score_chart import ChartBand, score_chart
from reports.typeface import BOLD, REGULAR

BANDS = (ChartBand(0, 4, "minimal"), ChartBand(5, 9, "mild"), ChartBand(10, 27, "severe"))


def _chart(**changes: object) -> Drawing:
    values: dict[str, object] = {
        "points": [(date(2025, 3, 31), 12), (date(2025, 4, 1), 9), (date(2026, 3, 31), 4)],
        "start": date(2025, 4, 1),
        "end": date(2026, 3, 31),
        "y_max": 27,
        "title": "PHQ-9 total",
        "width": 400,
        "bands": BANDS,
        "baseline": 20,
    }
    values.update(changes)
    return score_chart(**values)  # type: ignore[arg-type]


def _nodes(drawing: Drawing, kind: type) -> list:
    return [node for node in drawing.contents if isinstance(node, kind)]


def test_only_points_inside_the_period_are_plotted_on_both_edges():
    drawing = _chart()
    assert len(_nodes(drawing, Circle)) == 2
    labels = [s.text for s in _nodes(drawing, String)]
    assert "9" in labels and "4" in labels and "12" not in labels


def test_each_band_is_shaded_and_named():
    drawing = _chart(baseline=26)
    fills = [r for r in _nodes(drawing, Rect) if r.fillColor is not None]
    assert len(fills) == 3
    labels = {s.text for s in _nodes(drawing, String)}
    assert {"minimal", "mild", "severe", "Baseline 26", "50% below baseline"} <= labels


def test_right_hand_labels_never_overlap():
    # Baseline 8 and its half (4) fall in the middle of labelled bands.
    strings = _nodes(_chart(baseline=8), String)
    right_edge = max(s.x for s in strings)
    right = [s for s in strings if s.x == right_edge]
    ys = sorted(s.y for s in right)
    assert len(ys) >= 3
    assert all(b - a >= 7 for a, b in pairwise(ys))
    assert {"Baseline 8", "50% below baseline", "severe"} <= {s.text for s in right}


def test_without_a_baseline_there_are_no_dashed_lines():
    labels = {s.text for s in _nodes(_chart(baseline=None), String)}
    assert "50% below baseline" not in labels
    assert not any(label.startswith("Baseline") for label in labels)


def test_month_labels_carry_the_year_at_the_start_and_in_january():
    labels = [s.text for s in _nodes(_chart(), String)]
    assert "Apr 2025" in labels and "Jan 2026" in labels and "May" in labels


def test_every_string_uses_a_bundled_font():
    drawing = _chart()
    assert drawing.initialFontName == REGULAR
    assert {s.fontName for s in _nodes(drawing, String)} <= {REGULAR, BOLD}
