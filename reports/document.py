"""The base document every letter and printout is built on.

Page 1 carries the letterhead, the recipient's address where a window envelope shows it
(``reports.layout``) and an optional reference block beside it; later pages carry a short
header (clinic, title, patient, date of birth); every page ends with "Page X of Y".
``build_pdf`` returns the PDF as bytes: nothing is written to disk.
"""

import io
from collections.abc import Iterable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Table,
)

from reports.flowables import image, para, table_style
from reports.layout import PageGeometry, Rect, geometry
from reports.model import Letterhead, PageSetup, Recipient
from reports.styles import INK, MUTED, RULE, stylesheet
from reports.text import fit_line, format_date, markup, text_width
from reports.typeface import BOLD, REGULAR, register_fonts

CREATOR = "Booster Desk"
FOOTER_FONT_SIZE = 8
LOGO_MAX_WIDTH = 45 * mm
LOGO_MAX_HEIGHT = 22 * mm
ADDRESS_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0)  # points, largest first
ADDRESS_LEADING = 1.2
MAX_ADDRESS_LINES = 6  # DIN 5008's recipient zone; a US window holds five at most


class AddressTooLongError(ValueError):
    """The recipient's address cannot fit the envelope window."""


def address_font_size(recipient: Recipient, zone: Rect) -> float:
    """The largest size in ADDRESS_SIZES at which every line fits the zone unwrapped;
    AddressTooLongError when even the smallest is too big."""
    lines = recipient.all_lines
    smallest = ADDRESS_SIZES[-1]
    most = min(MAX_ADDRESS_LINES, int(zone.height // (smallest * ADDRESS_LEADING)))
    if len(lines) > most:
        raise AddressTooLongError(
            f"The recipient's address has {len(lines)} lines; the envelope window shows "
            f"at most {most} lines."
        )
    for size in ADDRESS_SIZES:
        tall = len(lines) * size * ADDRESS_LEADING <= zone.height + 0.01
        wide = all(text_width(line, size) <= zone.width for line in lines)
        if tall and wide:
            return size
    longest = max(lines, key=lambda line: text_width(line, smallest))
    raise AddressTooLongError(
        "A line of the recipient's address is too long for the envelope window: "
        f'shorten the longest line, "{longest}".'
    )


class _NumberedCanvas(Canvas):
    """Holds every page back until the end, so each footer can say "Page X of Y"."""

    footer_baseline = 12 * mm

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(REGULAR, FOOTER_FONT_SIZE)
        self.setFillColor(MUTED)
        self.drawCentredString(
            self._pagesize[0] / 2, self.footer_baseline, f"Page {number} of {total}"
        )
        self.restoreState()


def _canvas_maker(geom: PageGeometry) -> type[_NumberedCanvas]:
    return type("NumberedCanvas", (_NumberedCanvas,), {"footer_baseline": geom.footer_baseline})


def _place(
    canvas: Canvas,
    content: list[Flowable],
    box: Rect,
    v_align: str = "TOP",
    h_align: str = "LEFT",
) -> float:
    """Draw ``content`` in ``box``, shrunk if it would not fit (so a long clinic name never
    runs into the address), aligned top or bottom, left or right; returns the height used."""
    frame = KeepInFrame(box.width, box.height, content, mode="shrink", hAlign=h_align)
    used_width, used = frame.wrapOn(canvas, box.width, box.height)
    y = box.y1 - used if v_align == "TOP" else box.y0
    x = box.x0 if h_align == "LEFT" else box.x1 - used_width
    frame.drawOn(canvas, x, y)
    return used


class BoosterDocTemplate(BaseDocTemplate):
    """``BaseDocTemplate`` with Booster Desk's two page templates ('first', 'later')."""

    def __init__(self, output: io.BytesIO, setup: PageSetup) -> None:
        register_fonts()
        self.setup = setup
        self.geom = geometry(setup.letterhead.page_size)
        self.styles = stylesheet()
        geom = self.geom
        if setup.recipient is not None:
            # Refuse before drawing anything rather than print a hidden address.
            address_font_size(setup.recipient, geom.address_zone)
        super().__init__(
            output,
            pagesize=(geom.width, geom.height),
            leftMargin=geom.left_margin,
            rightMargin=geom.right_margin,
            topMargin=geom.height - geom.later_body_top,
            bottomMargin=geom.body_bottom,
            title=setup.title,
            author=setup.author or setup.letterhead.clinic_name,
            subject=setup.subject or setup.title,
            creator=CREATOR,
            initialFontName=REGULAR,
            lang="en-US",
            displayDocTitle=True,
        )
        windowed = setup.recipient is not None or bool(setup.reference_lines)
        first_top = geom.first_body_top if windowed else geom.plain_first_body_top
        self.addPageTemplates(
            [
                PageTemplate(
                    id="first",
                    frames=[self._frame("first_body", first_top)],
                    onPage=self._draw_first_page,
                    autoNextPageTemplate="later",
                ),
                PageTemplate(
                    id="later",
                    frames=[self._frame("body", geom.later_body_top)],
                    onPage=self._draw_later_page,
                ),
            ]
        )

    def _frame(self, name: str, top: float) -> Frame:
        geom = self.geom
        return Frame(
            geom.left_margin,
            geom.body_bottom,
            geom.body_width,
            top - geom.body_bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )

    # Page 1 -----------------------------------------------------------------------------

    def _draw_first_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        self._draw_letterhead(canvas)
        self._draw_marks(canvas)
        if self.setup.recipient is not None:
            self._draw_recipient(canvas, self.setup.recipient)
        if self.setup.reference_lines:
            self._draw_reference(canvas)
        canvas.restoreState()

    def _letterhead_content(self, letterhead: Letterhead) -> list[Flowable]:
        styles = self.styles
        text: list[Flowable] = [para(letterhead.clinic_name, styles["clinic_name"])]
        text += [para(line, styles["clinic_detail"]) for line in letterhead.address_lines]
        contact = [
            f"{label} {number}"
            for label, number in (("Phone", letterhead.phone), ("Fax", letterhead.fax))
            if number.strip()
        ]
        if contact:
            text.append(para("  ·  ".join(contact), styles["clinic_detail"]))
        if letterhead.logo is None:
            return text
        logo = image(letterhead.logo, LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT, "clinic logo")
        gap = 5 * mm
        width = self.geom.letterhead.width
        table = Table(
            [[logo, text]],
            colWidths=[logo.drawWidth + gap, width - logo.drawWidth - gap],
            hAlign="LEFT",
        )
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [table]

    def _draw_letterhead(self, canvas: Canvas) -> None:
        box = self.geom.letterhead
        used = _place(canvas, self._letterhead_content(self.setup.letterhead), box)
        rule_y = box.y1 - used - 3 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(box.x0, rule_y, box.x1, rule_y)

    def _draw_marks(self, canvas: Canvas) -> None:
        """Short fold marks (and a hole-punch mark on A4) at the left edge, so the sheet
        is folded where the address lands in the window."""
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        for y in self.geom.fold_marks:
            canvas.line(6 * mm, y, 10 * mm, y)
        if self.geom.punch_mark is not None:
            canvas.line(6 * mm, self.geom.punch_mark, 12 * mm, self.geom.punch_mark)

    def _draw_recipient(self, canvas: Canvas, recipient: Recipient) -> None:
        zone = self.geom.address_zone
        size = address_font_size(recipient, zone)
        leading = size * ADDRESS_LEADING
        canvas.setFillColor(INK)
        # Line by line at fixed baselines, so the block's extent is exactly known. The
        # first baseline sits one font size below the top, keeping ascenders inside.
        y = zone.y1 - size
        for line in recipient.all_lines:
            text = Paragraph(
                markup(line), self.styles["address"].clone("a", fontSize=size, leading=size)
            )
            text.wrapOn(canvas, zone.width, leading)
            # A Paragraph's first baseline sits ``size`` below its top edge.
            text.drawOn(canvas, zone.x0, y + size - text.height)
            y -= leading

    def _draw_reference(self, canvas: Canvas) -> None:
        styles = self.styles
        rows = [
            [para(label, styles["reference"]), para(value, styles["reference"])]
            for label, value in self.setup.reference_lines
        ]
        box = self.geom.reference
        label_width = min(
            max(text_width(label, 8.5) for label, _ in self.setup.reference_lines) + 8,
            box.width * 0.45,
        )
        table = Table(rows, colWidths=[label_width, box.width - label_width], hAlign="LEFT")
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        _place(canvas, [table], box)

    # Later pages ------------------------------------------------------------------------

    def _draw_later_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """Clinic and title on the left (one line each, cut with '…' if too long); the
        patient's full name and date of birth on the right; a rule under both."""
        canvas.saveState()
        styles = self.styles
        setup = self.setup
        box = self.geom.running_header
        split = box.x0 + box.width * 0.58
        left_box = Rect(box.x0, box.y0, split, box.y1)
        right_box = Rect(split + 4 * mm, box.y0, box.x1, box.y1)
        size = styles["running_header"].fontSize
        clinic = fit_line(setup.letterhead.clinic_name, left_box.width, size, BOLD)
        title = fit_line(setup.title, left_box.width, size)
        left = [
            Paragraph(f"<b>{markup(clinic)}</b>", styles["running_header"]),
            para(title, styles["running_header"]),
        ]
        _place(canvas, left, left_box, v_align="BOTTOM")
        if setup.patient is not None:
            right = [
                Paragraph(f"<b>{markup(setup.patient.name)}</b>", styles["running_header_right"])
            ]
            if setup.patient.date_of_birth is not None:
                dob = format_date(setup.patient.date_of_birth)
                right.append(para(f"Date of birth {dob}", styles["running_header_right"]))
            _place(canvas, right, right_box, v_align="BOTTOM", h_align="RIGHT")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        rule_y = box.y0 - 2 * mm
        canvas.line(box.x0, rule_y, box.x1, rule_y)
        canvas.restoreState()


def build_pdf(setup: PageSetup, story: Iterable[Flowable], *, invariant: bool = False) -> bytes:
    """Lay ``story`` out on Booster Desk's pages and return the PDF's bytes.

    ``invariant``: the same story always gives the same bytes (ReportLab's invariant mode
    fixes the creation date and derives the document ID from the content), for letters
    whose archived copy must reprint byte for byte."""
    output = io.BytesIO()
    doc = BoosterDocTemplate(output, setup)
    if invariant:
        doc.invariant = 1
    doc.build(list(story), canvasmaker=_canvas_maker(doc.geom))
    return output.getvalue()
