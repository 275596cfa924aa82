"""Seed 002 Symptom-Triggered and Hybrid protocols."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from clinical.protocols import (
    Action,
    LadderPosition,
    Phase,
    TrackingPoint,
    hybrid,
    propose_next_booster,
    symptom_triggered,
)
from tests.clinical.protocols.protocol_builders import SETTINGS, course, given, scores

BOOSTER = date(2026, 2, 27)
MAR = [date(2026, 3, d) for d in range(1, 11)]


def daily(*totals: int | Decimal, start: date = MAR[0]) -> list[TrackingPoint]:
    return [TrackingPoint(start + timedelta(days=k), t) for k, t in enumerate(totals)]


def triggered_course(baseline: int | Decimal | None = 2):
    return course(template=symptom_triggered(), tracking_baseline=baseline)


def propose(c, tracking, today, sessions=None, points=()):
    sessions = given(BOOSTER) if sessions is None else sessions
    return propose_next_booster(c, sessions, list(points), today, SETTINGS, tracking=tracking)


# --- symptom-triggered -------------------------------------------------------------------------


def test_three_days_more_than_25_percent_above_baseline_trigger_a_booster() -> None:
    proposal = propose(triggered_course(), daily(3, 3, 3), MAR[2])
    assert proposal.action is Action.TRIGGER_BOOSTER_NOW
    assert proposal.rule == "seed002.trigger.sustained_rise"
    assert proposal.proposed_date == MAR[2]
    assert proposal.phase is Phase.MAINTENANCE
    assert proposal.reason == (
        "Booster now: daily PHQ-2 more than 25% above the maintenance baseline of 2 for 3 days "
        "in a row (2026-03-01 to 2026-03-03: 3, 3, 3)"
    )


def test_two_days_are_not_sustained() -> None:
    proposal = propose(triggered_course(), daily(1, 3, 3), MAR[2])
    assert proposal.action is Action.MONITOR
    assert proposal.rule == "seed002.trigger.none"
    assert proposal.proposed_date is None
    assert proposal.reason == (
        "No booster now: daily PHQ-2 more than 25% above the maintenance baseline of 2 for 2 of "
        "the 3 days in a row needed"
    )


def test_exactly_25_percent_above_baseline_does_not_count() -> None:
    proposal = propose(triggered_course(4), daily(5, 5, 5, 5), MAR[3])
    assert proposal.action is Action.MONITOR
    assert proposal.reason == (
        "No booster now: daily PHQ-2 5 on 2026-03-04 is not more than 25% above the maintenance "
        "baseline of 4"
    )
    assert propose(triggered_course(4), daily(6, 6, 6), MAR[2]).action is (
        Action.TRIGGER_BOOSTER_NOW
    )


def test_a_day_without_an_entry_breaks_the_run() -> None:
    points = [*daily(3, 3), *daily(3, 3, start=MAR[3])]  # nothing on Mar 3
    assert propose(triggered_course(), points, MAR[4]).action is Action.MONITOR
    assert propose(triggered_course(), [*points, *daily(3, start=MAR[5])], MAR[5]).action is (
        Action.TRIGGER_BOOSTER_NOW
    )


def test_the_run_must_reach_the_latest_entry() -> None:
    assert propose(triggered_course(), daily(3, 3, 3, 2), MAR[3]).action is Action.MONITOR


def test_the_later_entry_of_a_day_counts() -> None:
    points = [*daily(3, 3, 3), TrackingPoint(MAR[2], 1)]
    assert propose(triggered_course(), points, MAR[2]).action is Action.MONITOR


def test_a_booster_answers_the_entries_before_it() -> None:
    proposal = propose(triggered_course(), daily(3, 3, 3), MAR[3], sessions=given(MAR[2]))
    assert proposal.action is Action.MONITOR
    assert proposal.reason == "No booster now: no daily PHQ-2 recorded since 2026-03-03"


def test_sentinel_symptoms_and_impairment_trigger_at_once() -> None:
    sentinel = [TrackingPoint(MAR[0], 1, sentinel_symptoms=True)]
    proposal = propose(triggered_course(), sentinel, MAR[0])
    assert proposal.rule == "seed002.trigger.sentinel"
    assert proposal.reason == "Booster now: sentinel symptoms returned (2026-03-01)"
    impaired = [TrackingPoint(MAR[1], 1, functional_impairment=True)]
    proposal = propose(triggered_course(None), impaired, MAR[1])
    assert proposal.rule == "seed002.trigger.impairment"
    assert proposal.action is Action.TRIGGER_BOOSTER_NOW


def test_without_a_maintenance_baseline_the_percent_trigger_cannot_run() -> None:
    proposal = propose(triggered_course(None), daily(5, 5, 5), MAR[2])
    assert proposal.action is Action.MONITOR
    assert proposal.rule == "seed002.trigger.no_baseline"


def test_missing_daily_entries_are_flagged() -> None:
    proposal = propose(triggered_course(), daily(2), MAR[5])
    assert proposal.notes == ("Daily PHQ-2 due: last recorded 2026-03-01.",)
    assert propose(triggered_course(), daily(2), MAR[1]).notes == ()


# --- hybrid ------------------------------------------------------------------------------------

BASE_START = date(2026, 1, 30)
HYBRID = replace(hybrid(), weekdays_only=False)
NADIR = (date(2026, 1, 16), 11)


def hybrid_course():
    return course(template=HYBRID, position=LadderPosition(0, BASE_START))


def test_hybrid_template() -> None:
    template = hybrid()
    assert [(s.interval_days, s.open_ended) for s in template.ladder] == [(28, True)]
    assert (template.tracking_every_days, template.review_every_days) == (7, 28)


def test_hybrid_continues_the_monthly_base_without_breakthrough() -> None:
    proposal = propose(hybrid_course(), [], MAR[3], points=scores(NADIR, (MAR[3], 12)))
    assert proposal.action is Action.CONTINUE
    assert proposal.rule == "seed002.hybrid.base"
    assert proposal.reason == (
        "Continue the base schedule, every 28 days: no breakthrough symptoms since the "
        "treatment of 2026-02-27"
    )
    assert proposal.proposed_date == BOOSTER + timedelta(days=28)
    assert proposal.notes == ()


def test_hybrid_breakthrough_triggers_a_booster() -> None:
    proposal = propose(hybrid_course(), [], MAR[3], points=scores(NADIR, (MAR[3], 15)))
    assert proposal.action is Action.TRIGGER_BOOSTER_NOW
    assert proposal.rule == "seed002.hybrid.breakthrough"
    assert proposal.reason == (
        "Booster now for breakthrough symptoms: MADRS 15 is 36% above the maintenance nadir of "
        "11 (more than 25%)"
    )
    assert proposal.proposed_date == MAR[3]


def test_hybrid_score_on_the_booster_day_was_already_answered() -> None:
    proposal = propose(hybrid_course(), [], MAR[3], points=scores(NADIR, (BOOSTER, 15)))
    assert proposal.action is Action.CONTINUE


def test_hybrid_sentinel_flag_triggers() -> None:
    flagged = [TrackingPoint(MAR[1], 2, sentinel_symptoms=True)]
    proposal = propose(hybrid_course(), flagged, MAR[1], points=scores(NADIR))
    assert proposal.rule == "seed002.trigger.sentinel"


def test_a_breakthrough_booster_restarts_the_base_interval_and_prompts_review() -> None:
    sessions = given(BOOSTER, MAR[5])
    proposal = propose(
        hybrid_course(), [], MAR[5], sessions=sessions, points=scores(NADIR, (MAR[5], 12))
    )
    assert proposal.proposed_date == MAR[5] + timedelta(days=28)
    assert proposal.notes == (
        "2 treatments in the last 28 days: review whether every 28 days is frequent enough "
        "(monthly review).",
    )


def test_hybrid_weekly_tracking_reminder() -> None:
    proposal = propose(hybrid_course(), [], MAR[9], points=scores(NADIR, (MAR[0], 11)))
    assert proposal.notes == ("Weekly symptom tracking due: last recorded 2026-03-01.",)
