"""The side-effect review: which answers are serious and which monitoring events they raise."""

import pytest

from clinical.modality import Modality
from clinical.monitoring import EventKind
from clinical.sessions import (
    Severity,
    SideEffect,
    SideEffectAnswer,
    SideEffectReview,
    all_none,
    effects_for,
    monitoring_events,
    serious,
)


def review(*answers: tuple[SideEffect, Severity]) -> SideEffectReview:
    found = SideEffectReview()
    for effect, severity in answers:
        found = found.with_answer(SideEffectAnswer(effect, severity))
    return found


def test_the_questions_per_modality() -> None:
    tms_only = {SideEffect.SCALP_PAIN, SideEffect.HEARING_CHANGES, SideEffect.SEIZURE}
    for modality in (Modality.IV_KETAMINE, Modality.IM_KETAMINE, Modality.ESKETAMINE):
        asked = set(effects_for(modality))
        assert len(asked) == 13 and not asked & tms_only
    assert set(effects_for(Modality.TMS)) == set(SideEffect)


@pytest.mark.parametrize(
    ("effect", "severity", "is_serious"),
    [
        (SideEffect.SEIZURE, Severity.NONE, False),
        (SideEffect.SEIZURE, Severity.MILD, True),
        (SideEffect.PSYCHOTIC_SYMPTOMS, Severity.NONE, False),
        (SideEffect.PSYCHOTIC_SYMPTOMS, Severity.MILD, True),
        (SideEffect.NAUSEA_VOMITING, Severity.MODERATE, False),
        (SideEffect.NAUSEA_VOMITING, Severity.SEVERE, True),
        (SideEffect.HEADACHE, Severity.MILD, False),
        (SideEffect.DISSOCIATION, Severity.SEVERE, True),
    ],
)
def test_what_is_serious(effect: SideEffect, severity: Severity, is_serious: bool) -> None:
    assert serious(SideEffectAnswer(effect, severity)) is is_serious
    assert review((effect, severity)).any_serious is is_serious


@pytest.mark.parametrize(
    "effect",
    [SideEffect.URINARY_FREQUENCY, SideEffect.URINARY_URGENCY, SideEffect.URINARY_PAIN_OR_BLOOD],
)
def test_any_urinary_symptom_raises_urinary_symptoms(effect: SideEffect) -> None:
    assert monitoring_events(review((effect, Severity.NONE)), False) == ()
    assert monitoring_events(review((effect, Severity.MILD)), False) == (
        EventKind.URINARY_SYMPTOMS,
    )
    both = review((effect, Severity.MILD), (SideEffect.URINARY_URGENCY, Severity.SEVERE))
    assert monitoring_events(both, False) == (EventKind.URINARY_SYMPTOMS,)


@pytest.mark.parametrize(
    ("effect", "kind"),
    [
        (SideEffect.SEIZURE, EventKind.SEIZURE),
        (SideEffect.COGNITIVE_COMPLAINTS, EventKind.COGNITIVE_COMPLAINT),
    ],
)
def test_seizure_and_cognitive_complaint_at_any_degree(effect: SideEffect, kind: EventKind) -> None:
    assert monitoring_events(review((effect, Severity.NONE)), False) == ()
    assert monitoring_events(review((effect, Severity.MILD)), False) == (kind,)


@pytest.mark.parametrize(
    ("severity", "raised"),
    [
        (Severity.NONE, ()),
        (Severity.MILD, ()),
        (Severity.MODERATE, (EventKind.CARDIOVASCULAR_SYMPTOMS,)),
        (Severity.SEVERE, (EventKind.CARDIOVASCULAR_SYMPTOMS,)),
    ],
)
def test_a_blood_pressure_rise_from_moderate(severity: Severity, raised: tuple) -> None:
    assert monitoring_events(review((SideEffect.BLOOD_PRESSURE_RISE, severity)), False) == raised


def test_a_positive_substance_screen() -> None:
    assert monitoring_events(SideEffectReview(), True) == (EventKind.POSITIVE_SUBSTANCE_SCREEN,)
    assert monitoring_events(SideEffectReview(), False) == ()


def test_effects_that_raise_nothing() -> None:
    everything_else = [
        (effect, Severity.SEVERE)
        for effect in SideEffect
        if effect
        not in (
            SideEffect.URINARY_FREQUENCY,
            SideEffect.URINARY_URGENCY,
            SideEffect.URINARY_PAIN_OR_BLOOD,
            SideEffect.SEIZURE,
            SideEffect.COGNITIVE_COMPLAINTS,
            SideEffect.BLOOD_PRESSURE_RISE,
        )
    ]
    assert monitoring_events(review(*everything_else), False) == ()


def test_the_review_keeps_question_order_and_one_answer_each() -> None:
    found = review(
        (SideEffect.HEADACHE, Severity.MILD),
        (SideEffect.DISSOCIATION, Severity.MODERATE),
        (SideEffect.HEADACHE, Severity.NONE),
    )
    assert [(a.effect, a.severity) for a in found.answers] == [
        (SideEffect.DISSOCIATION, Severity.MODERATE),
        (SideEffect.HEADACHE, Severity.NONE),
    ]
    assert found.severity(SideEffect.SEIZURE) is None
    assert [a.effect for a in found.present] == [SideEffect.DISSOCIATION]
    assert SideEffect.NAUSEA_VOMITING in found.unanswered(Modality.IV_KETAMINE)
    assert all_none(Modality.TMS).unanswered(Modality.TMS) == ()
