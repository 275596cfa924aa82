"""The instrument definitions themselves: registry, ranges, item metadata, licensing, LOINC."""

from dataclasses import fields

import pytest

from clinical.scales import (
    DEFAULT_SETTINGS,
    INSTRUMENTS,
    AnswerKind,
    Instrument,
    Item,
    ScaleInputError,
    ScaleSettings,
    SeverityBand,
    get_instrument,
    list_instruments,
)
from clinical.scales.model import AskedWhenTotalAbove, AskedWhenYes, ClusterScreen, TotalScreen

EXPECTED_CODES = {
    "PHQ9",
    "PHQ2",
    "GAD7",
    "MADRS",
    "HAMD17",
    "BDI2",
    "MOCA",
    "QIDSSR16",
    "PCL5",
    "CADSS6",
    "CSSRS_SCREENER",
}


def test_registry_holds_exactly_the_eleven_instruments() -> None:
    assert set(INSTRUMENTS) == EXPECTED_CODES
    assert all(code == instrument.code for code, instrument in INSTRUMENTS.items())


def test_picker_lists_every_instrument_once_with_phq9_first() -> None:
    listed = list_instruments()
    assert listed[0].code == "PHQ9"
    assert sorted(instrument.code for instrument in listed) == sorted(EXPECTED_CODES)


def test_registry_cannot_be_modified() -> None:
    with pytest.raises(TypeError):
        INSTRUMENTS["X"] = INSTRUMENTS["PHQ9"]  # type: ignore[index]


def test_get_instrument_returns_the_definition() -> None:
    assert get_instrument("MADRS").short_name == "MADRS"


@pytest.mark.parametrize("code", ["PHQ-9", "phq9", "", "HAMD21"])
def test_unknown_instrument_is_a_clear_error(code: str) -> None:
    with pytest.raises(ScaleInputError, match="Unknown rating scale") as raised:
        get_instrument(code)
    assert "PHQ9" in str(raised.value)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("code", "item_count", "maximum"),
    [
        ("PHQ9", 10, 27),
        ("PHQ2", 2, 6),
        ("GAD7", 7, 21),
        ("MADRS", 10, 60),
        ("HAMD17", 18, 52),
        ("BDI2", 21, 63),
        ("MOCA", 7, 30),
        ("QIDSSR16", 16, 27),
        ("PCL5", 20, 80),
        ("CADSS6", 6, 24),
    ],
)
def test_item_count_and_total_range(code: str, item_count: int, maximum: int) -> None:
    instrument = INSTRUMENTS[code]
    assert len(instrument.items) == item_count
    assert instrument.min_total == 0
    assert instrument.max_total == maximum


def test_cssrs_screener_has_no_total_and_yes_no_questions() -> None:
    screener = INSTRUMENTS["CSSRS_SCREENER"]
    assert not screener.has_total
    assert screener.item_keys == ("1", "2", "3", "4", "5", "6", "6b")
    assert all(item.kind is AnswerKind.YES_NO for item in screener.items)
    assert screener.item("1").permitted_values == (False, True)


def test_cssrs_questions_3_to_5_follow_question_2_and_6b_follows_6() -> None:
    screener = INSTRUMENTS["CSSRS_SCREENER"]
    for key in ("3", "4", "5"):
        assert screener.item(key).asked_when == AskedWhenYes("2")
    assert screener.item("6b").asked_when == AskedWhenYes("6")
    for key in ("1", "2", "6"):
        assert screener.item(key).asked_when is None


@pytest.mark.parametrize(
    ("code", "rule_version"),
    [(code, f"{code}-2026.1") for code in sorted(EXPECTED_CODES)],
)
def test_rule_version_names_the_instrument(code: str, rule_version: str) -> None:
    assert INSTRUMENTS[code].rule_version == rule_version


@pytest.mark.parametrize("instrument", list_instruments(), ids=lambda i: i.code)
def test_every_instrument_cites_its_source_and_licence(instrument: Instrument) -> None:
    assert len(instrument.source) > 20
    assert len(instrument.licence) > 10
    assert instrument.name
    assert instrument.short_name


@pytest.mark.parametrize(
    ("code", "panel", "total"),
    [
        ("PHQ9", "44249-1", "44261-6"),
        ("PHQ2", "55757-9", "55758-7"),
        ("GAD7", "69737-5", "70274-6"),
        ("BDI2", None, "89209-1"),
        ("MOCA", "72133-2", "72172-0"),
        ("PCL5", "101697-1", "101698-9"),
        ("MADRS", None, None),
        ("HAMD17", None, None),
        ("QIDSSR16", None, None),
        ("CADSS6", None, None),
        ("CSSRS_SCREENER", None, None),
    ],
)
def test_loinc_codes_match_the_reference(code: str, panel: str | None, total: str | None) -> None:
    assert INSTRUMENTS[code].loinc_panel == panel
    assert INSTRUMENTS[code].loinc_total == total


def test_phq9_items_carry_loinc_codes_and_public_domain_wording() -> None:
    phq9 = INSTRUMENTS["PHQ9"]
    assert phq9.item("1").loinc == "44250-9"
    assert phq9.item("9").loinc == "44260-8"
    assert phq9.item("10").loinc == "69722-7"
    assert phq9.item("9").label.startswith("Thoughts that you would be better off dead")
    assert [anchor.label for anchor in phq9.item("1").anchors] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert phq9.item("10").anchor_label(3) == "Extremely difficult"


def test_phq9_difficulty_question_is_conditional_unscored_and_optional() -> None:
    difficulty = INSTRUMENTS["PHQ9"].item("10")
    assert difficulty.asked_when == AskedWhenTotalAbove(0)
    assert not difficulty.scored
    assert not difficulty.required


def test_phq2_is_the_first_two_phq9_items() -> None:
    assert INSTRUMENTS["PHQ2"].items == INSTRUMENTS["PHQ9"].items[:2]


def test_madrs_stores_item_names_only_never_anchor_wording() -> None:
    madrs = INSTRUMENTS["MADRS"]
    assert madrs.item("4").label == "Reduced sleep"
    assert madrs.item("10").label == "Suicidal thoughts"
    assert all(item.anchors == () for item in madrs.items)
    assert all(item.permitted_values == tuple(range(7)) for item in madrs.items)


def test_bdi2_labels_are_number_and_topic_only() -> None:
    bdi = INSTRUMENTS["BDI2"]
    assert bdi.item("9").label == "Item 9: suicidal thoughts or wishes"
    assert all(item.anchors == () for item in bdi.items)
    assert all(item.label == f"Item {item.key}: {item.topic}" for item in bdi.items)


def test_bdi2_sleep_and_appetite_items_note_their_variants_but_score_0_to_3() -> None:
    bdi = INSTRUMENTS["BDI2"]
    for key in ("16", "18"):
        assert "variant" in bdi.item(key).note
        assert bdi.item(key).permitted_values == (0, 1, 2, 3)
    assert bdi.item("17").note == ""


def test_hamd17_item_ranges_follow_the_reference() -> None:
    hamd = INSTRUMENTS["HAMD17"]
    wide = {"1", "2", "3", "7", "8", "9", "10", "11", "15"}
    narrow = {"4", "5", "6", "12", "13", "14", "16A", "16B", "17"}
    assert {item.key for item in hamd.items if item.maximum == 4} == wide
    assert {item.key for item in hamd.items if item.maximum == 2} == narrow
    assert hamd.item("16A").alternative_group == hamd.item("16B").alternative_group == "16"


def test_moca_domains_and_maxima() -> None:
    moca = INSTRUMENTS["MOCA"]
    assert {item.key: item.maximum for item in moca.items} == {
        "visuospatial_executive": 5,
        "naming": 3,
        "attention": 6,
        "language": 3,
        "abstraction": 2,
        "delayed_recall": 5,
        "orientation": 6,
    }
    assert moca.education_bonus is not None
    assert moca.education_bonus.at_most_years == 12


def test_cadss6_uses_the_original_cadss_item_numbers_0_to_4() -> None:
    cadss = INSTRUMENTS["CADSS6"]
    assert cadss.item_keys == ("1", "2", "6", "7", "15", "22")
    assert all(item.maximum == 4 for item in cadss.items)
    assert cadss.bands == ()


def test_pcl5_clusters_cover_items_1_to_20_once() -> None:
    pcl5 = INSTRUMENTS["PCL5"]
    clusters = {subscale.key: subscale.item_keys for subscale in pcl5.subscales}
    assert clusters["B"] == ("1", "2", "3", "4", "5")
    assert clusters["C"] == ("6", "7")
    assert clusters["D"] == tuple(str(n) for n in range(8, 15))
    assert clusters["E"] == tuple(str(n) for n in range(15, 21))
    assert pcl5.item("1").anchor_label(4) == "Extremely"


def test_every_configurable_threshold_names_a_settings_field_with_the_same_default() -> None:
    setting_names = {field.name for field in fields(ScaleSettings)}
    cutoffs = []
    for instrument in list_instruments():
        if instrument.remission is not None:
            cutoffs.append(instrument.remission)
        cutoffs.extend(rule.threshold for rule in instrument.safety_rules)
        cutoffs.extend(rule.cutoff for rule in instrument.screens if isinstance(rule, TotalScreen))
    configurable = [cutoff for cutoff in cutoffs if cutoff.setting is not None]
    assert {cutoff.setting for cutoff in configurable} == setting_names - {"hamd17_bands"}
    for cutoff in configurable:
        assert getattr(DEFAULT_SETTINGS, cutoff.setting) == cutoff.value
    assert DEFAULT_SETTINGS.hamd17_bands == INSTRUMENTS["HAMD17"].bands


def test_pcl5_has_both_provisional_ptsd_rules() -> None:
    screens = INSTRUMENTS["PCL5"].screens
    assert [type(rule) for rule in screens] == [TotalScreen, ClusterScreen]


def test_a_definition_whose_bands_leave_a_gap_is_refused() -> None:
    with pytest.raises(ValueError, match="band 5-9 high should start at 4"):
        Instrument(
            code="X",
            name="x",
            short_name="X",
            rule_version="X-1",
            licence="none",
            source="none",
            items=(Item(key="1", label="a", topic="a", maximum=9),),
            bands=(SeverityBand(0, 3, "low"), SeverityBand(5, 9, "high")),
        )


def test_a_definition_referring_to_an_unknown_item_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown item"):
        Instrument(
            code="X",
            name="x",
            short_name="X",
            rule_version="X-1",
            licence="none",
            source="none",
            items=(Item(key="1", label="a", topic="a", asked_when=AskedWhenYes("7")),),
        )


def test_item_lookup_names_the_known_items() -> None:
    with pytest.raises(ScaleInputError, match=r"GAD-7 has no item '8'.*1, 2, 3, 4, 5, 6, 7"):
        INSTRUMENTS["GAD7"].item("8")
