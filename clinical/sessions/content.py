"""What a treatment session documents, as plain frozen values.

Every field may be empty while the session is a draft (it is saved as it is typed);
`signing.problems_before_signing` says what must be filled in before it is signed. The
common part is the same for every modality (seed 002, Documentation for Long-Term
Treatment, "Every Visit": symptom scale, side-effects review, vital signs, substance-use
screening, treatment response assessment); `details` holds what only one modality has.
"""

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal

from clinical.modality import Modality
from clinical.sessions.enums import (
    ConcomitantMedication,
    DoseBasis,
    Response,
    Route,
    SubstanceScreen,
    VitalsPoint,
)
from clinical.sessions.side_effects import SideEffectReview
from clinical.sessions.vitals import EMPTY_VITALS, VitalSigns


@dataclass(frozen=True)
class ResponseAssessment:
    """The treatment-response assessment of every visit (seed 002): how the patient has
    been since the last session, how many days the benefit of the previous treatment
    lasted, the best (lowest) score on the course's scale since it, and how they manage."""

    response: Response | None = None
    days_of_benefit: int | None = None
    peak_score: Decimal | None = None
    functional_note: str = ""


@dataclass(frozen=True)
class CommonContent:
    vitals_before: VitalSigns = EMPTY_VITALS
    vitals_during: VitalSigns = EMPTY_VITALS
    vitals_after: VitalSigns = EMPTY_VITALS
    side_effects: SideEffectReview = field(default_factory=SideEffectReview)
    substance_screen: SubstanceScreen | None = None
    substance_note: str = ""
    response: ResponseAssessment = field(default_factory=ResponseAssessment)
    # The instrument code of the scale due at this visit (the course's scale, e.g. "MADRS").
    scale_due: str = ""
    note: str = ""

    def vitals(self, point: VitalsPoint) -> VitalSigns:
        return {
            VitalsPoint.BEFORE: self.vitals_before,
            VitalsPoint.DURING: self.vitals_during,
            VitalsPoint.AFTER: self.vitals_after,
        }[point]


@dataclass(frozen=True)
class AdjunctMedication:
    """A medication given with the treatment, e.g. ondansetron 4 mg IV for nausea."""

    name: str = ""
    dose_amount: Decimal | None = None
    dose_unit: str = "mg"
    route: str = ""
    given_at: time | None = None

    @property
    def text(self) -> str:
        dose = f" {self.dose_amount} {self.dose_unit}" if self.dose_amount is not None else ""
        route = f" {self.route}" if self.route else ""
        at = f" at {self.given_at:%H:%M}" if self.given_at else ""
        return f"{self.name}{dose}{route}{at}".strip()


@dataclass(frozen=True)
class KetamineDetails:
    """IV or IM ketamine. The dose is kept both ways: the figure typed (`dose_basis` says
    which) and the one worked out from the weight (`dose.ketamine_dose`)."""

    weight_kg: Decimal | None = None
    dose_basis: DoseBasis = DoseBasis.MG_PER_KG
    dose_mg_per_kg: Decimal | None = None
    dose_total_mg: Decimal | None = None
    route: Route | None = None
    infusion_start: time | None = None
    infusion_end: time | None = None
    duration_minutes: int | None = None
    rate_ml_per_hour: Decimal | None = None
    adjuncts: tuple[AdjunctMedication, ...] = ()
    recovery_end: time | None = None
    discharged_at: time | None = None
    escort_present: bool | None = None


@dataclass(frozen=True)
class EsketamineDetails:
    """Esketamine (Spravato), with what the REMS patient monitoring form asks
    (clinical-reference.md section 2). Blood pressure before dosing, about 40 minutes after
    and before leaving are the common part's vitals before, during and after."""

    dose_mg: int | None = None
    devices: int | None = None
    lot_number: str = ""
    administered_at: time | None = None
    sedation: bool | None = None
    dissociation: bool | None = None
    respiratory_depression: bool | None = None
    lowest_spo2: int | None = None
    monitoring_minutes: int | None = None
    ready_to_leave_at: time | None = None
    vitals_acceptable_before: bool | None = None
    vitals_acceptable_at_end: bool | None = None
    concomitant_medications: frozenset[ConcomitantMedication] = frozenset()
    prescriber_on_site: str = ""
    monitored_by: str = ""

    @property
    def minutes_until_ready(self) -> int | None:
        """Minutes from dosing until the patient would have been ready to leave."""
        if self.administered_at is None or self.ready_to_leave_at is None:
            return None
        start = self.administered_at.hour * 60 + self.administered_at.minute
        end = self.ready_to_leave_at.hour * 60 + self.ready_to_leave_at.minute
        return end - start if end >= start else None


@dataclass(frozen=True)
class TmsDetails:
    session_number: int | None = None
    coil: str = ""
    target: str = ""
    motor_threshold_pct: Decimal | None = None
    intensity_pct_mt: Decimal | None = None
    frequency_hz: Decimal | None = None
    pulses: int | None = None
    duration_minutes: int | None = None
    treater: str = ""


ModalityDetails = KetamineDetails | EsketamineDetails | TmsDetails


@dataclass(frozen=True)
class SessionContent:
    common: CommonContent = field(default_factory=CommonContent)
    details: ModalityDetails = field(default_factory=KetamineDetails)


def details_type(modality: Modality) -> type[ModalityDetails]:
    if modality is Modality.ESKETAMINE:
        return EsketamineDetails
    if modality is Modality.TMS:
        return TmsDetails
    return KetamineDetails


def empty_content(modality: Modality) -> SessionContent:
    """A blank session of the modality (IV and IM ketamine start with their route)."""
    details: ModalityDetails
    if modality is Modality.IV_KETAMINE:
        details = KetamineDetails(route=Route.IV)
    elif modality is Modality.IM_KETAMINE:
        details = KetamineDetails(route=Route.IM)
    else:
        details = details_type(modality)()
    return SessionContent(CommonContent(), details)
