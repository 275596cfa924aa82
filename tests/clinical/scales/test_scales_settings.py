"""Clinic settings: reference defaults, validation, and that results record what they used."""

from dataclasses import FrozenInstanceError

import pytest

from clinical.scales import (
    DEFAULT_SETTINGS,
    INSTRUMENTS,
    Comparison,
    ScaleSettings,
    ScaleSettingsError,
    SeverityBand,
    score,
)
from clinical.scales.instruments.hamd17 import REFERENCE_BANDS, ZIMMERMAN_2013_BANDS


def test_defaults_are_the_reference_values() -> None:
    assert ScaleSettings() == DEFAULT_SETTINGS
    assert DEFAULT_SETTINGS.madrs_remission_at_most == 10
    assert DEFAULT_SETTINGS.madrs_suicidal_thoughts_flag_at_least == 4
    assert DEFAULT_SETTINGS.phq9_remission_below == 5
    assert DEFAULT_SETTINGS.hamd17_remission_at_most == 7
    assert DEFAULT_SETTINGS.qids_sr16_remission_at_most == 5
    assert DEFAULT_SETTINGS.phq2_positive_at_least == 3
    assert DEFAULT_SETTINGS.pcl5_provisional_ptsd_at_least == 33
    assert DEFAULT_SETTINGS.hamd17_bands == REFERENCE_BANDS


def test_settings_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        DEFAULT_SETTINGS.madrs_remission_at_most = 12  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("madrs_remission_at_most", 61, "MADRS remission threshold must be from 0 to 60; got 61"),
        ("madrs_remission_at_most", True, "must be a whole number"),
        ("madrs_suicidal_thoughts_flag_at_least", 0, "from 1 to 6"),
        ("madrs_suicidal_thoughts_flag_at_least", 7, "from 1 to 6"),
        ("phq2_positive_at_least", 7, "from 1 to 6"),
        ("pcl5_provisional_ptsd_at_least", 81, "from 1 to 80"),
        ("phq9_remission_below", 0, "from 1 to 27"),
        ("hamd17_remission_at_most", 10.5, "whole number"),
        ("qids_sr16_remission_at_most", -1, "from 0 to 27"),
    ],
)
def test_out_of_range_settings_are_refused(field: str, value: object, message: str) -> None:
    with pytest.raises(ScaleSettingsError, match=message):
        ScaleSettings(**{field: value})


def test_hamd_bands_must_cover_0_to_52_without_gaps() -> None:
    gap = (SeverityBand(0, 7, "normal"), SeverityBand(9, 52, "depressed"))
    with pytest.raises(ScaleSettingsError, match="should start at 8"):
        ScaleSettings(hamd17_bands=gap)


def test_hamd_bands_must_reach_52() -> None:
    short = (SeverityBand(0, 7, "normal"), SeverityBand(8, 50, "depressed"))
    with pytest.raises(ScaleSettingsError, match="ends at 50"):
        ScaleSettings(hamd17_bands=short)


def test_hamd_bands_must_not_overlap() -> None:
    overlap = (SeverityBand(0, 8, "normal"), SeverityBand(8, 52, "depressed"))
    with pytest.raises(ScaleSettingsError):
        ScaleSettings(hamd17_bands=overlap)


def test_zimmerman_bands_are_a_valid_setting() -> None:
    assert ScaleSettings(hamd17_bands=ZIMMERMAN_2013_BANDS).hamd17_bands == ZIMMERMAN_2013_BANDS


def test_result_records_the_remission_rule_it_used() -> None:
    answers = {str(n): 1 for n in range(1, 11)}
    default = score("MADRS", answers)
    trials = score("MADRS", answers, settings=ScaleSettings(madrs_remission_at_most=12))
    assert default.remission_rule is not None
    assert default.remission_rule.comparison is Comparison.AT_MOST
    assert default.remission_rule.value == 10
    assert trials.remission_rule is not None
    assert trials.remission_rule.value == 12
    assert default.remission is trials.remission is True


def test_phq9_remission_uses_strictly_below() -> None:
    answers = {str(n): 0 for n in range(1, 10)} | {"1": 3, "2": 1}
    result = score("PHQ9", answers, settings=ScaleSettings(phq9_remission_below=4))
    assert result.remission_rule is not None
    assert result.remission_rule.describe() == "< 4"
    assert result.remission is False


def test_resolve_leaves_fixed_cutoffs_alone() -> None:
    rule = INSTRUMENTS["PHQ9"].safety_rules[0].threshold
    assert rule.setting is None
    assert ScaleSettings(phq9_remission_below=3).resolve(rule) == rule
