"""Lines to sign by hand: for each signer a signature line and a date line, captioned,
with the signer's printed name (or a line to print it). Used where a form is signed in
ink, e.g. a consent by patient, prescriber and witness."""

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Table

from reports.flowables import para, table_style
from reports.styles import INK, MUTED

ROOM_TO_SIGN = 30  # points above each line
BLANK_NAME = "_" * 32


@dataclass(frozen=True)
class Signer:
    """``role`` as captioned ("Patient", "Prescriber", "Witness"); ``name`` as printed
    under the line, or empty for a line the signer fills in."""

    role: str
    name: str = ""


def signing_lines(signers: Sequence[Signer], styles: StyleSheet1, width: float) -> Table:
    """Every signer's lines as one table. Keep it on one page with what leads into it
    (``KeepTogether([agreement, table])``); it is not a KeepTogether itself because
    ReportLab's KeepTogether measures a nested KeepTogether as taller than any page."""
    caption = ParagraphStyle("signing_caption", parent=styles["small"], textColor=MUTED)
    name_style = styles["table"]
    gap = 18.0
    date_width = width * 0.28
    sign_width = width - date_width - gap
    rows: list[list] = []
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for signer in signers:
        top = len(rows)
        rows.append(["", "", ""])
        rows.append([para(f"{signer.role}'s signature", caption), "", para("Date", caption)])
        printed = signer.name.strip() or BLANK_NAME
        rows.append([para(f"Printed name: {printed}", name_style), "", ""])
        commands += [
            ("LINEBELOW", (0, top), (0, top), 0.6, INK),
            ("LINEBELOW", (2, top), (2, top), 0.6, INK),
            ("BOTTOMPADDING", (0, top + 2), (-1, top + 2), 12),
        ]
    heights = [ROOM_TO_SIGN if n % 3 == 0 else None for n in range(len(rows))]
    table = Table(rows, colWidths=[sign_width, gap, date_width], rowHeights=heights, hAlign="LEFT")
    table.setStyle(table_style(commands))
    return table
