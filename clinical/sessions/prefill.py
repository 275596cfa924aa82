"""A new session pre-filled from the course's previous one.

Carried: what is usually the same from one session to the next (dose, route, weight,
coil and target, motor threshold, intensity, frequency, pulses, adjunct and concomitant
medications, the prescriber). Never carried: what must be observed afresh (lot number,
vital signs, times, side effects, the response, the substance screen). The weight is
carried but marked to confirm: a dose by weight on last month's weight is a known error.
"""

from dataclasses import replace
from typing import NamedTuple

from clinical.modality import Modality
from clinical.sessions.content import (
    AdjunctMedication,
    EsketamineDetails,
    KetamineDetails,
    SessionContent,
    TmsDetails,
    empty_content,
)

_COMMON_MUST_CHANGE = frozenset(
    {
        "vitals_before",
        "vitals_during",
        "vitals_after",
        "side_effects",
        "substance_screen",
        "response",
    }
)
_MUST_CHANGE = {
    Modality.IV_KETAMINE: frozenset(
        {"infusion_start", "infusion_end", "discharged_at", "escort_present"}
    ),
    Modality.IM_KETAMINE: frozenset({"infusion_start", "discharged_at", "escort_present"}),
    Modality.ESKETAMINE: frozenset(
        {
            "lot_number",
            "administered_at",
            "sedation",
            "dissociation",
            "respiratory_depression",
            "lowest_spo2",
            "monitoring_minutes",
            "ready_to_leave_at",
            "vitals_acceptable_before",
            "vitals_acceptable_at_end",
        }
    ),
    Modality.TMS: frozenset(),
}


class Prefill(NamedTuple):
    content: SessionContent
    # Fields that start empty and must be filled in at every session (the screens mark them).
    must_change: frozenset[str]
    # Fields carried from the previous session that the clinician must confirm today.
    to_confirm: frozenset[str]


def must_change_fields(modality: Modality) -> frozenset[str]:
    return _COMMON_MUST_CHANGE | _MUST_CHANGE[modality]


def prefill_from(previous: SessionContent | None, modality: Modality) -> Prefill:
    blank = empty_content(modality)
    must_change = must_change_fields(modality)
    if previous is None or type(previous.details) is not type(blank.details):
        return Prefill(blank, must_change, frozenset())
    before = previous.details
    to_confirm: frozenset[str] = frozenset()
    if isinstance(before, KetamineDetails):
        assert isinstance(blank.details, KetamineDetails)
        details: object = replace(
            blank.details,
            weight_kg=before.weight_kg,
            dose_basis=before.dose_basis,
            dose_mg_per_kg=before.dose_mg_per_kg,
            dose_total_mg=before.dose_total_mg,
            duration_minutes=before.duration_minutes,
            rate_ml_per_hour=before.rate_ml_per_hour,
            adjuncts=tuple(
                AdjunctMedication(a.name, a.dose_amount, a.dose_unit, a.route)
                for a in before.adjuncts
            ),
        )
        if before.weight_kg is not None:
            to_confirm = frozenset({"weight_kg"})
    elif isinstance(before, EsketamineDetails):
        details = EsketamineDetails(
            dose_mg=before.dose_mg,
            devices=before.devices,
            concomitant_medications=before.concomitant_medications,
            prescriber_on_site=before.prescriber_on_site,
            monitored_by=before.monitored_by,
        )
    else:
        assert isinstance(before, TmsDetails)
        details = TmsDetails(
            session_number=None if before.session_number is None else before.session_number + 1,
            coil=before.coil,
            target=before.target,
            motor_threshold_pct=before.motor_threshold_pct,
            intensity_pct_mt=before.intensity_pct_mt,
            frequency_hz=before.frequency_hz,
            pulses=before.pulses,
            duration_minutes=before.duration_minutes,
            treater=before.treater,
        )
    common = replace(blank.common, scale_due=previous.common.scale_due)
    return Prefill(SessionContent(common, details), must_change, to_confirm)  # type: ignore[arg-type]
