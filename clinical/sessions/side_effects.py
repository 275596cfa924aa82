"""The structured side-effect review of every visit, which answers are serious, and which
monitoring events they raise.

Sources: seed 002, Documentation for Long-Term Treatment (every visit: side-effects review)
and Safety Monitoring Protocol (urological symptom inquiry "frequency, urgency, pain";
cognitive assessment; psychiatric monitoring for dissociation, substance use and emerging
psychotic symptoms; cardiovascular: blood pressure, "assess for development of
hypertension"); clinical-reference.md section 2 (TMS: headache, scalp discomfort, seizure
rare; esketamine: sedation, dissociation, urinary tract and bladder symptoms).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from clinical.modality import KETAMINE_MODALITIES, Modality
from clinical.monitoring import EventKind


class SideEffect(StrEnum):
    DISSOCIATION = "dissociation"
    NAUSEA_VOMITING = "nausea_vomiting"
    HEADACHE = "headache"
    DIZZINESS = "dizziness"
    SEDATION = "sedation"
    BLOOD_PRESSURE_RISE = "blood_pressure_rise"
    URINARY_FREQUENCY = "urinary_frequency"
    URINARY_URGENCY = "urinary_urgency"
    URINARY_PAIN_OR_BLOOD = "urinary_pain_or_blood"
    COGNITIVE_COMPLAINTS = "cognitive_complaints"
    MOOD_CHANGE = "mood_change"
    PSYCHOTIC_SYMPTOMS = "psychotic_symptoms"
    CRAVINGS_OR_MISUSE = "cravings_or_misuse"
    SCALP_PAIN = "scalp_pain"
    HEARING_CHANGES = "hearing_changes"
    SEIZURE = "seizure"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    SideEffect.DISSOCIATION: "Dissociation",
    SideEffect.NAUSEA_VOMITING: "Nausea or vomiting",
    SideEffect.HEADACHE: "Headache",
    SideEffect.DIZZINESS: "Dizziness",
    SideEffect.SEDATION: "Sedation",
    SideEffect.BLOOD_PRESSURE_RISE: "Blood pressure rise",
    SideEffect.URINARY_FREQUENCY: "Urinary frequency",
    SideEffect.URINARY_URGENCY: "Urinary urgency",
    SideEffect.URINARY_PAIN_OR_BLOOD: "Pain on passing urine, or blood in the urine",
    SideEffect.COGNITIVE_COMPLAINTS: "Cognitive complaints (memory, concentration)",
    SideEffect.MOOD_CHANGE: "Mood change",
    SideEffect.PSYCHOTIC_SYMPTOMS: "Psychotic symptoms",
    SideEffect.CRAVINGS_OR_MISUSE: "Cravings or misuse",
    SideEffect.SCALP_PAIN: "Scalp pain or discomfort",
    SideEffect.HEARING_CHANGES: "Hearing changes",
    SideEffect.SEIZURE: "Seizure",
}

URINARY_EFFECTS = frozenset(
    {
        SideEffect.URINARY_FREQUENCY,
        SideEffect.URINARY_URGENCY,
        SideEffect.URINARY_PAIN_OR_BLOOD,
    }
)

_KETAMINE_EFFECTS: tuple[SideEffect, ...] = (
    SideEffect.DISSOCIATION,
    SideEffect.NAUSEA_VOMITING,
    SideEffect.HEADACHE,
    SideEffect.DIZZINESS,
    SideEffect.SEDATION,
    SideEffect.BLOOD_PRESSURE_RISE,
    SideEffect.URINARY_FREQUENCY,
    SideEffect.URINARY_URGENCY,
    SideEffect.URINARY_PAIN_OR_BLOOD,
    SideEffect.COGNITIVE_COMPLAINTS,
    SideEffect.MOOD_CHANGE,
    SideEffect.PSYCHOTIC_SYMPTOMS,
    SideEffect.CRAVINGS_OR_MISUSE,
)
# TMS gets the whole list too (the issue: "for TMS also scalp pain, hearing, and any
# seizure"), so a patient switching treatments is asked the same questions.
_TMS_EFFECTS: tuple[SideEffect, ...] = (
    *_KETAMINE_EFFECTS,
    SideEffect.SCALP_PAIN,
    SideEffect.HEARING_CHANGES,
    SideEffect.SEIZURE,
)


def effects_for(modality: Modality) -> tuple[SideEffect, ...]:
    """The questions of the review for a modality, in the order they are asked."""
    return _KETAMINE_EFFECTS if modality in KETAMINE_MODALITIES else _TMS_EFFECTS


class Severity(StrEnum):
    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def present(self) -> bool:
        return self is not Severity.NONE


@dataclass(frozen=True)
class SideEffectAnswer:
    effect: SideEffect
    severity: Severity
    note: str = ""


# The one place that says what a serious answer is:
# - any seizure (clinical-reference.md section 2, TMS: the rare serious effect);
# - any psychotic symptoms (seed 002, Psychiatric Monitoring: "assess for emerging psychotic
#   symptoms"; a reason to stop and reassess, whatever its degree);
# - anything severe.
_ALWAYS_SERIOUS = frozenset({SideEffect.SEIZURE, SideEffect.PSYCHOTIC_SYMPTOMS})


def serious(answer: SideEffectAnswer) -> bool:
    if not answer.severity.present:
        return False
    return answer.effect in _ALWAYS_SERIOUS or answer.severity is Severity.SEVERE


@dataclass(frozen=True)
class SideEffectReview:
    """The answers given so far; an effect not answered is not yet asked."""

    answers: tuple[SideEffectAnswer, ...] = ()

    def answer(self, effect: SideEffect) -> SideEffectAnswer | None:
        return next((a for a in self.answers if a.effect is effect), None)

    def severity(self, effect: SideEffect) -> Severity | None:
        found = self.answer(effect)
        return None if found is None else found.severity

    def with_answer(self, answer: SideEffectAnswer) -> "SideEffectReview":
        """The review with this effect's answer put in (or replaced), in question order."""
        others = [a for a in self.answers if a.effect is not answer.effect]
        order = list(SideEffect)
        return SideEffectReview(
            tuple(sorted([*others, answer], key=lambda a: order.index(a.effect)))
        )

    def unanswered(self, modality: Modality) -> tuple[SideEffect, ...]:
        return tuple(e for e in effects_for(modality) if self.answer(e) is None)

    @property
    def present(self) -> tuple[SideEffectAnswer, ...]:
        return tuple(a for a in self.answers if a.severity.present)

    @property
    def serious_answers(self) -> tuple[SideEffectAnswer, ...]:
        return tuple(a for a in self.answers if serious(a))

    @property
    def any_serious(self) -> bool:
        return any(serious(a) for a in self.answers)


def all_none(modality: Modality) -> SideEffectReview:
    """Every question of the modality answered 'none' (the 'nothing to report' button)."""
    return SideEffectReview(
        tuple(SideEffectAnswer(e, Severity.NONE) for e in effects_for(modality))
    )


def _any(review: SideEffectReview, effects: Iterable[SideEffect], at_least: Severity) -> bool:
    order = list(Severity)
    return any(
        (severity := review.severity(effect)) is not None
        and order.index(severity) >= order.index(at_least)
        for effect in effects
    )


def monitoring_events(
    review: SideEffectReview, substance_screen_positive: bool
) -> tuple[EventKind, ...]:
    """The monitoring events a signed session raises (`clinical.monitoring.defaults` says
    what each makes due):
    - any urinary symptom -> URINARY_SYMPTOMS (urinalysis and urology referral; seed 002
      "urology referral if symptoms develop");
    - any seizure -> SEIZURE (TMS seizure review);
    - any cognitive complaint -> COGNITIVE_COMPLAINT (the cognitive screen; seed 002
      "detailed testing if concerns arise");
    - a positive substance screen -> POSITIVE_SUBSTANCE_SCREEN (closer monitoring);
    - a moderate or severe blood-pressure rise -> CARDIOVASCULAR_SYMPTOMS (ECG "if
      symptoms"; a mild, transient rise during dosing is expected and is not a symptom).
    """
    events = []
    if _any(review, URINARY_EFFECTS, Severity.MILD):
        events.append(EventKind.URINARY_SYMPTOMS)
    if _any(review, [SideEffect.SEIZURE], Severity.MILD):
        events.append(EventKind.SEIZURE)
    if _any(review, [SideEffect.COGNITIVE_COMPLAINTS], Severity.MILD):
        events.append(EventKind.COGNITIVE_COMPLAINT)
    if substance_screen_positive:
        events.append(EventKind.POSITIVE_SUBSTANCE_SCREEN)
    if _any(review, [SideEffect.BLOOD_PRESSURE_RISE], Severity.MODERATE):
        events.append(EventKind.CARDIOVASCULAR_SYMPTOMS)
    return tuple(events)
