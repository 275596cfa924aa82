"""The facts each letter is printed from, as plain frozen data.

The db side gathers these from the record and the clinic's settings; the renderers in this
package lay them out and never query anything. A fact that may be absent from the record is
optional here (``None``, an empty string or an empty tuple), so a letter can always be
built and then asked what is missing (``missing_facts``) before it is printed: a renderer
refuses with ``MissingFactsError`` rather than print a blank.

Every sequence field accepts a list or a tuple and is stored as a tuple.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from clinical.modality import Modality
from clinical.record.enums import DrugClass, PsychotherapyModality, TrialOutcome
from clinical.scales import DEFAULT_SETTINGS, ScaleSettings
from reports.model import Letterhead, PatientIdentity, Prescriber, Recipient


class MissingFactsError(ValueError):
    """A letter cannot be printed: ``missing`` names each absent fact in a clinician's
    words ("a baseline score", "at least one failed medication trial")."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = tuple(missing)
        listed = "; ".join(self.missing)
        super().__init__(f"This letter cannot be printed until these are entered: {listed}.")


class LetterKind(StrEnum):
    """The four letters, by the name the command line and the archive use."""

    CONSENT_REAFFIRMATION = "consent"
    MEDICAL_NECESSITY = "necessity"
    ANNUAL_REVIEW_SUMMARY = "annual-review"
    BOOSTER_SCHEDULE = "schedule"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    LetterKind.CONSENT_REAFFIRMATION: "Consent reaffirmation",
    LetterKind.MEDICAL_NECESSITY: "Letter of medical necessity",
    LetterKind.ANNUAL_REVIEW_SUMMARY: "Annual review summary",
    LetterKind.BOOSTER_SCHEDULE: "Booster schedule for the patient",
}


def _tuple(obj: object, *names: str) -> None:
    for name in names:
        object.__setattr__(obj, name, tuple(getattr(obj, name)))


# Shared facts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterPatient:
    """Who the letter is about. ``name`` as it should print (legal name first)."""

    name: str
    date_of_birth: date | None
    mrn: str = ""

    @property
    def identity(self) -> PatientIdentity:
        """For the running header of later pages."""
        return PatientIdentity(self.name, self.date_of_birth)


@dataclass(frozen=True)
class DatedScore:
    """One total of a rating scale on the day it was given."""

    on: date
    total: int


@dataclass(frozen=True)
class ScoreSeries:
    """One instrument's course: the acute (pre-treatment) baseline and the dated totals
    since, oldest first. ``instrument_code`` as in ``clinical.scales`` ("BDI2", "HAMD17",
    "MADRS", "PHQ9"). The current score is the latest point."""

    instrument_code: str
    baseline: DatedScore | None
    points: tuple[DatedScore, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", tuple(sorted(self.points, key=lambda p: p.on)))

    @property
    def current(self) -> DatedScore | None:
        return self.points[-1] if self.points else None


# 1. Consent reaffirmation ----------------------------------------------------------------


@dataclass(frozen=True)
class ConsentReaffirmation:
    """The yearly re-consent (seed 002 "Annually") for the patient's current treatment.

    ``treatment_plan``: the plan as the prescriber words it ("Maintenance IV ketamine
    0.5 mg/kg over 40 minutes every 3 weeks"). ``witness_name`` empty leaves a line for the
    witness to print their name by hand. The consent wording comes from
    ``reports.letters.consent_text`` for the modality's family, with its version.
    """

    letterhead: Letterhead
    prescriber: Prescriber
    patient: LetterPatient
    modality: Modality | None
    treatment_plan: str
    letter_date: date
    witness_name: str = ""


# 2. Medical necessity --------------------------------------------------------------------


@dataclass(frozen=True)
class InsuranceIds:
    """The patient's plan identifiers as the payer prints them on the card."""

    member_id: str
    group_id: str = ""
    authorization_reference: str = ""  # a prior-authorization or case number, if any


@dataclass(frozen=True)
class Diagnosis:
    """An ICD-10-CM code and its description ("F33.2", "Major depressive disorder,
    recurrent, severe without psychotic features")."""

    icd10_code: str
    description: str
    is_primary: bool = False


@dataclass(frozen=True)
class MedicationTrial:
    """An antidepressant or augmentation trial. The duration prints as the weeks at an
    adequate dose when known, else from the start and end dates."""

    drug: str
    outcome: TrialOutcome
    drug_class: DrugClass | None = None
    dose_amount: Decimal | None = None
    dose_unit: str = "mg/day"
    start_date: date | None = None
    end_date: date | None = None
    weeks_at_adequate_dose: int | None = None
    notes: str = ""  # why it was stopped, side effects: printed with the outcome


@dataclass(frozen=True)
class PsychotherapyTrial:
    modality: PsychotherapyModality
    outcome: TrialOutcome
    start_date: date | None = None
    end_date: date | None = None
    sessions: int | None = None
    notes: str = ""  # the therapy's name when the modality is Other, the result


@dataclass(frozen=True)
class SessionsGiven:
    """Sessions of the requested treatment given so far (count 0 for a first request)."""

    count: int
    first_on: date | None = None
    last_on: date | None = None


class CodeSystem(StrEnum):
    CPT = "CPT"
    HCPCS = "HCPCS"
    OTHER = ""  # a code the clinic enters as free text (IV ketamine has no specific code)


@dataclass(frozen=True)
class ServiceCode:
    """A billing code with what it covers: CPT 90868 "Subsequent delivery and
    management, per session". ``reports.letters.codes.standard_codes`` gives the usual
    ones for TMS and esketamine."""

    system: CodeSystem
    code: str
    description: str
    units: str = ""  # "1 per session", "up to 30 sessions"


@dataclass(frozen=True)
class RequestedService:
    """What the letter asks the payer to cover. ``frequency`` as the prescriber words
    it ("5 sessions a week for 6 weeks, then a 3-week taper of 6 sessions")."""

    modality: Modality | None
    description: str  # "Acute course of TMS for treatment-resistant depression"
    codes: tuple[ServiceCode, ...]
    frequency: str
    sessions_requested: int | None = None
    start_on: date | None = None

    def __post_init__(self) -> None:
        _tuple(self, "codes")


@dataclass(frozen=True)
class MedicalNecessityLetter:
    """A letter of medical necessity to the payer (clinical-reference.md §4).

    ``recipient``: the payer as the envelope window shows it (payer name, an attention
    line, the address lines). ``illness_history``, ``clinical_rationale`` and
    ``risk_of_stopping`` are the prescriber's free text; they may run to several pages.
    """

    letterhead: Letterhead
    prescriber: Prescriber
    recipient: Recipient | None
    patient: LetterPatient
    insurance: InsuranceIds
    letter_date: date
    diagnoses: tuple[Diagnosis, ...]
    illness_history: str
    medication_trials: tuple[MedicationTrial, ...]
    psychotherapy_trials: tuple[PsychotherapyTrial, ...]
    scores: tuple[ScoreSeries, ...]
    sessions_given: SessionsGiven
    service: RequestedService
    clinical_rationale: str
    risk_of_stopping: str
    salutation: str = "Dear Medical Reviewer,"
    scale_settings: ScaleSettings = DEFAULT_SETTINGS  # the clinic's bands and thresholds

    def __post_init__(self) -> None:
        _tuple(self, "diagnoses", "medication_trials", "psychotherapy_trials", "scores")


# 3. Annual review summary ----------------------------------------------------------------


class ReviewDecision(StrEnum):
    """The continuation-versus-transition decision of the yearly review (seed 002)."""

    CONTINUE = "continue"
    EXTEND_INTERVAL = "extend_interval"
    TAPER = "taper"
    TRANSITION = "transition"
    STOP = "stop"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]


_DECISION_LABELS = {
    ReviewDecision.CONTINUE: "Continue at the current interval",
    ReviewDecision.EXTEND_INTERVAL: "Extend the interval between treatments",
    ReviewDecision.TAPER: "Taper towards stopping",
    ReviewDecision.TRANSITION: "Transition to another treatment",
    ReviewDecision.STOP: "Stop treatment; boosters available if symptoms return",
}


@dataclass(frozen=True)
class SessionEntry:
    """One treatment given in the review year. Ketamine and esketamine carry their dose
    (``dose_amount`` with ``dose_unit``: 0.5 "mg/kg", 84 "mg"); TMS its parameters in
    ``detail`` ("10 Hz, 3,000 pulses, 120% of MT")."""

    on: date
    modality: Modality
    dose_amount: Decimal | None = None
    dose_unit: str = ""
    detail: str = ""


@dataclass(frozen=True)
class SideEffectTally:
    """How often a side effect was recorded in the year, and its worst severity."""

    effect: str
    count: int
    worst_severity: str  # "Mild", "Moderate", "Severe"


@dataclass(frozen=True)
class SeriousEvent:
    on: date
    description: str


@dataclass(frozen=True)
class MonitoringLine:
    """A monitoring item (seed 002 Safety Monitoring Protocol) as of the review date."""

    item: str  # "Urinalysis"
    last_done: date | None
    status: str  # "Up to date", "Due by 07/01/2026", "Overdue since 03/01/2026"
    outstanding: bool


@dataclass(frozen=True)
class ConsentStatus:
    last_reaffirmed_on: date | None
    version: str = ""  # the consent text version signed then
    reaffirmed_at_review: bool | None = None  # None: not recorded on the review form


@dataclass(frozen=True)
class AnnualReviewSummary:
    """The yearly review (seed 002 "Annually": full safety assessment, cognitive
    screening, continuation versus transition, consent re-affirmation)."""

    letterhead: Letterhead
    prescriber: Prescriber
    patient: LetterPatient
    modality: Modality | None
    period_start: date
    period_end: date
    reviewed_on: date
    sessions: tuple[SessionEntry, ...]
    scores: tuple[ScoreSeries, ...]
    side_effects: tuple[SideEffectTally, ...]
    serious_events: tuple[SeriousEvent, ...]
    monitoring: tuple[MonitoringLine, ...]
    consent: ConsentStatus
    decision: ReviewDecision | None
    reasoning: str
    safety_assessment: str
    cognitive_screen: str  # "MoCA 28/30 on 04/02/2026; no concerns raised"
    scale_settings: ScaleSettings = DEFAULT_SETTINGS  # the clinic's bands and thresholds

    def __post_init__(self) -> None:
        _tuple(self, "sessions", "scores", "side_effects", "serious_events", "monitoring")


# 4. Booster schedule handout -------------------------------------------------------------


@dataclass(frozen=True)
class UpcomingSession:
    """A booked session. ``starts_at`` is timezone-aware and prints in its own zone's
    local time (the clinic's)."""

    starts_at: datetime
    modality: Modality
    location: str = ""  # "Suite 310, infusion room 2"


@dataclass(frozen=True)
class BoosterSchedule:
    """The patient's handout. ``fasting_instructions`` is the clinic's own wording; empty
    prints ``reports.letters.schedule.DEFAULT_FASTING_INSTRUCTIONS``. ``contact_phone``
    empty falls back to the letterhead's phone."""

    letterhead: Letterhead
    patient: LetterPatient
    sessions: tuple[UpcomingSession, ...]
    printed_on: date
    contact_phone: str = ""
    fasting_instructions: str = ""
    note: str = ""  # anything else the clinic wants the patient to read

    def __post_init__(self) -> None:
        _tuple(self, "sessions")


Letter = ConsentReaffirmation | MedicalNecessityLetter | AnnualReviewSummary | BoosterSchedule
