"""What must be true before a session is signed, modality by modality, at each boundary."""

from dataclasses import replace
from datetime import time
from decimal import Decimal

import pytest

from clinical.modality import Modality
from clinical.sessions import (
    DEFAULT_CEILING_MG_PER_KG,
    DEFAULT_THRESHOLDS,
    CommonContent,
    DoseBasis,
    OverrideKey,
    Overrides,
    Route,
    SessionContent,
    Severity,
    SideEffect,
    VitalSigns,
    empty_content,
    problems_before_signing,
    required_overrides,
)
from tests.clinical.sessions.samples import (
    complete,
    esketamine_details,
    ketamine_details,
    tms_details,
    with_effect,
)


def fields(
    content: SessionContent,
    modality: Modality,
    overrides: Overrides | None = None,
    *,
    first: bool = False,
    ceiling: Decimal = DEFAULT_CEILING_MG_PER_KG,
) -> list[str]:
    return [
        problem.field
        for problem in problems_before_signing(
            content,
            modality,
            DEFAULT_THRESHOLDS[modality],
            ceiling,
            overrides or {},
            first_esketamine_session=first,
        )
    ]


@pytest.mark.parametrize("modality", list(Modality))
def test_a_complete_session_of_each_modality_may_be_signed(modality: Modality) -> None:
    assert fields(complete(modality), modality) == []


def test_an_empty_iv_session_lists_everything_missing() -> None:
    found = fields(empty_content(Modality.IV_KETAMINE), Modality.IV_KETAMINE)
    assert found[:7] == [
        "vitals_before.systolic",
        "vitals_before.heart_rate",
        "vitals_before.spo2",
        "vitals_during.systolic",
        "vitals_after.systolic",
        "vitals_after.heart_rate",
        "side_effects.dissociation",
    ]
    for expected in (
        "substance_screen",
        "response.response",
        "weight_kg",
        "dose_mg_per_kg",
        "infusion_start",
        "infusion_end",
        "duration_minutes",
        "discharged_at",
        "escort_present",
    ):
        assert expected in found
    assert "route" not in found  # an IV session starts as IV


def test_an_empty_esketamine_session_lists_the_rems_fields() -> None:
    found = fields(empty_content(Modality.ESKETAMINE), Modality.ESKETAMINE)
    for expected in (
        "dose_mg",
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
        "prescriber_on_site",
        "vitals_during.systolic",
    ):
        assert expected in found


def test_an_empty_tms_session_lists_the_parameters_and_no_during_vitals() -> None:
    found = fields(empty_content(Modality.TMS), Modality.TMS)
    for expected in (
        "session_number",
        "coil",
        "target",
        "motor_threshold_pct",
        "intensity_pct_mt",
        "frequency_hz",
        "pulses",
        "duration_minutes",
        "treater",
        "side_effects.seizure",
    ):
        assert expected in found
    assert "vitals_during.systolic" not in found
    assert "vitals_before.spo2" not in found


def test_im_ketamine_needs_no_infusion_end_nor_rate() -> None:
    im = complete(Modality.IM_KETAMINE)
    assert fields(im, Modality.IM_KETAMINE) == []
    wrong_route = replace(im, details=replace(im.details, route=Route.IV))
    assert fields(wrong_route, Modality.IM_KETAMINE) == ["route"]


def test_the_other_modalitys_form_is_refused() -> None:
    assert fields(complete(Modality.TMS), Modality.ESKETAMINE)[-1] == "details"


# Overrides at their boundaries -----------------------------------------------------------


def _before(modality: Modality, vitals: VitalSigns) -> SessionContent:
    content = complete(modality)
    return replace(content, common=replace(content.common, vitals_before=vitals))


@pytest.mark.parametrize(
    ("vitals", "key"),
    [
        (VitalSigns(141, 80, 70, 98), OverrideKey.BLOOD_PRESSURE),
        (VitalSigns(120, 91, 70, 98), OverrideKey.BLOOD_PRESSURE),
        (VitalSigns(120, 80, 111, 98), OverrideKey.HEART_RATE),
        (VitalSigns(120, 80, 49, 98), OverrideKey.HEART_RATE),
        (VitalSigns(120, 80, 70, 91), OverrideKey.SPO2),
    ],
)
def test_a_breach_needs_a_reason_and_a_reading_at_the_limit_does_not(
    vitals: VitalSigns, key: OverrideKey
) -> None:
    content = _before(Modality.ESKETAMINE, vitals)
    assert fields(content, Modality.ESKETAMINE) == [key.field]
    assert fields(content, Modality.ESKETAMINE, {key: "   "}) == [key.field]
    assert fields(content, Modality.ESKETAMINE, {key: "Rechecked; prescriber agreed."}) == []
    at_limit = _before(Modality.ESKETAMINE, VitalSigns(140, 90, 110, 92))
    assert fields(at_limit, Modality.ESKETAMINE) == []
    low_at_limit = _before(Modality.ESKETAMINE, VitalSigns(140, 90, 50, 92))
    assert fields(low_at_limit, Modality.ESKETAMINE) == []


def test_the_ketamine_blood_pressure_limit_is_160_over_100() -> None:
    assert (
        fields(_before(Modality.IV_KETAMINE, VitalSigns(160, 100, 70, 98)), Modality.IV_KETAMINE)
        == []
    )
    assert fields(
        _before(Modality.IV_KETAMINE, VitalSigns(161, 100, 70, 98)), Modality.IV_KETAMINE
    ) == ["override.blood_pressure"]


def test_the_missing_reason_says_why_it_is_asked() -> None:
    content = _before(Modality.ESKETAMINE, VitalSigns(152, 94, 70, 98))
    (problem,) = problems_before_signing(
        content,
        Modality.ESKETAMINE,
        DEFAULT_THRESHOLDS[Modality.ESKETAMINE],
        DEFAULT_CEILING_MG_PER_KG,
        {},
    )
    assert problem.message == (
        "Blood pressure 152/94 is above the clinic's pre-dose limit of 140/90. "
        "Give the reason for going ahead."
    )


def _ketamine(per_kg: str, total: str, weight: str = "70") -> SessionContent:
    content = complete(Modality.IV_KETAMINE)
    details = ketamine_details(
        weight_kg=Decimal(weight), dose_mg_per_kg=Decimal(per_kg), dose_total_mg=Decimal(total)
    )
    return replace(content, details=details)


def test_a_dose_above_the_ceiling_needs_a_reason() -> None:
    assert fields(_ketamine("0.5", "35.0"), Modality.IV_KETAMINE) == []
    above = _ketamine("0.51", "35.7")
    assert fields(above, Modality.IV_KETAMINE) == ["override.dose_ceiling"]
    assert fields(above, Modality.IV_KETAMINE, {OverrideKey.DOSE_CEILING: "indicated"}) == []
    assert fields(above, Modality.IV_KETAMINE, ceiling=Decimal("0.75")) == []
    (request,) = required_overrides(
        above, Modality.IV_KETAMINE, DEFAULT_THRESHOLDS[Modality.IV_KETAMINE], Decimal("0.5")
    )
    assert request.message == "A dose of 0.51 mg/kg is above the clinic's ceiling of 0.5 mg/kg."


def test_the_two_figures_must_agree_with_the_weight() -> None:
    assert fields(_ketamine("0.5", "36.0"), Modality.IV_KETAMINE) == ["dose_total_mg"]
    by_total = replace(
        _ketamine("0.49", "35"),
        details=ketamine_details(
            weight_kg=Decimal("71"),
            dose_basis=DoseBasis.TOTAL_MG,
            dose_mg_per_kg=Decimal("0.49"),
            dose_total_mg=Decimal("35"),
        ),
    )
    assert fields(by_total, Modality.IV_KETAMINE) == []


@pytest.mark.parametrize(
    ("per_kg", "total", "ok"),
    [("0.05", "3.5", True), ("0.04", "2.8", False), ("4", "280.0", True), ("4.01", "280.7", False)],
)
def test_the_dose_per_kg_sanity_range(per_kg: str, total: str, ok: bool) -> None:
    found = fields(_ketamine(per_kg, total), Modality.IV_KETAMINE, {OverrideKey.DOSE_CEILING: "x"})
    assert found == ([] if ok else ["dose_mg_per_kg"])


@pytest.mark.parametrize(
    ("weight", "ok"), [("20", True), ("19.9", False), ("350", True), ("351", False)]
)
def test_the_weight_must_be_plausible(weight: str, ok: bool) -> None:
    content = complete(Modality.IM_KETAMINE)
    per_kg = Decimal("0.5")
    total = (Decimal(weight) * per_kg).quantize(Decimal("0.1"))
    details = replace(content.details, weight_kg=Decimal(weight), dose_total_mg=total)
    found = fields(replace(content, details=details), Modality.IM_KETAMINE)
    assert found == ([] if ok else ["weight_kg"])


def test_times_must_run_forwards() -> None:
    content = complete(Modality.IV_KETAMINE)
    backwards = ketamine_details(infusion_start=time(9, 45), infusion_end=time(9, 5))
    assert fields(replace(content, details=backwards), Modality.IV_KETAMINE) == ["infusion_end"]
    early = ketamine_details(discharged_at=time(9, 0))
    assert fields(replace(content, details=early), Modality.IV_KETAMINE) == ["discharged_at"]


@pytest.mark.parametrize(("minutes", "needs"), [(119, True), (120, False), (0, True), (240, False)])
def test_esketamine_monitoring_under_two_hours_needs_a_reason(minutes: int, needs: bool) -> None:
    content = replace(
        complete(Modality.ESKETAMINE), details=esketamine_details(monitoring_minutes=minutes)
    )
    assert fields(content, Modality.ESKETAMINE) == (["override.short_monitoring"] if needs else [])
    assert fields(content, Modality.ESKETAMINE, {OverrideKey.SHORT_MONITORING: "left AMA"}) == []


@pytest.mark.parametrize(
    ("dose", "devices", "first", "needs"),
    [(56, 2, True, False), (84, 3, True, True), (28, 1, True, True), (84, 3, False, False)],
)
def test_the_first_esketamine_dose(dose: int, devices: int, first: bool, needs: bool) -> None:
    content = replace(
        complete(Modality.ESKETAMINE), details=esketamine_details(dose_mg=dose, devices=devices)
    )
    found = fields(content, Modality.ESKETAMINE, first=first)
    assert found == (["override.first_esketamine_dose"] if needs else [])


def test_esketamine_devices_must_match_the_dose() -> None:
    content = replace(
        complete(Modality.ESKETAMINE), details=esketamine_details(dose_mg=84, devices=2)
    )
    assert fields(content, Modality.ESKETAMINE) == ["devices"]
    odd = replace(complete(Modality.ESKETAMINE), details=esketamine_details(dose_mg=70))
    assert fields(odd, Modality.ESKETAMINE) == ["dose_mg"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"intensity_pct_mt": Decimal("49")}, "intensity_pct_mt"),
        ({"intensity_pct_mt": Decimal("151")}, "intensity_pct_mt"),
        ({"frequency_hz": Decimal("51")}, "frequency_hz"),
        ({"pulses": 0}, "pulses"),
        ({"pulses": 10_001}, "pulses"),
        ({"motor_threshold_pct": Decimal("101")}, "motor_threshold_pct"),
        ({"duration_minutes": 91}, "duration_minutes"),
        ({"session_number": 0}, "session_number"),
    ],
)
def test_tms_parameters_out_of_range(change: dict, field: str) -> None:
    content = replace(complete(Modality.TMS), details=tms_details(**change))
    assert fields(content, Modality.TMS) == [field]


@pytest.mark.parametrize(
    "change",
    [
        {"intensity_pct_mt": Decimal("50")},
        {"intensity_pct_mt": Decimal("150")},
        {"pulses": 600, "frequency_hz": Decimal("50")},
        {"pulses": 10_000},
    ],
)
def test_tms_parameters_at_the_edges_of_their_range(change: dict) -> None:
    content = replace(complete(Modality.TMS), details=tms_details(**change))
    assert fields(content, Modality.TMS) == []


def test_a_serious_answer_needs_a_note() -> None:
    content = with_effect(complete(Modality.TMS), SideEffect.SEIZURE, Severity.MILD)
    assert fields(content, Modality.TMS) == ["side_effects.seizure"]
    noted = with_effect(
        complete(Modality.TMS), SideEffect.SEIZURE, Severity.MILD, "10 s; EMS not needed"
    )
    assert fields(noted, Modality.TMS) == []
    moderate = with_effect(complete(Modality.TMS), SideEffect.HEADACHE, Severity.MODERATE)
    assert fields(moderate, Modality.TMS) == []


def test_days_of_benefit_range() -> None:
    content = complete(Modality.TMS)
    for days, ok in ((0, True), (365, True), (-1, False), (366, False)):
        response = replace(content.common.response, days_of_benefit=days)
        common: CommonContent = replace(content.common, response=response)
        found = fields(replace(content, common=common), Modality.TMS)
        assert found == ([] if ok else ["response.days_of_benefit"])
