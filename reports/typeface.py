"""The bundled fonts: one Unicode family embedded in every PDF, and a CJK fallback.

ReportLab's ``TTFont`` embeds TrueType-outline fonts (a subset of the glyphs used), so a
letter prints the same on any computer. DejaVu Sans covers Latin (Zoë, Nguyễn Thị Lan),
Greek and Cyrillic; Droid Sans Fallback covers Chinese, Japanese and Korean. Which font
draws which character is decided in ``reports.text``. Files and licences:
``reports/fonts/README.md``.
"""

import threading
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).with_name("fonts")

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
FALLBACK = "DroidSansFallback"

FONT_FILES: dict[str, str] = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    FALLBACK: "DroidSansFallback.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the bundled fonts with ReportLab once per process (safe to call often).

    The main family maps ``<b>`` and ``<i>`` to its bold and oblique faces (bold italic uses
    the bold face: no bold-oblique file is bundled, to keep the bundle small). The fallback
    has a single face, so bold or italic CJK text prints in its regular weight.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD
        )
        pdfmetrics.registerFontFamily(
            FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK
        )
        _registered = True


@cache
def coverage(font_name: str) -> frozenset[int]:
    """The code points a registered bundled font has a glyph for."""
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


@cache
def main_coverage() -> frozenset[int]:
    """Code points every face of the main family draws, so a run set in bold or italic
    never falls back to a missing-glyph box."""
    return coverage(REGULAR) & coverage(BOLD) & coverage(ITALIC)
