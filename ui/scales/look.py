"""Colours for severity: green for the best band, through amber, to red for the worst."""

from collections.abc import Sequence

from PySide6.QtGui import QColor

from clinical.scales import Instrument
from clinical.scales.tracking import higher_is_better

# Best to worst, for each number of bands a scale has.
_PALETTES = {
    1: ("#66bb6a",),
    2: ("#66bb6a", "#e53935"),
    3: ("#66bb6a", "#fdd835", "#e53935"),
    4: ("#66bb6a", "#fdd835", "#fb8c00", "#e53935"),
    5: ("#43a047", "#c0ca33", "#fdd835", "#fb8c00", "#e53935"),
    6: ("#43a047", "#c0ca33", "#fdd835", "#fb8c00", "#e53935", "#b71c1c"),
}
NEUTRAL = "#78909c"


def ramp(count: int, best_first: bool = True) -> list[QColor]:
    if count <= 0:
        return []
    widest = _PALETTES[6]
    names = _PALETTES.get(count) or [widest[i * 5 // (count - 1)] for i in range(count)]
    colours = [QColor(name) for name in names]
    return colours if best_first else colours[::-1]


def band_colours(code: str, band_count: int) -> list[QColor]:
    """One colour per band, in band order (lowest total first)."""
    return ramp(band_count, best_first=not higher_is_better(code))


def band_colour(instrument: Instrument, total: int | None) -> QColor:
    bands: Sequence = instrument.bands
    if total is None or not bands:
        return QColor(NEUTRAL)
    colours = band_colours(instrument.code, len(bands))
    for band, colour in zip(bands, colours, strict=True):
        if band.contains(total):
            return colour
    return QColor(NEUTRAL)
