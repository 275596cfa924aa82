"""Closed vocabularies of the booster protocols."""

from enum import StrEnum

# Re-exported: the one vocabulary lives in clinical.modality.
from clinical.modality import Modality as Modality


class Phase(StrEnum):
    INDUCTION = "induction"
    MAINTENANCE = "maintenance"
    TAPER = "taper"
    DRUG_HOLIDAY = "drug_holiday"
    # Scheduled boosters stopped; boosters given as needed (seed 002, "Discontinue with PRN").
    DISCONTINUED = "discontinued"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    Phase.INDUCTION: "Induction",
    Phase.MAINTENANCE: "Maintenance",
    Phase.TAPER: "Taper",
    Phase.DRUG_HOLIDAY: "Drug holiday",
    Phase.DISCONTINUED: "Discontinued (boosters as needed)",
}


class ProtocolKind(StrEnum):
    INTERVAL_EXTENSION = "interval_extension"
    TAPER = "taper"
    HYBRID = "hybrid"
    SYMPTOM_TRIGGERED = "symptom_triggered"
    SPRAVATO_LABEL = "spravato_label"
    TMS_COURSE = "tms_course"
    CUSTOM = "custom"


class SessionStatus(StrEnum):
    GIVEN = "given"
    MISSED = "missed"
    CANCELLED = "cancelled"


class Comparison(StrEnum):
    """How a score is compared with the remission threshold: MADRS ≤ 10, PHQ-9 < 5."""

    AT_OR_BELOW = "at_or_below"
    BELOW = "below"

    @property
    def symbol(self) -> str:
        return "≤" if self is Comparison.AT_OR_BELOW else "<"

    @property
    def failed_phrase(self) -> str:
        """What a score outside remission is, in words: "above 10" or "at or above 5"."""
        return "above" if self is Comparison.AT_OR_BELOW else "at or above"


class Action(StrEnum):
    START = "start"
    CONTINUE = "continue"
    EXTEND = "extend"
    HOLD = "hold"
    STEP_BACK = "step_back"
    BEGIN_TAPER = "begin_taper"
    TRIGGER_BOOSTER_NOW = "trigger_booster_now"
    SUGGEST_DRUG_HOLIDAY = "suggest_drug_holiday"
    CONSIDER_DOSE_OR_HOLIDAY = "consider_dose_or_holiday"
    DISCONTINUE = "discontinue"
    RESTART_MAINTENANCE = "restart_maintenance"
    RESTART_INDUCTION = "restart_induction"
    # No booster is scheduled; keep tracking symptoms (symptom-triggered, as-needed phases).
    MONITOR = "monitor"
    # The rules cannot decide; a clinician must (e.g. no response at the end of induction).
    REVIEW = "review"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class RelapseTiming(StrEnum):
    """Seed 002, "Managing Relapse After Discontinuation"."""

    EARLY = "early"  # < 1 month
    INTERMEDIATE = "intermediate"  # 1-3 months
    LATE = "late"  # > 3 months


class TolerancePattern(StrEnum):
    """The rows of seed 002's "Managing Suspected Tolerance" table."""

    GRADUAL_DIMINUTION = "gradual_diminution"
    SHORTER_DURATION = "shorter_duration"
    REDUCED_PEAK = "reduced_peak"
    COMPLETE_LOSS = "complete_loss"
