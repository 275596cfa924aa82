"""Seed 002 Interval Extension Protocol and Extension Rules, at their boundaries."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given as for_all
from hypothesis import strategies as st

from clinical.protocols import (
    Action,
    Comparison,
    LadderPosition,
    LadderStep,
    Phase,
    ScorePoint,
    custom_ladder,
    ketamine_interval_extension,
    propose_next_booster,
)
from tests.clinical.protocols.protocol_builders import (
    RESPONSE_DAY,
    SETTINGS,
    cancelled,
    course,
    every,
    given,
    missed,
    scores,
)

ANYDAY = replace(ketamine_interval_extension(), weekdays_only=False)
STEP_START = date(2026, 2, 13)
AT_10 = every(STEP_START, 10, 3)  # Feb 23, Mar 5, Mar 15
LAST = AT_10[-1]


def on_step(index: int, **changes: object):
    return course(template=ANYDAY, position=LadderPosition(index, STEP_START), **changes)


def propose(c, sessions, points, today=LAST, **kw):
    return propose_next_booster(c, sessions, points, today, SETTINGS, **kw)


# --- extend ------------------------------------------------------------------------------------


def test_extends_in_remission_after_the_required_treatments_with_exact_reason() -> None:
    proposal = propose(on_step(1), given(*AT_10), scores((RESPONSE_DAY, 11), (LAST, 8)))
    assert proposal.action is Action.EXTEND
    assert proposal.rule == "seed002.extend"
    assert proposal.reason == "Extend to every 14 days: 3 treatments at 10 days, MADRS 8 ≤ 10"
    assert proposal.interval_days == 14
    assert proposal.proposed_date == LAST + timedelta(days=14)
    assert proposal.position == LadderPosition(2, LAST)
    assert proposal.step == ANYDAY.ladder[2]
    assert proposal.anchor == LAST
    assert proposal.phase is Phase.MAINTENANCE


def test_score_exactly_at_an_at_or_below_threshold_counts_as_remission() -> None:
    # Against a baseline of 18, 10 is only 44% lower: remission alone must make it extend.
    c = on_step(1, baseline=18)
    proposal = propose(c, given(*AT_10), scores((RESPONSE_DAY, 9), (LAST, 10)))
    assert proposal.action is Action.EXTEND
    assert proposal.reason == "Extend to every 14 days: 3 treatments at 10 days, MADRS 10 ≤ 10"


def test_score_exactly_at_a_strict_below_threshold_is_not_remission() -> None:
    c = on_step(1, baseline=8, threshold=5, comparison=Comparison.BELOW, scale="PHQ-9")
    at_threshold = propose(c, given(*AT_10), scores((RESPONSE_DAY, 4), (LAST, 5)))
    assert at_threshold.action is Action.CONTINUE
    assert at_threshold.reason == (
        "Continue every 10 days: PHQ-9 5 is at or above 5 and 38% below the acute baseline "
        "of 8 (less than 50%)"
    )
    below = propose(c, given(*AT_10), scores((RESPONSE_DAY, 4), (LAST, 4)))
    assert below.action is Action.EXTEND
    assert below.reason == "Extend to every 14 days: 3 treatments at 10 days, PHQ-9 4 < 5"


def test_exactly_50_percent_below_baseline_extends() -> None:
    c = on_step(1, baseline=40)
    proposal = propose(c, given(*AT_10), scores((RESPONSE_DAY, 17), (LAST, 20)))
    assert proposal.action is Action.EXTEND
    assert proposal.reason == (
        "Extend to every 14 days: 3 treatments at 10 days, MADRS 20 is 50% below the acute "
        "baseline of 40 (at least 50%)"
    )


def test_just_under_50_percent_below_baseline_continues_and_says_why() -> None:
    c = on_step(1, baseline=40)
    proposal = propose(c, given(*AT_10), scores((RESPONSE_DAY, 17), (LAST, 21)))
    assert proposal.action is Action.CONTINUE
    assert proposal.rule == "seed002.continue"
    assert proposal.reason == (
        "Continue every 10 days: MADRS 21 is above 10 and 48% below the acute baseline of 40 "
        "(less than 50%)"
    )
    assert proposal.interval_days == 10
    assert proposal.proposed_date == LAST + timedelta(days=10)
    assert proposal.position == LadderPosition(1, STEP_START)


def test_a_percentage_that_would_round_to_the_threshold_keeps_a_decimal() -> None:
    c = on_step(1, baseline=40)
    proposal = propose(c, given(*AT_10), scores((RESPONSE_DAY, 17), (LAST, Decimal("20.1"))))
    assert proposal.action is Action.CONTINUE
    assert "MADRS 20.1 is above 10 and 49.8% below the acute baseline of 40" in proposal.reason


# --- the treatments required at a step ---------------------------------------------------------


def test_one_treatment_short_continues_and_the_last_one_extends() -> None:
    points = scores((RESPONSE_DAY, 11), (AT_10[1], 8), (LAST, 8))
    short = propose(on_step(1), given(*AT_10[:2]), points[:2], today=AT_10[1])
    assert short.action is Action.CONTINUE
    assert short.reason == "Continue every 10 days: 2 of 3 treatments given at 10 days"
    assert short.proposed_date == AT_10[1] + timedelta(days=10)
    reached = propose(on_step(1), given(*AT_10), points)
    assert reached.action is Action.EXTEND


def test_both_missing_conditions_are_named() -> None:
    c = on_step(1, baseline=40)
    proposal = propose(
        c, given(*AT_10[:2]), scores((RESPONSE_DAY, 17), (AT_10[1], 21)), today=AT_10[1]
    )
    assert proposal.reason == (
        "Continue every 10 days: 2 of 3 treatments given at 10 days; MADRS 21 is above 10 and "
        "48% below the acute baseline of 40 (less than 50%)"
    )


def test_no_score_since_the_step_began_blocks_extension() -> None:
    # The score that decided the previous step (on the step's first day) is not evidence now.
    proposal = propose(on_step(1), given(*AT_10), scores((RESPONSE_DAY, 11), (STEP_START, 6)))
    assert proposal.action is Action.CONTINUE
    assert proposal.reason == (
        "Continue every 10 days: no MADRS recorded since this step began on 2026-02-13"
    )


def test_the_weekly_step_needs_four_treatments() -> None:
    weekly = every(STEP_START, 7, 4)
    points = scores((RESPONSE_DAY, 11), (weekly[-1], 7))
    three = propose(
        on_step(0), given(*weekly[:3]), [*points[:1], ScorePoint(weekly[2], 7)], today=weekly[2]
    )
    assert three.reason == "Continue every 7 days: 3 of 4 treatments given at 7 days"
    four = propose(on_step(0), given(*weekly), points, today=weekly[-1])
    assert four.reason == "Extend to every 10 days: 4 treatments at 7 days, MADRS 7 ≤ 10"


def test_treatments_required_is_editable_per_patient() -> None:
    template = ANYDAY.with_step(1, treatments_required=2)
    c = course(template=template, position=LadderPosition(1, STEP_START))
    proposal = propose(
        c, given(*AT_10[:2]), scores((RESPONSE_DAY, 11), (AT_10[1], 8)), today=AT_10[1]
    )
    assert proposal.action is Action.EXTEND
    assert proposal.reason == "Extend to every 14 days: 2 treatments at 10 days, MADRS 8 ≤ 10"
    assert ANYDAY.ladder[1].treatments_required == 3  # the shared template is unchanged


# --- step back ---------------------------------------------------------------------------------

AT_14 = every(STEP_START, 14, 2)


def test_step_back_reason_names_the_rise_over_the_nadir() -> None:
    proposal = propose(
        on_step(2), given(*AT_14), scores((RESPONSE_DAY, 11), (AT_14[-1], 15)), today=AT_14[-1]
    )
    assert proposal.action is Action.STEP_BACK
    assert proposal.rule == "seed002.step_back"
    assert proposal.reason == (
        "Step back to every 10 days: MADRS 15 is 36% above the maintenance nadir of 11 "
        "(more than 25%)"
    )
    assert proposal.interval_days == 10
    assert proposal.position == LadderPosition(1, AT_14[-1])
    assert proposal.proposed_date == AT_14[-1] + timedelta(days=10)


def test_exactly_25_percent_above_the_nadir_does_not_step_back() -> None:
    proposal = propose(
        on_step(2), given(*AT_14), scores((RESPONSE_DAY, 12), (AT_14[-1], 15)), today=AT_14[-1]
    )
    assert proposal.action is Action.CONTINUE
    assert proposal.reason == "Continue every 14 days: 2 of 4 treatments given at 14 days"


def test_just_over_25_percent_above_the_nadir_steps_back() -> None:
    points = scores((RESPONSE_DAY, 8), (AT_14[-1], Decimal("10.01")))
    proposal = propose(on_step(2), given(*AT_14), points, today=AT_14[-1])
    assert proposal.action is Action.STEP_BACK
    assert proposal.reason == (
        "Step back to every 10 days: MADRS 10.01 is 25.1% above the maintenance nadir of 8 "
        "(more than 25%)"
    )


def test_the_nadir_is_the_lowest_score_since_response_not_before_it() -> None:
    # 16 on Jan 9 is before response (not 50% below 30 nor ≤ 10); nadir is then 9.
    points = scores(
        (date(2026, 1, 9), 16), (RESPONSE_DAY, 12), (date(2026, 2, 1), 9), (AT_14[-1], 12)
    )
    proposal = propose(on_step(2), given(*AT_14), points, today=AT_14[-1])
    assert proposal.action is Action.STEP_BACK
    assert "MADRS 12 is 33% above the maintenance nadir of 9" in proposal.reason


def test_exactly_25_percent_rise_and_exactly_50_percent_below_baseline_extends() -> None:
    c = on_step(1)
    proposal = propose(c, given(*AT_10), scores((RESPONSE_DAY, 12), (LAST, 15)))
    assert proposal.action is Action.EXTEND
    assert proposal.reason.endswith("MADRS 15 is 50% below the acute baseline of 30 (at least 50%)")


def test_a_rise_on_the_first_step_asks_for_review() -> None:
    weekly = every(STEP_START, 7, 2)
    proposal = propose(
        on_step(0), given(*weekly), scores((RESPONSE_DAY, 8), (weekly[-1], 14)), today=weekly[-1]
    )
    assert proposal.action is Action.REVIEW
    assert proposal.rule == "seed002.step_back.at_first_step"
    assert proposal.reason == (
        "Review: MADRS 14 is 75% above the maintenance nadir of 8 (more than 25%), and every "
        "7 days is already the first step; seed 002 advises against dosing more often than "
        "weekly long-term"
    )
    assert proposal.interval_days == 7


def test_any_rise_from_a_nadir_of_zero_steps_back() -> None:
    proposal = propose(
        on_step(2), given(*AT_14), scores((RESPONSE_DAY, 0), (AT_14[-1], 1)), today=AT_14[-1]
    )
    assert proposal.action is Action.STEP_BACK
    assert proposal.reason == (
        "Step back to every 10 days: MADRS 1 is above the maintenance nadir of 0 "
        "(any rise from 0 is more than 25%)"
    )


# --- top of the ladder and custom ladders ------------------------------------------------------


def test_top_of_the_ladder_continues_monthly() -> None:
    monthly = every(STEP_START, 28, 3)
    proposal = propose(
        on_step(4), given(*monthly), scores((RESPONSE_DAY, 9), (monthly[-1], 5)), today=monthly[-1]
    )
    assert proposal.action is Action.CONTINUE
    assert proposal.rule == "seed002.top_of_ladder"
    assert proposal.reason == (
        "Continue every 28 days: top of the ladder (Monthly); add a longer step to keep extending"
    )
    assert proposal.proposed_date == monthly[-1] + timedelta(days=28)


def test_a_custom_ladder_can_keep_extending_past_monthly() -> None:
    steps = (
        *ANYDAY.ladder[:4],
        replace(ANYDAY.ladder[4], treatments_required=3),
        LadderStep("Every 6 weeks", 42),
    )
    template = replace(custom_ladder("Clinic ladder", ANYDAY.modality, steps), weekdays_only=False)
    c = course(template=template, position=LadderPosition(4, STEP_START))
    monthly = every(STEP_START, 28, 3)
    proposal = propose(
        c, given(*monthly), scores((RESPONSE_DAY, 9), (monthly[-1], 5)), today=monthly[-1]
    )
    assert proposal.action is Action.EXTEND
    assert proposal.reason == "Extend to every 42 days: 3 treatments at 28 days, MADRS 5 ≤ 10"


def test_maintenance_without_a_position_starts_on_the_first_step() -> None:
    c = course(template=ANYDAY)
    proposal = propose(c, given(date(2026, 1, 16)), [], today=date(2026, 1, 17))
    assert proposal.action is Action.START
    assert proposal.rule == "seed002.ladder.start"
    assert proposal.position == LadderPosition(0, date(2026, 1, 16))
    assert proposal.proposed_date == date(2026, 1, 23)


# --- missed, cancelled, early, late ------------------------------------------------------------


def test_missed_and_cancelled_sessions_do_not_count() -> None:
    sessions = [*given(AT_10[0]), missed(AT_10[1]), cancelled(AT_10[2])]
    proposal = propose(on_step(1), sessions, scores((RESPONSE_DAY, 11), (LAST, 8)), today=LAST)
    assert proposal.action is Action.CONTINUE
    assert proposal.reason == "Continue every 10 days: 1 of 3 treatments given at 10 days"
    # The next one is due 10 days after the last one GIVEN: overdue, so offered today.
    assert proposal.proposed_date == LAST
    assert proposal.notes[-1] == (
        "Overdue: due 2026-03-05, 10 days after the treatment of 2026-02-23."
    )


def test_early_and_late_treatments_count_from_the_day_actually_given() -> None:
    actual = [date(2026, 2, 22), date(2026, 3, 5), date(2026, 3, 17)]  # 1 early, 2 late
    proposal = propose(
        on_step(1), given(*actual), scores((RESPONSE_DAY, 11), (actual[-1], 8)), today=actual[-1]
    )
    assert proposal.action is Action.EXTEND
    assert proposal.proposed_date == date(2026, 3, 31)
    assert proposal.position == LadderPosition(2, actual[-1])
    late_only = propose(on_step(1), given(*actual[:2]), scores((RESPONSE_DAY, 11)), today=actual[1])
    assert late_only.proposed_date == date(2026, 3, 15)


def test_sessions_and_scores_after_today_are_ignored() -> None:
    proposal = propose(
        on_step(1), given(*AT_10), scores((RESPONSE_DAY, 11), (LAST, 8)), today=AT_10[1]
    )
    assert proposal.action is Action.CONTINUE
    assert proposal.reason.startswith("Continue every 10 days: 2 of 3 treatments given")


# --- dates -------------------------------------------------------------------------------------


def test_weekdays_only_moves_saturday_back_and_sunday_forward() -> None:
    c = course(position=LadderPosition(1, STEP_START))  # the catalogue default: weekdays only
    # Last treatment Thu 2026-03-05 + 10 days = Sun 2026-03-15 -> Mon 2026-03-16.
    sunday = propose(c, given(*AT_10[:2]), scores((RESPONSE_DAY, 11)), today=AT_10[1])
    assert sunday.proposed_date == date(2026, 3, 16)
    # Last treatment Wed 2026-03-04 + 10 days = Sat 2026-03-14 -> Fri 2026-03-13.
    saturday = propose(
        c, given(AT_10[0], date(2026, 3, 4)), scores((RESPONSE_DAY, 11)), today=date(2026, 3, 4)
    )
    assert saturday.proposed_date == date(2026, 3, 13)


def test_sustained_remission_for_six_months_adds_a_transition_note() -> None:
    monthly = every(STEP_START, 28, 8)
    today = monthly[-1]
    points = scores((RESPONSE_DAY, 12), *[(d, 6) for d in monthly])
    proposal = propose(on_step(4), given(*monthly), points, today=today)
    assert proposal.notes == (
        "MADRS in remission since 2026-03-13 (6 months or more): seed 002 suggests considering "
        "a taper once other treatments are optimized.",
    )
    short = propose(on_step(4), given(*monthly), [*points[:1], ScorePoint(today, 6)], today=today)
    assert short.notes == ()


# --- the rules as properties -------------------------------------------------------------------


@for_all(st.integers(1, 60), st.integers(0, 60))
def test_step_back_exactly_when_the_rise_is_more_than_a_quarter(nadir: int, score: int) -> None:
    points = scores((RESPONSE_DAY, nadir), (AT_14[-1], score))
    c = on_step(2, baseline=max(60, 2 * nadir))
    proposal = propose(c, given(*AT_14), points, today=AT_14[-1])
    stepped_back = proposal.action is Action.STEP_BACK
    assert stepped_back == (score > nadir and 4 * (score - nadir) > nadir)


@for_all(st.integers(1, 60), st.integers(0, 60))
def test_extend_exactly_when_in_remission_or_half_the_baseline(baseline: int, score: int) -> None:
    c = on_step(1, baseline=baseline)
    # The same score at response and now: no rise, so the step-back rule stays out of the way.
    points = [ScorePoint(RESPONSE_DAY, score), ScorePoint(LAST, score)]
    proposal = propose(c, given(*AT_10), points)
    assert (proposal.action is Action.EXTEND) == (score <= 10 or 2 * score <= baseline)
