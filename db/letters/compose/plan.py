"""A course's plan in a sentence or two, as a consent form and a payer letter print it."""

from db.courses.repository import bare_view
from db.models import TreatmentCourse


def plan_text(course: TreatmentCourse) -> str:
    """'IV ketamine, Seed 002 interval extension. Maintenance: every 3 weeks (step 4 of
    5). Dose: 0.5 mg/kg over 40 minutes.'"""
    view = bare_view(course)
    parts = [f"{view.modality.label}, {view.template.name}.", f"{view.step_text}."]
    if view.dose_plan.strip():
        parts.append(f"Dose: {view.dose_plan.strip().rstrip('.')}.")
    return " ".join(parts)


def step_text(course: TreatmentCourse) -> str:
    return bare_view(course).step_text
