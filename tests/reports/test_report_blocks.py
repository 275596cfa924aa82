"""Body blocks: paragraphs, headings, tables that split with their header repeated, the
signature block; and the plain-data checks on the spec."""

import re
from datetime import date

import pytest
from reportlab.platypus import Spacer

from reports import (
    DocumentSpec,
    HeadingBlock,
    Letterhead,
    PageSetup,
    PageSize,
    ParagraphBlock,
    PatientIdentity,
    Prescriber,
    Recipient,
    SignatureBlock,
    TableBlock,
    build_pdf,
    geometry,
    para,
    render_document,
    signature_block,
    stylesheet,
)
from reports.text import text_width
from tests.reports.pdf_probe import image_count, page_texts, placed_text, reader
from tests.reports.samples import png

HEADER = ("Visit", "Drug / dose", "Outcome")


def table_pdf(letterhead: Letterhead, rows: int) -> bytes:
    body = [
        (f"R{n:03d}", "Esketamine 84 mg", "Partial response; dissociation resolved. " * (n % 3 + 1))
        for n in range(1, rows + 1)
    ]
    spec = DocumentSpec(
        letterhead=letterhead,
        title="Treatment history",
        blocks=(TableBlock(HEADER, body, column_widths=(1, 2, 4)),),
    )
    return render_document(spec)


def test_a_long_table_splits_across_pages_with_its_header_on_each(letterhead):
    pdf = table_pdf(letterhead, 150)
    texts = page_texts(pdf)
    assert len(texts) >= 3
    for index, text in enumerate(texts):
        assert "Drug / dose" in text, f"no header row on page {index + 1}"
        placed = placed_text(pdf, index)
        header_y = next(p.y for p in placed if p.text.startswith("Drug / dose"))
        rows_y = [p.y for p in placed if re.fullmatch(r"R\d{3}\s*", p.text)]
        assert rows_y and header_y > max(rows_y)  # the header heads the rows on that page
    ids = re.findall(r"R(\d{3})", " ".join(texts))
    assert [int(n) for n in ids] == list(range(1, 151))


def test_a_table_row_taller_than_a_page_splits_inside_the_row(letterhead):
    spec = DocumentSpec(
        letterhead=letterhead,
        title="Notes",
        blocks=(TableBlock(("Date", "Note"), [("01/02/2026", "Word " * 3000)], (1, 5)),),
    )
    pdf = render_document(spec)
    assert len(reader(pdf).pages) >= 2
    assert " ".join(page_texts(pdf)).count("Word") == 3000


def test_table_cells_wrap_inside_their_columns(letterhead):
    pdf = table_pdf(letterhead, 5)
    right_margin = geometry(PageSize.LETTER).width - 72
    for piece in placed_text(pdf, 0):
        assert piece.x + text_width(piece.text.rstrip(), piece.size) <= right_margin + 0.5


def test_plain_text_is_printed_literally_with_its_line_breaks(letterhead):
    text = "Dose <b>not bold</b> & 2 < 3\nSecond line"
    pdf = render_document(
        DocumentSpec(letterhead=letterhead, title="T", blocks=(ParagraphBlock(text),))
    )
    lines = page_texts(pdf)[0].splitlines()
    assert "Dose <b>not bold</b> & 2 < 3" in lines
    assert "Second line" in lines


def test_a_long_unbroken_word_wraps_inside_the_margins(letterhead):
    word = "BHX" + "7" * 240
    pdf = render_document(
        DocumentSpec(letterhead=letterhead, title="T", blocks=(ParagraphBlock(word),))
    )
    pieces = [p for p in placed_text(pdf, 0) if "777" in p.text]
    assert len(pieces) >= 2
    for piece in pieces:
        assert piece.x >= 72 - 0.01
        assert piece.x + text_width(piece.text.rstrip(), piece.size) <= 612 - 72 + 0.5


def test_headings_print_in_order_with_their_paragraphs(letterhead):
    blocks = (
        HeadingBlock("Diagnosis"),
        ParagraphBlock("F33.2 Major depressive disorder, recurrent, severe."),
        HeadingBlock("Failed trials", level=2),
        ParagraphBlock("Sertraline 200 mg for 10 weeks.", style="small"),
    )
    text = page_texts(render_document(DocumentSpec(letterhead, "T", blocks)))[0]
    order = [text.index(s) for s in ("Diagnosis", "F33.2", "Failed trials", "Sertraline")]
    assert order == sorted(order)


@pytest.mark.parametrize("filler", range(470, 580, 8))
def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(letterhead, filler):
    styles = stylesheet()
    setup = PageSetup(letterhead=letterhead, title="T")
    story = [
        Spacer(1, filler),
        para("Side effects", styles["heading"]),
        para("Transient dissociation after each dose. " * 3, styles["body"]),
    ]
    texts = page_texts(build_pdf(setup, story))
    heading_page = next(i for i, t in enumerate(texts) if "Side effects" in t)
    assert "Transient dissociation" in texts[heading_page]


def test_signature_block_prints_name_credentials_npi_date_and_image(letterhead, signer):
    spec = DocumentSpec(
        letterhead=letterhead,
        title="T",
        blocks=(SignatureBlock(signer, date(2026, 5, 2), closing="Sincerely,"),),
    )
    pdf = render_document(spec)
    text = page_texts(pdf)[0]
    for expected in ("Sincerely,", "Maria Okafor, MD", "NPI 1234567893", "Date: 05/02/2026"):
        assert expected in text
    assert image_count(pdf, 0) == 1


def test_unsigned_block_leaves_a_line_to_sign_and_date_by_hand(letterhead):
    spec = DocumentSpec(
        letterhead=letterhead,
        title="T",
        blocks=(SignatureBlock(Prescriber("Sam Lee", "PMHNP-BC")),),
    )
    pdf = render_document(spec)
    text = page_texts(pdf)[0]
    assert "Sam Lee, PMHNP-BC" in text
    assert "Date: ____" in text
    assert "NPI" not in text
    assert image_count(pdf, 0) == 0


@pytest.mark.parametrize("filler", range(400, 580, 10))
def test_closing_and_signature_stay_on_one_page(letterhead, signer, filler):
    styles = stylesheet()
    setup = PageSetup(letterhead=letterhead, title="T")
    story = [Spacer(1, filler), signature_block(signer, styles, date(2026, 5, 2), "Sincerely,")]
    texts = page_texts(build_pdf(setup, story))
    page = next(i for i, t in enumerate(texts) if "Sincerely," in t)
    assert "Maria Okafor, MD" in texts[page]
    assert "Date: 05/02/2026" in texts[page]


def test_a_signature_that_is_not_an_image_is_refused():
    with pytest.raises(ValueError, match="PNG or JPEG"):
        Prescriber("Sam Lee", signature=b"%PDF-1.4")


def test_a_corrupt_png_is_reported_in_plain_words(letterhead):
    broken = png(10, 10)[:20]
    spec = DocumentSpec(
        letterhead=letterhead,
        title="T",
        blocks=(SignatureBlock(Prescriber("Sam Lee", signature=broken)),),
    )
    with pytest.raises(ValueError, match="signature image could not be read"):
        render_document(spec)


def test_sequences_given_as_lists_are_stored_as_tuples(letterhead):
    table = TableBlock(["A", "B"], [["1", "2"], ["3", "4"]], [1, 2])
    assert table.header == ("A", "B")
    assert table.rows == (("1", "2"), ("3", "4"))
    assert table.column_widths == (1, 2)
    spec = DocumentSpec(letterhead=letterhead, title="T", blocks=[table])
    assert spec.blocks == (table,)
    assert Recipient("N", ["a"]).lines == ("a",)
    assert Letterhead("C", ["x"]).address_lines == ("x",)
    setup = PageSetup(letterhead, "T", reference_lines=[["Date", "05/02/2026"]])
    assert setup.reference_lines == (("Date", "05/02/2026"),)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: TableBlock(("A", "B"), [("1",)]), "as many cells"),
        (lambda: TableBlock((), ()), "header row"),
        (lambda: TableBlock(("A", "B"), (), (1,)), "one positive width"),
        (lambda: TableBlock(("A", "B"), (), (1, 0)), "one positive width"),
        (lambda: HeadingBlock("H", level=3), "level is 1 or 2"),
        (lambda: ParagraphBlock("P", style="title"), "Unknown paragraph style"),
        (lambda: Letterhead("  "), "clinic name is missing"),
        (lambda: Prescriber(""), "prescriber's name is missing"),
        (lambda: Recipient(""), "recipient's name is missing"),
        (lambda: PatientIdentity(" "), "patient's name is missing"),
        (lambda: PageSetup(Letterhead("C"), ""), "title is missing"),
    ],
)
def test_bad_plain_data_is_refused_with_a_message(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_an_unknown_block_is_refused(letterhead):
    with pytest.raises(TypeError, match="Not a document block"):
        render_document(DocumentSpec(letterhead, "T", blocks=("just a string",)))
