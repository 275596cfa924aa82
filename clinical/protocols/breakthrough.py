"""Seed 002 "Hybrid Protocol": monthly base infusions, boosters if symptoms break through,
weekly symptom tracking, monthly review of frequency adequacy.

Breakthrough is the same measure as the step-back rule: the latest score after the last
treatment more than 25% above the maintenance nadir; or a sentinel-symptom or impairment flag
on a tracking entry after it. A breakthrough booster restarts the base interval (the next base
treatment counts from the last treatment given, whichever kind), so two never fall close
together. The monthly review is a note when more than one treatment fell in the last review
period.
"""

from datetime import timedelta

from clinical.protocols.enums import Action, Phase
from clinical.protocols.facts import Facts
from clinical.protocols.ladder import (
    duration_tolerance_proposal,
    peak_tolerance_proposal,
    start_ladder,
)
from clinical.protocols.measures import rises_more_than
from clinical.protocols.proposal import Proposal
from clinical.protocols.symptom_trigger import flag_trigger, tracking_notes, trigger_now
from clinical.protocols.tolerance import duration_finding, peak_finding
from clinical.protocols.wording import day, every, rise_phrase


def _review_notes(f: Facts, interval_days: int) -> tuple[str, ...]:
    period = f.course.template.review_every_days
    if period is None:
        return ()
    window_start = f.today - timedelta(days=period)
    recent = [s for s in f.given if s.on > window_start]
    if len(recent) <= 1:
        return ()
    return (
        f"{len(recent)} treatments in the last {period} days: review whether "
        f"{every(interval_days)} is frequent enough (monthly review).",
    )


def decide_hybrid(f: Facts) -> Proposal:
    course, settings = f.course, f.settings
    position = course.position
    if position is None:
        return start_ladder(f, "seed002.hybrid.start")
    step = course.template.ladder[position.index]
    anchor = f.anchor(position.started_on)

    finding = peak_finding(f.given, course, settings)
    if finding is not None:
        return peak_tolerance_proposal(f, finding, position, anchor)
    flagged = flag_trigger([p for p in f.tracking if p.on > anchor])
    if flagged is not None:
        return trigger_now(f, *flagged)
    latest = f.latest_score_after(anchor)
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
        return trigger_now(
            f, "seed002.hybrid.breakthrough", f"Booster now for breakthrough symptoms: {because}"
        )
    duration = duration_finding(f.given, position.started_on, step.interval_days, course, settings)
    if duration is not None:
        return duration_tolerance_proposal(f, duration, position, anchor)

    notes = (
        tracking_notes(f, course.template.tracking_every_days, "Weekly symptom tracking")
        + _review_notes(f, step.interval_days)
        + f.overdue_notes(anchor, step.interval_days)
    )
    return Proposal(
        action=Action.CONTINUE,
        rule="seed002.hybrid.base",
        reason=(
            f"Continue the base schedule, {every(step.interval_days)}: no breakthrough "
            f"symptoms since the treatment of {day(anchor)}"
        ),
        phase=Phase.MAINTENANCE,
        proposed_date=f.next_date(anchor, step.interval_days),
        interval_days=step.interval_days,
        position=position,
        step=step,
        anchor=anchor,
        notes=notes,
    )
