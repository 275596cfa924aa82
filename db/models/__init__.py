"""Every ORM model, imported here so that Base.metadata knows the whole schema."""

from db.models.patient import Allergy, Diagnosis, MedicationTrial, Patient, PsychotherapyTrial

__all__ = ["Allergy", "Diagnosis", "MedicationTrial", "Patient", "PsychotherapyTrial"]
