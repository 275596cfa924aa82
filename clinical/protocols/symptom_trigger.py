"""Seed 002 "Symptom-Triggered Protocol".

Daily PHQ-2 or similar; a booster when any of the three treatment triggers is met:
- "Sustained increase >25% above maintenance baseline for 3+ days": every daily total more
  than 25% above `Course.tracking_baseline` on 3 or more consecutive calendar days, the run
  ending at the latest entry. A day with no entry breaks the run (the rise must be seen to be
  sustained); with two entries on one day the later one counts.
- "Return of specific sentinel symptoms": a `TrackingPoint.sentinel_symptoms` flag.
- "Functional impairment noticed by patient or family": `TrackingPoint.functional_impairment`.
Only entries after the last treatment given count: a booster answers the entries before it.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from clinical.protocols.course import Score, TrackingPoint
from clinical.protocols.enums import Action, Phase
from clinical.protocols.facts import Facts
from clinical.protocols.measures import rises_more_than
from clinical.protocols.proposal import Proposal
from clinical.protocols.wording import day, num


def sustained_rise_run(
    points: Sequence[TrackingPoint], baseline: Score, pct: Decimal
) -> tuple[TrackingPoint, ...]:
    """The consecutive days ending at the latest entry whose totals are more than `pct` above
    the baseline (empty when the latest entry is not)."""
    by_day: dict[date, TrackingPoint] = {}
    for point in sorted(points, key=lambda p: p.on):
        by_day[point.on] = point
    run: list[TrackingPoint] = []
    for point in sorted(by_day.values(), key=lambda p: p.on, reverse=True):
        if run and run[-1].on - point.on != timedelta(days=1):
            break
        if not rises_more_than(baseline, point.total, pct):
            break
        run.append(point)
    return tuple(reversed(run))


def flag_trigger(points: Sequence[TrackingPoint]) -> tuple[str, str] | None:
    """The rule id and reason for a sentinel-symptom or impairment flag, if any."""
    for point in reversed(points):
        if point.sentinel_symptoms:
            return (
                "seed002.trigger.sentinel",
                f"Booster now: sentinel symptoms returned ({day(point.on)})",
            )
        if point.functional_impairment:
            return (
                "seed002.trigger.impairment",
                f"Booster now: functional impairment reported ({day(point.on)})",
            )
    return None


def trigger_now(f: Facts, rule: str, reason: str) -> Proposal:
    course = f.course
    step = course.template.ladder[course.position.index] if course.position is not None else None
    return Proposal(
        action=Action.TRIGGER_BOOSTER_NOW,
        rule=rule,
        reason=reason,
        phase=Phase.MAINTENANCE,
        proposed_date=f.today,
        position=course.position,
        step=step,
        anchor=f.last_given,
    )


def tracking_notes(f: Facts, every_days: int | None, what: str) -> tuple[str, ...]:
    """A reminder when between-visit tracking is overdue."""
    if every_days is None:
        return ()
    dates = [p.on for p in f.tracking] + [p.on for p in f.scores]
    if not dates:
        return (f"{what} due: none recorded yet.",)
    last = max(dates)
    if (f.today - last).days <= every_days:
        return ()
    return (f"{what} due: last recorded {day(last)}.",)


def decide_symptom_triggered(f: Facts) -> Proposal:
    course, settings = f.course, f.settings
    since = f.last_given
    recent = [p for p in f.tracking if since is None or p.on > since]
    scale = course.tracking_scale
    notes = tracking_notes(f, course.template.tracking_every_days, f"Daily {scale}")
    flagged = flag_trigger(recent)
    if flagged is not None:
        return trigger_now(f, *flagged)

    def monitor(rule: str, reason: str) -> Proposal:
        return Proposal(
            action=Action.MONITOR,
            rule=rule,
            reason=reason,
            phase=Phase.MAINTENANCE,
            position=course.position,
            anchor=f.last_given,
            notes=notes,
        )

    baseline = course.tracking_baseline
    if baseline is None:
        return monitor(
            "seed002.trigger.no_baseline",
            f"No booster now: set the patient's maintenance baseline on the daily {scale} to "
            f"use the {num(settings.trigger_rise_pct)}% trigger",
        )
    if not recent:
        after = f" since {day(since)}" if since is not None else ""
        return monitor("seed002.trigger.none", f"No booster now: no daily {scale} recorded{after}")
    run = sustained_rise_run(recent, baseline, settings.trigger_rise_pct)
    more = (
        f"more than {num(settings.trigger_rise_pct)}% above the maintenance baseline of "
        f"{num(baseline)}"
    )
    if len(run) >= settings.trigger_days:
        totals = ", ".join(num(p.total) for p in run)
        return trigger_now(
            f,
            "seed002.trigger.sustained_rise",
            f"Booster now: daily {scale} {more} for {len(run)} days in a row "
            f"({day(run[0].on)} to {day(run[-1].on)}: {totals})",
        )
    latest = recent[-1]
    if run:
        return monitor(
            "seed002.trigger.none",
            f"No booster now: daily {scale} {more} for {len(run)} of the "
            f"{settings.trigger_days} days in a row needed",
        )
    return monitor(
        "seed002.trigger.none",
        f"No booster now: daily {scale} {num(latest.total)} on {day(latest.on)} is not {more}",
    )
