"""Closed vocabularies of the patient record."""

from enum import StrEnum


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PatientStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DISCHARGED = "discharged"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class DrugClass(StrEnum):
    SSRI = "ssri"
    SNRI = "snri"
    TCA = "tca"
    MAOI = "maoi"
    ATYPICAL = "atypical"
    AUGMENTATION = "augmentation"
    MOOD_STABILIZER = "mood_stabilizer"
    ANTIPSYCHOTIC = "antipsychotic"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _DRUG_CLASS_LABELS[self]


_DRUG_CLASS_LABELS = {
    DrugClass.SSRI: "SSRI",
    DrugClass.SNRI: "SNRI",
    DrugClass.TCA: "Tricyclic (TCA)",
    DrugClass.MAOI: "MAOI",
    DrugClass.ATYPICAL: "Atypical antidepressant",
    DrugClass.AUGMENTATION: "Augmentation agent",
    DrugClass.MOOD_STABILIZER: "Mood stabilizer",
    DrugClass.ANTIPSYCHOTIC: "Antipsychotic",
    DrugClass.OTHER: "Other",
}


class TrialOutcome(StrEnum):
    NO_RESPONSE = "no_response"
    PARTIAL_RESPONSE = "partial_response"
    RESPONSE = "response"
    INTOLERANCE = "intolerance"
    ONGOING = "ongoing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def counts_as_failed(self) -> bool:
        """A trial a payer reads as failed: no or partial response, or not tolerated."""
        return self in (
            TrialOutcome.NO_RESPONSE,
            TrialOutcome.PARTIAL_RESPONSE,
            TrialOutcome.INTOLERANCE,
        )


class PsychotherapyModality(StrEnum):
    CBT = "cbt"
    IPT = "ipt"
    DBT = "dbt"
    ACT = "act"
    BEHAVIORAL_ACTIVATION = "behavioral_activation"
    CPT = "cpt"
    PROLONGED_EXPOSURE = "prolonged_exposure"
    EMDR = "emdr"
    PSYCHODYNAMIC = "psychodynamic"
    SUPPORTIVE = "supportive"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _MODALITY_LABELS[self]


_MODALITY_LABELS = {
    PsychotherapyModality.CBT: "Cognitive behavioural therapy (CBT)",
    PsychotherapyModality.IPT: "Interpersonal therapy (IPT)",
    PsychotherapyModality.DBT: "Dialectical behaviour therapy (DBT)",
    PsychotherapyModality.ACT: "Acceptance and commitment therapy (ACT)",
    PsychotherapyModality.BEHAVIORAL_ACTIVATION: "Behavioural activation",
    PsychotherapyModality.CPT: "Cognitive processing therapy (CPT)",
    PsychotherapyModality.PROLONGED_EXPOSURE: "Prolonged exposure (PE)",
    PsychotherapyModality.EMDR: "EMDR",
    PsychotherapyModality.PSYCHODYNAMIC: "Psychodynamic therapy",
    PsychotherapyModality.SUPPORTIVE: "Supportive therapy",
    PsychotherapyModality.OTHER: "Other",
}


class AllergySeverity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return self.value.capitalize()
