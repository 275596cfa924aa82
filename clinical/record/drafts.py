"""What a clinician enters for each part of the chart, before it is saved."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from clinical.record.enums import (
    AllergySeverity,
    DrugClass,
    PatientStatus,
    PsychotherapyModality,
    Sex,
    TrialOutcome,
)


@dataclass(frozen=True)
class PatientDraft:
    mrn: str
    legal_family_name: str
    legal_given_names: str
    date_of_birth: date
    sex: Sex = Sex.UNKNOWN
    preferred_name: str = ""
    phone: str = ""
    email: str = ""
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    emergency_contact_name: str = ""
    emergency_contact_relation: str = ""
    emergency_contact_phone: str = ""
    education_years: int | None = None
    weight_kg: Decimal | None = None
    insurance_payer: str = ""
    insurance_member_id: str = ""
    insurance_group_number: str = ""
    insurance_payer_address: str = ""
    primary_prescriber: str = ""
    status: PatientStatus = PatientStatus.ACTIVE


@dataclass(frozen=True)
class DiagnosisDraft:
    icd10_code: str
    description: str
    is_primary: bool = False
    noted_on: date | None = None


@dataclass(frozen=True)
class MedicationTrialDraft:
    drug: str
    drug_class: DrugClass
    dose_amount: Decimal | None
    dose_unit: str
    start_date: date | None
    end_date: date | None
    weeks_at_adequate_dose: int | None
    outcome: TrialOutcome
    notes: str = ""


@dataclass(frozen=True)
class PsychotherapyTrialDraft:
    modality: PsychotherapyModality
    start_date: date | None
    end_date: date | None
    sessions: int | None
    outcome: TrialOutcome
    notes: str = ""


@dataclass(frozen=True)
class AllergyDraft:
    substance: str
    reaction: str = ""
    severity: AllergySeverity = AllergySeverity.UNKNOWN
