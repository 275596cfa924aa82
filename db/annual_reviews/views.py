"""What the annual review form gives and receives: plain values, no session."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from db.annual_reviews.decision import ReviewDecision


class ScreenSource(StrEnum):
    """Where a cognitive screen was recorded."""

    CHECKLIST = "checklist"  # a monitoring completion of the item "cognitive_screen"
    SCALE = "scale"  # a MoCA entered as a rating scale


@dataclass(frozen=True)
class CognitiveScreenLink:
    source: ScreenSource
    record_id: int


@dataclass(frozen=True)
class CognitiveScreenChoice:
    """A cognitive screen on the chart the review may link, newest first."""

    link: CognitiveScreenLink
    done_on: date
    text: str  # "MoCA 27/30 (normal), 2026-03-02"


@dataclass(frozen=True)
class AnnualReviewDraft:
    """The form as the reviewer filled it in. `cognitive_screen`: the MoCA the review looked
    at (None with a note saying why there is none). `consent_reaffirmed_on`: the day the
    patient reaffirmed consent; given only when they did."""

    reviewed_on: date
    safety_assessment: str
    continuation_discussion: str
    decision: ReviewDecision
    decision_reasoning: str
    consent_reaffirmed: bool
    consent_reaffirmed_on: date | None = None
    cognitive_screen: CognitiveScreenLink | None = None
    cognitive_note: str = ""
    course_id: int | None = None


@dataclass(frozen=True)
class AnnualReviewView:
    id: int
    patient_id: int
    course_id: int | None
    reviewed_on: date
    reviewer: str
    safety_assessment: str
    cognitive_screen: CognitiveScreenLink | None
    cognitive_screen_text: str  # what the linked screen showed, or ""
    cognitive_note: str
    continuation_discussion: str
    decision: ReviewDecision
    decision_reasoning: str
    consent_reaffirmed: bool
    consent_reaffirmed_on: date | None
    recorded_by: str
    created_at: datetime
    # The checklist items this review closed, by item code.
    closed_items: tuple[str, ...] = ()
