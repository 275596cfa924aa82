"""Every ORM model, imported here so that Base.metadata knows the whole schema."""

from db.models.account import UserAccount
from db.models.audit import AuditEvent, DatabaseIdentity
from db.models.patient import Allergy, Diagnosis, MedicationTrial, Patient, PsychotherapyTrial
from db.models.setting import ClinicSetting

__all__ = [
    "Allergy",
    "AuditEvent",
    "ClinicSetting",
    "DatabaseIdentity",
    "Diagnosis",
    "MedicationTrial",
    "Patient",
    "PsychotherapyTrial",
    "UserAccount",
]
