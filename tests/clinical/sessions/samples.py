"""Complete, signable session content for each modality (imported, not collected), for the
clinical, database and screen tests alike. Synthetic values only."""

from dataclasses import replace
from datetime import time
from decimal import Decimal

from clinical.modality import Modality
from clinical.sessions import (
    AdjunctMedication,
    CommonContent,
    ConcomitantMedication,
    DoseBasis,
    EsketamineDetails,
    KetamineDetails,
    Response,
    ResponseAssessment,
    Route,
    SessionContent,
    Severity,
    SideEffect,
    SideEffectAnswer,
    SubstanceScreen,
    TmsDetails,
    VitalSigns,
    all_none,
)

BEFORE = VitalSigns(128, 82, 74, 98, 14, time(9, 0))
DURING = VitalSigns(138, 88, 80, 97, 14, time(9, 40))
AFTER = VitalSigns(124, 80, 72, 98, 14, time(11, 5))


def common(modality: Modality, **changes: object) -> CommonContent:
    base = CommonContent(
        vitals_before=BEFORE,
        vitals_during=DURING,
        vitals_after=AFTER,
        side_effects=all_none(modality),
        substance_screen=SubstanceScreen.NEGATIVE,
        response=ResponseAssessment(Response.BETTER, 12, Decimal(9), "Back at work full time."),
        scale_due="MADRS",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def ketamine_details(**changes: object) -> KetamineDetails:
    base = KetamineDetails(
        weight_kg=Decimal("70"),
        dose_basis=DoseBasis.MG_PER_KG,
        dose_mg_per_kg=Decimal("0.5"),
        dose_total_mg=Decimal("35.0"),
        route=Route.IV,
        infusion_start=time(9, 5),
        infusion_end=time(9, 45),
        duration_minutes=40,
        adjuncts=(AdjunctMedication("Ondansetron", Decimal(4), "mg", "IV", time(9, 0)),),
        recovery_end=time(10, 30),
        discharged_at=time(10, 45),
        escort_present=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def esketamine_details(**changes: object) -> EsketamineDetails:
    base = EsketamineDetails(
        dose_mg=56,
        devices=2,
        lot_number="LOT-24A17",
        administered_at=time(9, 0),
        sedation=False,
        dissociation=True,
        respiratory_depression=False,
        lowest_spo2=96,
        monitoring_minutes=125,
        ready_to_leave_at=time(11, 0),
        vitals_acceptable_before=True,
        vitals_acceptable_at_end=True,
        concomitant_medications=frozenset({ConcomitantMedication.BENZODIAZEPINE}),
        prescriber_on_site="Maya Okafor, MD",
        monitored_by="Sam Rivera, RN",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def tms_details(**changes: object) -> TmsDetails:
    base = TmsDetails(
        session_number=12,
        coil="Figure-8",
        target="Left DLPFC",
        motor_threshold_pct=Decimal("55"),
        intensity_pct_mt=Decimal("120"),
        frequency_hz=Decimal("10"),
        pulses=3000,
        duration_minutes=37,
        treater="Jo Park",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def complete(modality: Modality, **common_changes: object) -> SessionContent:
    """A session of the modality with everything filled in and nothing past a limit."""
    details: KetamineDetails | EsketamineDetails | TmsDetails
    if modality is Modality.IV_KETAMINE:
        details = ketamine_details()
    elif modality is Modality.IM_KETAMINE:
        details = ketamine_details(
            route=Route.IM, infusion_end=None, duration_minutes=None, adjuncts=()
        )
    elif modality is Modality.ESKETAMINE:
        details = esketamine_details()
    else:
        details = tms_details()
    return SessionContent(common(modality, **common_changes), details)


def with_effect(
    content: SessionContent, effect: SideEffect, severity: Severity, note: str = ""
) -> SessionContent:
    review = content.common.side_effects.with_answer(SideEffectAnswer(effect, severity, note))
    return replace(content, common=replace(content.common, side_effects=review))
