"""Seed 002 "Managing Relapse After Discontinuation".

- Early (< 1 month): reinitiate maintenance at the previous frequency; extend stabilization
  before the next taper attempt.
- Intermediate (1-3 months): a single infusion or short series may restore response;
  reassess the maintenance strategy; consider adjunctive treatments.
- Late (> 3 months): may respond to a standard acute series; look for new factors; revise the
  maintenance plan.

Months are calendar months from the date boosters stopped (`dates.add_months`): a relapse
before the same date one month later is early; from that date up to and including the same
date three months later it is intermediate (both ends of "1-3 months" belong to it); after
that, late. Stopped 2026-04-01: 2026-04-30 (29 days) early, 2026-05-01 (30 days) intermediate,
2026-07-01 intermediate, 2026-07-02 late. Stopped 2026-01-01: 2026-01-31 (30 days) early,
2026-02-01 (31 days) intermediate.

The relapse date is the clinician's (`Course.relapse_on`) or else the first score after
boosters stopped that has lost response: not in remission and less than 50% below the acute
baseline.
"""

from datetime import date

from clinical.protocols.course import LadderPosition, ScorePoint
from clinical.protocols.dates import add_months
from clinical.protocols.enums import Action, Phase, RelapseTiming
from clinical.protocols.facts import Facts
from clinical.protocols.measures import meets
from clinical.protocols.proposal import Proposal
from clinical.protocols.wording import day, every, fails_phrase, meets_phrase


def classify_relapse(discontinued_on: date, relapse_on: date) -> RelapseTiming:
    if relapse_on < discontinued_on:
        raise ValueError("A relapse after discontinuation cannot come before it.")
    if relapse_on < add_months(discontinued_on, 1):
        return RelapseTiming.EARLY
    if relapse_on <= add_months(discontinued_on, 3):
        return RelapseTiming.INTERMEDIATE
    return RelapseTiming.LATE


def _first_loss(f: Facts, discontinued_on: date) -> ScorePoint | None:
    return next(
        (
            p
            for p in f.scores
            if p.on > discontinued_on and not meets(f.course, p.total, f.settings.response_pct)
        ),
        None,
    )


_TIMING_WORDS = {
    RelapseTiming.EARLY: "less than 1 month",
    RelapseTiming.INTERMEDIATE: "1-3 months",
    RelapseTiming.LATE: "more than 3 months",
}


def decide_discontinued(f: Facts) -> Proposal:
    course = f.course
    stopped = course.discontinued_on
    assert stopped is not None  # Course refuses a discontinued course without the date
    loss = None if course.relapse_on is not None else _first_loss(f, stopped)
    relapse_on = course.relapse_on or (loss.on if loss is not None else None)
    if relapse_on is None or relapse_on > f.today:
        latest = f.latest_score_after(stopped)
        status = (
            f" ({meets_phrase(course, latest.total, f.settings.response_pct)} on {day(latest.on)})"
            if latest is not None
            else ""
        )
        return Proposal(
            action=Action.MONITOR,
            rule="seed002.discontinued.monitor",
            reason=(
                f"Boosters as needed: no relapse since boosters stopped on {day(stopped)}{status}"
            ),
            phase=Phase.DISCONTINUED,
            position=course.position,
            anchor=stopped,
        )

    timing = classify_relapse(stopped, relapse_on)
    evidence = (
        f", {fails_phrase(course, loss.total, f.settings.response_pct)}" if loss is not None else ""
    )
    described = (
        f"{timing.value} relapse on {day(relapse_on)}, {(relapse_on - stopped).days} days after "
        f"boosters stopped on {day(stopped)} ({_TIMING_WORDS[timing]}){evidence}"
    )
    treated = f.given_after(relapse_on)
    if treated:
        return Proposal(
            action=Action.REVIEW,
            rule="seed002.relapse.treated",
            reason=(
                f"Review the maintenance strategy: {described}, treated on {day(treated[0].on)}"
            ),
            phase=Phase.DISCONTINUED,
            position=course.position,
            anchor=treated[-1].on,
        )
    if timing is RelapseTiming.EARLY:
        ladder = course.template.ladder
        index = course.position.index if course.position is not None else 0
        step = ladder[index] if ladder else None
        frequency = f", {every(step.interval_days)}" if step is not None else ""
        return Proposal(
            action=Action.RESTART_MAINTENANCE,
            rule="seed002.relapse.early",
            reason=(
                f"Restart maintenance at the previous frequency{frequency}: {described}; "
                "extend the stabilization period before the next taper attempt"
            ),
            phase=Phase.MAINTENANCE,
            proposed_date=f.today,
            interval_days=step.interval_days if step is not None else None,
            position=LadderPosition(index, f.last_given or stopped) if step is not None else None,
            step=step,
            anchor=f.last_given,
        )
    if timing is RelapseTiming.INTERMEDIATE:
        return Proposal(
            action=Action.TRIGGER_BOOSTER_NOW,
            rule="seed002.relapse.intermediate",
            reason=(
                f"Booster now, a single treatment or a short series: {described}; reassess "
                "the maintenance strategy and consider adjunctive treatments"
            ),
            phase=Phase.DISCONTINUED,
            proposed_date=f.today,
            position=course.position,
            anchor=f.last_given,
        )
    return Proposal(
        action=Action.RESTART_INDUCTION,
        rule="seed002.relapse.late",
        reason=(
            f"Restart with a standard acute series: {described}; look for new factors behind "
            "the relapse and revise the maintenance plan"
        ),
        phase=Phase.INDUCTION,
        proposed_date=f.today,
        anchor=f.last_given,
    )
