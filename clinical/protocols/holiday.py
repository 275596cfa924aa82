"""Seed 002 drug holiday: "Consider 4-6 week treatment pause; reinitiate at previous effective
dose"; for complete loss of response, "Drug holiday, then reassess".

The holiday is counted from the last treatment before it (`Course.holiday_started_on`):
boosters are held until 4 weeks have passed, then the course is reassessed and restarted on
the step it was on before the holiday (the previous effective interval) at the previous
effective dose. Past 6 weeks the proposal says so.
"""

from datetime import timedelta

from clinical.protocols.course import LadderPosition
from clinical.protocols.enums import Action, Phase
from clinical.protocols.facts import Facts
from clinical.protocols.ladder import holiday_span
from clinical.protocols.proposal import Proposal
from clinical.protocols.wording import day, every


def decide_holiday(f: Facts) -> Proposal:
    course, settings = f.course, f.settings
    started = course.holiday_started_on
    assert started is not None  # Course refuses a holiday without its start
    days = (f.today - started).days
    reassess_on = started + timedelta(days=settings.holiday_min_days)
    span = holiday_span(f)
    since = f"{days} days since the last treatment on {day(started)}"
    if f.today < reassess_on:
        return Proposal(
            action=Action.HOLD,
            rule="seed002.holiday.hold",
            reason=(
                f"Hold boosters: drug holiday of {span}, {since}; reassess on {day(reassess_on)}, "
                "then restart at the previous effective dose"
            ),
            phase=Phase.DRUG_HOLIDAY,
            proposed_date=reassess_on,
            position=course.position,
            anchor=started,
        )
    ladder = course.template.ladder
    index = course.position.index if course.position is not None else 0
    step = ladder[index] if ladder else None
    length = (
        f"the drug holiday has run {days} days, past the {span}"
        if days > settings.holiday_max_days
        else f"the drug holiday of {span} is complete ({since})"
    )
    restart = f", {every(step.interval_days)}" if step is not None else ""
    return Proposal(
        action=Action.RESTART_MAINTENANCE,
        rule="seed002.holiday.restart",
        reason=(
            f"Reassess, then restart maintenance at the previous effective dose{restart}: {length}"
        ),
        phase=Phase.MAINTENANCE,
        proposed_date=f.today,
        interval_days=step.interval_days if step is not None else None,
        position=LadderPosition(index, started) if step is not None else None,
        step=step,
        anchor=started,
    )
