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
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.base import Base
from db.database import Database
from db.errors import InvalidEntryError, RecordNotFoundError, StaleEditError
from db.models import Allergy, Diagnosis, MedicationTrial, Patient, PsychotherapyTrial
from db.patients.repository import get_patient, list_patient_rows, load_chart, patient_id_for_mrn
from db.patients.views import PatientChart, PatientRow
from db.stale import stale_edit

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
        raise InvalidEntryError([Problem("mrn", f"MRN {mrn} already belongs to another patient.")])


def _check_version(session: Session, row: Base, expected_version: int, object_type: str) -> None:
    if row.version != expected_version:  # type: ignore[attr-defined]
        raise stale_edit(session, object_type, row.id)  # type: ignore[attr-defined]


def _flush_or_explain(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as error:
        # A save that raced another workstation's and lost: the counter decided.
        raise StaleEditError(STALE_MESSAGE) from error
    except IntegrityError as error:
        # Two workstations saving the same MRN at once: the unique constraint decides.
        raise InvalidEntryError(
            [Problem("mrn", "That MRN was just given to another patient on another workstation.")]
        ) from error


def patient_rows(database: Database, actor: Actor) -> list[PatientRow]:
    """The patient list: names, MRNs and birth dates, for every role that sees patients."""
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.PATIENT_LIST)
    with database.reading() as session:
        return list_patient_rows(session)


def open_chart(database: Database, actor: Actor, patient_id: int) -> PatientChart:
    """One audited read per opened chart; a role without clinical access gets demographics."""
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CHART, patient_id)
    clinical = actor.may(Permission.VIEW_CLINICAL)
    with database.transaction() as session:
        chart = load_chart(session, patient_id, include_clinical=clinical)
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.CHART if clinical else AuditCategory.DEMOGRAPHICS,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            detail=_CHART_PARTS if clinical else "demographics",
        )
        return chart


_CHART_PARTS = "demographics, diagnoses, medication trials, psychotherapy, allergies"


def create_patient(
    database: Database, actor: Actor, draft: PatientDraft, today: date | None = None
) -> int:
    authorize(database, actor, Permission.EDIT_DEMOGRAPHICS, AuditCategory.DEMOGRAPHICS)
    draft = _cleaned_patient(draft)
    _fail_if(validate_patient(draft, today or date.today()))
    with database.transaction() as session:
        _refuse_duplicate_mrn(session, draft.mrn, None)
        patient = Patient(**_columns(draft))
        session.add(patient)
        _flush_or_explain(session)
        database.audit.record(
            session,
            actor,
            AuditAction.CREATE,
            AuditCategory.DEMOGRAPHICS,
            patient_id=patient.id,
            object_type="patient",
            object_id=patient.id,
        )
        return patient.id


def update_patient(
    database: Database,
    actor: Actor,
    patient_id: int,
    expected_version: int,
    draft: PatientDraft,
    today: date | None = None,
) -> None:
    authorize(database, actor, Permission.EDIT_DEMOGRAPHICS, AuditCategory.DEMOGRAPHICS, patient_id)
    draft = _cleaned_patient(draft)
    _fail_if(validate_patient(draft, today or date.today()))
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        _check_version(session, patient, expected_version, "patient")
        _refuse_duplicate_mrn(session, draft.mrn, patient_id)
        database.audit.record(
            session,
            actor,
            AuditAction.UPDATE,
            AuditCategory.DEMOGRAPHICS,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            prior=patient,
        )
        for name, value in _columns(draft).items():
            setattr(patient, name, value)
        _flush_or_explain(session)


@dataclasses.dataclass(frozen=True)
class _EntryKind:
    """One kind of chart entry: its table, who may change it, and its audit names."""

    model: type[Base]
    permission: Permission
    category: AuditCategory
    object_type: str


def _save_child(
    database: Database,
    actor: Actor,
    kind: _EntryKind,
    patient_id: int,
    record_id: int | None,
    expected_version: int | None,
    values: dict[str, Any],
    after_add: Callable[[Session, Any], None] | None = None,
) -> int:
    authorize(database, actor, kind.permission, kind.category, patient_id)
    with database.transaction() as session:
        get_patient(session, patient_id)
        if record_id is None:
            row = kind.model(patient_id=patient_id, **values)
            session.add(row)
            action = AuditAction.CREATE
        else:
            row = session.get(kind.model, record_id)
            if row is None or row.patient_id != patient_id:  # type: ignore[attr-defined]
                raise RecordNotFoundError("That entry is no longer in the chart.")
            _check_version(
                session,
                row,
                expected_version if expected_version is not None else -1,
                kind.object_type,
            )
            action = AuditAction.UPDATE
            database.audit.record(
                session,
                actor,
                action,
                kind.category,
                patient_id=patient_id,
                object_type=kind.object_type,
                object_id=row.id,  # type: ignore[attr-defined]
                prior=row,
            )
            for name, value in values.items():
                setattr(row, name, value)
        if after_add is not None:
            after_add(session, row)
        _flush_or_explain(session)
        if action is AuditAction.CREATE:
            database.audit.record(
                session,
                actor,
                action,
                kind.category,
                patient_id=patient_id,
                object_type=kind.object_type,
                object_id=row.id,  # type: ignore[attr-defined]
            )
        return row.id  # type: ignore[attr-defined]


def _delete_child(
    database: Database,
    actor: Actor,
    kind: _EntryKind,
    patient_id: int,
    record_id: int,
    expected_version: int,
) -> None:
    authorize(database, actor, kind.permission, kind.category, patient_id)
    with database.transaction() as session:
        row = session.get(kind.model, record_id)
        if row is None or row.patient_id != patient_id:  # type: ignore[attr-defined]
            raise RecordNotFoundError("That entry is no longer in the chart.")
        _check_version(session, row, expected_version, kind.object_type)
        database.audit.record(
            session,
            actor,
            AuditAction.DELETE,
            kind.category,
            patient_id=patient_id,
            object_type=kind.object_type,
            object_id=record_id,
            prior=row,
        )
        session.delete(row)
        _flush_or_explain(session)


def _keep_one_primary(
    session: Session, diagnosis: Diagnosis, before_demoting: Callable[[Diagnosis], None]
) -> None:
    """A new primary diagnosis demotes the old one; a patient's first diagnosis is primary."""
    session.flush()
    session.refresh(diagnosis, ["patient"])
    others = [d for d in diagnosis.patient.diagnoses if d.id != diagnosis.id]
    if diagnosis.is_primary:
        for other in others:
            if other.is_primary:
                before_demoting(other)
                other.is_primary = False
    elif not any(d.is_primary for d in others):
        diagnosis.is_primary = True


def save_diagnosis(
    database: Database,
    actor: Actor,
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
    kind = ENTRY_KINDS[DiagnosisDraft]

    def keep_one_primary(session: Session, diagnosis: Diagnosis) -> None:
        def audit_demotion(other: Diagnosis) -> None:
            database.audit.record(
                session,
                actor,
                AuditAction.UPDATE,
                kind.category,
                patient_id=patient_id,
                object_type=kind.object_type,
                object_id=other.id,
                prior=other,
                detail="no longer the primary diagnosis",
            )

        _keep_one_primary(session, diagnosis, audit_demotion)

    return _save_child(
        database,
        actor,
        kind,
        patient_id,
        record_id,
        expected_version,
        _columns(draft),
        after_add=keep_one_primary,
    )


def save_medication_trial(
    database: Database,
    actor: Actor,
    patient_id: int,
    draft: MedicationTrialDraft,
    record_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    _fail_if(validate_medication_trial(draft, today or date.today()))
    draft = dataclasses.replace(draft, drug=draft.drug.strip(), dose_unit=draft.dose_unit.strip())
    return _save_child(
        database,
        actor,
        ENTRY_KINDS[MedicationTrialDraft],
        patient_id,
        record_id,
        expected_version,
        _columns(draft),
    )


def save_psychotherapy_trial(
    database: Database,
    actor: Actor,
    patient_id: int,
    draft: PsychotherapyTrialDraft,
    record_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    _fail_if(validate_psychotherapy_trial(draft, today or date.today()))
    return _save_child(
        database,
        actor,
        ENTRY_KINDS[PsychotherapyTrialDraft],
        patient_id,
        record_id,
        expected_version,
        _columns(draft),
    )


def save_allergy(
    database: Database,
    actor: Actor,
    patient_id: int,
    draft: AllergyDraft,
    record_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    _fail_if(validate_allergy(draft))
    draft = dataclasses.replace(draft, substance=draft.substance.strip())
    return _save_child(
        database,
        actor,
        ENTRY_KINDS[AllergyDraft],
        patient_id,
        record_id,
        expected_version,
        _columns(draft),
    )


ENTRY_KINDS: dict[type, _EntryKind] = {
    DiagnosisDraft: _EntryKind(
        Diagnosis, Permission.EDIT_DIAGNOSES, AuditCategory.DIAGNOSES, "diagnosis"
    ),
    MedicationTrialDraft: _EntryKind(
        MedicationTrial,
        Permission.EDIT_TREATMENT_HISTORY,
        AuditCategory.MEDICATION_TRIALS,
        "medication trial",
    ),
    PsychotherapyTrialDraft: _EntryKind(
        PsychotherapyTrial,
        Permission.EDIT_TREATMENT_HISTORY,
        AuditCategory.PSYCHOTHERAPY,
        "psychotherapy trial",
    ),
    AllergyDraft: _EntryKind(
        Allergy, Permission.EDIT_TREATMENT_HISTORY, AuditCategory.ALLERGIES, "allergy"
    ),
}


def delete_entry(
    database: Database,
    actor: Actor,
    patient_id: int,
    kind: type[DraftT],
    record_id: int,
    expected_version: int,
) -> None:
    """Remove one diagnosis, trial or allergy from the chart."""
    _delete_child(database, actor, ENTRY_KINDS[kind], patient_id, record_id, expected_version)
