"""Pre-dose limits: a reading past them warns before dosing and asks for a reason to go on.

Clinics disagree on these, so each is a clinic setting with the default below
(clinical-reference.md: "those are settings with the default given here, never constants").
A reading exactly at a limit is not past it: the label says "above 140/90".
"""

from dataclasses import dataclass
from enum import StrEnum

from clinical.modality import Modality
from clinical.sessions.vitals import VitalSigns


@dataclass(frozen=True)
class PreDoseThresholds:
    """Limits for the readings taken before dosing; None means no limit is checked."""

    max_systolic: int | None = None
    max_diastolic: int | None = None
    max_heart_rate: int | None = None
    min_heart_rate: int | None = None
    min_spo2: int | None = None


# The clinic's choice for heart rate and oxygen saturation at every modality: a resting
# heart rate above 110 or below 50 and an SpO2 below 92% are common "call the prescriber"
# points in sedation-monitoring practice; no source in our reference sets them.
_HEART_RATE_HIGH = 110
_HEART_RATE_LOW = 50
_SPO2_LOW = 92

# Esketamine: "consider delaying treatment when BP is above 140/90 mmHg" (Spravato label
# summary, clinical-reference.md section 2). Ketamine: "clinics set their own ... ship a
# default (e.g. warn above 160/100) as a setting, marked as the clinic's choice" (same,
# "Ketamine vitals"). TMS: the reference sets no blood-pressure limit.
DEFAULT_THRESHOLDS: dict[Modality, PreDoseThresholds] = {
    Modality.ESKETAMINE: PreDoseThresholds(140, 90, _HEART_RATE_HIGH, _HEART_RATE_LOW, _SPO2_LOW),
    Modality.IV_KETAMINE: PreDoseThresholds(160, 100, _HEART_RATE_HIGH, _HEART_RATE_LOW, _SPO2_LOW),
    Modality.IM_KETAMINE: PreDoseThresholds(160, 100, _HEART_RATE_HIGH, _HEART_RATE_LOW, _SPO2_LOW),
    Modality.TMS: PreDoseThresholds(None, None, _HEART_RATE_HIGH, _HEART_RATE_LOW, _SPO2_LOW),
}


class BreachKind(StrEnum):
    """Which limit a pre-dose reading went past; also the key of its override reason."""

    BLOOD_PRESSURE = "blood_pressure"
    HEART_RATE = "heart_rate"
    SPO2 = "spo2"


@dataclass(frozen=True)
class Breach:
    kind: BreachKind
    message: str


def _bp_limit(thresholds: PreDoseThresholds) -> str:
    systolic = "-" if thresholds.max_systolic is None else str(thresholds.max_systolic)
    diastolic = "-" if thresholds.max_diastolic is None else str(thresholds.max_diastolic)
    return f"{systolic}/{diastolic}"


def pre_dose_breaches(vitals: VitalSigns, thresholds: PreDoseThresholds) -> tuple[Breach, ...]:
    """Every limit the pre-dose readings go past, each in one sentence for the clinician.
    Missing readings breach nothing (signing asks for them separately)."""
    breaches = []
    systolic_high = (
        thresholds.max_systolic is not None
        and vitals.systolic is not None
        and vitals.systolic > thresholds.max_systolic
    )
    diastolic_high = (
        thresholds.max_diastolic is not None
        and vitals.diastolic is not None
        and vitals.diastolic > thresholds.max_diastolic
    )
    if systolic_high or diastolic_high:
        reading = vitals.blood_pressure_text or (
            f"{vitals.systolic} systolic" if systolic_high else f"{vitals.diastolic} diastolic"
        )
        breaches.append(
            Breach(
                BreachKind.BLOOD_PRESSURE,
                f"Blood pressure {reading} is above the clinic's pre-dose limit of "
                f"{_bp_limit(thresholds)}.",
            )
        )
    rate = vitals.heart_rate
    if (
        rate is not None
        and thresholds.max_heart_rate is not None
        and rate > thresholds.max_heart_rate
    ):
        breaches.append(
            Breach(
                BreachKind.HEART_RATE,
                f"Heart rate {rate} is above the clinic's pre-dose limit of "
                f"{thresholds.max_heart_rate} beats a minute.",
            )
        )
    elif (
        rate is not None
        and thresholds.min_heart_rate is not None
        and rate < thresholds.min_heart_rate
    ):
        breaches.append(
            Breach(
                BreachKind.HEART_RATE,
                f"Heart rate {rate} is below the clinic's pre-dose limit of "
                f"{thresholds.min_heart_rate} beats a minute.",
            )
        )
    if (
        vitals.spo2 is not None
        and thresholds.min_spo2 is not None
        and vitals.spo2 < thresholds.min_spo2
    ):
        breaches.append(
            Breach(
                BreachKind.SPO2,
                f"Oxygen saturation {vitals.spo2}% is below the clinic's pre-dose limit of "
                f"{thresholds.min_spo2}%.",
            )
        )
    return tuple(breaches)
