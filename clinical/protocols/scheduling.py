"""Concrete dates for the calendar, re-planned from the treatments actually given.

Ladder steps: each date is the anchor (the last treatment given) plus a whole number of
intervals, each moved to the nearest weekday on its own when the template is weekdays-only, so
a Saturday move never drifts the dates after it.

Weekly blocks (induction): weeks are 7-day windows from the block's first day. A block of
k a week takes k of the window's clinic days (all 7, or its 5 weekdays), spread as day
indices ceil(i × n / k): 2 a week on weekdays from a Monday is Monday and Thursday, 3 a week
Monday, Wednesday, Friday, 5 a week every weekday. The next block begins when the previous
block's weeks are over (or the day after its last session, if later).

Re-planning: missed and cancelled sessions do not count. The remaining sessions of a block
take the block's next days at least the block's shortest gap after the last session actually
given (a once-a-week block restarts its week on that day), so an early or late session moves
the rest; no date is planned before `not_before` (today).
"""

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from itertools import count as count_up
from itertools import islice, pairwise

from clinical.protocols.course import Course, LadderPosition, Session
from clinical.protocols.dates import add_months, clinic_day, is_weekday
from clinical.protocols.enums import Phase, ProtocolKind, SessionStatus
from clinical.protocols.templates import LadderStep, WeeklyBlock


def plan_dates(
    step: LadderStep,
    anchor: date,
    *,
    count: int | None = None,
    step_started_on: date | None = None,
    weekdays_only: bool = False,
    not_before: date | None = None,
) -> tuple[date, ...]:
    """The treatments at `step` after `anchor`, the last treatment actually given.

    How many: `count` if given; else the step's `treatments_required`; for a time-based step,
    every date up to and including the first on or after `step_started_on` (default: the
    anchor) plus the step's months. An open-ended step needs `count`. When the first date is
    before `not_before`, it moves to `not_before` and the rest follow from it.
    """
    interval = timedelta(days=step.interval_days)
    first = clinic_day(anchor + interval, weekdays_only)
    if not_before is not None and first < not_before:
        first, origin = not_before, not_before
    else:
        origin = anchor + interval
    dates = (
        first if k == 0 else clinic_day(origin + k * interval, weekdays_only) for k in count_up()
    )
    if count is not None:
        return tuple(islice(dates, count))
    if step.treatments_required is not None:
        return tuple(islice(dates, step.treatments_required))
    if step.months is not None:
        ends = add_months(step_started_on or anchor, step.months)
        if anchor >= ends:
            return ()
        planned: list[date] = []
        for planned_day in dates:
            planned.append(planned_day)
            if planned_day >= ends:
                return tuple(planned)
    raise ValueError(f"{step.label} is open-ended: say how many dates to plan")


def block_days(per_week: int, window_start: date, weekdays_only: bool) -> tuple[int, ...]:
    """Day offsets in a 7-day window starting `window_start` used by `per_week` sessions."""
    clinic_days = [
        offset
        for offset in range(7)
        if not weekdays_only or is_weekday(window_start + timedelta(days=offset))
    ]
    n = len(clinic_days)
    if per_week > n:
        raise ValueError(f"{per_week} sessions a week do not fit in {n} clinic days")
    return tuple(clinic_days[-(-i * n // per_week)] for i in range(per_week))


def _shortest_gap(days: tuple[int, ...]) -> int:
    gaps = [later - earlier for earlier, later in pairwise(days)]
    gaps.append(7 - days[-1] + days[0])
    return min(gaps)


def _slots(origin: date, days: tuple[int, ...]) -> Iterator[date]:
    for week in count_up():
        for offset in days:
            yield origin + timedelta(days=7 * week + offset)


def plan_induction(
    blocks: Sequence[WeeklyBlock],
    start: date,
    given: Sequence[date] = (),
    *,
    weekdays_only: bool = False,
    not_before: date | None = None,
) -> tuple[date, ...]:
    """The induction dates still to come, after the `given` ones (dates actually given)."""
    taken_all = sorted(day for day in given if day >= start)
    planned: list[date] = []
    block_start = start
    used = 0
    for block in blocks:
        taken = taken_all[used : used + block.sessions]
        used += len(taken)
        dates = list(taken)
        remaining = block.sessions - len(taken)
        if remaining:
            origin = taken[-1] if taken and block.per_week == 1 else block_start
            days = block_days(block.per_week, origin, weekdays_only)
            earliest = taken[-1] + timedelta(days=_shortest_gap(days)) if taken else block_start
            if not_before is not None:
                earliest = max(earliest, not_before)
            new = list(islice((d for d in _slots(origin, days) if d >= earliest), remaining))
            planned.extend(new)
            dates.extend(new)
        weeks = -(-block.sessions // block.per_week)
        block_start = max(block_start + timedelta(weeks=weeks), dates[-1] + timedelta(days=1))
    return tuple(planned)


def replan(
    course: Course, sessions: Sequence[Session], today: date, *, open_ended_count: int = 3
) -> tuple[date, ...]:
    """The rest of the current induction or step, from the treatments actually given.

    Empty when the step's treatments or time are complete (the next date then depends on the
    decision in `propose_next_booster`), and in phases with no schedule (drug holiday,
    discontinued, symptom-triggered maintenance).
    """
    given = sorted(s.on for s in sessions if s.status is SessionStatus.GIVEN and s.on <= today)
    template = course.template
    if course.phase is Phase.INDUCTION:
        return plan_induction(
            template.induction,
            course.started_on,
            given,
            weekdays_only=template.weekdays_only,
            not_before=today,
        )
    if course.phase is Phase.MAINTENANCE and template.kind is not ProtocolKind.SYMPTOM_TRIGGERED:
        return _rest_of_step(
            template.ladder,
            course.position,
            given,
            today,
            template.weekdays_only,
            open_ended_count,
        )
    if course.phase is Phase.TAPER:
        return _rest_of_step(
            course.taper.ladder,
            course.taper_position,
            given,
            today,
            template.weekdays_only,
            open_ended_count,
        )
    return ()


def _rest_of_step(
    ladder: tuple[LadderStep, ...],
    position: LadderPosition | None,
    given: list[date],
    today: date,
    weekdays_only: bool,
    open_ended_count: int,
) -> tuple[date, ...]:
    if position is None:
        return ()
    step = ladder[position.index]
    anchor = max([position.started_on, *given])
    count_needed: int | None = None
    if step.treatments_required is not None:
        count_needed = step.treatments_required - sum(1 for d in given if d > position.started_on)
        if count_needed <= 0:
            return ()
    elif step.open_ended:
        count_needed = open_ended_count
    return plan_dates(
        step,
        anchor,
        count=count_needed,
        step_started_on=position.started_on,
        weekdays_only=weekdays_only,
        not_before=today,
    )
