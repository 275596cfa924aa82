"""What the letter screens receive: plain values, no session, no PDF bytes unless asked."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from db.letters.kinds import LetterKind


class LetterPurpose(StrEnum):
    """Why an archived letter's bytes are read, as the audit trail names it."""

    PREVIEW = "preview"
    PRINT = "print"
    SAVE = "save"


@dataclass(frozen=True)
class ArchivedLetterView:
    id: int
    patient_id: int
    mrn: str
    patient_name: str
    kind: LetterKind
    title: str
    template_version: str
    content_version: str
    sha256: str
    page_count: int
    size_bytes: int
    author_name: str
    signer_name: str
    signer_npi: str
    recipient: str
    created_at: datetime


@dataclass(frozen=True)
class BatchCandidate:
    """A patient a batch run would write `kind` for, and why."""

    patient_id: int
    mrn: str
    patient_name: str
    kind: LetterKind
    reason: str  # in the checklist's words for a consent, else why this patient is listed
    # The day it is for: the last day before a consent is overdue, the review's day, the
    # first session booked in the month; None for a medical-necessity letter.
    due_on: date | None = None
