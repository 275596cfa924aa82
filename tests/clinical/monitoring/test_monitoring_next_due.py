"""next_due gives the dates a database stores; they must agree with evaluate on every day."""

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinical.monitoring import (
    NEEDED_NOW,
    SEED_DEFAULT_RULES,
    ActiveCourse,
    Completion,
    CoursePhase,
    Dismissal,
    EventKind,
    ItemState,
    Modality,
    MonitoringEvent,
    PatientFacts,
    RemsForm,
    evaluate,
    next_due,
    rule_fingerprint,
)
from clinical.monitoring import timeline as timeline_module
from tests.clinical.monitoring.monitoring_support import DEFAULTS, course, done, facts, rule

IV = course(Modality.IV_KETAMINE, date(2025, 1, 10))


def test_next_due_for_an_interval_item_after_a_completion() -> None:
    patient = facts(IV, completions=(done("urinalysis", date(2026, 5, 2)),))
    assert next_due(rule("urinalysis"), patient) == (date(2026, 8, 2), date(2026, 11, 1))


def test_next_due_for_a_missing_baseline_is_needed_now() -> None:
    untreated = facts(course(Modality.IV_KETAMINE, None, planned=date(2026, 7, 1)))
    assert next_due(rule("urinalysis"), untreated) == (NEEDED_NOW, None)
    treated = facts(course(Modality.IV_KETAMINE, date(2026, 7, 1)))
    assert next_due(rule("urinalysis"), treated) == (NEEDED_NOW, date(2026, 7, 1))


def test_next_due_is_empty_for_every_visit_unraised_and_inapplicable_items() -> None:
    assert next_due(rule("blood_pressure"), facts(IV)) == (None, None)
    assert next_due(rule("urology_referral"), facts(IV)) == (None, None)
    tms = facts(course(Modality.TMS, date(2025, 1, 10)))
    assert next_due(rule("urinalysis"), tms) == (None, None)
    assert next_due(rule("urinalysis"), facts()) == (None, None)


def test_next_due_for_a_raised_item_opens_on_the_event_day_and_never_closes() -> None:
    patient = facts(IV, events=(MonitoringEvent(EventKind.URINARY_SYMPTOMS, date(2026, 6, 10)),))
    assert next_due(rule("urology_referral"), patient) == (date(2026, 6, 10), None)


_T0 = date(2026, 6, 1)
_PAST = st.dates(min_value=date(2024, 1, 1), max_value=_T0)
_CODES = st.sampled_from(sorted(DEFAULTS))


@st.composite
def _patients(draw: st.DrawFn) -> PatientFacts:
    courses = draw(
        st.lists(
            st.builds(
                ActiveCourse,
                st.sampled_from(list(Modality)),
                st.sampled_from(list(CoursePhase)),
                st.none() | _PAST,
                st.none() | st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 1, 1)),
            ),
            min_size=1,
            max_size=3,
        )
    )
    completions = draw(st.lists(st.builds(Completion, _CODES, _PAST, st.booleans()), max_size=12))
    events = draw(
        st.lists(st.builds(MonitoringEvent, st.sampled_from(list(EventKind)), _PAST), max_size=4)
    )
    dismissals = []
    for code in draw(st.lists(_CODES, max_size=4)):
        stale = draw(st.booleans())
        dismissals.append(
            Dismissal(
                item_code=code,
                recorded_on=draw(_PAST),
                until=draw(
                    st.none() | st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 1, 1))
                ),
                reason="",
                rule_fingerprint="stale" if stale else rule_fingerprint(DEFAULTS[code]),
            )
        )
    sessions = draw(st.lists(_PAST, max_size=6, unique=True))
    forms = []
    for session in sessions:
        if draw(st.booleans()):
            submitted = min(_T0, session + timedelta(days=draw(st.integers(0, 20))))
            forms.append(RemsForm(session, submitted))
    return PatientFacts(
        courses=tuple(courses),
        completions=tuple(completions),
        events=tuple(events),
        dismissals=tuple(dismissals),
        esketamine_sessions=tuple(sessions),
        rems_forms=tuple(forms),
    )


@settings(max_examples=300, deadline=None)
@given(_patients(), st.integers(min_value=0, max_value=900))
def test_evaluate_agrees_with_next_due_on_every_later_day(
    patient: PatientFacts, days_later: int
) -> None:
    """With no new facts, the stored dates alone tell the state on any later day."""
    day = _T0 + timedelta(days=days_later)
    listed = {s.item_code: s for s in evaluate(SEED_DEFAULT_RULES, patient, day)}
    for default in SEED_DEFAULT_RULES:
        due_from, overdue_after = next_due(default, patient)
        item = listed.get(default.code)
        if item is None:
            assert (due_from, overdue_after) == (None, None)
            continue
        assert item.window_start == (None if due_from == NEEDED_NOW else due_from)
        assert item.window_end == overdue_after
        assert item.state.needs_action == (due_from is not None and due_from <= day)
        assert (item.state is ItemState.OVERDUE) == (
            overdue_after is not None and day > overdue_after
        )
        assert item.reason.startswith(f"{default.title}: ")
        if item.state is ItemState.DONE:
            assert item.last_done is not None


def test_evaluate_computes_no_fingerprint_for_a_patient_without_dismissals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(rule: object) -> str:
        raise AssertionError("fingerprint computed without a dismissal to compare")

    monkeypatch.setattr(timeline_module, "rule_fingerprint", refuse)
    patient = facts(IV, completions=(done("urinalysis", date(2026, 5, 2)),))
    assert evaluate(SEED_DEFAULT_RULES, patient, date(2026, 6, 1))


def test_evaluating_two_thousand_typical_patients_takes_well_under_two_seconds() -> None:
    codes = sorted(DEFAULTS)
    patients = []
    for n in range(2000):
        start = date(2024, 1, 1) + timedelta(days=n % 700)
        completions = tuple(
            Completion(codes[(n + k) % len(codes)], start + timedelta(days=17 * k))
            for k in range(30)
        )
        patients.append(
            facts(
                course(Modality.IV_KETAMINE, start),
                completions=completions,
                events=(MonitoringEvent(EventKind.URINARY_SYMPTOMS, start + timedelta(days=90)),),
            )
        )
    began = time.perf_counter()
    for patient in patients:
        evaluate(SEED_DEFAULT_RULES, patient, date(2026, 6, 1))
    assert time.perf_counter() - began < 2.0
