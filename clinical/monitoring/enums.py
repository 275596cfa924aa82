"""Closed vocabularies of monitoring: treatment modalities, course phases, events, item states."""

from enum import StrEnum

# Re-exported: the one vocabulary lives in clinical.modality.
from clinical.modality import KETAMINE_MODALITIES as KETAMINE_MODALITIES
from clinical.modality import Modality as Modality


class CoursePhase(StrEnum):
    """Where a course stands. The acute series (induction, TMS acute course), maintenance
    (frequency finding, optimisation and long-term maintenance of seed 002), or taper."""

    ACUTE = "acute"
    MAINTENANCE = "maintenance"
    TAPER = "taper"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class EventKind(StrEnum):
    """Something that happened to the patient and makes an item due now."""

    URINARY_SYMPTOMS = "urinary_symptoms"
    ELEVATED_LIVER_TESTS = "elevated_liver_tests"
    POSITIVE_SUBSTANCE_SCREEN = "positive_substance_screen"
    SEIZURE = "seizure"
    COGNITIVE_COMPLAINT = "cognitive_complaint"
    CARDIOVASCULAR_SYMPTOMS = "cardiovascular_symptoms"

    @property
    def label(self) -> str:
        """The event as it reads inside a sentence: 'due after urinary symptoms on ...'."""
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    EventKind.URINARY_SYMPTOMS: "urinary symptoms",
    EventKind.ELEVATED_LIVER_TESTS: "elevated liver tests",
    EventKind.POSITIVE_SUBSTANCE_SCREEN: "a positive substance screen",
    EventKind.SEIZURE: "a seizure",
    EventKind.COGNITIVE_COMPLAINT: "a cognitive complaint",
    EventKind.CARDIOVASCULAR_SYMPTOMS: "cardiovascular symptoms",
}


class ItemState(StrEnum):
    BASELINE_MISSING = "baseline_missing"
    NOT_YET_DUE = "not_yet_due"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"
    EVERY_VISIT = "every_visit"
    DEFERRED = "deferred"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def needs_action(self) -> bool:
        """True for the states a due list shows: something should be done now."""
        return self in (ItemState.BASELINE_MISSING, ItemState.DUE, ItemState.OVERDUE)
