"""The bundled fonts and the text that is set in them."""

import unicodedata

from reports import markup, normalise
from reports.text import fit_line, font_runs, text_width
from reports.typeface import (
    FALLBACK,
    FONT_DIR,
    FONT_FILES,
    REGULAR,
    coverage,
    main_coverage,
    register_fonts,
)

TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")  # not b"OTTO" (CFF), which TTFont refuses


def test_every_bundled_font_is_truetype_outlines_with_its_licence_beside_it():
    for filename in FONT_FILES.values():
        assert (FONT_DIR / filename).read_bytes()[:4] in TRUETYPE_MAGIC, filename
    licences = {path.name for path in FONT_DIR.glob("LICENSE-*.txt")}
    assert licences == {"LICENSE-DejaVu.txt", "LICENSE-DroidSansFallback.txt"}
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text()
    assert "Apache License" in (FONT_DIR / "LICENSE-DroidSansFallback.txt").read_text()


def test_the_font_bundle_stays_small():
    total = sum(path.stat().st_size for path in FONT_DIR.iterdir())
    assert total < 6_000_000


def test_registering_twice_is_harmless():
    register_fonts()
    register_fonts()
    assert ord("Ω") in coverage(REGULAR)


def test_main_font_covers_latin_greek_cyrillic_and_vietnamese_and_fallback_covers_cjk():
    for char in "ZoëÅßØłŁễịΩΕλένηДмитрий":
        assert ord(char) in main_coverage(), char
    for char in "王芳李娜김민준さくら":
        assert ord(char) not in main_coverage()
        assert ord(char) in coverage(FALLBACK), char


def test_runs_split_where_the_main_font_lacks_a_glyph():
    assert font_runs("Wang 王芳 (Zoë)") == [(False, "Wang "), (True, "王芳 "), (False, "(Zoë)")]
    assert font_runs("") == []
    assert font_runs("Дмитрий") == [(False, "Дмитрий")]


def test_markup_escapes_and_wraps_fallback_runs():
    assert markup("A & B <i>x</i>") == "A &amp; B &lt;i&gt;x&lt;/i&gt;"
    assert markup("王芳") == f'<font name="{FALLBACK}">王芳</font>'
    assert markup("line one\nline two") == "line one<br/>line two"
    font = f'<font name="{FALLBACK}">'
    assert markup("李 & 王") == f"{font}李 </font>&amp; {font}王</font>"


def test_text_is_nfc_normalised_and_control_characters_dropped():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Lan")
    assert decomposed != "Nguyễn Thị Lan"
    assert normalise(decomposed) == "Nguyễn Thị Lan"
    assert normalise("a\x00b\x07c\r\nd\te") == "abc\nd e"
    # After NFC every letter is one code point the main font has: no fallback needed.
    assert font_runs(normalise(decomposed)) == [(False, "Nguyễn Thị Lan")]


def test_width_measures_fallback_runs_in_the_fallback_font():
    assert text_width("王芳", 10) > text_width("", 10) == 0
    assert text_width("MMMM", 20) == 2 * text_width("MMMM", 10)


def test_fit_line_cuts_with_an_ellipsis_only_when_needed():
    assert fit_line("Short name", 200, 8) == "Short name"
    long = "Riverside Interventional Psychiatry & Neuromodulation Center of Long Beach"
    cut = fit_line(long, 120, 8)
    assert cut.endswith("…")
    assert long.startswith(cut[:-1])
    assert text_width(cut, 8) <= 120
