"""A two-column table of labelled facts ("Member ID" | "XKH448812901") without a header:
the identifiers at the head of a letter, a summary box."""

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Table

from reports.flowables import para, table_style
from reports.styles import MUTED


def key_value_table(
    rows: Sequence[tuple[str, str]],
    styles: StyleSheet1,
    width: float,
    label_share: float = 0.28,
) -> Table:
    """Labels in the left column (muted), values on the right; splits between rows."""
    label_width = width * label_share
    label_style = ParagraphStyle("key_value_label", parent=styles["table"], textColor=MUTED)
    data = [[para(label, label_style), para(value, styles["table"])] for label, value in rows]
    table = Table(
        data,
        colWidths=[label_width, width - label_width],
        hAlign="LEFT",
        splitByRow=1,
        spaceBefore=2,
        spaceAfter=8,
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table
