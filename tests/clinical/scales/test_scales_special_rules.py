"""The rules that are not a plain sum: QIDS domain maxima, the MoCA education point, the PHQ-9
difficulty question, HAM-D item 16A/16B, PCL-5 clusters and the DSM-5 rule."""

import pytest

from clinical.scales import (
    INSTRUMENTS,
    ScaleInputError,
    asked_items,
    missing_items,
    partial_total,
    score,
)

# --- QIDS-SR16 -------------------------------------------------------------------------


def qids(**overrides: int) -> dict[str, int]:
    answers = {str(n): 0 for n in range(1, 17)}
    answers.update({key.removeprefix("q"): value for key, value in overrides.items()})
    return answers


def test_qids_sleep_domain_takes_the_highest_of_items_1_to_4() -> None:
    result = score("QIDSSR16", qids(q1=1, q2=3, q3=0, q4=2))
    assert result.subscore("sleep").score == 3
    assert result.total == 3


def test_qids_appetite_weight_domain_takes_the_highest_of_items_6_to_9() -> None:
    result = score("QIDSSR16", qids(q6=1, q7=0, q8=2, q9=1))
    assert result.subscore("appetite_weight").score == 2
    assert result.total == 2


def test_qids_psychomotor_domain_takes_the_higher_of_items_15_and_16() -> None:
    result = score("QIDSSR16", qids(q15=1, q16=3))
    assert result.subscore("psychomotor").score == 3
    assert result.total == 3


def test_qids_total_is_the_sum_of_nine_domains_not_of_sixteen_items() -> None:
    answers = qids(
        q1=2,
        q2=3,
        q3=1,
        q4=0,
        q5=2,
        q6=3,
        q7=0,
        q8=1,
        q9=1,
        q10=1,
        q11=2,
        q12=0,
        q13=1,
        q14=2,
        q15=2,
        q16=1,
    )
    result = score("QIDSSR16", answers)
    # 3 (sleep) + 2 + 3 (appetite/weight) + 1 + 2 + 0 + 1 + 2 + 2 (psychomotor)
    assert result.total == 16
    assert sum(answers.values()) == 22
    assert result.band is not None
    assert result.band.label == "severe"
    assert [subscore.score for subscore in result.subscores] == [3, 2, 3, 1, 2, 0, 1, 2, 2]


def test_qids_all_items_at_3_give_27() -> None:
    assert score("QIDSSR16", {str(n): 3 for n in range(1, 17)}).total == 27


def test_qids_partial_total_uses_the_domain_maxima_of_what_is_answered() -> None:
    assert partial_total("QIDSSR16", {"1": 2, "2": 3, "5": 1}) == 4
    result = score("QIDSSR16", {"1": 2, "2": 3, "5": 1})
    assert result.subscore("sleep").score is None
    assert result.subscore("sad_mood").score == 1


def test_qids_domain_maxima_are_reported() -> None:
    result = score("QIDSSR16", qids())
    assert result.subscore("sleep").maximum == 3
    assert sum(subscore.maximum for subscore in result.subscores) == 27


# --- MoCA ------------------------------------------------------------------------------

FULL_MARKS = {
    "visuospatial_executive": 5,
    "naming": 3,
    "attention": 6,
    "language": 3,
    "abstraction": 2,
    "delayed_recall": 5,
    "orientation": 6,
}


def moca(raw_total: int) -> dict[str, int]:
    answers = dict(FULL_MARKS)
    shortfall = 30 - raw_total
    for key in answers:
        taken = min(shortfall, answers[key])
        answers[key] -= taken
        shortfall -= taken
    return answers


def test_moca_adds_a_point_for_12_years_or_less_below_30() -> None:
    result = score("MOCA", moca(29), education_years=12)
    assert result.raw_total == 29
    assert result.total == 30
    assert result.summary == "MoCA 30 (raw 29 + 1 for ≤ 12 years of education): normal"


def test_moca_education_point_can_move_a_score_into_the_normal_range() -> None:
    result = score("MOCA", moca(25), education_years=8)
    assert (result.raw_total, result.total) == (25, 26)
    assert result.band is not None
    assert result.band.label == "normal"


def test_moca_raw_30_stays_30() -> None:
    result = score("MOCA", moca(30), education_years=6)
    assert (result.raw_total, result.total) == (30, 30)
    assert result.summary == "MoCA 30: normal"


@pytest.mark.parametrize("years", [13, 16, 40])
def test_moca_more_than_12_years_adds_nothing(years: int) -> None:
    result = score("MOCA", moca(25), education_years=years)
    assert (result.raw_total, result.total) == (25, 25)
    assert result.band is not None
    assert result.band.label == "below the normal range"


def test_moca_zero_years_of_education_gets_the_point() -> None:
    assert score("MOCA", moca(0), education_years=0).total == 1


def test_moca_without_education_years_is_a_clear_error() -> None:
    with pytest.raises(ScaleInputError, match="years of formal education"):
        score("MOCA", moca(27))
    with pytest.raises(ScaleInputError, match="years of formal education"):
        score("MOCA", {})


@pytest.mark.parametrize("years", [-1, 41, True, 12.0, "12"])
def test_moca_education_years_must_be_a_plausible_whole_number(years: object) -> None:
    with pytest.raises(ScaleInputError, match="education"):
        score("MOCA", moca(27), education_years=years)  # type: ignore[arg-type]


def test_moca_domain_over_its_maximum_is_an_error() -> None:
    with pytest.raises(ScaleInputError, match=r"^MoCA domain Naming: 4 is outside 0-3\.$"):
        score("MOCA", {**FULL_MARKS, "naming": 4}, education_years=16)


def test_moca_domain_scores_are_reported() -> None:
    result = score("MOCA", {**FULL_MARKS, "delayed_recall": 2}, education_years=16)
    assert result.subscore("delayed_recall").score == 2
    assert result.subscore("delayed_recall").maximum == 5
    assert len(result.subscores) == 7


def test_moca_incomplete_has_no_total_and_no_education_point() -> None:
    result = score("MOCA", {"naming": 3, "orientation": 6}, education_years=10)
    assert not result.complete
    assert result.total is None
    assert result.raw_total is None
    assert result.partial_total == 9
    assert result.missing == (
        "visuospatial_executive",
        "attention",
        "language",
        "abstraction",
        "delayed_recall",
    )


# --- PHQ-9 difficulty question ---------------------------------------------------------

PHQ9_ZERO = {str(n): 0 for n in range(1, 10)}


def test_phq9_difficulty_question_is_not_asked_when_the_total_is_0() -> None:
    assert "10" not in asked_items("PHQ9", PHQ9_ZERO)
    result = score("PHQ9", PHQ9_ZERO)
    assert result.complete
    assert result.missing == ()


def test_phq9_difficulty_question_is_asked_when_the_total_is_above_0() -> None:
    answers = {**PHQ9_ZERO, "4": 1}
    assert "10" in asked_items("PHQ9", answers)
    assert "10" in asked_items("PHQ9", {"4": 1})


def test_phq9_difficulty_question_is_not_shown_while_still_undecided() -> None:
    assert "10" not in asked_items("PHQ9", {"1": 0})


def test_phq9_difficulty_question_is_not_required_to_complete() -> None:
    result = score("PHQ9", {**PHQ9_ZERO, "4": 1})
    assert result.complete
    assert result.total == 1
    assert "10" not in missing_items("PHQ9", {**PHQ9_ZERO, "4": 1})


def test_phq9_difficulty_question_is_not_added_to_the_total() -> None:
    answers = {str(n): 1 for n in range(1, 10)} | {"10": 3}
    result = score("PHQ9", answers)
    assert result.total == 9
    assert result.partial_total == 9


def test_phq9_not_difficult_at_all_with_a_total_of_0_is_accepted() -> None:
    assert score("PHQ9", {**PHQ9_ZERO, "10": 0}).total == 0


def test_phq9_difficulty_reported_when_no_problem_was_checked_is_refused() -> None:
    with pytest.raises(ScaleInputError, match=r"item 10 .* asked only when the total is above 0"):
        score("PHQ9", {**PHQ9_ZERO, "10": 2})


def test_phq9_difficulty_answered_before_the_items_are_finished_is_accepted() -> None:
    result = score("PHQ9", {"1": 0, "10": 2})
    assert not result.complete
    assert result.partial_total == 0


# --- HAM-D item 16 ---------------------------------------------------------------------

HAMD_WITHOUT_16 = {key: 0 for key in INSTRUMENTS["HAMD17"].item_keys if not key.startswith("16")}


@pytest.mark.parametrize("form", ["16A", "16B"])
def test_hamd_item16_rated_either_way_completes_the_scale(form: str) -> None:
    result = score("HAMD17", {**HAMD_WITHOUT_16, form: 2})
    assert result.complete
    assert result.total == 2


def test_hamd_item16_rated_both_ways_is_refused() -> None:
    with pytest.raises(ScaleInputError, match=r"HAM-D item 16 is rated one way only.*not both"):
        score("HAMD17", {**HAMD_WITHOUT_16, "16A": 1, "16B": 1})


def test_hamd_item16_both_ways_refused_even_when_one_is_zero() -> None:
    with pytest.raises(ScaleInputError, match=r"16A .* or 16B"):
        score("HAMD17", {**HAMD_WITHOUT_16, "16A": 0, "16B": 2})


def test_hamd_item16_unrated_leaves_the_scale_incomplete() -> None:
    result = score("HAMD17", HAMD_WITHOUT_16)
    assert not result.complete
    assert result.missing == ("16A", "16B")
    assert result.summary == "HAM-D: incomplete (1 unanswered), partial total 0"
    with pytest.raises(ScaleInputError, match=r"item 16A or 16B is unanswered"):
        score("HAMD17", HAMD_WITHOUT_16, require_complete=True)


def test_hamd_item16_not_assessed_value_3_is_refused() -> None:
    with pytest.raises(ScaleInputError, match=r"HAM-D item 16B .*: 3 is outside 0-2"):
        score("HAMD17", {**HAMD_WITHOUT_16, "16B": 3})


def test_hamd_maximum_is_52() -> None:
    hamd = INSTRUMENTS["HAMD17"]
    answers = {item.key: item.maximum for item in hamd.items if item.key != "16A"}
    assert score("HAMD17", answers).total == 52


# --- PCL-5 -----------------------------------------------------------------------------


def pcl5(**overrides: int) -> dict[str, int]:
    answers = {str(n): 0 for n in range(1, 21)}
    answers.update({key.removeprefix("q"): value for key, value in overrides.items()})
    return answers


def test_pcl5_cluster_subscores() -> None:
    result = score("PCL5", pcl5(q1=4, q5=1, q6=3, q8=2, q14=2, q15=1, q20=4))
    assert [(s.key, s.score, s.maximum) for s in result.subscores] == [
        ("B", 5, 20),
        ("C", 3, 8),
        ("D", 4, 28),
        ("E", 5, 24),
    ]
    assert result.total == 17


def test_pcl5_dsm5_rule_met_with_the_minimum_symptom_pattern() -> None:
    result = score("PCL5", pcl5(q1=2, q6=2, q8=2, q9=2, q15=2, q16=2))
    assert result.total == 12
    assert result.screen("provisional_ptsd_dsm5").positive is True
    assert result.screen("provisional_ptsd_cut_point").positive is False
    assert result.summary == (
        "PCL-5 12: below the provisional PTSD cut-point; "
        "DSM-5 symptom pattern met (provisional PTSD)"
    )


def test_pcl5_item_rated_1_is_not_an_endorsed_symptom() -> None:
    result = score("PCL5", pcl5(q1=2, q6=1, q8=2, q9=2, q15=2, q16=2))
    assert result.screen("provisional_ptsd_dsm5").positive is False


@pytest.mark.parametrize(
    "missing_cluster_symptom",
    [{"q1": 0}, {"q6": 0}, {"q9": 0}, {"q16": 0}],
)
def test_pcl5_dsm5_rule_needs_every_cluster(missing_cluster_symptom: dict[str, int]) -> None:
    minimal_pattern = {"q1": 2, "q6": 2, "q8": 2, "q9": 2, "q15": 2, "q16": 2}
    answers = pcl5(**minimal_pattern | missing_cluster_symptom)
    assert score("PCL5", answers).screen("provisional_ptsd_dsm5").positive is False


def test_pcl5_high_total_does_not_imply_the_dsm5_pattern() -> None:
    answers = pcl5(**{f"q{n}": 4 for n in range(1, 15)})
    result = score("PCL5", answers)
    assert result.total == 56
    assert result.screen("provisional_ptsd_cut_point").positive is True
    assert result.screen("provisional_ptsd_dsm5").positive is False


def test_pcl5_screens_wait_for_a_complete_form() -> None:
    assert score("PCL5", {"1": 4}).screens == ()
