"""Synthetic values tests build on."""

from datetime import date

from clinical.record.drafts import PatientDraft
from clinical.record.enums import Sex


def make_patient_draft(**overrides: object) -> PatientDraft:
    values: dict[str, object] = {
        "mrn": "BD-0001",
        "legal_family_name": "Testperson",
        "legal_given_names": "Ada",
        "date_of_birth": date(1980, 4, 12),
        "sex": Sex.FEMALE,
        "education_years": 16,
    }
    values.update(overrides)
    return PatientDraft(**values)  # type: ignore[arg-type]
