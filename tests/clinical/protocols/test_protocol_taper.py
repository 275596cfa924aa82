"""Seed 002 Gradual Taper: steps by time, then discontinuation with boosters as needed."""

from dataclasses import replace
from datetime import date

from clinical.protocols import (
    Action,
    LadderPosition,
    LadderStep,
    Phase,
    gradual_taper,
    ketamine_interval_extension,
    propose_next_booster,
)
from tests.clinical.protocols.protocol_builders import SETTINGS, course, every, given, scores

ANYDAY = replace(ketamine_interval_extension(), weekdays_only=False)
TAPER_START = date(2026, 1, 1)
RESPONSE = (date(2025, 6, 1), 8)
EVERY_21 = every(TAPER_START, 21, 5)  # Jan 22, Feb 12, Mar 5, Mar 26, Apr 16


def tapering(index: int | None, **changes: object):
    return course(
        template=ANYDAY,
        phase=Phase.TAPER,
        position=LadderPosition(2, date(2025, 9, 1)),  # every 2 weeks before the taper
        taper_position=None if index is None else LadderPosition(index, TAPER_START),
        **changes,
    )


def propose(c, sessions, points, today):
    return propose_next_booster(c, sessions, points, today, SETTINGS)


def test_the_seed_taper_template() -> None:
    steps = gradual_taper().ladder
    assert [(s.interval_days, s.months, s.treatments_required) for s in steps] == [
        (21, 3, None),
        (28, 3, None),
        (42, 3, None),
    ]
    assert gradual_taper().extend_requires_stability is False


def test_begin_taper_names_the_whole_plan() -> None:
    proposal = propose(tapering(None), given(TAPER_START), scores(RESPONSE), TAPER_START)
    assert proposal.action is Action.BEGIN_TAPER
    assert proposal.rule == "seed002.taper.begin"
    assert proposal.reason == (
        "Begin the taper at every 21 days: every 21 days for 3 months, then every 28 days for 3 "
        "months, then every 42 days for 3 months, then boosters as needed"
    )
    assert proposal.phase is Phase.TAPER
    assert proposal.position == LadderPosition(0, TAPER_START)
    assert proposal.proposed_date == date(2026, 1, 22)


def test_a_taper_step_continues_until_its_months_have_passed() -> None:
    proposal = propose(tapering(0), given(*EVERY_21[:4]), scores(RESPONSE), EVERY_21[3])
    assert proposal.action is Action.CONTINUE
    assert proposal.rule == "seed002.taper.continue"
    assert proposal.reason == (
        "Continue the taper every 21 days: 3 months at this step are complete with the first "
        "treatment on or after 2026-04-01"
    )
    assert proposal.proposed_date == date(2026, 4, 16)


def test_the_first_treatment_after_the_step_months_moves_to_the_next_step() -> None:
    proposal = propose(tapering(0), given(*EVERY_21), scores(RESPONSE), EVERY_21[-1])
    assert proposal.action is Action.EXTEND
    assert proposal.rule == "seed002.taper.next"
    assert proposal.reason == "Taper to every 28 days: 3 months at 21 days since 2026-01-01"
    assert proposal.position == LadderPosition(1, date(2026, 4, 16))
    assert proposal.proposed_date == date(2026, 5, 14)


def test_taper_time_boundary_is_the_same_date_three_months_on() -> None:
    on_the_day = propose(tapering(0), given(date(2026, 4, 1)), scores(RESPONSE), date(2026, 4, 1))
    assert on_the_day.action is Action.EXTEND
    day_before = propose(tapering(0), given(date(2026, 3, 31)), scores(RESPONSE), date(2026, 3, 31))
    assert day_before.action is Action.CONTINUE


def test_the_taper_steps_by_time_even_without_remission() -> None:
    c = tapering(0, baseline=20)
    # 12 is neither ≤ 10 nor 50% below 20, and only 20% above the nadir of 10.
    points = scores((date(2025, 6, 1), 10), (EVERY_21[-1], 12))
    assert propose(c, given(*EVERY_21), points, EVERY_21[-1]).action is Action.EXTEND


def test_after_the_last_step_scheduled_boosters_stop() -> None:
    proposal = propose(
        tapering(2), given(date(2026, 2, 12), date(2026, 4, 2)), scores(RESPONSE), date(2026, 4, 2)
    )
    assert proposal.action is Action.DISCONTINUE
    assert proposal.rule == "seed002.taper.stop"
    assert proposal.phase is Phase.DISCONTINUED
    assert proposal.proposed_date is None
    assert proposal.anchor == date(2026, 4, 2)
    assert proposal.reason == (
        "Stop scheduled boosters, boosters as needed from now: the taper is complete (3 months "
        "at 42 days since 2026-01-01; last treatment 2026-04-02)"
    )


def test_a_clinic_taper_like_case_2_stops_after_monthly() -> None:
    # Seed 002 Case 2: every 3 weeks × 3 months, then monthly × 3 months, then discontinued.
    short = replace(gradual_taper(), ladder=gradual_taper().ladder[:2])
    c = tapering(1, taper=short)
    proposal = propose(c, given(date(2026, 4, 2)), scores(RESPONSE), date(2026, 4, 2))
    assert proposal.action is Action.DISCONTINUE


def test_a_rise_during_the_taper_returns_to_the_previous_taper_interval() -> None:
    points = scores(RESPONSE, (date(2026, 2, 1), 11))
    proposal = propose(tapering(1), given(date(2026, 2, 1)), points, date(2026, 2, 1))
    assert proposal.action is Action.STEP_BACK
    assert proposal.rule == "seed002.step_back"
    assert proposal.phase is Phase.TAPER
    assert proposal.reason == (
        "Step back to every 21 days: MADRS 11 is 38% above the maintenance nadir of 8 "
        "(more than 25%)"
    )
    assert proposal.position == LadderPosition(0, date(2026, 2, 1))


def test_a_rise_on_the_first_taper_step_resumes_maintenance() -> None:
    points = scores(RESPONSE, (date(2026, 1, 22), 11))
    proposal = propose(tapering(0), given(date(2026, 1, 22)), points, date(2026, 1, 22))
    assert proposal.action is Action.STEP_BACK
    assert proposal.rule == "seed002.taper.resume_maintenance"
    assert proposal.phase is Phase.MAINTENANCE
    assert proposal.reason == (
        "Step back to every 14 days, the maintenance interval before the taper: MADRS 11 is 38% "
        "above the maintenance nadir of 8 (more than 25%)"
    )
    assert proposal.position == LadderPosition(2, date(2026, 1, 22))
    assert proposal.proposed_date == date(2026, 2, 5)


def test_exactly_25_percent_during_the_taper_keeps_tapering() -> None:
    points = scores(RESPONSE, (date(2026, 1, 22), 10))
    proposal = propose(tapering(0), given(date(2026, 1, 22)), points, date(2026, 1, 22))
    assert proposal.action is Action.CONTINUE


def test_an_open_ended_taper_step_never_stops_by_itself() -> None:
    taper = replace(gradual_taper(), ladder=(LadderStep("Every 6 weeks", 42),))
    c = tapering(0, taper=taper)
    proposal = propose(c, given(date(2027, 1, 1)), scores(RESPONSE), date(2027, 1, 1))
    assert proposal.action is Action.CONTINUE
    assert proposal.reason == "Continue the taper every 42 days: Every 6 weeks has no set length"
