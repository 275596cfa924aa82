"""Pre-dose limits: a reading exactly at a limit is not past it; one beyond it is."""

from dataclasses import replace

import pytest

from clinical.modality import Modality
from clinical.sessions import (
    DEFAULT_THRESHOLDS,
    BreachKind,
    PreDoseThresholds,
    VitalSigns,
    pre_dose_breaches,
)

ESKETAMINE = DEFAULT_THRESHOLDS[Modality.ESKETAMINE]
FINE = VitalSigns(120, 80, 70, 98)


def kinds(vitals: VitalSigns, limits: PreDoseThresholds = ESKETAMINE) -> list[BreachKind]:
    return [breach.kind for breach in pre_dose_breaches(vitals, limits)]


def test_defaults_follow_the_reference() -> None:
    assert (ESKETAMINE.max_systolic, ESKETAMINE.max_diastolic) == (140, 90)
    for ketamine in (Modality.IV_KETAMINE, Modality.IM_KETAMINE):
        limits = DEFAULT_THRESHOLDS[ketamine]
        assert (limits.max_systolic, limits.max_diastolic) == (160, 100)
    tms = DEFAULT_THRESHOLDS[Modality.TMS]
    assert (tms.max_systolic, tms.max_diastolic) == (None, None)
    for limits in DEFAULT_THRESHOLDS.values():
        assert (limits.max_heart_rate, limits.min_heart_rate, limits.min_spo2) == (110, 50, 92)


@pytest.mark.parametrize(
    ("vitals", "expected"),
    [
        (replace(FINE, systolic=140), []),
        (replace(FINE, systolic=141), [BreachKind.BLOOD_PRESSURE]),
        (replace(FINE, diastolic=90), []),
        (replace(FINE, diastolic=91), [BreachKind.BLOOD_PRESSURE]),
        (replace(FINE, systolic=150, diastolic=95), [BreachKind.BLOOD_PRESSURE]),
        (replace(FINE, heart_rate=110), []),
        (replace(FINE, heart_rate=111), [BreachKind.HEART_RATE]),
        (replace(FINE, heart_rate=50), []),
        (replace(FINE, heart_rate=49), [BreachKind.HEART_RATE]),
        (replace(FINE, spo2=92), []),
        (replace(FINE, spo2=91), [BreachKind.SPO2]),
        (
            VitalSigns(160, 100, 120, 88),
            [BreachKind.BLOOD_PRESSURE, BreachKind.HEART_RATE, BreachKind.SPO2],
        ),
    ],
)
def test_each_limit_on_both_sides(vitals: VitalSigns, expected: list[BreachKind]) -> None:
    assert kinds(vitals) == expected


def test_missing_readings_breach_nothing() -> None:
    assert kinds(VitalSigns()) == []
    assert kinds(VitalSigns(systolic=150)) == [BreachKind.BLOOD_PRESSURE]


def test_no_limit_means_no_check() -> None:
    tms = DEFAULT_THRESHOLDS[Modality.TMS]
    assert kinds(VitalSigns(200, 120, 70, 98), tms) == []
    assert kinds(VitalSigns(200, 120, 200, 50), PreDoseThresholds()) == []


def test_the_messages_read_as_a_clinician_would_say_them() -> None:
    messages = [
        breach.message for breach in pre_dose_breaches(VitalSigns(152, 94, 45, 90), ESKETAMINE)
    ]
    assert messages == [
        "Blood pressure 152/94 is above the clinic's pre-dose limit of 140/90.",
        "Heart rate 45 is below the clinic's pre-dose limit of 50 beats a minute.",
        "Oxygen saturation 90% is below the clinic's pre-dose limit of 92%.",
    ]
    high = pre_dose_breaches(VitalSigns(120, 80, 130, 98), ESKETAMINE)
    assert high[0].message == (
        "Heart rate 130 is above the clinic's pre-dose limit of 110 beats a minute."
    )
    half = pre_dose_breaches(VitalSigns(systolic=150), ESKETAMINE)
    assert half[0].message == (
        "Blood pressure 150 systolic is above the clinic's pre-dose limit of 140/90."
    )
