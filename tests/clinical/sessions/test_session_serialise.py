"""A draft is stored as JSON and read back equal, whatever it holds."""

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinical.modality import Modality
from clinical.sessions import (
    AdjunctMedication,
    CommonContent,
    ConcomitantMedication,
    DoseBasis,
    EsketamineDetails,
    KetamineDetails,
    Response,
    ResponseAssessment,
    Route,
    SessionContent,
    Severity,
    SideEffect,
    SideEffectAnswer,
    SideEffectReview,
    SubstanceScreen,
    TmsDetails,
    VitalSigns,
    content_from_dict,
    content_to_dict,
    empty_content,
)
from tests.clinical.sessions.samples import complete

text = st.text(max_size=30)
small = st.integers(min_value=-5, max_value=500)
decimals = st.decimals(
    min_value=Decimal("-1000"), max_value=Decimal("1000"), places=3, allow_nan=False
)
times = st.times()


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


vitals = st.builds(
    VitalSigns, maybe(small), maybe(small), maybe(small), maybe(small), maybe(small), maybe(times)
)
answers = st.lists(
    st.builds(SideEffectAnswer, st.sampled_from(SideEffect), st.sampled_from(Severity), text),
    max_size=5,
    unique_by=lambda a: a.effect,
).map(lambda found: SideEffectReview(tuple(found)))
common = st.builds(
    CommonContent,
    vitals,
    vitals,
    vitals,
    answers,
    maybe(st.sampled_from(SubstanceScreen)),
    text,
    st.builds(
        ResponseAssessment, maybe(st.sampled_from(Response)), maybe(small), maybe(decimals), text
    ),
    text,
    text,
)
ketamine = st.builds(
    KetamineDetails,
    maybe(decimals),
    st.sampled_from(DoseBasis),
    maybe(decimals),
    maybe(decimals),
    maybe(st.sampled_from(Route)),
    maybe(times),
    maybe(times),
    maybe(small),
    maybe(decimals),
    st.lists(
        st.builds(AdjunctMedication, text, maybe(decimals), text, text, maybe(times)), max_size=3
    ).map(tuple),
    maybe(times),
    maybe(times),
    maybe(st.booleans()),
)
esketamine = st.builds(
    EsketamineDetails,
    maybe(small),
    maybe(small),
    text,
    maybe(times),
    maybe(st.booleans()),
    maybe(st.booleans()),
    maybe(st.booleans()),
    maybe(small),
    maybe(small),
    maybe(times),
    maybe(st.booleans()),
    maybe(st.booleans()),
    st.frozensets(st.sampled_from(ConcomitantMedication)),
    text,
    text,
)
tms = st.builds(
    TmsDetails,
    maybe(small),
    text,
    text,
    maybe(decimals),
    maybe(decimals),
    maybe(decimals),
    maybe(small),
    maybe(small),
    text,
)
contents = st.builds(SessionContent, common, ketamine | esketamine | tms)


@settings(max_examples=300, deadline=None)
@given(contents)
def test_round_trip_through_json_text(content: SessionContent) -> None:
    stored = json.dumps(content_to_dict(content))
    assert content_from_dict(json.loads(stored)) == content


def test_decimals_travel_as_strings_and_keep_their_digits() -> None:
    encoded = content_to_dict(complete(Modality.IV_KETAMINE))
    assert encoded["details"]["dose_mg_per_kg"] == "0.5"
    assert encoded["details"]["dose_total_mg"] == "35.0"
    assert encoded["details"]["kind"] == "ketamine"
    assert encoded["format"] == 1
    assert content_from_dict(encoded).details.dose_total_mg == Decimal("35.0")  # type: ignore[union-attr]


def test_a_field_added_later_takes_its_default_when_reading_an_older_draft() -> None:
    encoded = content_to_dict(complete(Modality.ESKETAMINE))
    del encoded["details"]["monitored_by"]
    del encoded["common"]["note"]
    content = content_from_dict(encoded)
    assert content.details.monitored_by == ""  # type: ignore[union-attr]
    assert content.common.note == ""


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["details"].__setitem__("kind", "laser"),
        lambda d: d["details"].__setitem__("dose_mg", "fifty-six"),
        lambda d: d["common"]["vitals_before"].__setitem__("systolic", True),
        lambda d: d["details"].__setitem__("administered_at", "noonish"),
    ],
)
def test_a_damaged_draft_is_refused_plainly(damage) -> None:
    encoded = content_to_dict(complete(Modality.ESKETAMINE))
    damage(encoded)
    with pytest.raises(ValueError, match="could not be read"):
        content_from_dict(encoded)


def test_a_blank_draft_round_trips() -> None:
    for modality in Modality:
        blank = empty_content(modality)
        assert content_from_dict(content_to_dict(blank)) == blank
