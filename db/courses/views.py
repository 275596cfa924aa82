"""What the course screens receive: plain values, detached from any session."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from clinical.calendar import Decision, Slot
from clinical.protocols import (
    Action,
    Comparison,
    Course,
    LadderPosition,
    Modality,
    Phase,
    Proposal,
    ProtocolTemplate,
)


@dataclass(frozen=True)
class CourseDraft:
    """A new course, or the editable part of one (the protocol is the patient's own copy)."""

    modality: Modality
    template: ProtocolTemplate
    scale: str
    acute_baseline: Decimal
    remission_threshold: Decimal
    remission_comparison: Comparison
    started_on: date
    prescriber: str
    dose_plan: str = ""
    tracking_scale: str = "PHQ2"
    tracking_baseline: Decimal | None = None
    taper: ProtocolTemplate | None = None
    phase: Phase = Phase.INDUCTION
    notes: str = ""


@dataclass(frozen=True)
class AuthorizationView:
    sessions_authorized: int
    reference: str
    valid_from: date
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class DecisionView:
    id: int
    proposed_on: date
    action: Action
    rule: str
    reason: str
    proposed_date: date | None
    interval_days: int | None
    phase_after: Phase
    decision: Decision
    chosen_date: date | None
    chosen_interval_days: int | None
    chosen_count: int | None
    override_reason: str
    chosen_phase: Phase | None
    decided_by: str
    decided_at: datetime

    @property
    def summary(self) -> str:
        when = self.decided_at.astimezone().strftime("%Y-%m-%d %H:%M")
        text = f"{self.decision.label} by {self.decided_by} on {when}: {self.reason}"
        if self.decision is Decision.OVERRIDDEN:
            if self.chosen_count and self.chosen_date:
                every = (
                    f", every {self.chosen_interval_days} days" if self.chosen_interval_days else ""
                )
                instead = f"{self.chosen_count} from {self.chosen_date.isoformat()}{every}"
            elif self.chosen_interval_days:
                instead = f"every {self.chosen_interval_days} days"
            else:
                instead = "nothing booked"
            if self.chosen_phase is not None:
                instead = f"{self.chosen_phase.label.lower()}; {instead}"
            text += f"\nInstead: {instead}. Why: {self.override_reason}"
        return text


@dataclass(frozen=True)
class CourseView:
    id: int
    version: int
    patient_id: int
    modality: Modality
    phase: Phase
    template: ProtocolTemplate
    taper: ProtocolTemplate
    scale: str
    scale_name: str
    acute_baseline: Decimal
    remission_threshold: Decimal
    remission_comparison: Comparison
    tracking_scale: str
    tracking_baseline: Decimal | None
    started_on: date
    prescriber: str
    dose_plan: str
    position: LadderPosition | None
    taper_position: LadderPosition | None
    holiday_started_on: date | None
    discontinued_on: date | None
    relapse_on: date | None
    closed_on: date | None
    notes: str
    sessions_given: int = 0
    booked_ahead: int = 0
    next_booked: date | None = None
    authorizations: tuple[AuthorizationView, ...] = ()
    decisions: tuple[DecisionView, ...] = ()

    @property
    def engine_course(self) -> Course:
        """The course as the protocol engine is told it."""
        return Course(
            modality=self.modality,
            phase=self.phase,
            template=self.template,
            started_on=self.started_on,
            acute_baseline=self.acute_baseline,
            remission_threshold=self.remission_threshold,
            remission_comparison=self.remission_comparison,
            scale=self.scale_name,
            position=self.position,
            taper=self.taper,
            taper_position=self.taper_position,
            holiday_started_on=self.holiday_started_on,
            discontinued_on=self.discontinued_on,
            relapse_on=self.relapse_on,
            tracking_scale=self.tracking_scale,
            tracking_baseline=self.tracking_baseline,
        )

    @property
    def active(self) -> bool:
        return self.closed_on is None

    @property
    def authorized(self) -> int | None:
        return self.authorizations[-1].sessions_authorized if self.authorizations else None

    @property
    def authorization_text(self) -> str:
        if self.authorized is None:
            return "No insurance authorization recorded"
        left = self.authorized - self.sessions_given
        reference = self.authorizations[-1].reference
        ref = f" (ref {reference})" if reference else ""
        state = f"{left} left" if left > 0 else "none left: raise the authorization"
        return f"{self.sessions_given} of {self.authorized} authorized sessions used{ref}, {state}"

    @property
    def step_text(self) -> str:
        """Where the course stands: "Every 10 days (step 2 of 5)", "Induction (6 sessions)"."""
        return course_step_text(self)

    @property
    def title(self) -> str:
        closed = f" · closed {self.closed_on.isoformat()}" if self.closed_on else ""
        return f"{self.modality.label} · {self.phase.label} · {self.template.name}{closed}"


def course_step_text(course: CourseView) -> str:
    if course.phase is Phase.INDUCTION:
        blocks = "; ".join(b.label for b in course.template.induction)
        if not blocks or blocks.lower().startswith("induction"):
            return blocks or "Induction"
        return f"Induction: {blocks}"
    if course.phase is Phase.TAPER and course.taper_position is not None:
        step = course.taper.ladder[course.taper_position.index]
        return (
            f"Taper: {step.label.lower()} (step {course.taper_position.index + 1} of "
            f"{len(course.taper.ladder)})"
        )
    if course.phase is Phase.MAINTENANCE and course.position is not None:
        step = course.template.ladder[course.position.index]
        return (
            f"Maintenance: {step.label.lower()} (step {course.position.index + 1} of "
            f"{len(course.template.ladder)})"
        )
    if course.phase is Phase.DRUG_HOLIDAY and course.holiday_started_on is not None:
        return f"Drug holiday since {course.holiday_started_on.isoformat()}"
    if course.phase is Phase.DISCONTINUED and course.discontinued_on is not None:
        return f"Boosters as needed since {course.discontinued_on.isoformat()}"
    return course.phase.label


@dataclass(frozen=True)
class PlannedBooking:
    """One treatment a decision would book: the slot asked for and, when that one cannot be
    booked, why not and the nearest free slot instead. `existing_id`: an appointment already
    booked that moves here rather than a new row."""

    wanted: Slot
    problem: str | None = None
    suggestion: Slot | None = None
    existing_id: int | None = None

    @property
    def slot(self) -> Slot | None:
        """What will be booked: the slot asked for, or the nearest free one."""
        return self.wanted if self.problem is None else self.suggestion


@dataclass(frozen=True)
class ProposalView:
    """The engine's proposal for a course today, and what accepting it would book."""

    course_id: int
    course_version: int
    today: date
    proposal: Proposal
    bookings: tuple[PlannedBooking, ...] = ()
    # Appointments already booked ahead that accepting would cancel (the plan replaces them).
    cancels: tuple[int, ...] = ()
    scores_considered: int = 0
    start_time: time | None = None
    # What accepting would book is booked already (e.g. the rest of an accepted induction).
    already_booked: bool = False

    @property
    def books_anything(self) -> bool:
        return bool(self.bookings)
