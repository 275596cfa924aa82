"""From the engine's proposal to appointments: the course as it stands once a proposal is
accepted, the dates to book, and the rest of the plan re-planned after a change.

The dates come from `clinical.protocols.scheduling`: the proposal's date first, then the rest
of the step (or induction) projected as if that treatment were given on that date. Phases
and actions that schedule nothing (a hold, a drug holiday, monitoring, a decision for the
clinician) book nothing.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from clinical.protocols import (
    Action,
    Comparison,
    Course,
    LadderPosition,
    Phase,
    Proposal,
    Session,
    SessionStatus,
    replan,
)
from clinical.scales import get_instrument
from clinical.scales.model import Comparison as ScaleComparison

# After the first date, how many more to book on an open-ended step (monthly and beyond).
OPEN_ENDED_AHEAD = 2

_BOOKS_NOTHING = frozenset(
    {Action.HOLD, Action.MONITOR, Action.SUGGEST_DRUG_HOLIDAY, Action.DISCONTINUE}
)


def apply_proposal(course: Course, proposal: Proposal, today: date) -> Course:
    """The course once `proposal` is accepted: its phase, and its place on the ladders."""
    phase = proposal.phase
    changes: dict[str, object] = {"phase": phase}
    if phase is Phase.INDUCTION:
        if course.phase is not Phase.INDUCTION:
            # A late relapse restarts with an acute series, counted from its first day.
            changes |= {
                "started_on": proposal.proposed_date or today,
                "taper_position": None,
                "holiday_started_on": None,
                "discontinued_on": None,
                "relapse_on": None,
            }
    elif phase is Phase.MAINTENANCE:
        changes |= {
            "position": proposal.position or course.position,
            "taper_position": None,
            "holiday_started_on": None,
            "discontinued_on": None,
            "relapse_on": None,
        }
    elif phase is Phase.TAPER:
        changes["taper_position"] = proposal.position or course.taper_position
    elif phase is Phase.DRUG_HOLIDAY:
        if course.phase is not Phase.DRUG_HOLIDAY:
            changes["holiday_started_on"] = proposal.anchor or today
    elif phase is Phase.DISCONTINUED and course.phase is not Phase.DISCONTINUED:
        changes["discontinued_on"] = proposal.anchor or today
    return replace(course, **changes)  # type: ignore[arg-type]


def projected(course: Course, sessions: Sequence[Session], first: date) -> tuple[date, ...]:
    """`first`, then the rest of the current step or induction as if `first` were given."""
    assumed = [s for s in sessions if s.on < first or s.status is not SessionStatus.GIVEN]
    assumed.append(Session(first))
    rest = replan(course, assumed, first, open_ended_count=OPEN_ENDED_AHEAD)
    return (first, *(day for day in rest if day > first))


def dates_to_book(
    course_after: Course, sessions: Sequence[Session], proposal: Proposal
) -> tuple[date, ...]:
    """The treatments an accepted proposal books (nothing for a hold, holiday or stop)."""
    if proposal.proposed_date is None or proposal.action in _BOOKS_NOTHING:
        return ()
    if course_after.phase is Phase.DRUG_HOLIDAY:
        return ()
    return projected(course_after, sessions, proposal.proposed_date)


def rest_of_plan(
    course: Course, sessions: Sequence[Session], today: date, *, pivot: date | None = None
) -> tuple[date, ...]:
    """The dates still to come in the current step, from the treatments really given.

    `pivot`: a booked treatment the rest should follow (one just moved): it is counted as
    if given on its new date, and the dates returned come after it.
    """
    if pivot is None:
        return replan(course, sessions, today, open_ended_count=OPEN_ENDED_AHEAD)
    return projected(course, sessions, pivot)[1:]


def remission_for(code: str) -> tuple[Decimal, Comparison] | None:
    """The remission threshold a course on this rating scale starts with (MADRS ≤ 10,
    PHQ-9 < 5), from the instrument's own definition; None for a scale without one."""
    cutoff = get_instrument(code).remission
    if cutoff is None or cutoff.comparison is ScaleComparison.AT_LEAST:
        return None
    comparison = (
        Comparison.AT_OR_BELOW if cutoff.comparison is ScaleComparison.AT_MOST else Comparison.BELOW
    )
    return Decimal(cutoff.value), comparison


def move_to_phase(course: Course, phase: Phase, last_given: date | None, today: date) -> Course:
    """The clinician's own change of phase (overriding the proposal): a taper from its first
    step, a drug holiday or boosters as needed from the last treatment given, maintenance at
    the step the course was on (or the first), or a new induction from today."""
    if phase is course.phase:
        return course
    anchor = last_given or today
    cleared: dict[str, object] = {
        "taper_position": None,
        "holiday_started_on": None,
        "discontinued_on": None,
        "relapse_on": None,
    }
    if phase is Phase.TAPER:
        return replace(course, phase=phase, taper_position=LadderPosition(0, anchor))
    if phase is Phase.DRUG_HOLIDAY:
        return replace(course, phase=phase, holiday_started_on=anchor)
    if phase is Phase.DISCONTINUED:
        return replace(course, phase=phase, discontinued_on=anchor)
    if phase is Phase.MAINTENANCE:
        position = course.position
        if position is None and course.template.ladder:
            position = LadderPosition(0, anchor)
        return replace(course, phase=phase, position=position, **cleared)  # type: ignore[arg-type]
    return replace(course, phase=phase, started_on=today, position=None, **cleared)  # type: ignore[arg-type]
