"""Safety flags at their threshold and one below, and the C-SSRS screener triage."""

import pytest

from clinical.scales import INSTRUMENTS, RiskLevel, ScaleInputError, ScaleSettings, score


def all_zero(code: str) -> dict[str, int]:
    instrument = INSTRUMENTS[code]
    answers = {item.key: 0 for item in instrument.items if item.scored}
    answers.pop("16B", None)
    return answers


@pytest.mark.parametrize(
    ("code", "item_key", "threshold"),
    [
        ("PHQ9", "9", 1),
        ("BDI2", "9", 1),
        ("MADRS", "10", 4),
        ("HAMD17", "3", 1),
        ("QIDSSR16", "12", 1),
    ],
)
def test_flag_at_threshold_and_not_one_below(code: str, item_key: str, threshold: int) -> None:
    at = score(code, {**all_zero(code), item_key: threshold})
    below = score(code, {**all_zero(code), item_key: threshold - 1})
    assert [flag.item_key for flag in at.safety_flags] == [item_key]
    assert at.safety_flags[0].value == threshold
    assert at.safety_flags[0].threshold == threshold
    assert at.needs_safety_follow_up
    assert below.safety_flags == ()
    assert not below.needs_safety_follow_up


def test_phq9_item9_message_in_clinical_words() -> None:
    result = score("PHQ9", {**all_zero("PHQ9"), "9": 2})
    assert result.safety_flags[0].message == (
        "PHQ-9 item 9 (thoughts of death or self-harm) scored 2: same-day safety follow-up needed"
    )
    assert result.summary == "PHQ-9 2: minimal; remission (< 5); safety flag: item 9"


def test_phq9_item9_flag_whatever_the_total() -> None:
    result = score("PHQ9", {**all_zero("PHQ9"), "9": 1})
    assert result.total == 1
    assert result.remission is True
    assert len(result.safety_flags) == 1


@pytest.mark.parametrize(
    ("code", "item_key", "text"),
    [
        ("BDI2", "9", "BDI-II item 9 (suicidal thoughts or wishes) scored 1"),
        ("HAMD17", "3", "HAM-D item 3 (Suicide) scored 1"),
        ("QIDSSR16", "12", "QIDS-SR16 item 12 (Thoughts of death or suicide) scored 1"),
    ],
)
def test_flag_messages_name_the_instrument_item_and_value(
    code: str, item_key: str, text: str
) -> None:
    result = score(code, {**all_zero(code), item_key: 1})
    assert result.safety_flags[0].message.startswith(text)


def test_madrs_item10_flags_at_4_by_default() -> None:
    assert score("MADRS", {**all_zero("MADRS"), "10": 3}).safety_flags == ()
    flag = score("MADRS", {**all_zero("MADRS"), "10": 4}).safety_flags[0]
    assert flag.message.startswith("MADRS item 10 (Suicidal thoughts) scored 4")


def test_madrs_item10_softer_prompt_at_2_through_settings() -> None:
    softer = ScaleSettings(madrs_suicidal_thoughts_flag_at_least=2)
    assert score("MADRS", {**all_zero("MADRS"), "10": 1}, settings=softer).safety_flags == ()
    flag = score("MADRS", {**all_zero("MADRS"), "10": 2}, settings=softer).safety_flags[0]
    assert flag.threshold == 2


def test_flag_is_raised_on_an_incomplete_form() -> None:
    result = score("PHQ9", {"9": 3})
    assert not result.complete
    assert result.total is None
    assert [flag.item_key for flag in result.safety_flags] == ["9"]
    assert result.summary == (
        "PHQ-9: incomplete (8 unanswered), partial total 3; safety flag: item 9"
    )


@pytest.mark.parametrize("code", ["GAD7", "PCL5", "CADSS6", "PHQ2"])
def test_instruments_without_a_safety_item_never_flag(code: str) -> None:
    instrument = INSTRUMENTS[code]
    maximal = {item.key: item.maximum for item in instrument.items}
    assert score(code, maximal).safety_flags == ()


NO = False
YES = True


def screener(**answers: bool) -> dict[str, bool]:
    base = {"1": NO, "2": NO, "6": NO}
    base.update({key.removeprefix("q"): value for key, value in answers.items()})
    return base


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        (screener(), None),
        (screener(q1=YES), RiskLevel.LOW),
        (screener(q2=YES, q3=NO, q4=NO, q5=NO), RiskLevel.LOW),
        (screener(q1=YES, q2=YES, q3=NO, q4=NO, q5=NO), RiskLevel.LOW),
        (screener(q2=YES, q3=YES, q4=NO, q5=NO), RiskLevel.MODERATE),
        (screener(q6=YES, q6b=NO), RiskLevel.MODERATE),
        (screener(q2=YES, q3=NO, q4=YES, q5=NO), RiskLevel.HIGH),
        (screener(q2=YES, q3=NO, q4=NO, q5=YES), RiskLevel.HIGH),
        (screener(q6=YES, q6b=YES), RiskLevel.HIGH),
        (screener(q1=YES, q6=YES, q6b=YES), RiskLevel.HIGH),
    ],
)
def test_cssrs_triage(answers: dict[str, bool], level: RiskLevel | None) -> None:
    result = score("CSSRS_SCREENER", answers)
    assert result.complete
    assert result.total is None
    assert result.risk_level is level
    yes_keys = [key for key in INSTRUMENTS["CSSRS_SCREENER"].item_keys if answers.get(key)]
    assert [flag.item_key for flag in result.safety_flags] == yes_keys


def test_cssrs_all_no_has_no_flags_and_says_so() -> None:
    result = score("CSSRS_SCREENER", screener())
    assert result.safety_flags == ()
    assert result.summary == "C-SSRS screener: no positive answers"


def test_cssrs_high_risk_message_asks_for_action_now() -> None:
    result = score("CSSRS_SCREENER", screener(q2=YES, q3=NO, q4=YES, q5=NO))
    assert result.summary == "C-SSRS screener: high risk; safety flags: questions 2, 4"
    intent = next(flag for flag in result.safety_flags if flag.item_key == "4")
    assert intent.value is True
    assert intent.threshold is True
    assert intent.message == (
        "C-SSRS screener question 4 (Suicidal intent without specific plan) answered yes "
        "(screener risk high): act now, immediate evaluation and safety precautions"
    )


def test_cssrs_questions_3_to_5_required_only_after_yes_to_2() -> None:
    assert score("CSSRS_SCREENER", screener(q2=NO)).missing == ()
    result = score("CSSRS_SCREENER", screener(q2=YES))
    assert result.missing == ("3", "4", "5")
    assert not result.complete


def test_cssrs_past_3_months_follow_up_required_after_yes_to_6() -> None:
    result = score("CSSRS_SCREENER", screener(q6=YES))
    assert result.missing == ("6b",)
    assert result.risk_level is RiskLevel.MODERATE
    assert result.summary == (
        "C-SSRS screener: incomplete, moderate risk so far; safety flag: question 6"
    )


def test_cssrs_incomplete_with_a_yes_already_shows_high_risk() -> None:
    result = score("CSSRS_SCREENER", {"2": YES, "4": YES})
    assert not result.complete
    assert result.risk_level is RiskLevel.HIGH


def test_cssrs_yes_to_a_skipped_question_is_refused() -> None:
    asked_only_after_yes = r"question 3 .* asked only when question 2 is answered yes"
    with pytest.raises(ScaleInputError, match=asked_only_after_yes):
        score("CSSRS_SCREENER", screener(q2=NO, q3=YES))
    with pytest.raises(ScaleInputError, match="question 6b"):
        score("CSSRS_SCREENER", screener(q6=NO, q6b=YES))


def test_cssrs_no_to_a_skipped_question_is_accepted() -> None:
    result = score("CSSRS_SCREENER", screener(q2=NO, q3=NO, q4=NO, q5=NO, q6b=NO))
    assert result.complete
    assert result.risk_level is None
