"""The rules a chart entry must satisfy, with messages in a clinician's words.

Each function returns every problem it finds (an empty list means the entry is fine), so a
form can mark all the faulty fields at once instead of one per attempt.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from clinical.record.drafts import (
    AllergyDraft,
    DiagnosisDraft,
    MedicationTrialDraft,
    PatientDraft,
    PsychotherapyTrialDraft,
)
from clinical.record.icd10 import is_valid_icd10

OLDEST_PLAUSIBLE_AGE_YEARS = 120
MAX_EDUCATION_YEARS = 30
WEIGHT_RANGE_KG = (Decimal("20"), Decimal("350"))
MAX_WEEKS_AT_DOSE = 520
MAX_THERAPY_SESSIONS = 1000

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MRN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,31}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an entry: which field, and what to tell the clinician."""

    field: str
    message: str


def validate_patient(draft: PatientDraft, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if not draft.mrn.strip():
        problems.append(Problem("mrn", "Enter the medical record number (MRN)."))
    elif not _MRN.match(draft.mrn.strip()):
        problems.append(
            Problem(
                "mrn",
                "The MRN may hold only letters, digits and - _ / . (at most 32 characters).",
            )
        )
    if not draft.legal_family_name.strip():
        problems.append(Problem("legal_family_name", "Enter the patient's legal family name."))
    if not draft.legal_given_names.strip():
        problems.append(Problem("legal_given_names", "Enter the patient's legal given name."))
    if draft.date_of_birth > today:
        problems.append(
            Problem(
                "date_of_birth",
                f"The date of birth {draft.date_of_birth:%Y-%m-%d} is in the future.",
            )
        )
    elif today.year - draft.date_of_birth.year > OLDEST_PLAUSIBLE_AGE_YEARS:
        problems.append(
            Problem(
                "date_of_birth",
                f"The date of birth {draft.date_of_birth:%Y-%m-%d} would make the patient "
                f"older than {OLDEST_PLAUSIBLE_AGE_YEARS}. Check the year.",
            )
        )
    if draft.email.strip() and not _EMAIL.match(draft.email.strip()):
        problems.append(Problem("email", "The email address does not look complete."))
    if draft.education_years is not None and not (
        0 <= draft.education_years <= MAX_EDUCATION_YEARS
    ):
        problems.append(
            Problem(
                "education_years",
                f"Years of education must be between 0 and {MAX_EDUCATION_YEARS}.",
            )
        )
    low, high = WEIGHT_RANGE_KG
    if draft.weight_kg is not None and not (low <= draft.weight_kg <= high):
        problems.append(
            Problem("weight_kg", f"A weight of {draft.weight_kg} kg is outside {low}-{high} kg.")
        )
    return problems


def validate_diagnosis(draft: DiagnosisDraft, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if not draft.icd10_code.strip():
        problems.append(Problem("icd10_code", "Enter the ICD-10-CM code."))
    elif not is_valid_icd10(draft.icd10_code):
        problems.append(
            Problem(
                "icd10_code",
                f"'{draft.icd10_code.strip()}' is not an ICD-10-CM code. Codes look like "
                "F33.2 or F43.10: a letter, two characters, then a dot and up to four more.",
            )
        )
    if not draft.description.strip():
        problems.append(Problem("description", "Enter the diagnosis as text."))
    if draft.noted_on is not None and draft.noted_on > today:
        problems.append(Problem("noted_on", "The date noted cannot be in the future."))
    return problems


def _date_range_problems(start: date | None, end: date | None, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if start is not None and start > today:
        problems.append(Problem("start_date", "The start date cannot be in the future."))
    if end is not None and end > today:
        problems.append(Problem("end_date", "The end date cannot be in the future."))
    if start is not None and end is not None and end < start:
        problems.append(
            Problem(
                "end_date",
                f"The end date {end:%Y-%m-%d} is before the start date {start:%Y-%m-%d}.",
            )
        )
    return problems


def validate_medication_trial(draft: MedicationTrialDraft, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if not draft.drug.strip():
        problems.append(Problem("drug", "Enter the medication's name."))
    if draft.dose_amount is not None and draft.dose_amount <= 0:
        problems.append(Problem("dose_amount", "The dose must be more than zero."))
    if draft.dose_amount is not None and not draft.dose_unit.strip():
        problems.append(Problem("dose_unit", "Enter the dose unit, for example mg/day."))
    problems += _date_range_problems(draft.start_date, draft.end_date, today)
    weeks = draft.weeks_at_adequate_dose
    if weeks is not None and not (0 <= weeks <= MAX_WEEKS_AT_DOSE):
        problems.append(
            Problem(
                "weeks_at_adequate_dose",
                f"Weeks at an adequate dose must be between 0 and {MAX_WEEKS_AT_DOSE}.",
            )
        )
    if (
        weeks is not None
        and draft.start_date is not None
        and draft.end_date is not None
        and weeks * 7 > (draft.end_date - draft.start_date).days + 7
    ):
        problems.append(
            Problem(
                "weeks_at_adequate_dose",
                f"{weeks} weeks at an adequate dose is longer than the trial itself "
                f"({draft.start_date:%Y-%m-%d} to {draft.end_date:%Y-%m-%d}).",
            )
        )
    return problems


def validate_psychotherapy_trial(draft: PsychotherapyTrialDraft, today: date) -> list[Problem]:
    problems = _date_range_problems(draft.start_date, draft.end_date, today)
    if draft.sessions is not None and not (0 <= draft.sessions <= MAX_THERAPY_SESSIONS):
        problems.append(
            Problem("sessions", f"Sessions must be between 0 and {MAX_THERAPY_SESSIONS}.")
        )
    return problems


def validate_allergy(draft: AllergyDraft) -> list[Problem]:
    if not draft.substance.strip():
        return [Problem("substance", "Enter what the patient is allergic to.")]
    return []
