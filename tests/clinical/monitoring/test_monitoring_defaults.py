"""The shipped rules encode seed 002 and the reference, and reach the right patients."""

from datetime import date

import pytest

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    EventKind,
    EveryVisit,
    Interval,
    Modality,
    MonitoringEvent,
    Once,
    OnEvent,
    PerSession,
)
from tests.clinical.monitoring.monitoring_support import DEFAULTS, course, facts, rule, statuses

KETAMINE = {Modality.IV_KETAMINE, Modality.IM_KETAMINE, Modality.ESKETAMINE}
DAY = date(2026, 6, 1)


def test_item_codes_are_unique() -> None:
    assert len(DEFAULTS) == len(SEED_DEFAULT_RULES)


@pytest.mark.parametrize(
    ("code", "schedule", "baseline"),
    [
        ("cognitive_screen", Interval(5, 6), True),
        ("urinalysis", Interval(3, 6), True),
        ("liver_function_tests", Interval(3, 6), True),
        ("ecg", Interval(11, 12), False),
        ("psychiatric_assessment", Interval(2, 3), False),
        ("treatment_plan_review", Interval(2, 3), False),
        ("annual_safety_assessment", Interval(11, 12), False),
        ("continuation_discussion", Interval(11, 12), False),
        ("consent_reaffirmation", Interval(11, 12), False),
        ("blood_pressure", EveryVisit(), False),
        ("urological_symptom_inquiry", EveryVisit(), False),
        ("mood_assessment", EveryVisit(), False),
        ("side_effect_review", EveryVisit(), False),
        ("dissociation_check", EveryVisit(), False),
        ("substance_use_screen", EveryVisit(), False),
        ("psychotic_symptoms", EveryVisit(), False),
        ("rems_enrollment", Once(), True),
        ("rems_monitoring_form", PerSession(7), False),
        ("urology_referral", OnEvent(), False),
        ("treatment_frequency_review", OnEvent(), False),
        ("closer_substance_monitoring", OnEvent(), False),
        ("tms_seizure_review", OnEvent(), False),
        ("neuropsychological_testing", OnEvent(), False),
    ],
)
def test_each_default_has_the_seed_schedule(code: str, schedule: object, baseline: bool) -> None:
    assert rule(code).schedule == schedule
    assert rule(code).baseline_required is baseline
    assert rule(code).phases is None


def test_every_default_is_listed_above_and_cites_its_source() -> None:
    for default in SEED_DEFAULT_RULES:
        assert default.source.startswith(("Seed 002", "clinical-reference.md")), default.code


def test_tms_gets_only_the_modality_neutral_items_and_the_seizure_review() -> None:
    tms = {c for c, r in DEFAULTS.items() if Modality.TMS in r.modalities}
    assert tms == {"mood_assessment", "side_effect_review", "tms_seizure_review"}


def test_rems_items_are_for_esketamine_only_and_seed_items_for_all_ketamine() -> None:
    for code, default in DEFAULTS.items():
        if code.startswith("rems_"):
            assert default.modalities == {Modality.ESKETAMINE}
        elif code == "tms_seizure_review":
            assert default.modalities == {Modality.TMS}
        else:
            assert default.modalities >= KETAMINE, code


def test_a_tms_patient_gets_no_urinalysis_or_ketamine_items() -> None:
    patient = facts(course(Modality.TMS, date(2026, 1, 5)))
    assert set(statuses(patient, DAY)) == {"mood_assessment", "side_effect_review"}


def test_a_tms_seizure_raises_the_seizure_review_only_for_a_tms_course() -> None:
    seizure = (MonitoringEvent(EventKind.SEIZURE, date(2026, 5, 30)),)
    tms = facts(course(Modality.TMS, date(2026, 1, 5)), events=seizure)
    ketamine = facts(course(Modality.IV_KETAMINE, date(2026, 1, 5)), events=seizure)
    assert "tms_seizure_review" in statuses(tms, DAY)
    assert "tms_seizure_review" not in statuses(ketamine, DAY)


@pytest.mark.parametrize("modality", [Modality.IV_KETAMINE, Modality.IM_KETAMINE])
def test_a_ketamine_patient_gets_the_seed_items_but_no_rems(modality: Modality) -> None:
    items = set(statuses(facts(course(modality, date(2026, 1, 5))), DAY))
    assert {"urinalysis", "liver_function_tests", "blood_pressure", "ecg"} <= items
    assert not {"rems_enrollment", "rems_monitoring_form"} & items


def test_an_esketamine_patient_gets_the_seed_items_and_rems() -> None:
    items = set(statuses(facts(course(Modality.ESKETAMINE, date(2026, 1, 5))), DAY))
    assert {"urinalysis", "liver_function_tests", "rems_enrollment", "rems_monitoring_form"} <= (
        items
    )


def test_on_event_items_are_listed_only_once_raised() -> None:
    items = set(statuses(facts(course(Modality.IV_KETAMINE, date(2026, 1, 5))), DAY))
    on_event = {c for c, r in DEFAULTS.items() if isinstance(r.schedule, OnEvent)}
    assert not on_event & items
