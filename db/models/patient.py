"""The patient and the history a chart keeps about them."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clinical.record.enums import (
    AllergySeverity,
    DrugClass,
    PatientStatus,
    PsychotherapyModality,
    Sex,
    TrialOutcome,
)
from db.base import Base, UTCDateTime, utc_now
from db.models.enum_column import enum_column


class Patient(Base):
    __tablename__ = "patient"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored upper-case so that uniqueness is case-insensitive on every dialect.
    mrn: Mapped[str] = mapped_column(String(32), unique=True)
    legal_family_name: Mapped[str] = mapped_column(String(120))
    legal_given_names: Mapped[str] = mapped_column(String(120))
    preferred_name: Mapped[str] = mapped_column(String(120), default="")
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[Sex] = mapped_column(enum_column(Sex, "sex"))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    address_line1: Mapped[str] = mapped_column(String(200), default="")
    address_line2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    emergency_contact_name: Mapped[str] = mapped_column(String(200), default="")
    emergency_contact_relation: Mapped[str] = mapped_column(String(60), default="")
    emergency_contact_phone: Mapped[str] = mapped_column(String(40), default="")
    education_years: Mapped[int | None] = mapped_column(Integer)
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    insurance_payer: Mapped[str] = mapped_column(String(200), default="")
    insurance_member_id: Mapped[str] = mapped_column(String(60), default="")
    insurance_group_number: Mapped[str] = mapped_column(String(60), default="")
    insurance_payer_address: Mapped[str] = mapped_column(Text, default="")
    primary_prescriber: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[PatientStatus] = mapped_column(enum_column(PatientStatus, "patient_status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    # Optimistic concurrency: a save against a stale version is refused, never merged.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    diagnoses: Mapped[list["Diagnosis"]] = relationship(
        back_populates="patient", cascade="all, delete-orphan", order_by="Diagnosis.id"
    )
    medication_trials: Mapped[list["MedicationTrial"]] = relationship(
        back_populates="patient", cascade="all, delete-orphan", order_by="MedicationTrial.id"
    )
    psychotherapy_trials: Mapped[list["PsychotherapyTrial"]] = relationship(
        back_populates="patient", cascade="all, delete-orphan", order_by="PsychotherapyTrial.id"
    )
    allergies: Mapped[list["Allergy"]] = relationship(
        back_populates="patient", cascade="all, delete-orphan", order_by="Allergy.id"
    )

    __mapper_args__ = {"version_id_col": version}


class Diagnosis(Base):
    __tablename__ = "diagnosis"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    icd10_code: Mapped[str] = mapped_column(String(8))
    description: Mapped[str] = mapped_column(String(250))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    noted_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    patient: Mapped[Patient] = relationship(back_populates="diagnoses")

    __mapper_args__ = {"version_id_col": version}


class MedicationTrial(Base):
    __tablename__ = "medication_trial"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    drug: Mapped[str] = mapped_column(String(120))
    drug_class: Mapped[DrugClass] = mapped_column(enum_column(DrugClass, "drug_class"))
    dose_amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    dose_unit: Mapped[str] = mapped_column(String(20), default="mg/day")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    weeks_at_adequate_dose: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[TrialOutcome] = mapped_column(enum_column(TrialOutcome, "trial_outcome"))
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    patient: Mapped[Patient] = relationship(back_populates="medication_trials")

    __mapper_args__ = {"version_id_col": version}


class PsychotherapyTrial(Base):
    __tablename__ = "psychotherapy_trial"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    modality: Mapped[PsychotherapyModality] = mapped_column(
        enum_column(PsychotherapyModality, "psychotherapy_modality")
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    sessions: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[TrialOutcome] = mapped_column(enum_column(TrialOutcome, "therapy_outcome"))
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    patient: Mapped[Patient] = relationship(back_populates="psychotherapy_trials")

    __mapper_args__ = {"version_id_col": version}


class Allergy(Base):
    __tablename__ = "allergy"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    substance: Mapped[str] = mapped_column(String(120))
    reaction: Mapped[str] = mapped_column(String(250), default="")
    severity: Mapped[AllergySeverity] = mapped_column(
        enum_column(AllergySeverity, "allergy_severity")
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    patient: Mapped[Patient] = relationship(back_populates="allergies")

    __mapper_args__ = {"version_id_col": version}
