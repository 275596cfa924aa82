"""What the screens receive: plain values, detached from any session."""

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from clinical.record.drafts import (
    AllergyDraft,
    DiagnosisDraft,
    MedicationTrialDraft,
    PatientDraft,
    PsychotherapyTrialDraft,
)
from clinical.record.names import age_on, display_name

DraftT = TypeVar("DraftT")


@dataclass(frozen=True)
class PatientRow:
    """One line of the patient list."""

    id: int
    mrn: str
    legal_family_name: str
    legal_given_names: str
    preferred_name: str
    date_of_birth: date
    status: str

    @property
    def display_name(self) -> str:
        return display_name(self.legal_family_name, self.legal_given_names, self.preferred_name)


@dataclass(frozen=True)
class Saved(Generic[DraftT]):
    """A saved entry: its identity, the version it was read at, and what it says."""

    id: int
    version: int
    draft: DraftT


@dataclass(frozen=True)
class PatientChart:
    """Everything the chart shows about one patient."""

    id: int
    version: int
    patient: PatientDraft
    diagnoses: tuple[Saved[DiagnosisDraft], ...]
    medication_trials: tuple[Saved[MedicationTrialDraft], ...]
    psychotherapy_trials: tuple[Saved[PsychotherapyTrialDraft], ...]
    allergies: tuple[Saved[AllergyDraft], ...]
    clinical_included: bool = True
    # Open treatment courses, as "IV ketamine (maintenance)"; empty without clinical access.
    treatments: tuple[str, ...] = ()

    @property
    def primary_diagnosis(self) -> DiagnosisDraft | None:
        return next((d.draft for d in self.diagnoses if d.draft.is_primary), None)

    @property
    def display_name(self) -> str:
        p = self.patient
        return display_name(p.legal_family_name, p.legal_given_names, p.preferred_name)

    def age_on(self, day: date) -> int:
        return age_on(self.patient.date_of_birth, day)
