"""Closed vocabularies of a treatment session's documentation."""

from enum import StrEnum


class SessionState(StrEnum):
    """A session is drafted as it is typed, then signed; a signed one never changes."""

    DRAFT = "draft"
    SIGNED = "signed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class VitalsPoint(StrEnum):
    """When a set of vital signs was taken. For esketamine, 'during' is the reading about
    40 minutes after dosing and 'after' the one before leaving (clinical-reference.md
    section 2, Spravato REMS)."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"

    @property
    def label(self) -> str:
        return _POINT_LABELS[self]


_POINT_LABELS = {
    VitalsPoint.BEFORE: "Before dosing",
    VitalsPoint.DURING: "During treatment",
    VitalsPoint.AFTER: "After treatment, before leaving",
}


class Route(StrEnum):
    IV = "iv"
    IM = "im"

    @property
    def label(self) -> str:
        return "Intravenous (IV)" if self is Route.IV else "Intramuscular (IM)"


class DoseBasis(StrEnum):
    """How the ketamine dose was entered; the other figure is worked out from the weight."""

    MG_PER_KG = "mg_per_kg"
    TOTAL_MG = "total_mg"

    @property
    def label(self) -> str:
        return "mg/kg" if self is DoseBasis.MG_PER_KG else "Total mg"


class Response(StrEnum):
    """Response since the last session (seed 002, Documentation, Every Visit: treatment
    response assessment)."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class SubstanceScreen(StrEnum):
    """The every-visit substance-use screen (seed 002, Psychiatric Monitoring)."""

    NEGATIVE = "negative"
    POSITIVE = "positive"
    NOT_DONE = "not_done"

    @property
    def label(self) -> str:
        return {"not_done": "Not done"}.get(self.value, self.value.capitalize())


class ConcomitantMedication(StrEnum):
    """Sedating concomitant medications the Spravato REMS monitoring form asks about
    (clinical-reference.md section 2)."""

    BENZODIAZEPINE = "benzodiazepine"
    NON_BENZODIAZEPINE_HYPNOTIC = "non_benzodiazepine_hypnotic"
    PSYCHOSTIMULANT = "psychostimulant"
    MAOI = "maoi"
    OPIOID = "opioid"

    @property
    def label(self) -> str:
        return _MEDICATION_LABELS[self]


_MEDICATION_LABELS = {
    ConcomitantMedication.BENZODIAZEPINE: "Benzodiazepines",
    ConcomitantMedication.NON_BENZODIAZEPINE_HYPNOTIC: "Non-benzodiazepine hypnotics",
    ConcomitantMedication.PSYCHOSTIMULANT: "Psychostimulants",
    ConcomitantMedication.MAOI: "Monoamine oxidase inhibitors (MAOIs)",
    ConcomitantMedication.OPIOID: "Opioids",
}
