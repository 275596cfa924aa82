"""Bulleted lists in the bundled font (a ParagraphStyle's bullet defaults to Helvetica, a
standard-14 font that is never embedded)."""

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from reports.text import markup
from reports.typeface import REGULAR

BULLET_INDENT = 14  # points from the text's left edge to each item's text


def bullet_style(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` indented for list items, with its bullet in the bundled font."""
    return ParagraphStyle(
        f"{style.name}_bullet",
        parent=style,
        leftIndent=style.leftIndent + BULLET_INDENT,
        bulletIndent=style.leftIndent + 3,
        bulletFontName=REGULAR,
        bulletFontSize=style.fontSize,
        spaceAfter=max(2, style.spaceAfter / 3),
    )


def bullet_list(items: Sequence[str], style: ParagraphStyle, bullet: str = "•") -> list[Paragraph]:
    """One paragraph per item of plain text, so a long list breaks between (and inside)
    items like any other text; the last item keeps ``style``'s space after."""
    item_style = bullet_style(style)
    last_style = ParagraphStyle(f"{item_style.name}_last", parent=item_style)
    last_style.spaceAfter = style.spaceAfter
    return [
        Paragraph(
            markup(item), last_style if n == len(items) - 1 else item_style, bulletText=bullet
        )
        for n, item in enumerate(items)
    ]
