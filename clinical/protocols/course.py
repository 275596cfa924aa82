"""What the engine is told: the course, the treatments given, and the scores recorded."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from clinical.protocols.catalogue import gradual_taper
from clinical.protocols.enums import Comparison, Modality, Phase, SessionStatus
from clinical.protocols.templates import ProtocolTemplate

Score = int | Decimal


@dataclass(frozen=True)
class LadderPosition:
    """The step a course is on, and the treatment it began after.

    Treatments given after `started_on` count towards the step; time-based steps run from it.
    """

    index: int
    started_on: date


@dataclass(frozen=True)
class Session:
    """One planned treatment and what became of it.

    `on` is the date it was actually given (or was planned, if missed or cancelled). Only
    GIVEN sessions count. For tolerance (seed 002, "Managing Suspected Tolerance"):
    `days_of_benefit` is how many days the improvement lasted after this treatment (0 = no
    benefit) and `peak_score` the best (lowest) score in the days after it.
    """

    on: date
    status: SessionStatus = SessionStatus.GIVEN
    days_of_benefit: int | None = None
    peak_score: Score | None = None


@dataclass(frozen=True)
class ScorePoint:
    """A total on the course's scale (e.g. MADRS before a treatment)."""

    on: date
    total: Score


@dataclass(frozen=True)
class TrackingPoint:
    """A between-visit entry: daily PHQ-2 or similar, and the seed's other two triggers."""

    on: date
    total: Score
    sentinel_symptoms: bool = False
    functional_impairment: bool = False


@dataclass(frozen=True)
class Course:
    """The facts about one patient's course that the rules need.

    `acute_baseline` is the acute pre-treatment score (clinical-reference.md §1). `position`
    is the place on `template.ladder`; it is kept through a taper, a drug holiday and
    discontinuation as the previous effective interval. `taper_position` is the place on
    `taper.ladder`. `holiday_started_on` is the date of the last treatment before the holiday;
    `discontinued_on` the date of the last scheduled booster. `relapse_on` is a relapse date
    set by the clinician; without it, the engine finds one in the scores.
    `tracking_baseline` is the patient's maintenance baseline on the daily measure
    ("Establishes personal symptom threshold", seed 002 Symptom-Triggered Protocol).
    """

    modality: Modality
    phase: Phase
    template: ProtocolTemplate
    started_on: date
    acute_baseline: Score
    remission_threshold: Score
    remission_comparison: Comparison = Comparison.AT_OR_BELOW
    scale: str = "MADRS"
    position: LadderPosition | None = None
    taper: ProtocolTemplate = field(default_factory=gradual_taper)
    taper_position: LadderPosition | None = None
    holiday_started_on: date | None = None
    discontinued_on: date | None = None
    relapse_on: date | None = None
    tracking_scale: str = "PHQ-2"
    tracking_baseline: Score | None = None

    def __post_init__(self) -> None:
        if self.acute_baseline <= 0:
            raise ValueError("The acute baseline score must be above 0 to measure change from it.")
        if self.position is not None and not 0 <= self.position.index < len(self.template.ladder):
            raise ValueError(
                f"Step {self.position.index} is not on the ladder of {self.template.name}."
            )
        if self.taper_position is not None and not (
            0 <= self.taper_position.index < len(self.taper.ladder)
        ):
            raise ValueError(f"Step {self.taper_position.index} is not on the taper ladder.")
        if self.phase is Phase.DRUG_HOLIDAY and self.holiday_started_on is None:
            raise ValueError("A drug holiday needs the date it started.")
        if self.phase is Phase.DISCONTINUED and self.discontinued_on is None:
            raise ValueError("A discontinued course needs the date boosters stopped.")
