"""What the four letters share: the refusal on missing facts, free text split into
paragraphs, the version note at the end, and building deterministic bytes."""

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Flowable, Paragraph

from reports.document import build_pdf
from reports.flowables import para
from reports.letters.model import LetterPatient, MissingFactsError
from reports.model import PageSetup
from reports.text import format_date, markup

CREATED_WITH = "Booster Desk"


def blank(text: str | None) -> bool:
    return text is None or not text.strip()


def patient_gaps(patient: LetterPatient, *, mrn: bool = False) -> list[str]:
    missing = []
    if blank(patient.name):
        missing.append("the patient's name")
    if patient.date_of_birth is None:
        missing.append("the patient's date of birth")
    if mrn and blank(patient.mrn):
        missing.append("the patient's medical record number (MRN)")
    return missing


def refuse_if_missing(missing: tuple[str, ...]) -> None:
    if missing:
        raise MissingFactsError(missing)


def paragraphs(text: str, styles: StyleSheet1, style: str = "body") -> list[Paragraph]:
    """Free text as paragraphs: a blank line starts a new one, single line breaks are kept.
    Each paragraph breaks across pages on its own."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", text.strip())]
    return [para(part, styles[style]) for part in parts if part]


def heading(text: str, styles: StyleSheet1, level: int = 1) -> Paragraph:
    return para(text, styles["heading" if level == 1 else "subheading"])


def bold_lead(lead: str, rest: str, style_name: str, styles: StyleSheet1) -> Paragraph:
    """A paragraph that starts with a bold phrase: "<b>Frequency:</b> 5 a week"."""
    return Paragraph(f"<b>{markup(lead)}</b> {markup(rest)}", styles[style_name])


def version_note(versions: Iterable[str], styles: StyleSheet1) -> Paragraph:
    """The small line at the end naming the template (and text) versions."""
    style = ParagraphStyle("version_note", parent=styles["small"], spaceBefore=14)
    return para(f"{CREATED_WITH} · {' · '.join(versions)}", style)


def dose_text(amount: Decimal, unit: str) -> str:
    """0.50 mg/kg -> '0.5 mg/kg'; 84.000 mg -> '84 mg' (no exponent, no trailing zeros)."""
    text = format(amount.normalize(), "f")
    return f"{text} {unit}".strip()


def date_range(first: date, last: date) -> str:
    if first == last:
        return f"on {format_date(first)}"
    return f"from {format_date(first)} to {format_date(last)}"


def build_letter(setup: PageSetup, story: list[Flowable]) -> bytes:
    """The letter's bytes: identical for identical input, so archived copies reprint
    byte for byte."""
    return build_pdf(setup, story, invariant=True)
