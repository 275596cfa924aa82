"""Plausible ranges of vital signs: typing slips are caught, real readings pass."""

import pytest

from clinical.sessions import VitalSigns, vitals_problems


@pytest.mark.parametrize(
    ("vitals", "fields"),
    [
        (VitalSigns(50, 20, 20, 50, 4), []),
        (VitalSigns(300, 199, 250, 100, 60), []),
        (VitalSigns(49, 20), ["v.systolic"]),
        (VitalSigns(301, 80), ["v.systolic"]),
        (VitalSigns(120, 19), ["v.diastolic"]),
        (VitalSigns(250, 201), ["v.diastolic"]),
        (VitalSigns(heart_rate=19), ["v.heart_rate"]),
        (VitalSigns(heart_rate=251), ["v.heart_rate"]),
        (VitalSigns(spo2=49), ["v.spo2"]),
        (VitalSigns(spo2=101), ["v.spo2"]),
        (VitalSigns(respiratory_rate=3), ["v.respiratory_rate"]),
        (VitalSigns(respiratory_rate=61), ["v.respiratory_rate"]),
        (VitalSigns(120, 120), ["v.diastolic"]),
        (VitalSigns(120, 119), []),
        (VitalSigns(), []),
    ],
)
def test_ranges_on_both_sides(vitals: VitalSigns, fields: list[str]) -> None:
    assert [problem.field for problem in vitals_problems(vitals, "v")] == fields


def test_messages_name_the_reading_and_the_range() -> None:
    (problem,) = vitals_problems(VitalSigns(spo2=101), "vitals_before")
    assert problem.message == "The oxygen saturation of 101% is outside 50-100%. Check the reading."
    (problem,) = vitals_problems(VitalSigns(1400, 80), "vitals_before")
    assert problem.message == (
        "The systolic pressure of 1400 mmHg is outside 50-300 mmHg. Check the reading."
    )
    (problem,) = vitals_problems(VitalSigns(80, 120), "vitals_after")
    assert problem.message == (
        "The diastolic pressure (120) must be below the systolic (80). Check the order of "
        "the two numbers."
    )


def test_blood_pressure_text_and_emptiness() -> None:
    assert VitalSigns(152, 94).blood_pressure_text == "152/94"
    assert VitalSigns(152).blood_pressure_text == ""
    assert VitalSigns().is_empty and not VitalSigns(spo2=97).is_empty
