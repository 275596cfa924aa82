import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    CoursePhase,
    EventKind,
    EveryVisit,
    Interval,
    Modality,
    MonitoringRule,
    Once,
    OnEvent,
    PerSession,
    rule_fingerprint,
    rule_from_dict,
    rule_to_dict,
    rules_from_dicts,
    rules_to_dicts,
    with_overrides,
)
from tests.clinical.monitoring.monitoring_support import rule

URINALYSIS_DICT = {
    "code": "urinalysis",
    "title": "Urinalysis",
    "source": "Seed 002, Safety Monitoring Protocol, Urological Monitoring: baseline urinalysis, "
    "every 3-6 months",
    "modalities": ["esketamine", "im_ketamine", "iv_ketamine"],
    "phases": None,
    "baseline_required": True,
    "schedule": {"kind": "interval", "earliest_months": 3, "latest_months": 6},
    "triggered_by": ["urinary_symptoms"],
    "triggered_by_abnormal": ["urological_symptom_inquiry"],
}


def test_a_rule_becomes_the_documented_plain_dict() -> None:
    assert rule_to_dict(rule("urinalysis")) == URINALYSIS_DICT


def test_every_default_rule_survives_json_and_back() -> None:
    text = json.dumps(rules_to_dicts(SEED_DEFAULT_RULES))
    assert rules_from_dicts(json.loads(text)) == SEED_DEFAULT_RULES


@pytest.mark.parametrize(
    ("schedule", "as_dict"),
    [
        (Interval(3, 6), {"kind": "interval", "earliest_months": 3, "latest_months": 6}),
        (EveryVisit(), {"kind": "every_visit"}),
        (PerSession(7), {"kind": "per_session", "within_days": 7}),
        (Once(), {"kind": "once"}),
        (OnEvent(), {"kind": "on_event"}),
    ],
)
def test_each_schedule_kind_round_trips(schedule: object, as_dict: dict) -> None:
    rules = [r for r in SEED_DEFAULT_RULES if r.schedule == schedule]
    assert rules, "a default uses every schedule kind"
    assert rule_to_dict(rules[0])["schedule"] == as_dict
    assert rule_from_dict(rule_to_dict(rules[0])) == rules[0]


def test_phases_round_trip_when_a_rule_names_them() -> None:
    custom = replace(
        rule("psychiatric_assessment"),
        phases=frozenset({CoursePhase.MAINTENANCE, CoursePhase.TAPER}),
    )
    data = rule_to_dict(custom)
    assert data["phases"] == ["maintenance", "taper"]
    assert rule_from_dict(data) == custom


def test_optional_fields_may_be_left_out_of_a_stored_rule() -> None:
    stored = {
        "code": "pregnancy_test",
        "title": "Pregnancy test",
        "modalities": ["iv_ketamine"],
        "schedule": {"kind": "every_visit"},
    }
    assert rule_from_dict(stored) == MonitoringRule(
        code="pregnancy_test",
        title="Pregnancy test",
        modalities=frozenset({Modality.IV_KETAMINE}),
        schedule=EveryVisit(),
    )


_SCHEDULES = st.one_of(
    st.builds(
        lambda e, extra: Interval(e, e + extra),
        st.integers(min_value=1, max_value=24),
        st.integers(min_value=1, max_value=24),
    ),
    st.just(EveryVisit()),
    st.just(OnEvent()),
)
_CODES = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)


@st.composite
def _rules(draw: st.DrawFn) -> MonitoringRule:
    schedule = draw(_SCHEDULES)
    triggered_by = draw(st.frozensets(st.sampled_from(list(EventKind))))
    if isinstance(schedule, OnEvent) and not triggered_by:
        triggered_by = frozenset({EventKind.SEIZURE})
    return MonitoringRule(
        code=draw(_CODES),
        title=draw(st.text(min_size=1).filter(str.strip)),
        source=draw(st.text()),
        modalities=draw(st.frozensets(st.sampled_from(list(Modality)), min_size=1)),
        phases=draw(st.none() | st.frozensets(st.sampled_from(list(CoursePhase)), min_size=1)),
        baseline_required=isinstance(schedule, Interval) and draw(st.booleans()),
        schedule=schedule,
        triggered_by=triggered_by,
        triggered_by_abnormal=draw(st.frozensets(_CODES, max_size=3)),
    )


@given(_rules())
def test_any_valid_rule_round_trips_through_json_with_the_same_fingerprint(
    original: MonitoringRule,
) -> None:
    restored = rule_from_dict(json.loads(json.dumps(rule_to_dict(original))))
    assert restored == original
    assert rule_fingerprint(restored) == rule_fingerprint(original)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "red"}, "Unknown rule field"),
        ({"modalities": ["oral_ketamine"]}, "Unknown modality 'oral_ketamine'"),
        ({"modalities": "iv_ketamine"}, "must be a list"),
        ({"phases": ["induction"]}, "Unknown phase 'induction'"),
        ({"triggered_by": ["headache"]}, "Unknown event kind 'headache'"),
        ({"baseline_required": "yes"}, "baseline_required must be true or false"),
        ({"schedule": {"kind": "fortnightly"}}, "Unknown schedule kind"),
        ({"schedule": {"kind": "interval", "earliest_months": 3}}, "takes"),
        (
            {"schedule": {"kind": "interval", "earliest_months": True, "latest_months": 6}},
            "whole number",
        ),
        (
            {"schedule": {"kind": "interval", "earliest_months": 6, "latest_months": 6}},
            "earliest months < latest months",
        ),
        ({"title": "  "}, "needs a title"),
        ({"code": "Urine Test"}, "must be lower-case"),
    ],
)
def test_a_damaged_stored_rule_is_refused_with_a_reason(change: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rule_from_dict({**URINALYSIS_DICT, **change})


def test_a_stored_rule_missing_its_schedule_is_refused() -> None:
    data = {key: value for key, value in URINALYSIS_DICT.items() if key != "schedule"}
    with pytest.raises(ValueError, match="missing field"):
        rule_from_dict(data)


def test_two_stored_rules_with_one_code_are_refused() -> None:
    with pytest.raises(ValueError, match="urinalysis"):
        rules_from_dicts([URINALYSIS_DICT, URINALYSIS_DICT])


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Interval(0, 3), "1 <= earliest"),
        (lambda: Interval(6, 3), "earliest months < latest"),
        (lambda: PerSession(-1), "must not be negative"),
        (lambda: replace(rule("urinalysis"), modalities=frozenset()), "at least one modality"),
        (lambda: replace(rule("urinalysis"), phases=frozenset()), "at least one phase"),
        (lambda: replace(rule("blood_pressure"), baseline_required=True), "has a baseline"),
        (lambda: replace(rule("rems_enrollment"), baseline_required=False), "once rule"),
        (
            lambda: replace(
                rule("urology_referral"),
                triggered_by=frozenset(),
                triggered_by_abnormal=frozenset(),
            ),
            "needs a trigger",
        ),
        (
            lambda: replace(rule("rems_monitoring_form"), modalities=frozenset({Modality.TMS})),
            "esketamine only",
        ),
        (lambda: replace(rule("ecg"), triggered_by_abnormal=frozenset({"Bad Code"})), "not an"),
    ],
)
def test_an_incoherent_rule_cannot_be_built(build: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()  # type: ignore[operator]


PINNED_URINALYSIS_FINGERPRINT = "4c2da20f42f87834"


def test_the_fingerprint_is_pinned_so_stored_dismissals_keep_matching() -> None:
    # Changing the canonical form would silently lapse every dismissal a clinic has made.
    assert rule_fingerprint(rule("urinalysis")) == PINNED_URINALYSIS_FINGERPRINT


def test_rewording_a_rule_keeps_its_fingerprint() -> None:
    original = rule("urinalysis")
    reworded = replace(original, title="Urine dipstick and microscopy", source="Clinic policy")
    assert rule_fingerprint(reworded) == rule_fingerprint(original)


@pytest.mark.parametrize(
    "changes",
    [
        {"schedule": Interval(3, 4)},
        {"modalities": frozenset({Modality.IV_KETAMINE})},
        {"baseline_required": False},
        {"phases": frozenset({CoursePhase.MAINTENANCE})},
        {"triggered_by": frozenset()},
        {"triggered_by_abnormal": frozenset()},
    ],
)
def test_changing_what_a_rule_decides_changes_its_fingerprint(changes: dict) -> None:
    original = rule("urinalysis")
    assert rule_fingerprint(replace(original, **changes)) != rule_fingerprint(original)


def test_fingerprints_are_short_hex_and_differ_between_default_rules() -> None:
    prints = [rule_fingerprint(r) for r in SEED_DEFAULT_RULES]
    assert all(len(p) == 16 and int(p, 16) >= 0 for p in prints)
    assert len(set(prints)) == len(prints)


def test_overrides_replace_remove_and_add_while_keeping_the_default_order() -> None:
    stricter = replace(rule("urinalysis"), schedule=Interval(2, 3))
    extra = MonitoringRule(
        code="pregnancy_test",
        title="Pregnancy test",
        modalities=frozenset({Modality.IV_KETAMINE}),
        schedule=EveryVisit(),
    )
    merged = with_overrides(SEED_DEFAULT_RULES, replaced=[stricter, extra], removed=["ecg"])
    codes = [r.code for r in merged]
    expected = [r.code for r in SEED_DEFAULT_RULES if r.code != "ecg"] + ["pregnancy_test"]
    assert codes == expected
    assert merged[codes.index("urinalysis")].schedule == Interval(2, 3)
    assert with_overrides(SEED_DEFAULT_RULES) == SEED_DEFAULT_RULES
