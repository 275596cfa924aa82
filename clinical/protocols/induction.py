"""The induction series, then the start of maintenance once response is confirmed.

Seed 002 "Standard Maintenance Protocol", Phase 1: "Complete acute series (6 infusions over
2-3 weeks); Confirm response (≥50% reduction in MADRS)". The same check ends the Spravato
induction (label: evaluate benefit at the end of induction) and the TMS course. Response is
read from the latest score after the course's first day, and remission counts as response.
"""

from clinical.protocols.enums import Action, Modality, Phase, ProtocolKind
from clinical.protocols.facts import Facts
from clinical.protocols.ladder import start_ladder
from clinical.protocols.measures import meets
from clinical.protocols.proposal import Proposal
from clinical.protocols.scheduling import plan_induction
from clinical.protocols.wording import day, fails_phrase, meets_phrase


def begin_maintenance(f: Facts, rule: str, because: str) -> Proposal:
    course = f.course
    if course.template.kind is ProtocolKind.SYMPTOM_TRIGGERED:
        return Proposal(
            action=Action.START,
            rule=rule,
            reason=(
                f"Start symptom-triggered maintenance with a daily {course.tracking_scale}: "
                f"{because}"
            ),
            phase=Phase.MAINTENANCE,
            anchor=f.last_given,
        )
    return start_ladder(f, rule, because)


def decide_induction(f: Facts) -> Proposal:
    course, template = f.course, f.course.template
    if not template.induction:
        return begin_maintenance(f, "induction.none", f"{template.name} has no induction")
    given = [s.on for s in f.given if s.on >= course.started_on]
    total = template.induction_sessions
    if len(given) < total:
        upcoming = plan_induction(
            template.induction,
            course.started_on,
            given,
            weekdays_only=template.weekdays_only,
            not_before=f.today,
        )
        following = upcoming[0]
        plan = "; ".join(block.label for block in template.induction)
        if not given:
            return Proposal(
                action=Action.START,
                rule="induction.start",
                reason=f"Start induction on {day(following)}: {plan}",
                phase=Phase.INDUCTION,
                proposed_date=following,
            )
        return Proposal(
            action=Action.CONTINUE,
            rule="induction.next",
            reason=f"Continue induction: treatment {len(given) + 1} of {total} on {day(following)}",
            phase=Phase.INDUCTION,
            proposed_date=following,
            interval_days=(following - given[-1]).days,
            anchor=given[-1],
        )

    done = f"induction complete ({total} treatments, last on {day(given[-1])})"
    after = [p for p in f.scores if p.on > course.started_on]
    if not after:
        return Proposal(
            action=Action.REVIEW,
            rule="induction.no_score",
            reason=f"Review: {done}; record a {course.scale} to confirm response",
            phase=Phase.INDUCTION,
            anchor=given[-1],
        )
    latest = after[-1]
    pct = f.settings.response_pct
    if meets(course, latest.total, pct):
        return begin_maintenance(
            f, "induction.complete", f"{done}, {meets_phrase(course, latest.total, pct)}"
        )
    notes: tuple[str, ...] = ()
    if course.modality in (Modality.IV_KETAMINE, Modality.IM_KETAMINE):
        notes = ("Seed 003 describes induction as 6-8 infusions over 3-6 weeks.",)
    return Proposal(
        action=Action.REVIEW,
        rule="induction.no_response",
        reason=f"Review: {done}, but no response yet: {fails_phrase(course, latest.total, pct)}",
        phase=Phase.INDUCTION,
        anchor=given[-1],
        notes=notes,
    )
