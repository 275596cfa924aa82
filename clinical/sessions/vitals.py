"""Vital signs taken at a session, and the ranges a reading must fall in to be believed.

The ranges catch typing slips (a systolic of 1400), not illness: a reading inside them can
still be alarming, and the pre-dose thresholds (`thresholds`) judge that.
"""

from dataclasses import dataclass
from datetime import time

from clinical.record.validation import Problem

SYSTOLIC_RANGE = (50, 300)
DIASTOLIC_RANGE = (20, 200)
HEART_RATE_RANGE = (20, 250)
SPO2_RANGE = (50, 100)
RESPIRATORY_RATE_RANGE = (4, 60)


@dataclass(frozen=True)
class VitalSigns:
    """One set of readings. Each may be missing while a draft is being typed."""

    systolic: int | None = None
    diastolic: int | None = None
    heart_rate: int | None = None
    spo2: int | None = None
    respiratory_rate: int | None = None
    taken_at: time | None = None

    @property
    def has_blood_pressure(self) -> bool:
        return self.systolic is not None and self.diastolic is not None

    @property
    def is_empty(self) -> bool:
        return all(
            value is None
            for value in (
                self.systolic,
                self.diastolic,
                self.heart_rate,
                self.spo2,
                self.respiratory_rate,
                self.taken_at,
            )
        )

    @property
    def blood_pressure_text(self) -> str:
        """'152/94', or '' while either half is missing."""
        if not self.has_blood_pressure:
            return ""
        return f"{self.systolic}/{self.diastolic}"


EMPTY_VITALS = VitalSigns()

_RANGES: tuple[tuple[str, str, str, tuple[int, int]], ...] = (
    ("systolic", "The systolic pressure", "mmHg", SYSTOLIC_RANGE),
    ("diastolic", "The diastolic pressure", "mmHg", DIASTOLIC_RANGE),
    ("heart_rate", "The heart rate", "beats a minute", HEART_RATE_RANGE),
    ("spo2", "The oxygen saturation", "%", SPO2_RANGE),
    ("respiratory_rate", "The respiratory rate", "breaths a minute", RESPIRATORY_RATE_RANGE),
)


def vitals_problems(vitals: VitalSigns, prefix: str) -> list[Problem]:
    """Readings outside what a living patient can show, and a diastolic not below the
    systolic. Field names are `prefix` + '.' + the attribute (e.g. 'vitals_before.spo2')."""
    problems = []
    for attribute, what, unit, (low, high) in _RANGES:
        value = getattr(vitals, attribute)
        if value is not None and not low <= value <= high:
            space = "" if unit == "%" else " "
            problems.append(
                Problem(
                    f"{prefix}.{attribute}",
                    f"{what} of {value}{space}{unit} is outside {low}-{high}{space}{unit}. "
                    "Check the reading.",
                )
            )
    if (
        vitals.systolic is not None
        and vitals.diastolic is not None
        and vitals.diastolic >= vitals.systolic
    ):
        problems.append(
            Problem(
                f"{prefix}.diastolic",
                f"The diastolic pressure ({vitals.diastolic}) must be below the systolic "
                f"({vitals.systolic}). Check the order of the two numbers.",
            )
        )
    return problems
