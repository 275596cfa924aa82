"""Pre-fill from the previous session: what is carried, what starts empty and is marked."""

from decimal import Decimal

import pytest

from clinical.modality import Modality
from clinical.sessions import (
    EsketamineDetails,
    KetamineDetails,
    Route,
    TmsDetails,
    VitalSigns,
    empty_content,
    must_change_fields,
    prefill_from,
)
from tests.clinical.sessions.samples import complete


@pytest.mark.parametrize("modality", list(Modality))
def test_without_a_previous_session_the_form_is_blank(modality: Modality) -> None:
    content, must_change, to_confirm = prefill_from(None, modality)
    assert content == empty_content(modality)
    assert must_change == must_change_fields(modality)
    assert to_confirm == frozenset()


@pytest.mark.parametrize("modality", list(Modality))
def test_what_is_observed_afresh_is_never_carried(modality: Modality) -> None:
    content, must_change, _ = prefill_from(complete(modality), modality)
    common = content.common
    assert (common.vitals_before, common.vitals_during, common.vitals_after) == (
        VitalSigns(),
        VitalSigns(),
        VitalSigns(),
    )
    assert common.side_effects.answers == ()
    assert common.substance_screen is None and common.substance_note == ""
    assert common.response.response is None and common.response.days_of_benefit is None
    assert common.scale_due == "MADRS"
    assert {"vitals_before", "side_effects", "response"} <= must_change


def test_ketamine_carries_dose_weight_and_adjuncts_without_times() -> None:
    content, must_change, to_confirm = prefill_from(
        complete(Modality.IV_KETAMINE), Modality.IV_KETAMINE
    )
    details = content.details
    assert isinstance(details, KetamineDetails)
    assert (details.weight_kg, details.dose_mg_per_kg, details.dose_total_mg) == (
        Decimal("70"),
        Decimal("0.5"),
        Decimal("35.0"),
    )
    assert details.route is Route.IV and details.duration_minutes == 40
    assert [(a.name, a.dose_amount, a.route, a.given_at) for a in details.adjuncts] == [
        ("Ondansetron", Decimal(4), "IV", None)
    ]
    assert (details.infusion_start, details.infusion_end, details.discharged_at) == (
        None,
        None,
        None,
    )
    assert details.escort_present is None
    assert to_confirm == frozenset({"weight_kg"})
    assert {"infusion_start", "discharged_at", "escort_present"} <= must_change


def test_esketamine_carries_dose_medications_and_prescriber_never_the_lot() -> None:
    content, must_change, _ = prefill_from(complete(Modality.ESKETAMINE), Modality.ESKETAMINE)
    details = content.details
    assert isinstance(details, EsketamineDetails)
    assert (details.dose_mg, details.devices, details.prescriber_on_site) == (
        56,
        2,
        "Maya Okafor, MD",
    )
    assert (
        details.concomitant_medications
        == complete(Modality.ESKETAMINE).details.concomitant_medications
    )  # type: ignore[union-attr]
    assert details.lot_number == "" and details.administered_at is None
    assert details.monitoring_minutes is None and details.sedation is None
    assert "lot_number" in must_change


def test_tms_carries_the_parameters_and_counts_the_session_on() -> None:
    content, _, _ = prefill_from(complete(Modality.TMS), Modality.TMS)
    details = content.details
    assert isinstance(details, TmsDetails)
    assert details == TmsDetails(
        session_number=13,
        coil="Figure-8",
        target="Left DLPFC",
        motor_threshold_pct=Decimal("55"),
        intensity_pct_mt=Decimal("120"),
        frequency_hz=Decimal("10"),
        pulses=3000,
        duration_minutes=37,
        treater="Jo Park",
    )


def test_a_previous_session_of_another_kind_is_ignored() -> None:
    content, _, _ = prefill_from(complete(Modality.TMS), Modality.ESKETAMINE)
    assert content == empty_content(Modality.ESKETAMINE)
