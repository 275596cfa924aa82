"""Bad input is refused with a message naming the item; missing items are reported, not
guessed; a wrong total is never returned."""

import pytest

from clinical.scales import (
    INSTRUMENTS,
    ScaleInputError,
    missing_items,
    partial_total,
    score,
)


def complete(code: str, value: int = 0) -> dict[str, int]:
    instrument = INSTRUMENTS[code]
    answers = {item.key: value for item in instrument.items if item.scored}
    answers.pop("16B", None)
    return answers


def test_scale_input_error_is_a_value_error() -> None:
    assert issubclass(ScaleInputError, ValueError)


def test_value_out_of_range_names_the_item_and_the_range() -> None:
    with pytest.raises(ScaleInputError) as raised:
        score("MADRS", {**complete("MADRS"), "4": 7})
    assert str(raised.value) == "MADRS item 4 (Reduced sleep): 7 is outside 0-6."


@pytest.mark.parametrize(
    ("code", "key", "value", "message"),
    [
        ("PHQ9", "3", 4, "PHQ-9 item 3 (sleep): 4 is outside 0-3."),
        ("PHQ9", "3", -1, "PHQ-9 item 3 (sleep): -1 is outside 0-3."),
        ("GAD7", "7", 4, "GAD-7 item 7 (feeling afraid): 4 is outside 0-3."),
        ("HAMD17", "4", 3, "HAM-D item 4 (Insomnia, early (initial)): 3 is outside 0-2."),
        ("HAMD17", "1", 5, "HAM-D item 1 (Depressed mood): 5 is outside 0-4."),
        ("BDI2", "21", 4, "BDI-II item 21 (loss of interest in sex): 4 is outside 0-3."),
        ("PCL5", "20", 5, "PCL-5 item 20 (DSM-5 criterion E6): 5 is outside 0-4."),
        ("CADSS6", "22", 5, "CADSS-6 item 22 (CADSS item 22): 5 is outside 0-4."),
        ("QIDSSR16", "16", 4, "QIDS-SR16 item 16 (Feeling restless): 4 is outside 0-3."),
    ],
)
def test_out_of_range_messages(code: str, key: str, value: int, message: str) -> None:
    with pytest.raises(ScaleInputError) as raised:
        score(code, {**complete(code), key: value})
    assert str(raised.value) == message


@pytest.mark.parametrize(("code", "key"), [("PHQ9", "11"), ("PHQ2", "3"), ("CADSS6", "3")])
def test_unknown_item_key_is_refused(code: str, key: str) -> None:
    with pytest.raises(ScaleInputError, match=f"has no item '{key}'"):
        score(code, {**complete(code), key: 0})


def test_item_keys_must_be_text() -> None:
    with pytest.raises(ScaleInputError, match="named by text"):
        score("PHQ9", {1: 0})  # type: ignore[dict-item]


def test_a_yes_no_where_a_number_is_expected_is_refused() -> None:
    with pytest.raises(ScaleInputError, match=r"PHQ-9 item 1 .*not yes/no"):
        score("PHQ9", {**complete("PHQ9"), "1": True})


def test_a_number_where_yes_no_is_expected_is_refused() -> None:
    with pytest.raises(ScaleInputError, match=r"question 1 .*answer yes or no"):
        score("CSSRS_SCREENER", {"1": 1, "2": False, "6": False})


@pytest.mark.parametrize("value", [2.0, "2", 1.5])
def test_non_whole_numbers_are_refused(value: object) -> None:
    with pytest.raises(ScaleInputError, match="not a whole-number score from 0 to 3"):
        score("PHQ9", {**complete("PHQ9"), "2": value})  # type: ignore[dict-item]


def test_unknown_instrument_code_is_refused() -> None:
    with pytest.raises(ScaleInputError, match="Unknown rating scale 'HADS'"):
        score("HADS", {})


def test_answers_must_be_a_mapping() -> None:
    with pytest.raises(ScaleInputError, match="item by item"):
        score("PHQ9", [0] * 9)  # type: ignore[arg-type]


def test_missing_items_give_an_incomplete_result_not_a_total() -> None:
    answers = complete("PHQ9", 3)
    del answers["3"], answers["7"]
    result = score("PHQ9", answers)
    assert not result.complete
    assert result.total is None
    assert result.band is None
    assert result.remission is None
    assert result.missing == ("3", "7")
    assert result.partial_total == 21
    assert missing_items("PHQ9", answers) == ("3", "7")


def test_none_means_not_answered_yet() -> None:
    result = score("GAD7", {**complete("GAD7", 1), "2": None})
    assert result.missing == ("2",)
    assert result.partial_total == 6


def test_require_complete_names_the_first_missing_items() -> None:
    answers = complete("PHQ9", 1)
    for key in ("2", "3", "5", "8"):
        del answers[key]
    with pytest.raises(ScaleInputError) as raised:
        score("PHQ9", answers, require_complete=True)
    assert str(raised.value) == (
        "The PHQ-9 is incomplete: item 2 (feeling down, depressed or hopeless), "
        "item 3 (sleep), item 5 (appetite) and 1 more are unanswered."
    )


def test_require_complete_with_one_missing_domain() -> None:
    answers = {item.key: 1 for item in INSTRUMENTS["MOCA"].items if item.key != "naming"}
    only_naming = r"^The MoCA is incomplete: domain Naming is unanswered\.$"
    with pytest.raises(ScaleInputError, match=only_naming):
        score("MOCA", answers, education_years=16, require_complete=True)


def test_require_complete_passes_a_complete_form_through() -> None:
    assert score("GAD7", complete("GAD7", 2), require_complete=True).total == 14


def test_empty_answers_are_incomplete_with_every_item_missing() -> None:
    result = score("GAD7", {})
    assert result.missing == ("1", "2", "3", "4", "5", "6", "7")
    assert result.partial_total == 0
    assert result.summary == "GAD-7: incomplete (7 unanswered), partial total 0"


def test_partial_total_for_the_live_dialog() -> None:
    assert partial_total("MADRS", {"1": 4, "2": 5}) == 9
    assert partial_total("CSSRS_SCREENER", {"1": True}) is None


def test_partial_total_checks_the_answers_too() -> None:
    with pytest.raises(ScaleInputError, match="outside 0-6"):
        partial_total("MADRS", {"1": 9})


def test_score_accepts_the_instrument_object() -> None:
    result = score(INSTRUMENTS["GAD7"], complete("GAD7", 1))
    assert result.instrument_code == "GAD7"
    assert result.rule_version == "GAD7-2026.1"


def test_result_is_frozen() -> None:
    result = score("GAD7", complete("GAD7"))
    with pytest.raises(AttributeError):
        result.total = 3  # type: ignore[misc]


def test_education_years_are_ignored_for_scales_that_do_not_use_them() -> None:
    assert score("GAD7", complete("GAD7", 1), education_years=8).total == 7
