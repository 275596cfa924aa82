"""Every ORM model, imported here so that Base.metadata knows the whole schema."""

from db.models.account import SignInFailure, UserAccount
from db.models.annual_review import AnnualReview
from db.models.appointment import Appointment, AppointmentChange
from db.models.audit import AuditEvent, DatabaseIdentity
from db.models.course import BoosterDecision, CourseAuthorization, TreatmentCourse
from db.models.letter import ArchivedLetter, ClinicImage, PrescriberSignature
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
from db.models.treatment_session import SessionAddendum, TreatmentSession

__all__ = [
    "Allergy",
    "AnnualReview",
    "Appointment",
    "AppointmentChange",
    "ArchivedLetter",
    "AuditEvent",
    "BoosterDecision",
    "ClinicImage",
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
    "PrescriberSignature",
    "PsychotherapyTrial",
    "SafetyAlert",
    "ScaleResultRecord",
    "SessionAddendum",
    "SignInFailure",
    "TreatmentCourse",
    "TreatmentSession",
    "UserAccount",
]
