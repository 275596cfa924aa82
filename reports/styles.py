"""The named paragraph styles every document shares, all in the bundled fonts.

Public names: 'title', 'heading', 'subheading', 'body', 'small', 'table', 'table_header'.
The rest ('clinic_name', 'clinic_detail', 'address', 'reference', 'running_header',
'running_header_right', 'signature') are used by the page furniture and signature block.
"""

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from reports.typeface import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
TABLE_HEADER_FILL = colors.HexColor("#e6e9ed")
TABLE_STRIPE = colors.HexColor("#f6f7f9")


def stylesheet() -> StyleSheet1:
    """A fresh stylesheet (callers may adjust their copy freely)."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle(
        "base",
        fontName=REGULAR,
        fontSize=10,
        leading=14,
        textColor=INK,
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,
    )

    def add(name: str, parent: ParagraphStyle = base, **kw: object) -> None:
        sheet.add(ParagraphStyle(name, parent=parent, **kw))

    add("body", spaceAfter=7)
    add("title", fontName=BOLD, fontSize=15, leading=19, spaceBefore=0, spaceAfter=10)
    add(
        "heading",
        fontName=BOLD,
        fontSize=12,
        leading=15,
        spaceBefore=10,
        spaceAfter=4,
        keepWithNext=1,
    )
    add(
        "subheading",
        fontName=BOLD,
        fontSize=10.5,
        leading=14,
        spaceBefore=8,
        spaceAfter=3,
        keepWithNext=1,
    )
    add("small", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=4)
    add("table", fontSize=8.5, leading=11)
    add("table_header", fontName=BOLD, fontSize=8.5, leading=11)
    add("clinic_name", fontName=BOLD, fontSize=14, leading=17, spaceAfter=2)
    add("clinic_detail", fontSize=8.5, leading=11, textColor=MUTED)
    add("address", fontSize=10, leading=12)
    add("reference", fontSize=8.5, leading=11)
    add("running_header", fontSize=8, leading=10, textColor=MUTED)
    add("running_header_right", parent=sheet["running_header"], alignment=TA_RIGHT)
    add("signature", fontSize=10, leading=13)
    return sheet
