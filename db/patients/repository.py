"""Queries on the patient record. Takes a session; never commits."""

import dataclasses
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from clinical.record.drafts import (
    AllergyDraft,
    DiagnosisDraft,
    MedicationTrialDraft,
    PatientDraft,
    PsychotherapyTrialDraft,
)
from db.errors import RecordNotFoundError
from db.models import Patient, TreatmentCourse
from db.patients.views import PatientChart, PatientRow, Saved

DraftT = TypeVar("DraftT")


def to_draft(draft_class: type[DraftT], row: Any) -> DraftT:
    """Copy the columns a draft names out of an ORM row."""
    names = [field.name for field in dataclasses.fields(draft_class)]  # type: ignore[arg-type]
    return draft_class(**{name: getattr(row, name) for name in names})


def _saved(draft_class: type[DraftT], row: Any) -> Saved[DraftT]:
    return Saved(id=row.id, version=row.version, draft=to_draft(draft_class, row))


def patient_id_for_mrn(session: Session, mrn: str) -> int | None:
    return session.scalar(select(Patient.id).where(Patient.mrn == mrn.strip().upper()))


def get_patient(session: Session, patient_id: int) -> Patient:
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise RecordNotFoundError("That patient is no longer in the database.")
    return patient


def load_chart(session: Session, patient_id: int, include_clinical: bool = True) -> PatientChart:
    """The chart; without clinical access only demographics are read at all."""
    query = select(Patient).where(Patient.id == patient_id)
    if include_clinical:
        query = query.options(
            selectinload(Patient.diagnoses),
            selectinload(Patient.medication_trials),
            selectinload(Patient.psychotherapy_trials),
            selectinload(Patient.allergies),
        )
    patient = session.scalar(query)
    if patient is None:
        raise RecordNotFoundError("That patient is no longer in the database.")
    chart = PatientChart(
        id=patient.id,
        version=patient.version,
        patient=to_draft(PatientDraft, patient),
        diagnoses=(),
        medication_trials=(),
        psychotherapy_trials=(),
        allergies=(),
        clinical_included=include_clinical,
    )
    if not include_clinical:
        return chart
    courses = session.execute(
        select(TreatmentCourse.modality, TreatmentCourse.phase)
        .where(TreatmentCourse.patient_id == patient_id)
        .where(TreatmentCourse.closed_on.is_(None))
        .order_by(TreatmentCourse.started_on)
    )
    return dataclasses.replace(
        chart,
        treatments=tuple(
            f"{modality.label} ({phase.label.lower()})" for modality, phase in courses
        ),
        diagnoses=tuple(_saved(DiagnosisDraft, d) for d in patient.diagnoses),
        medication_trials=tuple(_saved(MedicationTrialDraft, t) for t in patient.medication_trials),
        psychotherapy_trials=tuple(
            _saved(PsychotherapyTrialDraft, t) for t in patient.psychotherapy_trials
        ),
        allergies=tuple(_saved(AllergyDraft, a) for a in patient.allergies),
    )


def list_patient_rows(session: Session) -> list[PatientRow]:
    rows = session.execute(
        select(
            Patient.id,
            Patient.mrn,
            Patient.legal_family_name,
            Patient.legal_given_names,
            Patient.preferred_name,
            Patient.date_of_birth,
            Patient.status,
        ).order_by(Patient.legal_family_name, Patient.legal_given_names)
    )
    return [
        PatientRow(
            id=r.id,
            mrn=r.mrn,
            legal_family_name=r.legal_family_name,
            legal_given_names=r.legal_given_names,
            preferred_name=r.preferred_name,
            date_of_birth=r.date_of_birth,
            status=r.status.value,
        )
        for r in rows
    ]


def count_patients(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Patient)) or 0
