"""Turning plain text into what ReportLab draws: normalised, escaped, with a fallback font
for every run of characters the main font lacks."""

import unicodedata
from datetime import date
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.typeface import FALLBACK, REGULAR, coverage, main_coverage

# Control characters other than the line break would print as boxes or break the PDF text.
_DROP = {c: None for c in range(32) if c not in (9, 10)} | {0x7F: None}


def normalise(text: str) -> str:
    """NFC-normalise (so 'e' + combining circumflex + dot becomes the single 'ệ' the font
    has), unify line breaks, turn tabs into spaces and drop other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_DROP)
    return unicodedata.normalize("NFC", text.replace("\t", " "))


def _wants_fallback(char: str) -> bool:
    code = ord(char)
    return code not in main_coverage() and code in coverage(FALLBACK)


def font_runs(text: str) -> list[tuple[bool, str]]:
    """Split normalised ``text`` into runs ``(needs_fallback, run)``.

    A character goes to the fallback font when the main family has no glyph for it and the
    fallback does; spaces, line breaks and combining marks stay in the run they follow, so a
    name like '王 芳' is one run. Characters neither font has stay in the main font (they
    print as a box, which at least shows that something is there).
    """
    runs: list[tuple[bool, str]] = []
    for char in text:
        neutral = char.isspace() or unicodedata.combining(char)
        fallback = runs[-1][0] if (neutral and runs) else _wants_fallback(char)
        if runs and runs[-1][0] == fallback:
            runs[-1] = (fallback, runs[-1][1] + char)
        else:
            runs.append((fallback, char))
    return runs


def markup(text: str) -> str:
    """Paragraph markup for plain ``text``: normalised, XML-escaped, line breaks as
    ``<br/>``, and fallback runs wrapped in ``<font name="DroidSansFallback">``."""
    parts = []
    for fallback, run in font_runs(normalise(text)):
        escaped = escape(run).replace("\n", "<br/>")
        parts.append(f'<font name="{FALLBACK}">{escaped}</font>' if fallback else escaped)
    return "".join(parts)


def text_width(text: str, font_size: float, font_name: str = REGULAR) -> float:
    """Width in points of one line of plain ``text`` as it will print, fallback runs
    measured in the fallback font."""
    return sum(
        stringWidth(run, FALLBACK if fallback else font_name, font_size)
        for fallback, run in font_runs(normalise(text))
    )


def fit_line(text: str, width: float, font_size: float, font_name: str = REGULAR) -> str:
    """``text`` on one line of ``width`` points, cut at the end with '…' if too long.
    Only for running headers: never for names or anything a reader must see whole."""
    text = " ".join(normalise(text).split())
    if text_width(text, font_size, font_name) <= width:
        return text
    while text and text_width(text + "…", font_size, font_name) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def format_date(day: date) -> str:
    """Dates as a US clinic writes them (and as the patient list shows them): 03/14/1980."""
    return day.strftime("%m/%d/%Y")
