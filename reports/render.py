"""``render_document``: a whole document from plain data, on the base document."""

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable

from reports.document import build_pdf
from reports.flowables import data_table, para, signature_block
from reports.layout import geometry
from reports.model import (
    Block,
    DocumentSpec,
    HeadingBlock,
    ParagraphBlock,
    SignatureBlock,
    TableBlock,
)
from reports.styles import stylesheet


def story_for(blocks: tuple[Block, ...], styles: StyleSheet1, width: float) -> list[Flowable]:
    """The flowables for a list of blocks, in order."""
    story: list[Flowable] = []
    for block in blocks:
        match block:
            case ParagraphBlock(text=text, style=style):
                story.append(para(text, styles[style]))
            case HeadingBlock(text=text, level=level):
                story.append(para(text, styles["heading" if level == 1 else "subheading"]))
            case TableBlock(header=header, rows=rows, column_widths=widths):
                story.append(data_table(header, rows, styles, width, widths))
            case SignatureBlock(prescriber=prescriber, signed_on=signed_on, closing=closing):
                story.append(signature_block(prescriber, styles, signed_on, closing))
            case _:
                raise TypeError(f"Not a document block: {block!r}")
    return story


def render_document(spec: DocumentSpec) -> bytes:
    """The document as PDF bytes: its title on page 1, then its blocks."""
    setup = spec.page_setup()
    styles = stylesheet()
    width = geometry(spec.letterhead.page_size).body_width
    story = [para(spec.title, styles["title"]), *story_for(spec.blocks, styles, width)]
    return build_pdf(setup, story)
