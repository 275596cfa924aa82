"""Interval, baseline and every-visit items on and around their window boundaries."""

from dataclasses import replace
from datetime import date

import pytest

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    CoursePhase,
    ItemState,
    Modality,
    evaluate,
)
from tests.clinical.monitoring.monitoring_support import (
    course,
    done,
    facts,
    rule,
    status,
    statuses,
)

TREATED = course(Modality.IV_KETAMINE, date(2025, 1, 10))
LAST = date(2026, 1, 15)

# Seed 002 intervals as encoded (one month's lead where the seed gives a single interval),
# with the window they give after a completion on 2026-01-15, worked out by hand.
WINDOWS = [
    ("cognitive_screen", date(2026, 6, 15), date(2026, 7, 14)),  # 5-6 months
    ("urinalysis", date(2026, 4, 15), date(2026, 7, 14)),  # 3-6 months
    ("liver_function_tests", date(2026, 4, 15), date(2026, 7, 14)),  # 3-6 months
    ("ecg", date(2026, 12, 15), date(2027, 1, 14)),  # 11-12 months
    ("psychiatric_assessment", date(2026, 3, 15), date(2026, 4, 14)),  # 2-3 months
    ("treatment_plan_review", date(2026, 3, 15), date(2026, 4, 14)),
    ("annual_safety_assessment", date(2026, 12, 15), date(2027, 1, 14)),
    ("continuation_discussion", date(2026, 12, 15), date(2027, 1, 14)),
    ("consent_reaffirmation", date(2026, 12, 15), date(2027, 1, 14)),
]


@pytest.mark.parametrize(("code", "opens", "closes"), WINDOWS)
def test_each_interval_item_opens_and_closes_on_its_calendar_days(
    code: str, opens: date, closes: date
) -> None:
    patient = facts(TREATED, completions=(done(code, LAST),))
    day_before = date.fromordinal(opens.toordinal() - 1)
    day_after = date.fromordinal(closes.toordinal() + 1)
    assert status(code, patient, LAST).state is ItemState.DONE
    assert status(code, patient, day_before).state is ItemState.DONE
    assert status(code, patient, opens).state is ItemState.DUE
    assert status(code, patient, closes).state is ItemState.DUE
    assert status(code, patient, day_after).state is ItemState.OVERDUE
    item = status(code, patient, opens)
    assert (item.window_start, item.window_end, item.last_done) == (opens, closes, LAST)


URINALYSIS_DONE = facts(TREATED, completions=(done("urinalysis", date(2026, 5, 2)),))


@pytest.mark.parametrize(
    ("as_of", "state", "reason"),
    [
        (
            date(2026, 8, 1),
            ItemState.DONE,
            "Urinalysis: last 2026-05-02; every 3-6 months; next due from 2026-08-02",
        ),
        (
            date(2026, 8, 2),
            ItemState.DUE,
            "Urinalysis: last 2026-05-02; every 3-6 months; due since 2026-08-02; "
            "overdue from 2026-11-02",
        ),
        (
            date(2026, 11, 1),
            ItemState.DUE,
            "Urinalysis: last 2026-05-02; every 3-6 months; due since 2026-08-02; "
            "overdue from 2026-11-02",
        ),
        (
            date(2026, 11, 2),
            ItemState.OVERDUE,
            "Urinalysis: last 2026-05-02; every 3-6 months; overdue since 2026-11-02",
        ),
    ],
)
def test_urinalysis_reason_on_each_side_of_its_window(
    as_of: date, state: ItemState, reason: str
) -> None:
    item = status("urinalysis", URINALYSIS_DONE, as_of)
    assert item.state is state
    assert item.reason == reason
    assert (item.window_start, item.window_end) == (date(2026, 8, 2), date(2026, 11, 1))


def test_done_on_august_31_is_due_from_november_30_and_overdue_from_february_28() -> None:
    patient = facts(TREATED, completions=(done("urinalysis", date(2026, 8, 31)),))
    assert status("urinalysis", patient, date(2026, 11, 29)).state is ItemState.DONE
    assert status("urinalysis", patient, date(2026, 11, 30)).state is ItemState.DUE
    assert status("urinalysis", patient, date(2027, 2, 27)).state is ItemState.DUE
    late = status("urinalysis", patient, date(2027, 2, 28))
    assert late.state is ItemState.OVERDUE
    assert late.reason == "Urinalysis: last 2026-08-31; every 3-6 months; overdue since 2027-02-28"


def test_a_six_monthly_screen_done_on_august_31_before_a_leap_february() -> None:
    patient = facts(TREATED, completions=(done("cognitive_screen", date(2027, 8, 31)),))
    assert status("cognitive_screen", patient, date(2028, 1, 30)).state is ItemState.DONE
    assert status("cognitive_screen", patient, date(2028, 1, 31)).state is ItemState.DUE
    assert status("cognitive_screen", patient, date(2028, 2, 28)).state is ItemState.DUE
    assert status("cognitive_screen", patient, date(2028, 2, 29)).state is ItemState.OVERDUE


@pytest.mark.parametrize("code", ["cognitive_screen", "urinalysis", "liver_function_tests"])
def test_a_baseline_item_never_done_is_missing_before_the_first_treatment(code: str) -> None:
    not_treated = facts(course(Modality.IV_KETAMINE, None))
    item = status(code, not_treated, date(2026, 3, 1))
    assert item.state is ItemState.BASELINE_MISSING
    assert (item.window_start, item.window_end, item.last_done) == (None, None, None)


def test_missing_baseline_reason_without_and_with_a_booked_first_treatment() -> None:
    unbooked = facts(course(Modality.IV_KETAMINE, None))
    booked = facts(course(Modality.IV_KETAMINE, None, planned=date(2026, 6, 1)))
    assert (
        status("liver_function_tests", unbooked, date(2026, 3, 1)).reason
        == "Liver function tests: baseline needed before the first treatment"
    )
    assert (
        status("liver_function_tests", booked, date(2026, 3, 1)).reason
        == "Liver function tests: baseline needed before the first treatment on 2026-06-01"
    )
    # A booked date that passes without the treatment does not make the baseline overdue.
    later = status("liver_function_tests", booked, date(2026, 7, 1))
    assert later.state is ItemState.BASELINE_MISSING


def test_a_missing_baseline_turns_overdue_the_day_after_the_first_treatment() -> None:
    patient = facts(course(Modality.IV_KETAMINE, date(2026, 2, 1)))
    on_the_day = status("liver_function_tests", patient, date(2026, 2, 1))
    assert on_the_day.state is ItemState.BASELINE_MISSING
    assert on_the_day.reason == (
        "Liver function tests: baseline needed before the first treatment on 2026-02-01"
    )
    after = status("liver_function_tests", patient, date(2026, 2, 2))
    assert after.state is ItemState.OVERDUE
    assert after.reason == (
        "Liver function tests: not done; baseline needed before the first treatment on "
        "2026-02-01; overdue since 2026-02-02"
    )
    assert (after.window_start, after.window_end) == (None, date(2026, 2, 1))


def test_a_baseline_done_on_the_day_of_the_first_treatment_counts() -> None:
    patient = facts(
        course(Modality.IV_KETAMINE, date(2026, 2, 1)),
        completions=(done("urinalysis", date(2026, 2, 1)),),
    )
    assert status("urinalysis", patient, date(2026, 2, 2)).state is ItemState.DONE


def test_a_baseline_done_before_treatment_starts_is_done_then_runs_its_interval() -> None:
    baseline = date(2026, 1, 20)
    before_treatment = facts(
        course(Modality.IV_KETAMINE, None, planned=date(2026, 2, 1)),
        completions=(done("urinalysis", baseline),),
    )
    assert status("urinalysis", before_treatment, date(2026, 1, 25)).state is ItemState.DONE
    treated = facts(
        course(Modality.IV_KETAMINE, date(2026, 2, 1)), completions=(done("urinalysis", baseline),)
    )
    assert status("urinalysis", treated, date(2026, 4, 19)).state is ItemState.DONE
    assert status("urinalysis", treated, date(2026, 4, 20)).state is ItemState.DUE
    assert status("urinalysis", treated, date(2026, 7, 19)).state is ItemState.DUE
    assert status("urinalysis", treated, date(2026, 7, 20)).state is ItemState.OVERDUE


def test_a_baseline_so_old_that_its_window_has_closed_is_overdue_even_before_treatment() -> None:
    patient = facts(
        course(Modality.IV_KETAMINE, None),
        completions=(done("urinalysis", date(2024, 1, 1)),),
    )
    assert status("urinalysis", patient, date(2026, 1, 1)).state is ItemState.OVERDUE


def test_an_item_without_baseline_runs_from_the_first_treatment() -> None:
    untreated = facts(course(Modality.IV_KETAMINE, None))
    waiting = status("ecg", untreated, date(2026, 1, 1))
    assert waiting.state is ItemState.NOT_YET_DUE
    assert waiting.reason == "ECG: every 11-12 months, counted from the first treatment"
    patient = facts(course(Modality.IV_KETAMINE, date(2026, 1, 10)))
    before = status("ecg", patient, date(2026, 12, 9))
    assert before.state is ItemState.NOT_YET_DUE
    assert before.reason == (
        "ECG: not done yet; every 11-12 months from the first treatment on 2026-01-10; "
        "due from 2026-12-10"
    )
    assert status("ecg", patient, date(2026, 12, 10)).state is ItemState.DUE
    assert status("ecg", patient, date(2027, 1, 9)).state is ItemState.DUE
    overdue = status("ecg", patient, date(2027, 1, 10))
    assert overdue.state is ItemState.OVERDUE
    assert overdue.reason == (
        "ECG: not done yet; every 11-12 months from the first treatment on 2026-01-10; "
        "overdue since 2027-01-10"
    )


def test_the_clock_restarts_at_the_latest_completion_even_an_early_one() -> None:
    patient = facts(
        TREATED,
        completions=(done("urinalysis", date(2026, 5, 2)), done("urinalysis", date(2026, 6, 1))),
    )
    item = status("urinalysis", patient, date(2026, 8, 2))
    assert item.state is ItemState.DONE
    assert (item.window_start, item.last_done) == (date(2026, 9, 1), date(2026, 6, 1))


def test_completions_after_the_evaluation_day_are_ignored() -> None:
    patient = facts(
        TREATED,
        completions=(done("urinalysis", date(2026, 5, 2)), done("urinalysis", date(2026, 12, 1))),
    )
    item = status("urinalysis", patient, date(2026, 11, 15))
    assert item.state is ItemState.OVERDUE
    assert item.last_done == date(2026, 5, 2)


def test_an_abnormal_last_result_is_named_in_the_reason() -> None:
    patient = facts(TREATED, completions=(done("urinalysis", date(2026, 5, 2), abnormal=True),))
    assert status("urinalysis", patient, date(2026, 6, 1)).reason == (
        "Urinalysis: last 2026-05-02 (abnormal); every 3-6 months; next due from 2026-08-02"
    )


def test_of_two_results_on_one_day_the_abnormal_one_is_shown() -> None:
    same_day = (
        done("urinalysis", date(2026, 5, 2), abnormal=True),
        done("urinalysis", date(2026, 5, 2)),
    )
    for completions in (same_day, same_day[::-1]):
        item = status("urinalysis", facts(TREATED, completions=completions), date(2026, 6, 1))
        assert item.reason.startswith("Urinalysis: last 2026-05-02 (abnormal);")


def test_every_visit_items_have_no_dates_and_show_the_last_record() -> None:
    patient = facts(TREATED, completions=(done("blood_pressure", date(2026, 11, 20)),))
    checked = status("blood_pressure", patient, date(2026, 11, 21))
    assert checked.state is ItemState.EVERY_VISIT
    assert (checked.window_start, checked.window_end) == (None, None)
    assert checked.reason == "Blood pressure and vital signs: every visit; last 2026-11-20"
    never = status("dissociation_check", patient, date(2026, 11, 21))
    assert never.state is ItemState.EVERY_VISIT
    assert never.reason == (
        "Dissociative symptoms between treatments: every visit; not recorded yet"
    )


def test_a_rule_limited_to_a_phase_applies_only_to_courses_in_that_phase() -> None:
    maintenance_only = replace(
        rule("psychiatric_assessment"), phases=frozenset({CoursePhase.MAINTENANCE})
    )
    rules = (maintenance_only,)
    acute = facts(course(Modality.IV_KETAMINE, date(2026, 1, 10), phase=CoursePhase.ACUTE))
    maintained = facts(course(Modality.IV_KETAMINE, date(2026, 1, 10)))
    assert evaluate(rules, acute, date(2026, 6, 1)) == []
    assert status("psychiatric_assessment", maintained, date(2026, 6, 1), rules).state is (
        ItemState.OVERDUE
    )


def test_a_tms_patient_starting_ketamine_needs_baselines_before_the_ketamine_dose() -> None:
    patient = facts(
        course(Modality.TMS, date(2020, 3, 1)),
        course(Modality.IV_KETAMINE, None, phase=CoursePhase.ACUTE, planned=date(2026, 7, 1)),
    )
    item = status("urinalysis", patient, date(2026, 6, 20))
    assert item.state is ItemState.BASELINE_MISSING
    assert item.reason == "Urinalysis: baseline needed before the first treatment on 2026-07-01"
    assert status("ecg", patient, date(2026, 6, 20)).state is ItemState.NOT_YET_DUE


def test_the_earliest_first_treatment_of_matching_courses_starts_the_clock() -> None:
    patient = facts(
        course(Modality.IV_KETAMINE, date(2026, 3, 1)),
        course(Modality.ESKETAMINE, date(2026, 1, 10)),
    )
    assert status("ecg", patient, date(2026, 12, 10)).state is ItemState.DUE


def test_a_first_treatment_after_the_evaluation_day_counts_as_planned() -> None:
    patient = facts(course(Modality.IV_KETAMINE, date(2026, 7, 1)))
    item = status("urinalysis", patient, date(2026, 6, 1))
    assert item.state is ItemState.BASELINE_MISSING
    assert item.reason == "Urinalysis: baseline needed before the first treatment on 2026-07-01"
    ecg = status("ecg", patient, date(2026, 6, 1))
    assert ecg.reason == "ECG: every 11-12 months, counted from the first treatment"
    assert (ecg.window_start, ecg.window_end) == (None, None)


def test_a_patient_without_an_active_course_has_no_items() -> None:
    assert evaluate(SEED_DEFAULT_RULES, facts(), date(2026, 6, 1)) == []


def test_items_come_back_in_the_order_of_the_rules() -> None:
    patient = facts(TREATED)
    forward = [s.item_code for s in evaluate(SEED_DEFAULT_RULES, patient, date(2026, 6, 1))]
    backward = [s.item_code for s in evaluate(SEED_DEFAULT_RULES[::-1], patient, date(2026, 6, 1))]
    assert backward == forward[::-1]
    assert list(statuses(patient, date(2026, 6, 1))) == forward
