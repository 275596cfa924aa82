"""Every ORM model, imported here so that Base.metadata knows the whole schema."""

from db.models.account import SignInFailure, UserAccount
from db.models.appointment import Appointment, AppointmentChange
from db.models.audit import AuditEvent, DatabaseIdentity
from db.models.course import BoosterDecision, CourseAuthorization, TreatmentCourse
from db.models.monitoring import (
    MonitoringCompletion,
    MonitoringDismissal,
    MonitoringDue,
    MonitoringDueBuild,
    MonitoringEventRecord,
)
from db.models.patient import Allergy, Diagnosis, MedicationTrial, Patient, PsychotherapyTrial
from db.models.scale import SafetyAlert, ScaleResultRecord
from db.models.setting import ClinicSetting

__all__ = [
    "Allergy",
    "Appointment",
    "AppointmentChange",
    "AuditEvent",
    "BoosterDecision",
    "ClinicSetting",
    "CourseAuthorization",
    "DatabaseIdentity",
    "Diagnosis",
    "MedicationTrial",
    "MonitoringCompletion",
    "MonitoringDismissal",
    "MonitoringDue",
    "MonitoringDueBuild",
    "MonitoringEventRecord",
    "Patient",
    "PsychotherapyTrial",
    "SafetyAlert",
    "ScaleResultRecord",
    "SignInFailure",
    "TreatmentCourse",
    "UserAccount",
]
