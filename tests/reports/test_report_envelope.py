"""The recipient's address lands inside the envelope window, on Letter and on A4."""

import dataclasses
from collections import defaultdict

import pytest
from reportlab.lib.units import inch, mm

from reports import (
    AddressTooLongError,
    DocumentSpec,
    PageSize,
    Recipient,
    geometry,
    render_document,
)
from reports.layout import DL_WINDOW, NO10_WINDOW
from reports.text import text_width
from tests.reports.pdf_probe import placed_text

LETTER_HEIGHT = 792.0
A4_HEIGHT = 841.8898


def test_letter_window_is_the_part_of_a_no10_window_visible_in_every_position():
    window = geometry(PageSize.LETTER).window
    # Worked by hand from the envelope (9.5" x 4.125", window 4.5" x 1.125" at 7/8" from
    # the left and 1/2" from the bottom) and a sheet folded in thirds (top panel 11/3").
    assert window.x0 == pytest.approx(0.875 * inch)
    assert window.x1 == pytest.approx(4.375 * inch)
    assert LETTER_HEIGHT - window.y1 == pytest.approx(2.5 * inch)
    assert LETTER_HEIGHT - window.y0 == pytest.approx((3.625 - (4.125 - 11 / 3)) * inch)
    assert NO10_WINDOW.window_height == pytest.approx(1.125 * inch)


def test_a4_window_is_the_part_of_a_dl_window_visible_in_every_position():
    window = geometry(PageSize.A4).window
    # DL 220 x 110 mm, window 90 x 45 mm at 20 mm left / 15 mm bottom; sheet folded at
    # the DIN 676 mark, 105 mm: 5 mm of play up and down, 10 mm sideways.
    assert window.x0 == pytest.approx(20 * mm)
    assert window.x1 == pytest.approx(100 * mm)
    assert A4_HEIGHT - window.y1 == pytest.approx(50 * mm, abs=0.01)
    assert A4_HEIGHT - window.y0 == pytest.approx(90 * mm, abs=0.01)
    assert DL_WINDOW.width == pytest.approx(220 * mm)


@pytest.mark.parametrize("page_size", list(PageSize))
def test_address_zone_lies_inside_the_window_with_clearance_on_the_top_panel(page_size):
    geom = geometry(page_size)
    zone, window = geom.address_zone, geom.window
    assert window.x0 < zone.x0 < zone.x1 <= window.x1 - 0.125 * inch + 0.01
    assert window.y0 <= zone.y0 < zone.y1 <= window.y1
    assert zone.y0 > geom.fold_marks[0]  # above the first fold: on the panel that shows
    assert geom.letterhead.y0 > window.y1  # the letterhead never shows in the window
    assert geom.first_body_top < zone.y0  # the body starts below the address
    assert geom.reference.x0 > window.x1  # the reference block stays out of the window


def test_a4_address_zone_is_the_din_5008_recipient_zone():
    zone = geometry(PageSize.A4).address_zone
    assert zone.x0 == pytest.approx(25 * mm)
    assert A4_HEIGHT - zone.y1 == pytest.approx(62.7 * mm, abs=0.01)
    assert A4_HEIGHT - zone.y0 == pytest.approx(90 * mm, abs=0.01)


def address_lines_on_page(pdf: bytes, recipient: Recipient):
    """The fragments printed for the recipient, grouped into lines by baseline."""
    lines = recipient.all_lines
    pieces = [p for p in placed_text(pdf, 0) if any(p.text.strip() in line for line in lines)]
    by_baseline = defaultdict(list)
    for piece in pieces:
        by_baseline[round(piece.y, 1)].append(piece)
    return pieces, {
        y: "".join(p.text for p in sorted(row, key=lambda p: p.x)).strip()
        for y, row in by_baseline.items()
    }


RECIPIENTS = {
    "payer": Recipient(
        "Utilization Management",
        ("Blue Harbor Health Plan", "PO Box 4455", "Sacramento, CA 95812-4455"),
    ),
    "five lines": Recipient(
        "Prior Authorization Unit",
        (
            "Attn: Behavioral Health",
            "Blue Harbor Health Plan",
            "PO Box 4455",
            "Sacramento, CA 95812-4455",
        ),
    ),
    "non-Latin": Recipient("王芳 (Wang Fang)", ("Дмитрий Иванов", "Ελένη Παπαδοπούλου")),
    "long line": Recipient(
        "Behavioral Health Utilization Management Dept.",  # wider than 10 pt allows
        ("Sacramento, CA 95812",),
    ),
}


@pytest.mark.parametrize("page_size", list(PageSize))
@pytest.mark.parametrize("which", list(RECIPIENTS))
def test_every_address_line_prints_inside_the_window(letterhead, page_size, which):
    recipient = RECIPIENTS[which]
    geom = geometry(page_size)
    spec = DocumentSpec(
        letterhead=dataclasses.replace(letterhead, page_size=page_size),
        title="Letter",
        recipient=recipient,
        reference_lines=(("Date", "05/02/2026"), ("Member ID", "BHX-88421937")),
    )
    pieces, printed = address_lines_on_page(render_document(spec), recipient)
    assert sorted(printed.values()) == sorted(recipient.all_lines)
    # In the order given, top to bottom.
    assert [printed[y] for y in sorted(printed, reverse=True)] == list(recipient.all_lines)
    for piece in pieces:
        for rect in (geom.address_zone, geom.window):
            assert rect.contains(piece.x, piece.y), piece
            assert piece.y + piece.size <= rect.y1 + 0.01, piece  # ascenders inside
            right = piece.x + text_width(piece.text.rstrip(), piece.size)
            assert right <= rect.x1 + 0.01, piece
        assert piece.size >= 7.9


@pytest.mark.parametrize(
    ("which", "size"), [("payer", 10.0), ("five lines", 8.0), ("long line", 9.5)]
)
def test_address_prints_at_10_points_and_smaller_only_when_it_must(letterhead, which, size):
    recipient = RECIPIENTS[which]
    spec = DocumentSpec(letterhead=letterhead, title="Letter", recipient=recipient)
    pieces, _ = address_lines_on_page(render_document(spec), recipient)
    assert {round(p.size, 2) for p in pieces} == {size}


def test_too_many_lines_for_the_letter_window_are_refused(letterhead):
    six = Recipient("Name", ("Line 2", "Line 3", "Line 4", "Line 5", "Line 6"))
    spec = DocumentSpec(letterhead=letterhead, title="Letter", recipient=six)
    with pytest.raises(
        AddressTooLongError, match="has 6 lines; the envelope window shows at most 5 lines"
    ):
        render_document(spec)
    a4 = dataclasses.replace(letterhead, page_size=PageSize.A4)
    assert render_document(dataclasses.replace(spec, letterhead=a4)).startswith(b"%PDF")
    seven = Recipient("Name", ("2", "3", "4", "5", "6", "7"))
    with pytest.raises(AddressTooLongError):
        render_document(dataclasses.replace(spec, letterhead=a4, recipient=seven))


def test_a_line_too_wide_even_at_the_smallest_size_is_refused(letterhead):
    wide = Recipient("W" * 60)
    with pytest.raises(AddressTooLongError, match="shorten the longest line"):
        render_document(DocumentSpec(letterhead=letterhead, title="Letter", recipient=wide))


def test_blank_address_lines_are_left_out():
    assert Recipient("Name", ("", "PO Box 1", "  ")).all_lines == ("Name", "PO Box 1")


def test_reference_lines_print_beside_the_address(letterhead, recipient):
    spec = DocumentSpec(
        letterhead=letterhead,
        title="Letter",
        recipient=recipient,
        reference_lines=(("Member ID", "BHX-88421937"),),
    )
    geom = geometry(PageSize.LETTER)
    pieces = [p for p in placed_text(render_document(spec), 0) if "BHX-88421937" in p.text]
    assert len(pieces) == 1
    assert geom.reference.contains(pieces[0].x, pieces[0].y)
