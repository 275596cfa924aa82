"""Every band edge on both sides, the minimum and maximum totals, remission edges and the
one-line summaries, scored through `score()` from crafted answers."""

import pytest

from clinical.scales import INSTRUMENTS, Instrument, ScaleSettings, score
from clinical.scales.instruments.hamd17 import ZIMMERMAN_2013_BANDS
from clinical.scales.model import AnswerKind, TotalRule


def answers_for_total(instrument: Instrument, total: int) -> dict[str, int]:
    """Answers whose (raw) total is `total`: points go to the earliest items first. For a
    domain-scored scale only the first item of each domain carries points."""
    carriers: list[str] = []
    if instrument.total_rule is TotalRule.SUM_OF_SUBSCALES:
        carriers = [subscale.item_keys[0] for subscale in instrument.subscales]
    else:
        seen_groups: set[str] = set()
        for item in instrument.items:
            if not item.scored or item.kind is AnswerKind.YES_NO:
                continue
            if item.alternative_group is not None:
                if item.alternative_group in seen_groups:
                    continue
                seen_groups.add(item.alternative_group)
            carriers.append(item.key)
    answers = {key: 0 for key in carriers}
    if instrument.total_rule is TotalRule.SUM_OF_SUBSCALES:
        for item in instrument.items:
            answers.setdefault(item.key, 0)
    remaining = total
    for key in carriers:
        points = min(remaining, instrument.item(key).maximum)
        answers[key] = points
        remaining -= points
    assert remaining == 0, f"{instrument.code} cannot reach {total}"
    return answers


def scored(code: str, total: int, settings: ScaleSettings | None = None):
    instrument = INSTRUMENTS[code]
    result = score(
        instrument,
        answers_for_total(instrument, total),
        education_years=13 if code == "MOCA" else None,
        settings=settings,
    )
    assert result.complete
    assert result.total == total
    return result


BAND_EDGES = {
    "PHQ9": [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
    "GAD7": [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
    "MADRS": [
        (0, "normal"),
        (6, "normal"),
        (7, "mild"),
        (19, "mild"),
        (20, "moderate"),
        (34, "moderate"),
        (35, "severe"),
        (60, "severe"),
    ],
    "HAMD17": [
        (0, "normal"),
        (7, "normal"),
        (8, "mild"),
        (13, "mild"),
        (14, "moderate"),
        (18, "moderate"),
        (19, "severe"),
        (22, "severe"),
        (23, "very severe"),
        (52, "very severe"),
    ],
    "BDI2": [
        (0, "minimal"),
        (13, "minimal"),
        (14, "mild"),
        (19, "mild"),
        (20, "moderate"),
        (28, "moderate"),
        (29, "severe"),
        (63, "severe"),
    ],
    "QIDSSR16": [
        (0, "none"),
        (5, "none"),
        (6, "mild"),
        (10, "mild"),
        (11, "moderate"),
        (15, "moderate"),
        (16, "severe"),
        (20, "severe"),
        (21, "very severe"),
        (27, "very severe"),
    ],
    "MOCA": [
        (0, "below the normal range"),
        (25, "below the normal range"),
        (26, "normal"),
        (30, "normal"),
    ],
}

BAND_CASES = [(code, total, label) for code, edges in BAND_EDGES.items() for total, label in edges]


@pytest.mark.parametrize(("code", "total", "label"), BAND_CASES)
def test_band_at_each_edge(code: str, total: int, label: str) -> None:
    result = scored(code, total)
    assert result.band is not None
    assert result.band.label == label
    assert result.band.contains(total)


@pytest.mark.parametrize(
    ("total", "label"),
    [
        (0, "none"),
        (7, "none"),
        (8, "mild"),
        (16, "mild"),
        (17, "moderate"),
        (23, "moderate"),
        (24, "severe"),
        (52, "severe"),
    ],
)
def test_hamd17_zimmerman_bands_through_settings(total: int, label: str) -> None:
    result = scored("HAMD17", total, ScaleSettings(hamd17_bands=ZIMMERMAN_2013_BANDS))
    assert result.band is not None
    assert result.band.label == label


def test_band_carries_its_edges() -> None:
    band = scored("PHQ9", 12).band
    assert band is not None
    assert (band.low, band.high) == (10, 14)


@pytest.mark.parametrize(
    ("code", "total", "summary"),
    [
        ("PHQ9", 14, "PHQ-9 14: moderate"),
        ("PHQ9", 0, "PHQ-9 0: minimal; remission (< 5)"),
        ("GAD7", 21, "GAD-7 21: severe"),
        ("MADRS", 35, "MADRS 35: severe"),
        ("MADRS", 10, "MADRS 10: mild; remission (≤ 10)"),
        ("HAMD17", 23, "HAM-D 23: very severe; safety flag: item 3"),
        ("BDI2", 29, "BDI-II 29: severe; safety flag: item 9"),
        ("QIDSSR16", 21, "QIDS-SR16 21: very severe; safety flag: item 12"),
        ("MOCA", 26, "MoCA 26: normal"),
        ("CADSS6", 0, "CADSS-6 0"),
        ("CADSS6", 24, "CADSS-6 24"),
    ],
)
def test_one_line_summary(code: str, total: int, summary: str) -> None:
    assert scored(code, total).summary == summary


@pytest.mark.parametrize("total", [0, 24])
def test_cadss6_shows_the_number_without_a_band(total: int) -> None:
    result = scored("CADSS6", total)
    assert result.band is None
    assert result.remission is None


@pytest.mark.parametrize(
    ("code", "in_remission", "not_in_remission"),
    [("PHQ9", 4, 5), ("MADRS", 10, 11), ("HAMD17", 7, 8), ("QIDSSR16", 5, 6)],
)
def test_remission_edges(code: str, in_remission: int, not_in_remission: int) -> None:
    assert scored(code, in_remission).remission is True
    assert scored(code, not_in_remission).remission is False


def test_madrs_remission_at_12_as_in_the_esketamine_trials() -> None:
    trials = ScaleSettings(madrs_remission_at_most=12)
    assert scored("MADRS", 12, trials).remission is True
    assert scored("MADRS", 13, trials).remission is False
    assert scored("MADRS", 12).remission is False


@pytest.mark.parametrize("code", ["GAD7", "BDI2", "PHQ2", "PCL5", "CADSS6", "MOCA"])
def test_instruments_without_a_remission_threshold_report_none(code: str) -> None:
    result = scored(code, 0)
    assert result.remission is None
    assert result.remission_rule is None


@pytest.mark.parametrize(
    ("total", "positive", "summary"),
    [
        (0, False, "PHQ-2 0: negative screen"),
        (2, False, "PHQ-2 2: negative screen"),
        (3, True, "PHQ-2 3: positive screen"),
        (6, True, "PHQ-2 6: positive screen"),
    ],
)
def test_phq2_positive_screen_at_3(total: int, positive: bool, summary: str) -> None:
    result = scored("PHQ2", total)
    assert result.screen("positive_screen").positive is positive
    assert result.screen("positive_screen").criterion == "total ≥ 3"
    assert result.band is None
    assert result.summary == summary


@pytest.mark.parametrize(("total", "positive"), [(1, False), (2, True)])
def test_phq2_more_sensitive_setting_at_2(total: int, positive: bool) -> None:
    result = scored("PHQ2", total, ScaleSettings(phq2_positive_at_least=2))
    assert result.screen("positive_screen").positive is positive


@pytest.mark.parametrize(("total", "positive"), [(0, False), (32, False), (33, True), (80, True)])
def test_pcl5_provisional_ptsd_cut_point_default_33(total: int, positive: bool) -> None:
    assert scored("PCL5", total).screen("provisional_ptsd_cut_point").positive is positive


@pytest.mark.parametrize(("total", "positive"), [(30, False), (31, True)])
def test_pcl5_cut_point_setting_31(total: int, positive: bool) -> None:
    settings = ScaleSettings(pcl5_provisional_ptsd_at_least=31)
    assert scored("PCL5", total, settings).screen("provisional_ptsd_cut_point").positive is positive
