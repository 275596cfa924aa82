"""The stored due dates read the same as `evaluate`, and results flag what is abnormal."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    Dismissal,
    EventKind,
    ItemResult,
    LabValue,
    Modality,
    MonitoringEvent,
    RemsForm,
    ResultKind,
    assess,
    due_entries,
    evaluate,
    moca_total,
    rule_fingerprint,
)
from tests.clinical.monitoring.monitoring_support import DEFAULTS, course, done, facts

START = date(2025, 1, 6)
CODES = [
    "urinalysis",
    "liver_function_tests",
    "cognitive_screen",
    "ecg",
    "urological_symptom_inquiry",
]


@st.composite
def histories(draw: st.DrawFn):
    offsets = st.integers(min_value=-10, max_value=500)
    modality = draw(st.sampled_from(list(Modality)))
    completions = tuple(
        done(
            draw(st.sampled_from(CODES)),
            START + timedelta(days=draw(offsets)),
            abnormal=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 6)))
    )
    events = tuple(
        MonitoringEvent(
            draw(st.sampled_from(list(EventKind))), START + timedelta(days=draw(offsets))
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    dismissals = tuple(
        Dismissal(
            code,
            START + timedelta(days=draw(offsets)),
            draw(st.one_of(st.none(), st.just(START + timedelta(days=draw(offsets) + 30)))),
            "reason",
            rule_fingerprint(DEFAULTS[code]),
        )
        for code in draw(st.lists(st.sampled_from(CODES), max_size=2))
    )
    sessions = tuple(
        sorted({START + timedelta(days=draw(offsets)) for _ in range(draw(st.integers(0, 3)))})
    )
    forms = tuple(RemsForm(s, s + timedelta(days=draw(st.integers(0, 10)))) for s in sessions[:1])
    first = draw(st.one_of(st.none(), st.just(START)))
    return facts(
        course(modality, first, planned=START),
        completions=completions,
        events=events,
        dismissals=dismissals,
        esketamine_sessions=sessions if modality is Modality.ESKETAMINE else (),
        rems_forms=forms if modality is Modality.ESKETAMINE else (),
    )


@settings(max_examples=150, deadline=None)
@given(histories(), st.integers(min_value=0, max_value=700))
def test_stored_entries_give_the_state_and_reason_evaluate_gives(patient, later) -> None:
    latest = max(
        [START, *(c.on for c in patient.completions), *(e.on for e in patient.events)]
        + [d.recorded_on for d in patient.dismissals]
        + [f.submitted_on for f in patient.rems_forms]
        + list(patient.esketamine_sessions)
    )
    day = latest + timedelta(days=later)
    wanted = {
        s.item_code: (s.state, s.reason)
        for s in evaluate(SEED_DEFAULT_RULES, patient, day)
        if s.state.needs_action
    }
    stored = {
        e.item_code: (e.state_on(day), e.reason_on(day))
        for e in due_entries(SEED_DEFAULT_RULES, patient)
        if e.state_on(day) is not None
    }
    assert stored == wanted


def test_moca_education_point_and_cut_off() -> None:
    assert moca_total(25, 12) == (26, True)
    assert moca_total(30, 10) == (30, False)
    assert moca_total(25, 13) == (25, False)
    assert assess(ResultKind.MOCA, ItemResult(moca_raw=25, education_years=12)) == (
        False,
        "MoCA 26/30 (raw 25 + 1 education point), normal",
    )
    assert assess(ResultKind.MOCA, ItemResult(moca_raw=25, education_years=16))[0] is True


def test_a_liver_value_is_abnormal_outside_the_laboratorys_own_range() -> None:
    inside = LabValue(Decimal("60"), Decimal("7"), Decimal("65"))
    above = LabValue(Decimal("60"), Decimal("7"), Decimal("56"))
    assert assess(ResultKind.LIVER_PANEL, ItemResult(alt=inside)) == (False, "ALT 60 U/L (7-65)")
    assert assess(ResultKind.LIVER_PANEL, ItemResult(alt=above)) == (True, "ALT 60 H U/L (7-56)")


def test_blood_pressure_and_urinalysis_flags() -> None:
    assert assess(ResultKind.BLOOD_PRESSURE, ItemResult(systolic=160, diastolic=100))[0] is False
    assert assess(ResultKind.BLOOD_PRESSURE, ItemResult(systolic=161, diastolic=90))[0] is True
    assert assess(ResultKind.URINALYSIS, ItemResult(ua_blood=True)) == (
        True,
        "Urinalysis positive: blood",
    )
    assert assess(ResultKind.GENERAL, ItemResult()) == (False, "done, nothing abnormal")
