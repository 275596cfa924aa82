"""Percent change, response, remission, maintenance nadir and the insurer's TMS criterion."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinical.scales import (
    ScaleInputError,
    ScaleSettings,
    ScoreHistory,
    insurer_tms_criterion,
    is_remission,
    is_response,
    percent_change,
    percent_rise,
    summarise_course,
)

D1, D2, D3, D4, D5 = (date(2026, 3, day) for day in (2, 9, 16, 23, 30))


@pytest.mark.parametrize(
    ("baseline", "current", "percent"),
    [
        (20, 10, Decimal("50.0")),
        (30, 15, Decimal("50.0")),
        (59, 30, Decimal("49.2")),
        (24, 13, Decimal("45.8")),
        (3, 2, Decimal("33.3")),
        (3, 1, Decimal("66.7")),
        (20, 20, Decimal("0.0")),
        (20, 25, Decimal("-25.0")),
        (20, 0, Decimal("100.0")),
    ],
)
def test_percent_change(baseline: int, current: int, percent: Decimal) -> None:
    change = percent_change(baseline, current)
    assert change.percent == percent
    assert change.reason is None


def test_percent_change_from_a_baseline_of_0_is_none_with_a_reason() -> None:
    change = percent_change(0, 4)
    assert change.percent is None
    assert change.reason is not None
    assert "baseline score is 0" in change.reason


@pytest.mark.parametrize(
    ("baseline", "current", "response"),
    [
        (30, 15, True),
        (20, 10, True),
        (59, 30, False),
        (59, 29, True),
        (21, 11, False),
        (21, 10, True),
        (1, 0, True),
        (1, 1, False),
    ],
)
def test_response_at_exactly_50_percent_and_just_below(
    baseline: int, current: int, response: bool
) -> None:
    assert is_response(baseline, current) is response


def test_response_from_a_baseline_of_0_is_undefined() -> None:
    assert is_response(0, 0) is None


@given(baseline=st.integers(1, 80), current=st.integers(0, 80))
def test_response_agrees_with_the_exact_percent(baseline: int, current: int) -> None:
    assert is_response(baseline, current) is ((baseline - current) * 2 >= baseline)


@pytest.mark.parametrize(
    ("code", "total", "remission"),
    [
        ("MADRS", 10, True),
        ("MADRS", 11, False),
        ("PHQ9", 4, True),
        ("PHQ9", 5, False),
        ("HAMD17", 7, True),
        ("HAMD17", 8, False),
        ("QIDSSR16", 5, True),
        ("QIDSSR16", 6, False),
        ("BDI2", 0, None),
        ("GAD7", 0, None),
    ],
)
def test_remission_uses_each_instruments_comparison(
    code: str, total: int, remission: bool | None
) -> None:
    assert is_remission(code, total) is remission


def test_remission_follows_the_clinic_setting() -> None:
    assert is_remission("MADRS", 12, settings=ScaleSettings(madrs_remission_at_most=12)) is True


def test_percent_rise_above_nadir() -> None:
    assert percent_rise(8, 10).percent == Decimal("25.0")
    assert percent_rise(8, 11).percent == Decimal("37.5")
    zero = percent_rise(0, 3)
    assert zero.percent is None
    assert zero.reason is not None
    assert "nadir is 0" in zero.reason


def test_course_points_against_baseline_with_nadir_since_response() -> None:
    course = summarise_course("MADRS", 34, [(D1, 28), (D2, 17), (D3, 9), (D4, 12), (D5, 15)])
    assert [point.change.percent for point in course.points] == [
        Decimal("17.6"),
        Decimal("50.0"),
        Decimal("73.5"),
        Decimal("64.7"),
        Decimal("55.9"),
    ]
    assert [point.response for point in course.points] == [False, True, True, True, True]
    assert [point.remission for point in course.points] == [False, False, True, False, False]
    assert [point.nadir for point in course.points] == [None, 17, 9, 9, 9]
    assert [point.points_above_nadir for point in course.points] == [None, 0, 0, 3, 6]
    rises = [point.rise_above_nadir for point in course.points]
    assert rises[0] is None
    assert [rise.percent for rise in rises[1:]] == [  # type: ignore[union-attr]
        Decimal("0.0"),
        Decimal("0.0"),
        Decimal("33.3"),
        Decimal("66.7"),
    ]
    assert course.first_response_on == D2
    assert course.first_remission_on == D3
    assert (course.nadir, course.nadir_on) == (9, D3)
    assert course.latest is course.points[-1]
    assert course.best_change is not None
    assert course.best_change.percent == Decimal("73.5")
    assert course.remission_rule is not None
    assert course.remission_rule.describe() == "≤ 10"


def test_scores_before_response_never_set_the_nadir() -> None:
    course = summarise_course("PHQ9", 20, [(D1, 11), (D2, 12), (D3, 13)])
    assert course.nadir is None
    assert course.first_response_on is None
    assert all(point.nadir is None for point in course.points)


def test_nadir_ties_keep_the_first_date() -> None:
    course = summarise_course("PHQ9", 20, [(D1, 8), (D2, 8), (D3, 9)])
    assert course.nadir_on == D1


def test_points_are_put_in_date_order() -> None:
    course = summarise_course("PHQ9", 20, [(D3, 4), (D1, 15), (D2, 9)])
    assert [point.on for point in course.points] == [D1, D2, D3]
    assert course.first_response_on == D2
    assert course.first_remission_on == D3


def test_phq9_remission_is_strictly_below_5_in_a_course() -> None:
    course = summarise_course("PHQ9", 20, [(D1, 5), (D2, 4)])
    assert [point.remission for point in course.points] == [False, True]


def test_course_from_a_baseline_of_0() -> None:
    course = summarise_course("PHQ9", 0, [(D1, 3)])
    point = course.points[0]
    assert point.change.percent is None
    assert point.change.reason is not None
    assert point.response is None
    assert course.first_response_on is None


def test_a_nadir_of_0_gives_the_rise_in_points_only() -> None:
    course = summarise_course("PHQ9", 12, [(D1, 0), (D2, 3)])
    rise = course.points[1].rise_above_nadir
    assert course.points[1].points_above_nadir == 3
    assert rise is not None
    assert rise.percent is None


def test_empty_course() -> None:
    course = summarise_course("BDI2", 30, [])
    assert course.points == ()
    assert course.latest is None
    assert course.best_change is None


@pytest.mark.parametrize(
    ("baseline", "points", "message"),
    [
        (64, [], "BDI-II baseline 64 is outside 0-63"),
        (30, [(D1, 64)], "BDI-II score on 2026-03-02 64 is outside 0-63"),
        (30, [(D1, True)], "must be a whole number"),
        (30, [("2026-03-02", 12)], "must be a \\(date, total\\) pair"),
    ],
)
def test_bad_course_input_is_refused(baseline: int, points: list, message: str) -> None:
    with pytest.raises(ScaleInputError, match=message):
        summarise_course("BDI2", baseline, points)


def test_a_scale_without_a_total_has_no_course() -> None:
    with pytest.raises(ScaleInputError, match="no total"):
        summarise_course("CSSRS_SCREENER", 0, [])


# --- insurer criterion (seed 000) ------------------------------------------------------


def test_insurer_criterion_met_at_exactly_50_percent_on_bdi2() -> None:
    result = insurer_tms_criterion([ScoreHistory("BDI2", 40, [(D1, 30), (D3, 20)])])
    assert result.met is True
    assert result.reasons == (
        "Met: a reduction of at least 50% from baseline on BDI-II.",
        "BDI-II: baseline 40, current 20 on 2026-03-16, 50.0% reduction: meets the ≥ 50% "
        "criterion.",
    )


def test_insurer_criterion_not_met_at_49_point_2_percent() -> None:
    result = insurer_tms_criterion([ScoreHistory("BDI2", 59, [(D1, 30)])])
    assert result.met is False
    assert result.reasons[1] == (
        "BDI-II: baseline 59, current 30 on 2026-03-02, 49.2% reduction: does not meet the "
        "≥ 50% criterion."
    )


def test_insurer_criterion_met_by_hamd_alone() -> None:
    result = insurer_tms_criterion(
        [
            ScoreHistory("BDI2", 40, [(D2, 25)]),
            ScoreHistory("HAMD17", 24, [(D2, 12)]),
        ]
    )
    assert result.met is True
    assert result.reasons[0] == "Met: a reduction of at least 50% from baseline on HAM-D."
    assert "HAM-D: baseline 24, current 12" in result.explanation
    assert "37.5% reduction: does not meet" in result.explanation


def test_insurer_criterion_met_on_both() -> None:
    result = insurer_tms_criterion(
        [ScoreHistory("BDI2", 40, [(D2, 10)]), ScoreHistory("HAMD17", 24, [(D2, 12)])]
    )
    assert result.reasons[0] == (
        "Met: a reduction of at least 50% from baseline on BDI-II and HAM-D."
    )


def test_insurer_criterion_judges_the_latest_score_not_the_best() -> None:
    result = insurer_tms_criterion([ScoreHistory("HAMD17", 24, [(D1, 10), (D4, 14)])])
    assert result.met is False
    assert "current 14 on 2026-03-23, 41.7% reduction" in result.explanation


def test_insurer_criterion_reports_a_worsening_as_an_increase() -> None:
    result = insurer_tms_criterion([ScoreHistory("HAMD17", 20, [(D1, 25)])])
    assert "25.0% increase" in result.explanation


def test_insurer_criterion_ignores_other_instruments() -> None:
    result = insurer_tms_criterion([ScoreHistory("MADRS", 40, [(D1, 5)])])
    assert result.met is False
    assert result.reasons == ("Not met: no BDI-II or HAM-D scores are recorded for this course.",)


def test_insurer_criterion_with_a_baseline_of_0_says_why() -> None:
    result = insurer_tms_criterion([ScoreHistory("BDI2", 0, [(D1, 0)])])
    assert result.met is False
    assert "baseline 0, so a percent reduction cannot be calculated" in result.explanation


def test_insurer_criterion_without_a_follow_up_score() -> None:
    result = insurer_tms_criterion([ScoreHistory("HAMD17", 22, [])])
    assert result.met is False
    assert "HAM-D: baseline 22, no follow-up score recorded yet." in result.reasons


def test_insurer_criterion_checks_the_scores() -> None:
    with pytest.raises(ScaleInputError, match="outside 0-52"):
        insurer_tms_criterion([ScoreHistory("HAMD17", 60, [(D1, 10)])])
