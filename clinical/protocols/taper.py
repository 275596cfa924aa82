"""Seed 002 "Transition Strategies", Gradual Taper: steps go by time.

A taper step of m months is complete once a treatment has been given on or after the date m
calendar months after the step began (so every step lasts at least its months); after the last
step, scheduled boosters stop and the course is discontinued with boosters as needed. A rise
of more than 25% above the maintenance nadir returns to the previous taper interval, or from
the first taper step to the maintenance interval the course was on before the taper: the
taper table has no such rule, the extension rules' "return to previous interval" is applied.
"""

from datetime import date

from clinical.protocols.course import LadderPosition
from clinical.protocols.dates import add_months
from clinical.protocols.enums import Action, Phase
from clinical.protocols.facts import Facts
from clinical.protocols.ladder import step_back
from clinical.protocols.measures import rises_more_than
from clinical.protocols.proposal import Proposal
from clinical.protocols.wording import day, every, plural, rise_phrase


def _plan_text(f: Facts) -> str:
    parts = [
        f"{every(s.interval_days)}"
        + (f" for {plural(s.months, 'month')}" if s.months is not None else "")
        for s in f.course.taper.ladder
    ]
    return ", then ".join(parts) + ", then boosters as needed"


def _begin(f: Facts) -> Proposal:
    step = f.course.taper.ladder[0]
    anchor = f.last_given or f.today
    return Proposal(
        action=Action.BEGIN_TAPER,
        rule="seed002.taper.begin",
        reason=f"Begin the taper at {every(step.interval_days)}: {_plan_text(f)}",
        phase=Phase.TAPER,
        proposed_date=f.next_date(anchor, step.interval_days) if f.last_given else f.today,
        interval_days=step.interval_days,
        position=LadderPosition(0, anchor),
        step=step,
        anchor=f.last_given,
    )


def decide_taper(f: Facts) -> Proposal:
    course, settings = f.course, f.settings
    ladder = course.taper.ladder
    position = course.taper_position
    if position is None:
        return _begin(f)
    step = ladder[position.index]
    anchor = f.anchor(position.started_on)
    latest = f.latest_score_after(position.started_on)
    nadir = f.nadir
    if (
        latest is not None
        and nadir is not None
        and rises_more_than(nadir.total, latest.total, settings.step_back_rise_pct)
    ):
        because = rise_phrase(
            course.scale,
            latest.total,
            nadir.total,
            "maintenance nadir",
            settings.step_back_rise_pct,
        )
        if position.index > 0 or course.position is None:
            return step_back(
                f,
                ladder,
                position,
                anchor,
                rule="seed002.step_back",
                at_first_rule="seed002.step_back.at_first_step",
                because=because,
                phase=Phase.TAPER,
            )
        resumed = course.template.ladder[course.position.index]
        return Proposal(
            action=Action.STEP_BACK,
            rule="seed002.taper.resume_maintenance",
            reason=(
                f"Step back to {every(resumed.interval_days)}, the maintenance interval before "
                f"the taper: {because}"
            ),
            phase=Phase.MAINTENANCE,
            proposed_date=f.next_date(anchor, resumed.interval_days),
            interval_days=resumed.interval_days,
            position=LadderPosition(course.position.index, anchor),
            step=resumed,
            anchor=anchor,
        )

    if step.months is None:
        return _continue(f, position, anchor, f"{step.label} has no set length")
    ends = add_months(position.started_on, step.months)
    served = (
        f"{plural(step.months, 'month')} at {step.interval_days} days since "
        f"{day(position.started_on)}"
    )
    if anchor < ends:
        return _continue(
            f,
            position,
            anchor,
            f"{plural(step.months, 'month')} at this step are complete with the first treatment "
            f"on or after {day(ends)}",
        )
    if position.index == len(ladder) - 1:
        return Proposal(
            action=Action.DISCONTINUE,
            rule="seed002.taper.stop",
            reason=(
                f"Stop scheduled boosters, boosters as needed from now: the taper is complete "
                f"({served}; last treatment {day(anchor)})"
            ),
            phase=Phase.DISCONTINUED,
            position=position,
            step=step,
            anchor=anchor,
        )
    following = ladder[position.index + 1]
    return Proposal(
        action=Action.EXTEND,
        rule="seed002.taper.next",
        reason=f"Taper to {every(following.interval_days)}: {served}",
        phase=Phase.TAPER,
        proposed_date=f.next_date(anchor, following.interval_days),
        interval_days=following.interval_days,
        position=LadderPosition(position.index + 1, anchor),
        step=following,
        anchor=anchor,
    )


def _continue(f: Facts, position: LadderPosition, anchor: date, why: str) -> Proposal:
    step = f.course.taper.ladder[position.index]
    return Proposal(
        action=Action.CONTINUE,
        rule="seed002.taper.continue",
        reason=f"Continue the taper {every(step.interval_days)}: {why}",
        phase=Phase.TAPER,
        proposed_date=f.next_date(anchor, step.interval_days),
        interval_days=step.interval_days,
        position=position,
        step=step,
        anchor=anchor,
        notes=f.overdue_notes(anchor, step.interval_days),
    )
