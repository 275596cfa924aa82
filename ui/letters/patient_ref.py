"""The patient a letter is for, as the letter screens name them."""

from dataclasses import dataclass

from db.patients.views import PatientChart


@dataclass(frozen=True)
class PatientRef:
    patient_id: int
    name: str
    mrn: str
    education_years: int | None = None  # the MoCA's education bonus, for the annual review

    @property
    def label(self) -> str:
        return f"{self.name} (MRN {self.mrn})"


def patient_ref_of(chart: PatientChart) -> PatientRef:
    return PatientRef(
        chart.id, chart.display_name, chart.patient.mrn, chart.patient.education_years
    )
