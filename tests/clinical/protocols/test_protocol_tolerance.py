"""Seed 002 "Managing Suspected Tolerance": the four rows of the table."""

from dataclasses import replace
from datetime import date, timedelta

from clinical.protocols import (
    Action,
    LadderPosition,
    Phase,
    ProtocolSettings,
    Session,
    ketamine_interval_extension,
    propose_next_booster,
)
from tests.clinical.protocols.protocol_builders import SETTINGS, course, every, scores

ANYDAY = replace(ketamine_interval_extension(), weekdays_only=False)
STEP_START = date(2026, 2, 13)
AT_14 = every(STEP_START, 14, 2)  # Feb 27, Mar 13
LAST = AT_14[-1]
STABLE = scores((date(2026, 1, 16), 8), (LAST, 8))


def on_step(index: int = 2, **changes: object):
    return course(template=ANYDAY, position=LadderPosition(index, STEP_START), **changes)


def boosters(*records: tuple[int | None, int | None], dates: list[date] = AT_14) -> list[Session]:
    return [
        Session(day, days_of_benefit=benefit, peak_score=peak)
        for day, (benefit, peak) in zip(dates, records, strict=True)
    ]


def propose(c, sessions, points=STABLE, today=LAST, settings=SETTINGS):
    return propose_next_booster(c, sessions, points, today, settings)


def test_benefit_shorter_than_the_interval_shortens_it_first() -> None:
    # Seed 002 Case 3: every 2 weeks, symptoms back by day 10.
    proposal = propose(on_step(), boosters((10, None), (10, None)))
    assert proposal.action is Action.STEP_BACK
    assert proposal.rule == "seed002.tolerance.gradual"
    assert proposal.reason == (
        "Step back to every 10 days: benefit lasted 10 and 10 days after the last 2 treatments, "
        "less than the 14-day interval; shorten the interval before raising the dose"
    )
    assert proposal.position == LadderPosition(1, LAST)


def test_peak_kept_but_shorter_duration_increases_frequency() -> None:
    proposal = propose(on_step(), boosters((10, 5), (9, 6)))
    assert proposal.action is Action.STEP_BACK
    assert proposal.rule == "seed002.tolerance.shorter_duration"
    assert proposal.reason == (
        "Step back to every 10 days: peak effect kept but benefit lasted 10 and 9 days after the "
        "last 2 treatments, less than the 14-day interval; increase the frequency"
    )


def test_benefit_lasting_the_whole_interval_is_not_tolerance() -> None:
    proposal = propose(on_step(), boosters((14, 5), (13, 5)))
    assert proposal.action is Action.CONTINUE
    assert proposal.rule == "seed002.continue"


def test_one_short_treatment_is_not_a_pattern() -> None:
    assert propose(on_step(), boosters((20, 5), (9, 5))).action is Action.CONTINUE


def test_only_treatments_at_the_current_step_are_read_for_duration() -> None:
    earlier = [Session(STEP_START - timedelta(days=10), days_of_benefit=8)]
    sessions = earlier + boosters((None, None), (9, 5))
    assert propose(on_step(), sessions).action is Action.CONTINUE


def test_reduced_peak_suggests_a_dose_increase_or_a_holiday() -> None:
    proposal = propose(on_step(), boosters((None, 18), (None, 20)))
    assert proposal.action is Action.CONSIDER_DOSE_OR_HOLIDAY
    assert proposal.rule == "seed002.tolerance.reduced_peak"
    assert proposal.reason == (
        "Consider a dose increase or a drug holiday: reduced peak effect, the best MADRS after "
        "each of the last 2 treatments (18 and 20) fell short of response (remission, or 50% "
        "below the acute baseline of 30)"
    )
    assert proposal.interval_days == 14
    assert proposal.proposed_date == LAST + timedelta(days=14)


def test_one_peak_at_response_is_not_a_reduced_peak() -> None:
    assert propose(on_step(), boosters((None, 18), (None, 15))).action is Action.CONTINUE


def test_complete_loss_suggests_a_drug_holiday_with_exact_reason() -> None:
    proposal = propose(on_step(), boosters((None, 28), (None, 27)))
    assert proposal.action is Action.SUGGEST_DRUG_HOLIDAY
    assert proposal.rule == "seed002.tolerance.complete_loss"
    assert proposal.phase is Phase.DRUG_HOLIDAY
    assert proposal.reason == (
        "Suggest a drug holiday of 4-6 weeks, then reassess and restart at the previous "
        "effective dose: complete loss of response, no effect from the last 2 treatments "
        "(2026-02-27: best MADRS 28, 7% below the acute baseline of 30; 2026-03-13: best MADRS "
        "27, 10% below the acute baseline of 30)"
    )
    assert proposal.proposed_date == LAST + timedelta(days=28)
    assert proposal.position == LadderPosition(2, STEP_START)  # kept: the effective interval


def test_no_days_of_benefit_is_no_effect() -> None:
    proposal = propose(on_step(), boosters((0, None), (0, None)))
    assert proposal.action is Action.SUGGEST_DRUG_HOLIDAY
    assert "(2026-02-27: 0 days of benefit; 2026-03-13: 0 days of benefit)" in proposal.reason


def test_exactly_25_percent_better_at_peak_is_reduced_not_lost() -> None:
    c = on_step(baseline=40)
    assert propose(c, boosters((None, 30), (None, 30))).action is Action.CONSIDER_DOSE_OR_HOLIDAY
    mixed = propose(c, boosters((None, 31), (None, 30)))
    assert mixed.action is Action.CONSIDER_DOSE_OR_HOLIDAY
    assert propose(c, boosters((None, 31), (None, 31))).action is Action.SUGGEST_DRUG_HOLIDAY


def test_complete_loss_comes_before_the_score_rule() -> None:
    rising = scores((date(2026, 1, 16), 8), (LAST, 27))
    proposal = propose(on_step(), boosters((None, 28), (None, 27)), points=rising)
    assert proposal.action is Action.SUGGEST_DRUG_HOLIDAY


def test_the_score_rule_comes_before_short_benefit() -> None:
    rising = scores((date(2026, 1, 16), 8), (LAST, 11))
    proposal = propose(on_step(), boosters((10, None), (10, None)), points=rising)
    assert proposal.rule == "seed002.step_back"


def test_short_benefit_on_the_weekly_step_asks_for_review() -> None:
    weekly = every(STEP_START, 7, 2)
    proposal = propose(
        on_step(0),
        boosters((5, None), (4, None), dates=weekly),
        today=weekly[-1],
        points=scores((date(2026, 1, 16), 8), (weekly[-1], 8)),
    )
    assert proposal.action is Action.REVIEW
    assert proposal.rule == "seed002.tolerance.at_shortest"
    assert proposal.reason.endswith(
        "and every 7 days is already the first step; seed 002 advises against dosing more often "
        "than weekly long-term"
    )


def test_the_window_is_a_setting() -> None:
    three = replace(SETTINGS, tolerance_window=3)
    assert isinstance(three, ProtocolSettings)
    sessions = boosters((10, None), (10, None))
    assert propose(on_step(), sessions, settings=three).action is Action.CONTINUE
