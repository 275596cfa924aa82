"""The clinic-wide monitoring checklist on paper: every due and overdue item, most overdue
first, with its window and reason. Plain data in, PDF bytes out, on the shared base."""

from dataclasses import dataclass
from datetime import date, datetime

from reports.model import DocumentSpec, Letterhead, ParagraphBlock, TableBlock
from reports.render import render_document
from reports.text import format_date


@dataclass(frozen=True)
class ChecklistLine:
    patient: str
    mrn: str
    item: str
    state: str  # "Overdue 12 days", "Due", "Baseline missing"
    window: str
    reason: str
    prescriber: str


@dataclass(frozen=True)
class ChecklistSheet:
    as_of: date
    lines: tuple[ChecklistLine, ...]
    printed_by: str
    printed_at: datetime
    filters: str = ""  # "Item: Urinalysis; State: Overdue", or "" for everything

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))


def render_checklist(sheet: ChecklistSheet, letterhead: Letterhead) -> bytes:
    title = f"Monitoring due as of {format_date(sheet.as_of)}"
    overdue = sum(1 for line in sheet.lines if line.state.lower().startswith("overdue"))
    summary = f"{len(sheet.lines)} items need action, {overdue} of them overdue."
    if sheet.filters:
        summary += f" Showing: {sheet.filters}."
    printed = (
        f"Printed {sheet.printed_at:%m/%d/%Y %H:%M} by {sheet.printed_by}. "
        "Confidential: contains patient information."
    )
    blocks: list = [ParagraphBlock(summary), ParagraphBlock(printed, style="small")]
    if sheet.lines:
        rows = tuple(
            (
                f"{line.patient}\nMRN {line.mrn}",
                line.item,
                line.state,
                line.window,
                line.reason,
                line.prescriber,
            )
            for line in sheet.lines
        )
        blocks.append(
            TableBlock(
                ("Patient", "Item", "State", "Window", "Reason", "Prescriber"),
                rows,
                (1.6, 1.5, 0.9, 1.1, 3.0, 1.2),
            )
        )
    else:
        blocks.append(ParagraphBlock("Nothing is due."))
    return render_document(
        DocumentSpec(letterhead=letterhead, title=title, blocks=tuple(blocks), subject=title)
    )
