"""Concrete dates: ladder steps, induction blocks, Spravato and TMS, and re-planning."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from clinical.protocols import (
    LadderPosition,
    LadderStep,
    Phase,
    WeeklyBlock,
    gradual_taper,
    ketamine_induction,
    ketamine_interval_extension,
    plan_dates,
    plan_induction,
    replan,
    spravato_label,
    symptom_triggered,
    tms_acute_course,
)
from tests.clinical.protocols.protocol_builders import course, given, missed

MON = date(2026, 1, 5)
WED = date(2026, 1, 7)


def weekdays(dates: tuple[date, ...]) -> list[str]:
    return [d.strftime("%a") for d in dates]


# --- ladder steps ------------------------------------------------------------------------------


def test_a_counted_step_plans_its_treatments_from_the_anchor() -> None:
    step = LadderStep("Every 10 days", 10, treatments_required=3)
    assert plan_dates(step, date(2026, 2, 13)) == (
        date(2026, 2, 23),
        date(2026, 3, 5),
        date(2026, 3, 15),
    )
    assert plan_dates(step, date(2026, 2, 13), count=1) == (date(2026, 2, 23),)


def test_weekday_moves_do_not_drift_the_dates_after_them() -> None:
    step = LadderStep("Every 10 days", 10, treatments_required=4)
    # Wed Mar 4 + 10 = Sat Mar 14 -> Fri 13; +20 = Tue Mar 24 (not Mon 23); +30 = Fri Apr 3.
    assert plan_dates(step, date(2026, 3, 4), weekdays_only=True) == (
        date(2026, 3, 13),
        date(2026, 3, 24),
        date(2026, 4, 3),
        date(2026, 4, 13),
    )


def test_a_time_based_step_runs_to_the_first_date_on_or_after_its_end() -> None:
    step = gradual_taper().ladder[0]  # every 21 days for 3 months
    dates = plan_dates(step, date(2026, 1, 1))
    assert dates == (
        date(2026, 1, 22),
        date(2026, 2, 12),
        date(2026, 3, 5),
        date(2026, 3, 26),
        date(2026, 4, 16),  # first on or after 2026-04-01
    )
    assert plan_dates(step, date(2026, 4, 16), step_started_on=date(2026, 1, 1)) == ()


def test_an_open_ended_step_needs_a_count() -> None:
    with pytest.raises(ValueError, match="open-ended"):
        plan_dates(LadderStep("Monthly", 28), date(2026, 1, 1))
    assert plan_dates(LadderStep("Monthly", 28), date(2026, 1, 1), count=2) == (
        date(2026, 1, 29),
        date(2026, 2, 26),
    )


def test_an_overdue_step_is_planned_from_today() -> None:
    step = LadderStep("Weekly", 7, treatments_required=3)
    dates = plan_dates(step, date(2026, 3, 2), not_before=date(2026, 3, 20))
    assert dates == (date(2026, 3, 20), date(2026, 3, 27), date(2026, 4, 3))


# --- induction blocks --------------------------------------------------------------------------


def test_ketamine_induction_from_a_monday_is_mon_wed_fri_for_two_weeks() -> None:
    dates = plan_induction(ketamine_induction(), MON, weekdays_only=True)
    assert dates == (
        date(2026, 1, 5),
        date(2026, 1, 7),
        date(2026, 1, 9),
        date(2026, 1, 12),
        date(2026, 1, 14),
        date(2026, 1, 16),
    )


def test_ketamine_induction_from_a_tuesday_stays_on_weekdays() -> None:
    dates = plan_induction(ketamine_induction(), date(2026, 1, 6), weekdays_only=True)
    assert weekdays(dates) == ["Tue", "Thu", "Mon", "Tue", "Thu", "Mon"]
    assert len(dates) == 6


def test_a_missed_induction_session_is_replanned_and_still_six_are_given() -> None:
    # Mon given, Wed missed, today Thu: the rest go on the Mon/Wed/Fri pattern from Friday.
    rest = plan_induction(
        ketamine_induction(), MON, [MON], weekdays_only=True, not_before=date(2026, 1, 8)
    )
    assert rest == (
        date(2026, 1, 9),
        date(2026, 1, 12),
        date(2026, 1, 14),
        date(2026, 1, 16),
        date(2026, 1, 19),
    )


def test_a_late_induction_session_moves_the_rest() -> None:
    # Friday's infusion given on Monday the 12th: next is Wednesday, not Monday again.
    rest = plan_induction(
        ketamine_induction(), MON, [MON, WED, date(2026, 1, 12)], weekdays_only=True
    )
    assert rest == (date(2026, 1, 14), date(2026, 1, 16), date(2026, 1, 19))


def test_an_early_induction_session_keeps_the_gap_before_the_next() -> None:
    # Wednesday's infusion given on Tuesday: the next is Friday (2 days later at least).
    rest = plan_induction(ketamine_induction(), MON, [MON, date(2026, 1, 6)], weekdays_only=True)
    assert rest == (date(2026, 1, 9), date(2026, 1, 12), date(2026, 1, 14), date(2026, 1, 16))


def test_a_once_a_week_block_restarts_its_week_on_the_day_given() -> None:
    block = (WeeklyBlock("Weekly", sessions=3, per_week=1),)
    assert plan_induction(block, MON) == (MON, date(2026, 1, 12), date(2026, 1, 19))
    assert plan_induction(block, MON, [date(2026, 1, 8)]) == (date(2026, 1, 15), date(2026, 1, 22))


def test_more_sessions_a_week_than_clinic_days_is_refused() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        plan_induction((WeeklyBlock("Daily", sessions=6, per_week=6),), MON, weekdays_only=True)
    with pytest.raises(ValueError):
        WeeklyBlock("Too many", sessions=8, per_week=8)


# --- Spravato ----------------------------------------------------------------------------------


def week_of(start: date, day: date) -> int:
    return (day - start).days // 7 + 1


def test_spravato_weeks_1_to_4_twice_weekly_then_weekly_then_every_2_weeks() -> None:
    template = spravato_label()
    induction = plan_induction(template.induction, MON, weekdays_only=True)
    assert len(induction) == 8
    assert weekdays(induction) == ["Mon", "Thu"] * 4
    assert [week_of(MON, d) for d in induction] == [1, 1, 2, 2, 3, 3, 4, 4]

    weekly = plan_dates(template.ladder[0], induction[-1], weekdays_only=True)
    assert weekly == (date(2026, 2, 5), date(2026, 2, 12), date(2026, 2, 19), date(2026, 2, 26))
    assert [week_of(MON, d) for d in weekly] == [5, 6, 7, 8]

    fortnightly = plan_dates(template.ladder[1], weekly[-1], count=3, weekdays_only=True)
    assert fortnightly == (date(2026, 3, 12), date(2026, 3, 26), date(2026, 4, 9))
    assert [week_of(MON, d) for d in fortnightly] == [10, 12, 14]


def test_spravato_from_a_wednesday_keeps_two_a_week_inside_weeks_1_to_4() -> None:
    induction = plan_induction(spravato_label().induction, WED, weekdays_only=True)
    assert weekdays(induction) == ["Wed", "Mon"] * 4
    assert [week_of(WED, d) for d in induction] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_a_missed_spravato_dose_lengthens_induction_rather_than_dropping_a_dose() -> None:
    rest = plan_induction(
        spravato_label().induction, MON, [MON], weekdays_only=True, not_before=date(2026, 1, 9)
    )
    assert len(rest) == 7
    assert rest[0] == date(2026, 1, 12)
    assert rest[-1] == date(2026, 2, 2)  # week 5: one dose later than planned


# --- TMS ---------------------------------------------------------------------------------------


def test_tms_from_a_monday_is_30_weekdays_then_a_3_2_1_taper() -> None:
    dates = plan_induction(tms_acute_course().induction, MON, weekdays_only=True)
    assert len(dates) == 36
    acute, taper = dates[:30], dates[30:]
    assert all(d.weekday() < 5 for d in dates)
    assert acute[0] == MON and acute[-1] == date(2026, 2, 13)
    per_week = [sum(1 for d in acute if week_of(MON, d) == w) for w in range(1, 7)]
    assert per_week == [5, 5, 5, 5, 5, 5]
    assert taper == (
        date(2026, 2, 16),
        date(2026, 2, 18),
        date(2026, 2, 20),
        date(2026, 2, 23),
        date(2026, 2, 26),
        date(2026, 3, 2),
    )
    assert [week_of(MON, d) for d in taper] == [7, 7, 7, 8, 8, 9]


def test_tms_from_a_wednesday_runs_on_consecutive_weekdays() -> None:
    dates = plan_induction(tms_acute_course().induction, WED, weekdays_only=True)
    acute = dates[:30]
    assert all(d.weekday() < 5 for d in dates)
    expected, day = [], WED
    while len(expected) < 30:
        if day.weekday() < 5:
            expected.append(day)
        day += timedelta(days=1)
    assert list(acute) == expected
    taper_weeks = [week_of(WED, d) for d in dates[30:]]
    assert taper_weeks == [7, 7, 7, 8, 8, 9]


def test_a_missed_tms_session_moves_the_rest_one_weekday() -> None:
    first_four = [MON + timedelta(days=k) for k in range(4)]
    rest = plan_induction(
        tms_acute_course().induction,
        MON,
        first_four,
        weekdays_only=True,
        not_before=date(2026, 1, 12),
    )
    assert len(rest) == 32
    assert rest[0] == date(2026, 1, 12)
    assert all(d.weekday() < 5 for d in rest)
    assert rest[25] == date(2026, 2, 16)  # the 30th acute session, a weekday later
    assert rest[26:] == (
        date(2026, 2, 17),
        date(2026, 2, 19),
        date(2026, 2, 23),
        date(2026, 2, 24),
        date(2026, 2, 27),
        date(2026, 3, 3),
    )


# --- replan from the course --------------------------------------------------------------------


def test_replan_induction_counts_only_given_sessions() -> None:
    c = course(phase=Phase.INDUCTION)
    sessions = [*given(MON), missed(WED)]
    assert replan(c, sessions, date(2026, 1, 8))[:2] == (date(2026, 1, 9), date(2026, 1, 12))
    assert len(replan(c, sessions, date(2026, 1, 8))) == 5


def test_replan_maintenance_counts_from_the_day_actually_given() -> None:
    template = replace(ketamine_interval_extension(), weekdays_only=False)
    c = course(template=template, position=LadderPosition(1, date(2026, 2, 13)))
    late = given(date(2026, 2, 25))  # due Feb 23, given two days late
    assert replan(c, late, date(2026, 2, 25)) == (date(2026, 3, 7), date(2026, 3, 17))
    done = given(date(2026, 2, 23), date(2026, 3, 5), date(2026, 3, 15))
    assert replan(c, done, date(2026, 3, 15)) == ()


def test_replan_an_overdue_step_from_today() -> None:
    template = replace(ketamine_interval_extension(), weekdays_only=False)
    c = course(template=template, position=LadderPosition(0, date(2026, 2, 13)))
    sessions = [*given(date(2026, 2, 20)), missed(date(2026, 2, 27))]
    assert replan(c, sessions, date(2026, 3, 2)) == (
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
    )


def test_replan_taper_and_open_ended_steps() -> None:
    template = replace(ketamine_interval_extension(), weekdays_only=False)
    taper = course(
        template=template, phase=Phase.TAPER, taper_position=LadderPosition(2, date(2026, 1, 1))
    )
    dates = replan(taper, given(date(2026, 1, 1)), date(2026, 1, 1))
    assert dates == (date(2026, 2, 12), date(2026, 3, 26), date(2026, 5, 7))
    top = course(template=template, position=LadderPosition(4, date(2026, 1, 1)))
    assert replan(top, [], date(2026, 1, 1), open_ended_count=2) == (
        date(2026, 1, 29),
        date(2026, 2, 26),
    )


def test_replan_is_empty_without_a_schedule() -> None:
    c = course(template=symptom_triggered(), position=None)
    assert replan(c, given(MON), date(2026, 2, 1)) == ()
    holiday = course(phase=Phase.DRUG_HOLIDAY, holiday_started_on=date(2026, 2, 1))
    assert replan(holiday, given(MON), date(2026, 2, 10)) == ()
