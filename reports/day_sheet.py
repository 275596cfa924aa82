"""The day sheet: every booking of one clinic day, in time order, to print for the floor.

Plain data in, PDF bytes out, on the shared base document (letterhead, "Page X of Y", the
bundled fonts). Columns: time, patient (name, MRN, date of birth), modality, the dose or
protocol step, and the alerts due that day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from reports.model import DocumentSpec, Letterhead, ParagraphBlock, TableBlock
from reports.render import render_document
from reports.text import format_date

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DaySheetRow:
    start: time
    end: time
    patient: str
    mrn: str
    date_of_birth: date
    modality: str
    status: str
    step: str = ""
    alerts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "alerts", tuple(self.alerts))


@dataclass(frozen=True)
class DaySheet:
    day: date
    rows: tuple[DaySheetRow, ...]
    printed_by: str
    printed_at: datetime
    hours: str = ""  # "08:00-17:00", or "" when closed
    closed_reason: str = ""
    capacity: tuple[str, ...] = ()  # "Infusion chairs: 4", ...
    # Without clinical access (front desk) the step and alerts are left out.
    clinical: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        object.__setattr__(self, "capacity", tuple(self.capacity))


def _title(day: date) -> str:
    return f"Day sheet: {WEEKDAYS[day.weekday()]} {format_date(day)}"


def _summary(sheet: DaySheet) -> str:
    if sheet.closed_reason:
        opening = f"The clinic is closed ({sheet.closed_reason})."
    elif sheet.hours:
        opening = f"Open {sheet.hours}."
    else:
        opening = "The clinic is closed."
    active = [row for row in sheet.rows if row.status.lower() not in ("cancelled", "missed")]
    counts: dict[str, int] = {}
    for row in active:
        counts[row.modality] = counts.get(row.modality, 0) + 1
    booked = ", ".join(f"{modality} {n}" for modality, n in counts.items()) or "none"
    capacity = f" Capacity: {', '.join(sheet.capacity)}." if sheet.capacity else ""
    return f"{opening} {len(active)} bookings ({booked}).{capacity}"


def _minutes(row: DaySheetRow) -> int:
    return (row.end.hour * 60 + row.end.minute) - (row.start.hour * 60 + row.start.minute)


def render_day_sheet(sheet: DaySheet, letterhead: Letterhead) -> bytes:
    if sheet.clinical:
        header = ("Time", "Patient", "Modality", "Dose or protocol step", "Alerts due today")
        widths: tuple[float, ...] = (1.0, 2.0, 1.0, 2.6, 2.8)
    else:
        header = ("Time", "Patient", "Modality", "Status")
        widths = (0.8, 3.0, 1.6, 1.4)
    rows = []
    for row in sheet.rows:
        when = f"{row.start:%H:%M}\n{_minutes(row)} min"
        if row.status.lower() != "booked" and sheet.clinical:
            when += f"\n{row.status}"
        who = f"{row.patient}\nMRN {row.mrn} · born {format_date(row.date_of_birth)}"
        if sheet.clinical:
            alerts = "\n".join(f"• {alert}" for alert in row.alerts)
            rows.append((when, who, row.modality, row.step, alerts))
        else:
            rows.append((when, who, row.modality, row.status))
    printed = (
        f"Printed {sheet.printed_at:%m/%d/%Y %H:%M} by {sheet.printed_by}. "
        "Confidential: contains patient information."
    )
    blocks: list = [ParagraphBlock(_summary(sheet)), ParagraphBlock(printed, style="small")]
    if rows:
        blocks.append(TableBlock(header, tuple(rows), widths))
    else:
        blocks.append(ParagraphBlock("No bookings on this day."))
    title = _title(sheet.day)
    return render_document(
        DocumentSpec(
            letterhead=letterhead,
            title=title,
            blocks=tuple(blocks),
            subject=title,
        )
    )
