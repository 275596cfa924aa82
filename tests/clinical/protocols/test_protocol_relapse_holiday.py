"""Seed 002 drug holiday and "Managing Relapse After Discontinuation"."""

from dataclasses import replace
from datetime import date

import pytest

from clinical.protocols import (
    Action,
    LadderPosition,
    Phase,
    RelapseTiming,
    classify_relapse,
    ketamine_interval_extension,
    propose_next_booster,
)
from tests.clinical.protocols.protocol_builders import SETTINGS, course, given, scores

ANYDAY = replace(ketamine_interval_extension(), weekdays_only=False)
EARLY, MIDDLE, LATE = RelapseTiming.EARLY, RelapseTiming.INTERMEDIATE, RelapseTiming.LATE

# --- classification ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stopped", "relapsed", "timing"),
    [
        # April has 30 days: one month on is day 30.
        (date(2026, 4, 1), date(2026, 4, 30), EARLY),  # 29 days
        (date(2026, 4, 1), date(2026, 5, 1), MIDDLE),  # 30 days
        (date(2026, 4, 1), date(2026, 5, 2), MIDDLE),  # 31 days
        # January has 31 days: day 30 is still inside the month.
        (date(2026, 1, 1), date(2026, 1, 30), EARLY),  # 29 days
        (date(2026, 1, 1), date(2026, 1, 31), EARLY),  # 30 days
        (date(2026, 1, 1), date(2026, 2, 1), MIDDLE),  # 31 days
        # End of month: Jan 31 + 1 month = Feb 28.
        (date(2026, 1, 31), date(2026, 2, 27), EARLY),
        (date(2026, 1, 31), date(2026, 2, 28), MIDDLE),
        # Three months: the same date is still intermediate; the day after is late.
        (date(2026, 1, 15), date(2026, 4, 14), MIDDLE),
        (date(2026, 1, 15), date(2026, 4, 15), MIDDLE),
        (date(2026, 1, 15), date(2026, 4, 16), LATE),
        (date(2025, 11, 30), date(2026, 2, 28), MIDDLE),
        (date(2025, 11, 30), date(2026, 3, 1), LATE),
        (date(2026, 4, 1), date(2026, 4, 1), EARLY),
    ],
)
def test_relapse_timing(stopped: date, relapsed: date, timing: RelapseTiming) -> None:
    assert classify_relapse(stopped, relapsed) is timing


def test_a_relapse_before_stopping_is_refused() -> None:
    with pytest.raises(ValueError):
        classify_relapse(date(2026, 4, 1), date(2026, 3, 31))


# --- discontinued course -----------------------------------------------------------------------

STOPPED = date(2026, 4, 1)
RESPONSE = (date(2025, 6, 1), 8)


def stopped_course(**changes: object):
    return course(
        template=ANYDAY,
        phase=Phase.DISCONTINUED,
        position=LadderPosition(2, date(2025, 9, 1)),  # every 2 weeks before the taper
        discontinued_on=STOPPED,
        **changes,
    )


def propose(c, points, today, sessions=None):
    sessions = given(STOPPED) if sessions is None else sessions
    return propose_next_booster(c, sessions, points, today, SETTINGS)


def test_no_relapse_means_boosters_as_needed() -> None:
    quiet = propose(stopped_course(), scores(RESPONSE), date(2026, 4, 10))
    assert quiet.action is Action.MONITOR
    assert quiet.rule == "seed002.discontinued.monitor"
    assert quiet.reason == "Boosters as needed: no relapse since boosters stopped on 2026-04-01"
    assert quiet.proposed_date is None
    well = propose(stopped_course(), scores(RESPONSE, (date(2026, 4, 20), 6)), date(2026, 4, 20))
    assert well.reason == (
        "Boosters as needed: no relapse since boosters stopped on 2026-04-01 "
        "(MADRS 6 ≤ 10 on 2026-04-20)"
    )


def test_early_relapse_restarts_maintenance_at_the_previous_frequency() -> None:
    proposal = propose(
        stopped_course(), scores(RESPONSE, (date(2026, 4, 20), 24)), date(2026, 4, 20)
    )
    assert proposal.action is Action.RESTART_MAINTENANCE
    assert proposal.rule == "seed002.relapse.early"
    assert proposal.phase is Phase.MAINTENANCE
    assert proposal.reason == (
        "Restart maintenance at the previous frequency, every 14 days: early relapse on "
        "2026-04-20, 19 days after boosters stopped on 2026-04-01 (less than 1 month), MADRS 24 "
        "is above 10 and 20% below the acute baseline of 30 (less than 50%); extend the "
        "stabilization period before the next taper attempt"
    )
    assert proposal.proposed_date == date(2026, 4, 20)
    assert proposal.interval_days == 14
    assert proposal.position == LadderPosition(2, STOPPED)


def test_intermediate_relapse_gives_a_booster_now() -> None:
    proposal = propose(stopped_course(), scores(RESPONSE, (date(2026, 5, 1), 24)), date(2026, 5, 2))
    assert proposal.action is Action.TRIGGER_BOOSTER_NOW
    assert proposal.rule == "seed002.relapse.intermediate"
    assert proposal.proposed_date == date(2026, 5, 2)
    assert proposal.reason.startswith(
        "Booster now, a single treatment or a short series: intermediate relapse on 2026-05-01, "
        "30 days after boosters stopped on 2026-04-01 (1-3 months)"
    )
    assert proposal.reason.endswith(
        "reassess the maintenance strategy and consider adjunctive treatments"
    )


def test_late_relapse_restarts_a_standard_acute_series() -> None:
    proposal = propose(stopped_course(), scores(RESPONSE, (date(2026, 7, 2), 24)), date(2026, 7, 2))
    assert proposal.action is Action.RESTART_INDUCTION
    assert proposal.rule == "seed002.relapse.late"
    assert proposal.phase is Phase.INDUCTION
    assert "(more than 3 months)" in proposal.reason


def test_a_score_still_at_response_is_not_a_relapse() -> None:
    # 15 is 88% above the nadir of 8 but still 50% below the baseline of 30.
    proposal = propose(
        stopped_course(), scores(RESPONSE, (date(2026, 4, 20), 15)), date(2026, 4, 20)
    )
    assert proposal.action is Action.MONITOR


def test_the_clinicians_relapse_date_wins() -> None:
    c = stopped_course(relapse_on=date(2026, 7, 1))
    proposal = propose(c, scores(RESPONSE, (date(2026, 4, 20), 24)), date(2026, 7, 3))
    assert proposal.rule == "seed002.relapse.intermediate"
    assert proposal.reason.startswith(
        "Booster now, a single treatment or a short series: intermediate relapse on 2026-07-01, "
        "91 days after boosters stopped on 2026-04-01 (1-3 months); reassess"
    )


def test_a_treated_relapse_asks_for_review_not_another_booster() -> None:
    points = scores(RESPONSE, (date(2026, 5, 10), 24))
    proposal = propose(
        stopped_course(), points, date(2026, 5, 20), sessions=given(STOPPED, date(2026, 5, 11))
    )
    assert proposal.action is Action.REVIEW
    assert proposal.rule == "seed002.relapse.treated"
    assert proposal.reason.endswith("treated on 2026-05-11")


def test_a_discontinued_course_needs_its_date() -> None:
    with pytest.raises(ValueError, match="stopped"):
        course(phase=Phase.DISCONTINUED)


# --- drug holiday ------------------------------------------------------------------------------

HOLIDAY = date(2026, 3, 1)


def holiday_course():
    return course(
        template=ANYDAY,
        phase=Phase.DRUG_HOLIDAY,
        position=LadderPosition(2, date(2025, 12, 1)),
        holiday_started_on=HOLIDAY,
    )


def test_boosters_are_held_for_four_weeks() -> None:
    proposal = propose_next_booster(
        holiday_course(), given(HOLIDAY), [], date(2026, 3, 20), SETTINGS
    )
    assert proposal.action is Action.HOLD
    assert proposal.rule == "seed002.holiday.hold"
    assert proposal.proposed_date == date(2026, 3, 29)
    assert proposal.reason == (
        "Hold boosters: drug holiday of 4-6 weeks, 19 days since the last treatment on "
        "2026-03-01; reassess on 2026-03-29, then restart at the previous effective dose"
    )
    day_27 = propose_next_booster(holiday_course(), given(HOLIDAY), [], date(2026, 3, 28), SETTINGS)
    assert day_27.action is Action.HOLD


def test_after_four_weeks_restart_at_the_previous_effective_interval() -> None:
    proposal = propose_next_booster(
        holiday_course(), given(HOLIDAY), [], date(2026, 3, 29), SETTINGS
    )
    assert proposal.action is Action.RESTART_MAINTENANCE
    assert proposal.rule == "seed002.holiday.restart"
    assert proposal.phase is Phase.MAINTENANCE
    assert proposal.reason == (
        "Reassess, then restart maintenance at the previous effective dose, every 14 days: the "
        "drug holiday of 4-6 weeks is complete (28 days since the last treatment on 2026-03-01)"
    )
    assert proposal.position == LadderPosition(2, HOLIDAY)
    assert proposal.proposed_date == date(2026, 3, 29)


def test_a_holiday_past_six_weeks_says_so() -> None:
    at_42 = propose_next_booster(holiday_course(), given(HOLIDAY), [], date(2026, 4, 12), SETTINGS)
    assert "is complete (42 days" in at_42.reason
    at_43 = propose_next_booster(holiday_course(), given(HOLIDAY), [], date(2026, 4, 13), SETTINGS)
    assert at_43.reason.endswith("the drug holiday has run 43 days, past the 4-6 weeks")


def test_a_holiday_needs_its_start() -> None:
    with pytest.raises(ValueError, match="holiday"):
        course(phase=Phase.DRUG_HOLIDAY)
