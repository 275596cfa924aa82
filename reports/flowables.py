"""Building blocks for document bodies: paragraphs from plain text, tables that split
across pages with their header repeated, images from bytes, and the signature block."""

import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reports.model import Prescriber, image_kind
from reports.styles import INK, RULE, TABLE_HEADER_FILL, TABLE_STRIPE
from reports.text import format_date, markup
from reports.typeface import REGULAR


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text: escaped, normalised, fallback font where needed."""
    return Paragraph(markup(text), style)


def image(data: bytes, max_width: float, max_height: float, what: str = "image") -> Image:
    """A PNG or JPEG from bytes, scaled to fit the box and keep its proportions."""
    try:
        image_kind(data)
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception as error:
        raise ValueError(f"The {what} could not be read as a PNG or JPEG image.") from error
    if width <= 0 or height <= 0:
        raise ValueError(f"The {what} is empty.")
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale, hAlign="LEFT")


def table_style(commands: list[tuple]) -> TableStyle:
    """A TableStyle whose cells default to the bundled font. Table otherwise selects
    Helvetica, a standard-14 font that is never embedded, even when every cell is a
    Paragraph."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8.5), *commands])


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    styles: StyleSheet1,
    width: float,
    column_widths: Sequence[float] = (),
) -> Table:
    """A full-width table of wrapped text cells. It splits between rows (and inside a row
    taller than a page), and its header row repeats at the top of every page."""
    relative = list(column_widths) or [1.0] * len(header)
    total = sum(relative)
    widths = [width * share / total for share in relative]
    data = [[para(cell, styles["table_header"]) for cell in header]]
    data += [[para(cell, styles["table"]) for cell in row] for row in rows]
    table = Table(
        data,
        colWidths=widths,
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=10,
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), TABLE_HEADER_FILL),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, TABLE_STRIPE]),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


SIGNATURE_WIDTH = 2.75 * inch
SIGNATURE_HEIGHT = 0.7 * inch


def signature_block(
    prescriber: Prescriber,
    styles: StyleSheet1,
    signed_on: date | None = None,
    closing: str = "",
    trailer: Sequence[Flowable] = (),
) -> Flowable:
    """An optional closing ('Sincerely,'), the signature image (or room to sign by hand)
    over a line, then name and credentials, NPI and date, all kept on one page, with
    ``trailer`` (e.g. a letter's version line) kept on that page after them."""
    style = styles["signature"]
    parts: list[Flowable] = [Spacer(1, 6)]
    if closing.strip():
        parts.append(para(closing, styles["body"]))
    if prescriber.signature is not None:
        parts.append(
            image(prescriber.signature, SIGNATURE_WIDTH, SIGNATURE_HEIGHT, "signature image")
        )
    else:
        parts.append(Spacer(1, SIGNATURE_HEIGHT))
    parts.append(
        HRFlowable(
            width=SIGNATURE_WIDTH,
            thickness=0.6,
            color=INK,
            hAlign="LEFT",
            spaceBefore=1,
            spaceAfter=3,
        )
    )
    name = markup(prescriber.name)
    if prescriber.credentials.strip():
        name += ", " + markup(prescriber.credentials)
    parts.append(Paragraph(f"<b>{name}</b>", style))
    if prescriber.npi.strip():
        parts.append(para(f"NPI {prescriber.npi}", style))
    when = format_date(signed_on) if signed_on else "_______________"
    parts.append(para(f"Date: {when}", style))
    return KeepTogether([*parts, *trailer])
