"""Seed 002 "Interval Extension Protocol", run on any ladder of steps.

Extension Rules, exactly:
- extend only when the last score is at or below the remission threshold OR at least 50%
  below the acute baseline, AND the treatments required at the current step have been given
  (a time-based step: its months have passed, counted to the last treatment given);
- return to the previous interval when the score rises MORE than 25% above the maintenance
  nadir (exactly 25% does not step back);
- otherwise continue at the current interval, saying which condition is missing.

"The last score" is the latest one recorded after the step began: the score that decided the
previous step is not evidence about this one. The tolerance table (`tolerance.py`) is checked
too: loss of effect first, then the score rule, then benefit shorter than the interval.
"""

from datetime import date

from clinical.protocols.course import LadderPosition
from clinical.protocols.dates import add_months
from clinical.protocols.enums import Action, Phase, TolerancePattern
from clinical.protocols.facts import Facts
from clinical.protocols.measures import course_remission, meets, rises_more_than
from clinical.protocols.proposal import Proposal
from clinical.protocols.templates import LadderStep
from clinical.protocols.tolerance import ToleranceFinding, duration_finding, peak_finding
from clinical.protocols.wording import day, every, fails_phrase, meets_phrase, plural, rise_phrase


def start_ladder(f: Facts, rule: str, because: str = "") -> Proposal:
    """Put the course on the first step, counting from the last treatment given."""
    step = f.course.template.ladder[0]
    anchor = f.last_given or f.today
    proposed = f.next_date(anchor, step.interval_days) if f.last_given else f.today
    reason = f"Start maintenance {every(step.interval_days)} ({step.label})"
    return Proposal(
        action=Action.START,
        rule=rule,
        reason=f"{reason}: {because}" if because else reason,
        phase=Phase.MAINTENANCE,
        proposed_date=proposed,
        interval_days=step.interval_days,
        position=LadderPosition(0, anchor),
        step=step,
        anchor=f.last_given,
    )


def step_back(
    f: Facts,
    ladder: tuple[LadderStep, ...],
    position: LadderPosition,
    anchor: date,
    *,
    rule: str,
    at_first_rule: str,
    because: str,
    phase: Phase,
) -> Proposal:
    """Return to the previous interval; on the first step there is none: a clinician decides."""
    step = ladder[position.index]
    if position.index == 0:
        advice = ""
        if step.interval_days <= 7:
            advice = "; seed 002 advises against dosing more often than weekly long-term"
        return Proposal(
            action=Action.REVIEW,
            rule=at_first_rule,
            reason=(
                f"Review: {because}, and {every(step.interval_days)} is already the first "
                f"step{advice}"
            ),
            phase=phase,
            proposed_date=f.next_date(anchor, step.interval_days),
            interval_days=step.interval_days,
            position=position,
            step=step,
            anchor=anchor,
        )
    previous = ladder[position.index - 1]
    return Proposal(
        action=Action.STEP_BACK,
        rule=rule,
        reason=f"Step back to {every(previous.interval_days)}: {because}",
        phase=phase,
        proposed_date=f.next_date(anchor, previous.interval_days),
        interval_days=previous.interval_days,
        position=LadderPosition(position.index - 1, anchor),
        step=previous,
        anchor=anchor,
    )


def holiday_span(f: Facts) -> str:
    low, high = f.settings.holiday_min_days, f.settings.holiday_max_days
    if low % 7 == 0 and high % 7 == 0:
        return f"{low // 7}-{high // 7} weeks"
    return f"{low}-{high} days"


def peak_tolerance_proposal(
    f: Facts, finding: ToleranceFinding, position: LadderPosition, anchor: date
) -> Proposal:
    """Seed 002 tolerance table: reduced peak or complete loss of response."""
    step = f.course.template.ladder[position.index]
    if finding.pattern is TolerancePattern.COMPLETE_LOSS:
        return Proposal(
            action=Action.SUGGEST_DRUG_HOLIDAY,
            rule="seed002.tolerance.complete_loss",
            reason=(
                f"Suggest a drug holiday of {holiday_span(f)}, then reassess and restart at the "
                f"previous effective dose: complete loss of response, {finding.evidence}"
            ),
            phase=Phase.DRUG_HOLIDAY,
            proposed_date=f.next_date(anchor, f.settings.holiday_min_days),
            position=position,
            step=step,
            anchor=anchor,
        )
    return Proposal(
        action=Action.CONSIDER_DOSE_OR_HOLIDAY,
        rule="seed002.tolerance.reduced_peak",
        reason=(
            f"Consider a dose increase or a drug holiday: reduced peak effect, {finding.evidence}"
        ),
        phase=f.course.phase,
        proposed_date=f.next_date(anchor, step.interval_days),
        interval_days=step.interval_days,
        position=position,
        step=step,
        anchor=anchor,
    )


def duration_tolerance_proposal(
    f: Facts, finding: ToleranceFinding, position: LadderPosition, anchor: date
) -> Proposal:
    if finding.pattern is TolerancePattern.SHORTER_DURATION:
        rule, because = (
            "seed002.tolerance.shorter_duration",
            f"peak effect kept but {finding.evidence}; increase the frequency",
        )
    else:
        rule, because = (
            "seed002.tolerance.gradual",
            f"{finding.evidence}; shorten the interval before raising the dose",
        )
    return step_back(
        f,
        f.course.template.ladder,
        position,
        anchor,
        rule=rule,
        at_first_rule="seed002.tolerance.at_shortest",
        because=because,
        phase=Phase.MAINTENANCE,
    )


def sustained_remission_notes(f: Facts) -> tuple[str, ...]:
    """Seed 002 "When to Consider Transition": sustained remission for 6+ months."""
    run_start: date | None = None
    for point in f.scores:
        in_run = course_remission(f.course, point.total)
        run_start = (run_start or point.on) if in_run else None
    months = f.settings.sustained_remission_months
    if run_start is None or run_start > add_months(f.today, -months):
        return ()
    return (
        f"{f.course.scale} in remission since {day(run_start)} ({months} months or more): seed "
        "002 suggests considering a taper once other treatments are optimized.",
    )


def step_progress(
    f: Facts, step: LadderStep, position: LadderPosition, anchor: date
) -> tuple[bool, str, str]:
    """Whether the step's length is served, what was served, and what is still missing."""
    interval = step.interval_days
    if step.treatments_required is not None:
        given = len(f.given_after(position.started_on))
        required = step.treatments_required
        return (
            given >= required,
            f"{plural(given, 'treatment')} at {interval} days",
            f"{given} of {required} treatments given at {interval} days",
        )
    assert step.months is not None
    ends = add_months(position.started_on, step.months)
    return (
        anchor >= ends,
        f"{plural(step.months, 'month')} at {interval} days since {day(position.started_on)}",
        f"{plural(step.months, 'month')} at {interval} days are complete with the first "
        f"treatment on or after {day(ends)}",
    )


def decide_ladder(f: Facts) -> Proposal:
    course, settings = f.course, f.settings
    ladder = course.template.ladder
    position = course.position
    if position is None:
        return start_ladder(f, "seed002.ladder.start")
    step = ladder[position.index]
    anchor = f.anchor(position.started_on)
    latest = f.latest_score_after(position.started_on)

    finding = peak_finding(f.given, course, settings)
    if finding is not None:
        return peak_tolerance_proposal(f, finding, position, anchor)
    nadir = f.nadir
    if (
        latest is not None
        and nadir is not None
        and rises_more_than(nadir.total, latest.total, settings.step_back_rise_pct)
    ):
        return step_back(
            f,
            ladder,
            position,
            anchor,
            rule="seed002.step_back",
            at_first_rule="seed002.step_back.at_first_step",
            because=rise_phrase(
                course.scale,
                latest.total,
                nadir.total,
                "maintenance nadir",
                settings.step_back_rise_pct,
            ),
            phase=Phase.MAINTENANCE,
        )
    duration = duration_finding(f.given, position.started_on, step.interval_days, course, settings)
    if duration is not None:
        return duration_tolerance_proposal(f, duration, position, anchor)

    notes = sustained_remission_notes(f) + f.overdue_notes(anchor, step.interval_days)
    if position.index == len(ladder) - 1:
        return Proposal(
            action=Action.CONTINUE,
            rule="seed002.top_of_ladder",
            reason=(
                f"Continue {every(step.interval_days)}: top of the ladder ({step.label}); "
                "add a longer step to keep extending"
            ),
            phase=Phase.MAINTENANCE,
            proposed_date=f.next_date(anchor, step.interval_days),
            interval_days=step.interval_days,
            position=position,
            step=step,
            anchor=anchor,
            notes=notes,
        )

    served, served_text, missing_text = step_progress(f, step, position, anchor)
    missing = [] if served else [missing_text]
    score_text = ""
    if course.template.extend_requires_stability:
        pct = settings.extend_min_improvement_pct
        if latest is None:
            missing.append(
                f"no {course.scale} recorded since this step began on {day(position.started_on)}"
            )
        elif meets(course, latest.total, pct):
            score_text = f", {meets_phrase(course, latest.total, pct)}"
        else:
            missing.append(fails_phrase(course, latest.total, pct))

    if missing:
        return Proposal(
            action=Action.CONTINUE,
            rule="seed002.continue",
            reason=f"Continue {every(step.interval_days)}: " + "; ".join(missing),
            phase=Phase.MAINTENANCE,
            proposed_date=f.next_date(anchor, step.interval_days),
            interval_days=step.interval_days,
            position=position,
            step=step,
            anchor=anchor,
            notes=notes,
        )
    following = ladder[position.index + 1]
    return Proposal(
        action=Action.EXTEND,
        rule="seed002.extend",
        reason=f"Extend to {every(following.interval_days)}: {served_text}{score_text}",
        phase=Phase.MAINTENANCE,
        proposed_date=f.next_date(anchor, following.interval_days),
        interval_days=following.interval_days,
        position=LadderPosition(position.index + 1, anchor),
        step=following,
        anchor=anchor,
        notes=sustained_remission_notes(f),
    )
