"""Properties over random complete answer sets, for every instrument."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinical.scales import (
    INSTRUMENTS,
    Instrument,
    ScaleSettings,
    list_instruments,
    partial_total,
    score,
)
from clinical.scales.instruments.hamd17 import ZIMMERMAN_2013_BANDS
from clinical.scales.model import AnswerKind, AskedWhenTotalAbove, AskedWhenYes

WITH_TOTAL = [instrument for instrument in list_instruments() if instrument.has_total]
WITH_BANDS = [instrument for instrument in list_instruments() if instrument.bands]


@st.composite
def complete_answers(draw: st.DrawFn, instrument: Instrument) -> dict[str, int | bool]:
    """A complete, consistent answer set: one form of each either/or item, conditional
    questions only when their condition holds (and optional ones only sometimes)."""
    answers: dict[str, int | bool] = {}
    chosen_alternative: dict[str, str] = {}
    for item in instrument.items:
        group = item.alternative_group
        if group is not None:
            if group not in chosen_alternative:
                keys = [alt.key for alt in instrument.alternatives(group)]
                chosen_alternative[group] = draw(st.sampled_from(keys))
            if chosen_alternative[group] != item.key:
                continue
        condition = item.asked_when
        if isinstance(condition, AskedWhenYes) and answers.get(condition.item_key) is not True:
            continue
        if (
            isinstance(condition, AskedWhenTotalAbove)
            and (partial_total(instrument, answers) or 0) <= condition.threshold
        ):
            continue
        if not item.required and not draw(st.booleans()):
            continue
        if item.kind is AnswerKind.YES_NO:
            answers[item.key] = draw(st.booleans())
        else:
            answers[item.key] = draw(st.integers(item.minimum, item.maximum))
    return answers


education_years = st.integers(0, 40)


@pytest.mark.parametrize("instrument", list_instruments(), ids=lambda i: i.code)
@given(data=st.data(), years=education_years)
def test_complete_answers_score_complete_within_range(
    instrument: Instrument, data: st.DataObject, years: int
) -> None:
    answers = data.draw(complete_answers(instrument))
    result = score(instrument, answers, education_years=years)
    assert result.complete
    assert result.missing == ()
    if instrument.has_total:
        assert result.total is not None
        assert instrument.min_total <= result.total <= instrument.max_total
        assert result.partial_total is not None
        assert result.partial_total <= result.total
    else:
        assert result.total is None


@pytest.mark.parametrize("instrument", WITH_TOTAL, ids=lambda i: i.code)
@given(data=st.data(), years=education_years)
def test_total_never_falls_when_one_item_rises(
    instrument: Instrument, data: st.DataObject, years: int
) -> None:
    answers = data.draw(complete_answers(instrument))
    raisable = [
        key
        for key, value in answers.items()
        if instrument.item(key).kind is AnswerKind.NUMBER and value < instrument.item(key).maximum
    ]
    if not raisable:
        return
    key = data.draw(st.sampled_from(raisable))
    before = score(instrument, answers, education_years=years)
    after = score(instrument, {**answers, key: int(answers[key]) + 1}, education_years=years)
    assert after.complete
    assert before.total is not None
    assert after.total is not None
    assert after.total >= before.total


@pytest.mark.parametrize("instrument", WITH_BANDS, ids=lambda i: i.code)
def test_every_total_in_range_falls_in_exactly_one_band(instrument: Instrument) -> None:
    for total in range(instrument.min_total, instrument.max_total + 1):
        assert sum(band.contains(total) for band in instrument.bands) == 1
    assert instrument.bands[0].low == instrument.min_total
    assert instrument.bands[-1].high == instrument.max_total


@given(total=st.integers(0, 52))
def test_zimmerman_hamd_bands_cover_every_total_exactly_once(total: int) -> None:
    assert sum(band.contains(total) for band in ZIMMERMAN_2013_BANDS) == 1


@pytest.mark.parametrize("instrument", WITH_BANDS, ids=lambda i: i.code)
@given(data=st.data(), years=education_years)
def test_the_band_given_is_the_one_holding_the_total(
    instrument: Instrument, data: st.DataObject, years: int
) -> None:
    result = score(instrument, data.draw(complete_answers(instrument)), education_years=years)
    assert result.band is not None
    assert result.total is not None
    assert result.band.contains(result.total)
    assert result.band in instrument.bands


@given(data=st.data())
def test_hamd_band_from_settings_holds_the_total(data: st.DataObject) -> None:
    hamd = INSTRUMENTS["HAMD17"]
    settings = ScaleSettings(hamd17_bands=ZIMMERMAN_2013_BANDS)
    result = score(hamd, data.draw(complete_answers(hamd)), settings=settings)
    assert result.band in ZIMMERMAN_2013_BANDS
    assert result.total is not None
    assert result.band is not None
    assert result.band.contains(result.total)


@pytest.mark.parametrize("instrument", WITH_TOTAL, ids=lambda i: i.code)
@given(data=st.data(), years=education_years)
def test_removing_an_answer_makes_the_form_incomplete_without_a_total(
    instrument: Instrument, data: st.DataObject, years: int
) -> None:
    answers = data.draw(complete_answers(instrument))
    required = [key for key in answers if instrument.item(key).required]
    key = data.draw(st.sampled_from(required))
    del answers[key]
    result = score(instrument, answers, education_years=years)
    assert not result.complete
    assert result.total is None
    assert key in result.missing
