"""The base document end to end: letterhead, later-page header, "Page X of Y", metadata,
embedded fonts, paper sizes, and bytes out with nothing written to disk."""

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from reports import (
    DocumentSpec,
    HeadingBlock,
    Letterhead,
    PageSetup,
    PageSize,
    ParagraphBlock,
    PatientIdentity,
    Recipient,
    SignatureBlock,
    TableBlock,
    build_pdf,
    geometry,
    para,
    render_document,
    stylesheet,
)
from tests.reports.pdf_probe import (
    STANDARD_14,
    base_font,
    fonts,
    image_count,
    page_texts,
    placed_text,
    reader,
)
from tests.reports.samples import CLINIC, TITLE, jpeg, png

NAMES = ("Zoë Ångström", "Nguyễn Thị Lan", "王芳", "Ωmega", "Дмитрий Иванов", "Ελένη", "김민준")


def three_pages(letterhead: Letterhead, recipient: Recipient, patient: PatientIdentity) -> bytes:
    """A document that runs to exactly three pages, found by adding paragraphs."""
    sentence = "Maintenance treatment continues with monitoring at every visit. " * 5
    for count in range(8, 60):
        blocks = [HeadingBlock("History")]
        blocks += [ParagraphBlock(f"Paragraph {n}. {sentence}") for n in range(1, count + 1)]
        pdf = render_document(
            DocumentSpec(
                letterhead=letterhead,
                title=TITLE,
                blocks=tuple(blocks),
                recipient=recipient,
                patient=patient,
            )
        )
        if len(reader(pdf).pages) == 3:
            return pdf
    raise AssertionError("no paragraph count gave exactly three pages")


@pytest.fixture
def pdf(letterhead, recipient, patient) -> bytes:
    return three_pages(letterhead, recipient, patient)


def test_render_returns_pdf_bytes_and_writes_no_file(letterhead, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pdf = render_document(DocumentSpec(letterhead=letterhead, title=TITLE))
    assert isinstance(pdf, bytes)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert list(Path(tmp_path).iterdir()) == []


def test_page_one_has_letterhead_recipient_and_page_count(pdf, recipient):
    first = page_texts(pdf)[0]
    assert CLINIC in first
    assert "1200 Harbor Boulevard, Suite 310" in first
    assert "Phone (562) 555-0143" in first
    assert "Fax (562) 555-0199" in first
    for line in recipient.all_lines:
        assert line in first
    assert TITLE in first
    assert "Page 1 of 3" in first


def test_later_pages_have_the_short_header_and_no_letterhead(pdf):
    texts = page_texts(pdf)
    assert len(texts) == 3
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of 3" in text
        assert CLINIC in text
        assert TITLE in text
        assert "Nguyễn Thị Lan" in text
        assert "Date of birth 03/14/1980" in text
        assert "Suite 310" not in text
        assert "Blue Harbor Health Plan" not in text
    assert "Date of birth" not in texts[0]


def test_later_page_header_sits_above_the_body(pdf):
    page_height = 792
    header = [p for p in placed_text(pdf, 1) if "Date of birth" in p.text]
    body = [p for p in placed_text(pdf, 1) if p.text.startswith("Paragraph")]
    assert header and body
    assert header[0].y > max(p.y for p in body)
    assert header[0].y > page_height - 72  # in the top inch


def test_body_text_flows_across_pages_without_losing_a_paragraph(pdf):
    pages = page_texts(pdf)
    furniture = [CLINIC, TITLE, "Nguyễn Thị Lan", "Date of birth 03/14/1980"]
    for number in range(len(pages)):
        pages[number] = pages[number].replace(f"Page {number + 1} of {len(pages)}", "")
        if number:  # take the short header out, so a sentence split by a page joins up
            for piece in furniture:
                pages[number] = pages[number].replace(piece, "")
    text = " ".join(" ".join(pages).split())  # line breaks become spaces
    numbers = [int(n) for n in re.findall(r"Paragraph (\d+)\.", text)]
    assert len(numbers) >= 8
    assert numbers == list(range(1, len(numbers) + 1))
    sentence = "Maintenance treatment continues with monitoring at every visit."
    assert text.count(sentence) == 5 * len(numbers)


def test_non_latin_names_survive_in_every_part_of_the_page(letterhead):
    joined = ", ".join(NAMES)
    spec = DocumentSpec(
        letterhead=dataclasses.replace(letterhead, clinic_name="Clínica Ωmega 王"),
        title=f"Summary for {NAMES[0]}",
        blocks=(ParagraphBlock(f"Patients: {joined}."),),
        recipient=Recipient("Дмитрий Иванов", ("王芳", "Ελένη Παπαδοπούλου")),
        patient=PatientIdentity("王芳 (Wang Fang)", date(1975, 1, 2)),
        reference_lines=(("Patient", "Nguyễn Thị Lan"),),
    )
    text = page_texts(render_document(spec))[0]
    for name in NAMES:
        assert name in text
    assert "Clínica Ωmega 王" in text
    assert "Ελένη Παπαδοπούλου" in text


def test_every_font_is_embedded_truetype_and_none_is_standard_14(letterhead, recipient, signer):
    blocks = (
        HeadingBlock("Every block"),
        ParagraphBlock("Body text. " * 400),
        TableBlock(("Date", "Note"), [("01/02/2026", "Tolerated well")] * 60),
        SignatureBlock(signer, date(2026, 5, 2), closing="Sincerely,"),
    )
    spec = DocumentSpec(
        letterhead=dataclasses.replace(letterhead, logo=png(200, 80)),
        title=TITLE,
        blocks=blocks,
        recipient=recipient,
        patient=PatientIdentity("Zoë Ångström", date(1990, 1, 1)),
        reference_lines=(("Date", "05/02/2026"),),
    )
    pdf = render_document(spec)
    assert len(reader(pdf).pages) >= 3
    used = fonts(pdf)
    names = {base_font(font) for font in used}
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= names
    assert not names & STANDARD_14
    for font in used:
        assert font["/Subtype"] == "/TrueType"
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, base_font(font)


def test_fallback_font_is_embedded_when_cjk_is_printed(letterhead):
    pdf = render_document(
        DocumentSpec(letterhead=letterhead, title="王芳", blocks=(ParagraphBlock("李娜"),))
    )
    embedded = {base_font(font) for font in fonts(pdf)}
    assert "DroidSansFallback" in embedded
    assert all("/FontFile2" in f["/FontDescriptor"].get_object() for f in fonts(pdf))


@pytest.mark.parametrize(
    ("page_size", "width", "height"),
    [(PageSize.LETTER, 612.0, 792.0), (PageSize.A4, 595.2756, 841.8898)],
)
def test_paper_size_is_exact_in_points(letterhead, page_size, width, height):
    spec = DocumentSpec(letterhead=dataclasses.replace(letterhead, page_size=page_size), title="T")
    box = reader(render_document(spec)).pages[0].mediabox
    assert float(box.left) == 0
    assert float(box.bottom) == 0
    assert float(box.width) == pytest.approx(width, abs=0.001)
    assert float(box.height) == pytest.approx(height, abs=0.001)


def test_metadata_names_title_author_subject_and_creator(letterhead):
    spec = DocumentSpec(letterhead=letterhead, title=TITLE, subject="Esketamine, Nguyễn")
    meta = reader(render_document(spec)).metadata
    assert meta.title == TITLE
    assert meta.author == CLINIC
    assert meta.subject == "Esketamine, Nguyễn"
    assert meta.creator == "Booster Desk"
    explicit = dataclasses.replace(spec, author="Maria Okafor, MD")
    assert reader(render_document(explicit)).metadata.author == "Maria Okafor, MD"


@pytest.mark.parametrize("logo", [png(400, 160), jpeg(300, 300)], ids=["png", "jpeg"])
def test_logo_prints_on_page_one_only(letterhead, logo):
    long = ParagraphBlock("Text. " * 900)
    spec = DocumentSpec(
        letterhead=dataclasses.replace(letterhead, logo=logo), title=TITLE, blocks=(long,)
    )
    pdf = render_document(spec)
    assert len(reader(pdf).pages) >= 2
    assert image_count(pdf, 0) == 1
    assert image_count(pdf, 1) == 0
    assert CLINIC in page_texts(pdf)[0]


def test_a_logo_that_is_not_png_or_jpeg_is_refused(letterhead):
    with pytest.raises(ValueError, match="PNG or JPEG"):
        dataclasses.replace(letterhead, logo=b"GIF89a....")


def test_a_long_clinic_name_stays_inside_the_letterhead_band(letterhead):
    name = "Riverside Interventional Psychiatry, Neuromodulation and Ketamine Center " * 3
    spec = DocumentSpec(
        letterhead=dataclasses.replace(letterhead, clinic_name=name.strip()), title=TITLE
    )
    band = geometry(PageSize.LETTER).letterhead
    placed = placed_text(render_document(spec), 0)
    title_y = next(p.y for p in placed if p.text.startswith(TITLE))
    letterhead_pieces = [p for p in placed if p.y > title_y]
    assert any("Riverside" in p.text for p in letterhead_pieces)
    assert any("Phone (562) 555-0143" in p.text for p in letterhead_pieces)
    for piece in letterhead_pieces:
        assert band.y0 <= piece.y <= band.y1, piece


def test_build_pdf_lays_out_any_flowables_on_the_base(letterhead):
    styles = stylesheet()
    setup = PageSetup(letterhead=letterhead, title="Day sheet")
    pdf = build_pdf(setup, [para("Monday: 4 boosters", styles["body"])])
    text = page_texts(pdf)[0]
    assert "Monday: 4 boosters" in text
    assert "Page 1 of 1" in text
    assert reader(pdf).metadata.title == "Day sheet"


def test_without_a_recipient_the_body_starts_higher(letterhead, recipient):
    def title_y(spec: DocumentSpec) -> float:
        pdf = render_document(spec)
        return next(p.y for p in placed_text(pdf, 0) if p.text.startswith("Day sheet"))

    plain = DocumentSpec(letterhead=letterhead, title="Day sheet")
    windowed = dataclasses.replace(plain, recipient=recipient)
    assert title_y(plain) > title_y(windowed) + 72
