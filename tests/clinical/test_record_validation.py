from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from clinical.record.drafts import (
    AllergyDraft,
    DiagnosisDraft,
    MedicationTrialDraft,
    PatientDraft,
    PsychotherapyTrialDraft,
)
from clinical.record.enums import DrugClass, PsychotherapyModality, TrialOutcome
from clinical.record.icd10 import is_valid_icd10, normalise_icd10
from clinical.record.names import age_on, display_name
from clinical.record.validation import (
    validate_allergy,
    validate_diagnosis,
    validate_medication_trial,
    validate_patient,
    validate_psychotherapy_trial,
)

TODAY = date(2026, 11, 21)
GOOD_PATIENT = PatientDraft(
    mrn="BD-1", legal_family_name="Nguyễn", legal_given_names="Zoë", date_of_birth=date(1990, 1, 2)
)


def fields_of(problems: list) -> list[str]:
    return [problem.field for problem in problems]


@pytest.mark.parametrize(
    "code", ["F33.2", "F43.10", "F32.A", "G89.4", "M79.7", "f33.2", "F332", " F41.1 ", "Z00"]
)
def test_valid_icd10_codes(code: str) -> None:
    assert is_valid_icd10(code)


@pytest.mark.parametrize("code", ["", "33.2", "F3", "FF3.2", "F33.12345", "U07.1", "F33-2", "F33."])
def test_invalid_icd10_codes(code: str) -> None:
    assert not is_valid_icd10(code)


def test_icd10_normalisation_restores_the_dot_and_case() -> None:
    assert normalise_icd10(" f4310 ") == "F43.10"
    assert normalise_icd10("F33.2") == "F33.2"


def test_a_good_patient_has_no_problems() -> None:
    assert validate_patient(GOOD_PATIENT, TODAY) == []


def test_birth_date_today_is_accepted_and_tomorrow_is_not() -> None:
    assert validate_patient(replace(GOOD_PATIENT, date_of_birth=TODAY), TODAY) == []
    problems = validate_patient(replace(GOOD_PATIENT, date_of_birth=date(2026, 11, 22)), TODAY)
    assert fields_of(problems) == ["date_of_birth"]
    assert problems[0].message == "The date of birth 2026-11-22 is in the future."


def test_implausibly_old_birth_date_is_questioned() -> None:
    problems = validate_patient(replace(GOOD_PATIENT, date_of_birth=date(1900, 1, 1)), TODAY)
    assert fields_of(problems) == ["date_of_birth"]
    assert "Check the year" in problems[0].message


def test_every_missing_required_field_is_reported_at_once() -> None:
    empty = replace(GOOD_PATIENT, mrn=" ", legal_family_name="", legal_given_names="")
    assert fields_of(validate_patient(empty, TODAY)) == [
        "mrn",
        "legal_family_name",
        "legal_given_names",
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"mrn": "BD 1"}, "mrn"),
        ({"email": "ada@"}, "email"),
        ({"education_years": 31}, "education_years"),
        ({"education_years": -1}, "education_years"),
        ({"weight_kg": Decimal("19.9")}, "weight_kg"),
        ({"weight_kg": Decimal("350.1")}, "weight_kg"),
    ],
)
def test_out_of_range_patient_fields(overrides: dict, field: str) -> None:
    assert fields_of(validate_patient(replace(GOOD_PATIENT, **overrides), TODAY)) == [field]


@pytest.mark.parametrize(
    "overrides",
    [
        {"education_years": 0},
        {"education_years": 30},
        {"weight_kg": Decimal("20")},
        {"weight_kg": Decimal("350")},
        {"email": "ada@example.org"},
    ],
)
def test_patient_field_edges_are_accepted(overrides: dict) -> None:
    assert validate_patient(replace(GOOD_PATIENT, **overrides), TODAY) == []


def test_invalid_icd10_code_message_names_the_code() -> None:
    problems = validate_diagnosis(DiagnosisDraft("F33-2", "MDD recurrent severe"), TODAY)
    assert fields_of(problems) == ["icd10_code"]
    assert problems[0].message.startswith("'F33-2' is not an ICD-10-CM code.")


def _trial(**overrides: object) -> MedicationTrialDraft:
    values: dict = {
        "drug": "Sertraline",
        "drug_class": DrugClass.SSRI,
        "dose_amount": Decimal("150"),
        "dose_unit": "mg/day",
        "start_date": date(2024, 1, 1),
        "end_date": date(2024, 4, 1),
        "weeks_at_adequate_dose": 8,
        "outcome": TrialOutcome.NO_RESPONSE,
    }
    values.update(overrides)
    return MedicationTrialDraft(**values)


def test_medication_trial_end_before_start_is_refused_with_both_dates() -> None:
    problems = validate_medication_trial(_trial(end_date=date(2023, 12, 31)), TODAY)
    assert "end_date" in fields_of(problems)
    assert "2023-12-31 is before the start date 2024-01-01" in problems[0].message


def test_medication_trial_same_day_start_and_end_is_accepted() -> None:
    trial = _trial(end_date=date(2024, 1, 1), weeks_at_adequate_dose=1)
    assert validate_medication_trial(trial, TODAY) == []


def test_weeks_at_dose_longer_than_the_trial_is_refused() -> None:
    # 1 Jan to 1 Apr is 91 days: 14 weeks fit (98 <= 98), 15 do not.
    assert validate_medication_trial(_trial(weeks_at_adequate_dose=14), TODAY) == []
    problems = validate_medication_trial(_trial(weeks_at_adequate_dose=15), TODAY)
    assert fields_of(problems) == ["weeks_at_adequate_dose"]


def test_medication_trial_needs_a_drug_and_a_positive_dose() -> None:
    problems = validate_medication_trial(_trial(drug=" ", dose_amount=Decimal("0")), TODAY)
    assert fields_of(problems) == ["drug", "dose_amount"]


def test_psychotherapy_future_dates_and_session_count() -> None:
    draft = PsychotherapyTrialDraft(
        PsychotherapyModality.CBT, date(2026, 12, 1), None, 1001, TrialOutcome.PARTIAL_RESPONSE
    )
    assert fields_of(validate_psychotherapy_trial(draft, TODAY)) == ["start_date", "sessions"]


def test_allergy_needs_a_substance() -> None:
    assert fields_of(validate_allergy(AllergyDraft(" "))) == ["substance"]
    assert validate_allergy(AllergyDraft("Penicillin")) == []


def test_failed_trial_outcomes_for_letters() -> None:
    failed = {outcome for outcome in TrialOutcome if outcome.counts_as_failed}
    assert failed == {
        TrialOutcome.NO_RESPONSE,
        TrialOutcome.PARTIAL_RESPONSE,
        TrialOutcome.INTOLERANCE,
    }


def test_display_name_and_age() -> None:
    assert display_name("Nguyễn", "Thị Lan", "Lan") == "Nguyễn, Thị Lan (Lan)"
    assert display_name("Wang", "Fang", "Fang") == "Wang, Fang"
    assert age_on(date(1990, 11, 22), TODAY) == 35
    assert age_on(date(1990, 11, 21), TODAY) == 36
