"""ReportLab documents: letters, summaries, day sheets. Renderers take plain data and
return PDF bytes; nothing here touches the database or Qt.

The shared base (``reports.document``) gives every document the clinic's letterhead, the
recipient's address placed for a window envelope, a short header on later pages, "Page X
of Y", the bundled Unicode fonts and a named stylesheet.
"""

from reports.document import AddressTooLongError, BoosterDocTemplate, build_pdf
from reports.flowables import data_table, para, signature_block
from reports.layout import PageGeometry, Rect, geometry
from reports.model import (
    Block,
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
)
from reports.render import render_document
from reports.styles import stylesheet
from reports.text import format_date, markup, normalise

__all__ = [
    "AddressTooLongError",
    "Block",
    "BoosterDocTemplate",
    "DocumentSpec",
    "HeadingBlock",
    "Letterhead",
    "PageGeometry",
    "PageSetup",
    "PageSize",
    "ParagraphBlock",
    "PatientIdentity",
    "Prescriber",
    "Recipient",
    "Rect",
    "SignatureBlock",
    "TableBlock",
    "build_pdf",
    "data_table",
    "format_date",
    "geometry",
    "markup",
    "normalise",
    "para",
    "render_document",
    "signature_block",
    "stylesheet",
]
