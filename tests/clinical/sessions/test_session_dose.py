"""Doses: ketamine both ways with the stated rounding, the ceiling, esketamine devices."""

from decimal import Decimal

import pytest

from clinical.sessions import (
    DEFAULT_CEILING_MG_PER_KG,
    above_ceiling,
    devices_for,
    first_dose_needs_reason,
    ketamine_dose,
)

D = Decimal


@pytest.mark.parametrize(
    ("weight", "per_kg", "total"),
    [
        (D("70"), D("0.5"), D("35.0")),
        (D("70.5"), D("0.5"), D("35.3")),  # 35.25 rounds half up
        (D("70.3"), D("0.5"), D("35.2")),  # 35.15 rounds half up
        (D("81.7"), D("0.75"), D("61.3")),  # 61.275
        (D("55"), D("0.4"), D("22.0")),
    ],
)
def test_total_from_mg_per_kg_to_a_tenth_of_a_mg(weight: D, per_kg: D, total: D) -> None:
    dose = ketamine_dose(weight, mg_per_kg=per_kg)
    assert (dose.mg_per_kg, dose.total_mg) == (per_kg, total)
    assert str(dose.total_mg).split(".")[1].__len__() == 1


@pytest.mark.parametrize(
    ("weight", "total", "per_kg"),
    [
        (D("70"), D("35"), D("0.50")),
        (D("71"), D("35"), D("0.49")),  # 0.49295...
        (D("80"), D("36.4"), D("0.46")),  # 0.455 rounds half up
        (D("80"), D("36.36"), D("0.45")),  # 0.4545
    ],
)
def test_mg_per_kg_from_the_total_to_a_hundredth(weight: D, total: D, per_kg: D) -> None:
    dose = ketamine_dose(weight, total_mg=total)
    assert (dose.mg_per_kg, dose.total_mg) == (per_kg, total)


def test_exactly_one_figure_and_a_real_weight_are_needed() -> None:
    with pytest.raises(ValueError, match="either per kilogram or in total"):
        ketamine_dose(D("70"))
    with pytest.raises(ValueError, match="either per kilogram or in total"):
        ketamine_dose(D("70"), mg_per_kg=D("0.5"), total_mg=D("35"))
    with pytest.raises(ValueError, match="weight"):
        ketamine_dose(D("0"), mg_per_kg=D("0.5"))


def test_the_dose_reads_both_ways() -> None:
    assert ketamine_dose(D("70"), mg_per_kg=D("0.5")).text == "35.0 mg (0.5 mg/kg at 70 kg)"


def test_the_ceiling_is_seed_002s_half_a_mg_per_kg_and_only_above_it_counts() -> None:
    assert D("0.5") == DEFAULT_CEILING_MG_PER_KG
    assert not above_ceiling(D("0.5"), DEFAULT_CEILING_MG_PER_KG)
    assert not above_ceiling(D("0.50"), DEFAULT_CEILING_MG_PER_KG)
    assert above_ceiling(D("0.51"), DEFAULT_CEILING_MG_PER_KG)
    assert above_ceiling(D("0.501"), DEFAULT_CEILING_MG_PER_KG)


@pytest.mark.parametrize(("dose", "devices"), [(28, 1), (56, 2), (84, 3)])
def test_one_esketamine_device_per_28_mg(dose: int, devices: int) -> None:
    assert devices_for(dose) == devices


@pytest.mark.parametrize("dose", [0, 27, 29, 42, 112])
def test_other_esketamine_doses_are_refused(dose: int) -> None:
    with pytest.raises(ValueError, match="28, 56, 84"):
        devices_for(dose)


@pytest.mark.parametrize(
    ("dose", "first", "needs"),
    [
        (56, True, False),
        (84, True, True),
        (28, True, True),
        (84, False, False),
        (None, True, False),
    ],
)
def test_the_first_esketamine_session_starts_at_56_mg(
    dose: int | None, first: bool, needs: bool
) -> None:
    assert first_dose_needs_reason(dose, first) is needs
