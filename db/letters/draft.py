"""What composing a letter gives back: the letter's data ready to render, or the facts it
still lacks, each with the place in the program where a clinician enters it."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from clinical.record.validation import Problem
from db.errors import InvalidEntryError


class FixPlace(StrEnum):
    """Where in the program a missing fact is entered (the screens link there)."""

    DEMOGRAPHICS = "demographics"
    INSURANCE = "insurance"
    DIAGNOSES = "diagnoses"
    MEDICATION_TRIALS = "medication_trials"
    PSYCHOTHERAPY = "psychotherapy"
    SCALES = "scales"
    COURSE = "course"
    LETTERHEAD_SETTINGS = "letterhead_settings"
    PRESCRIBER_DETAILS = "prescriber_details"
    SESSIONS = "sessions"
    CALENDAR = "calendar"
    CHECKLIST = "checklist"
    ANNUAL_REVIEW = "annual_review"
    LETTER_FORM = "letter_form"  # a free-text part of the letter itself

    @property
    def label(self) -> str:
        return _PLACE_LABELS[self]


_PLACE_LABELS = {
    FixPlace.DEMOGRAPHICS: "Chart: demographics",
    FixPlace.INSURANCE: "Chart: insurance",
    FixPlace.DIAGNOSES: "Chart: diagnoses",
    FixPlace.MEDICATION_TRIALS: "Chart: medication trials",
    FixPlace.PSYCHOTHERAPY: "Chart: psychotherapy",
    FixPlace.SCALES: "Chart: rating scales",
    FixPlace.COURSE: "Chart: treatment course",
    FixPlace.LETTERHEAD_SETTINGS: "Settings: letterhead",
    FixPlace.PRESCRIBER_DETAILS: "Settings: prescriber details",
    FixPlace.SESSIONS: "Chart: treatment sessions",
    FixPlace.CALENDAR: "Calendar",
    FixPlace.CHECKLIST: "Chart: monitoring checklist",
    FixPlace.ANNUAL_REVIEW: "Chart: annual review",
    FixPlace.LETTER_FORM: "This letter's form",
}


@dataclass(frozen=True)
class MissingFact:
    description: str  # a clinician's words: "No failed medication trial is on file."
    where: FixPlace


LetterT = TypeVar("LetterT")


@dataclass(frozen=True)
class LetterDraft(Generic[LetterT]):
    """Either `letter` (the data the renderer takes) or `missing` (never both)."""

    letter: LetterT | None = None
    missing: tuple[MissingFact, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "missing", tuple(self.missing))
        if (self.letter is None) == (not self.missing):
            raise ValueError("A letter draft holds a letter or its missing facts, not both.")

    @property
    def ready(self) -> bool:
        return self.letter is not None


class MissingFactsError(InvalidEntryError):
    """The letter was not printed: these facts are missing. Each problem's field names the
    place to enter it (a `FixPlace` value)."""

    def __init__(self, missing: tuple[MissingFact, ...]) -> None:
        self.missing = tuple(missing)
        super().__init__([Problem(fact.where.value, fact.description) for fact in self.missing])
