"""Changes to the patient record, each one transaction that lands whole or not at all."""

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinical.record.drafts import (
    AllergyDraft,
    DiagnosisDraft,
    MedicationTrialDraft,
    PatientDraft,
    PsychotherapyTrialDraft,
)
from clinical.record.icd10 import normalise_icd10
from clinical.record.validation import (
    Problem,
    validate_allergy,
    validate_diagnosis,
    validate_medication_trial,
    validate_patient,
    validate_psychotherapy_trial,
)
from db.base import Base
from db.database import Database
from db.errors import InvalidEntryError, RecordNotFoundError, StaleEditError
from db.models import Allergy, Diagnosis, MedicationTrial, Patient, PsychotherapyTrial
from db.patients.repository import get_patient, patient_id_for_mrn

DraftT = TypeVar("DraftT")

STALE_MESSAGE = (
    "This record was changed by someone else after you opened it. "
    "Close it, open it again and re-enter your change."
)


def _fail_if(problems: list[Problem]) -> None:
    if problems:
        raise InvalidEntryError(problems)


def _columns(draft: Any) -> dict[str, Any]:
    return {field.name: getattr(draft, field.name) for field in dataclasses.fields(draft)}


def _cleaned_patient(draft: PatientDraft) -> PatientDraft:
    text_fields = {
        field.name: getattr(draft, field.name).strip()
        for field in dataclasses.fields(draft)
        if isinstance(getattr(draft, field.name), str)
    }
    cleaned = dataclasses.replace(draft, **text_fields)
    return dataclasses.replace(cleaned, mrn=cleaned.mrn.upper())


def _refuse_duplicate_mrn(session: Session, mrn: str, own_id: int | None) -> None:
    holder = patient_id_for_mrn(session, mrn)
    if holder is not None and holder != own_id:
        raise InvalidEntryError(
            [Problem("mrn", f"MRN {mrn} already belongs to another patient.")]
        )


def _check_version(row: Base, expected_version: int) -> None:
    if row.version != expected_version:  # type: ignore[attr-defined]
        raise StaleEditError(STALE_MESSAGE)


def _flush_or_explain(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleEditError(STALE_MESSAGE) from error
    except IntegrityError as error:
        # Two workstations saving the same MRN at once: the unique constraint decides.
        raise InvalidEntryError(
            [Problem("mrn", "That MRN was just given to another patient on another workstation.")]
        ) from error


def create_patient(database: Database, draft: PatientDraft, today: date | None = None) -> int:
    draft = _cleaned_patient(draft)
    _fail_if(validate_patient(draft, today or date.today()))
    with database.transaction() as session:
        _refuse_duplicate_mrn(session, draft.mrn, None)
        patient = Patient(**_columns(draft))
        session.add(patient)
        _flush_or_explain(session)
        return patient.id


def update_patient(
    database: Database,
    patient_id: int,
    expected_version: int,
    draft: PatientDraft,
    today: date | None = None,
) -> None:
    draft = _cleaned_patient(draft)
    _fail_if(validate_patient(draft, today or date.today()))
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        _check_version(patient, expected_version)
        _refuse_duplicate_mrn(session, draft.mrn, patient_id)
        for name, value in _columns(draft).items():
            setattr(patient, name, value)
        _flush_or_explain(session)


def _save_child(
    database: Database,
    model: type[Base],
    patient_id: int,
    record_id: int | None,
    expected_version: int | None,
    values: dict[str, Any],
    before_flush: Callable[[Session, Any], None] | None = None,
) -> int:
    with database.transaction() as session:
        get_patient(session, patient_id)
        if record_id is None:
            row = model(patient_id=patient_id, **values)
            session.add(row)
        else:
            row = session.get(model, record_id)
            if row is None or row.patient_id != patient_id:  # type: ignore[attr-defined]
                raise RecordNotFoundError("That entry is no longer in the chart.")
            _check_version(row, expected_version if expected_version is not None else -1)
            for name, value in values.items():
                setattr(row, name, value)
        if before_flush is not None:
            before_flush(session, row)
        _flush_or_explain(session)
        return row.id  # type: ignore[attr-defined]


def _delete_child(
    database: Database, model: type[Base], patient_id: int, record_id: int, expected_version: int
) -> None:
    with database.transaction() as session:
        row = session.get(model, record_id)
        if row is None or row.patient_id != patient_id:  # type: ignore[attr-defined]
            raise RecordNotFoundError("That entry is no longer in the chart.")
        _check_version(row, expected_version)
        session.delete(row)
        _flush_or_explain(session)


def _keep_one_primary(session: Session, diagnosis: Diagnosis) -> None:
    """A new primary diagnosis demotes the old one; a patient's first diagnosis is primary."""
    session.flush()
    session.refresh(diagnosis, ["patient"])
    others = [d for d in diagnosis.patient.diagnoses if d.id != diagnosis.id]
    if diagnosis.is_primary:
        for other in others:
            if other.is_primary:
                other.is_primary = False
    elif not any(d.is_primary for d in others):
        diagnosis.is_primary = True


def save_diagnosis(
    database: Database,
    patient_id: int,
    draft: DiagnosisDraft,
    record_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    _fail_if(validate_diagnosis(draft, today or date.today()))
    draft = dataclasses.replace(
        draft, icd10_code=normalise_icd10(draft.icd10_code), description=draft.description.strip()
    )
    return _save_child(
        database, Diagnosis, patient_id, record_id, expected_version, _columns(draft),
        before_flush=_keep_one_primary,
    )


def save_medication_trial(
    database: Database,
    patient_id: int,
    draft: MedicationTrialDraft,
    record_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    _fail_if(validate_medication_trial(draft, today or date.today()))
    draft = dataclasses.replace(draft, drug=draft.drug.strip(), dose_unit=draft.dose_unit.strip())
    return _save_child(
        database, MedicationTrial, patient_id, record_id, expected_version, _columns(draft)
    )


def save_psychotherapy_trial(
    database: Database,
    patient_id: int,
    draft: PsychotherapyTrialDraft,
    record_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    _fail_if(validate_psychotherapy_trial(draft, today or date.today()))
    return _save_child(
        database, PsychotherapyTrial, patient_id, record_id, expected_version, _columns(draft)
    )


def save_allergy(
    database: Database,
    patient_id: int,
    draft: AllergyDraft,
    record_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    _fail_if(validate_allergy(draft))
    draft = dataclasses.replace(draft, substance=draft.substance.strip())
    return _save_child(database, Allergy, patient_id, record_id, expected_version, _columns(draft))


CHILD_MODELS: dict[type, type[Base]] = {
    DiagnosisDraft: Diagnosis,
    MedicationTrialDraft: MedicationTrial,
    PsychotherapyTrialDraft: PsychotherapyTrial,
    AllergyDraft: Allergy,
}


def delete_entry(
    database: Database,
    patient_id: int,
    kind: type[DraftT],
    record_id: int,
    expected_version: int,
) -> None:
    """Remove one diagnosis, trial or allergy from the chart."""
    _delete_child(database, CHILD_MODELS[kind], patient_id, record_id, expected_version)
