"""Reasons a clinician gives to go on past a warning; each is recorded with the session."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class OverrideKey(StrEnum):
    """What a reason overrides. The first three are `thresholds.BreachKind`'s values."""

    BLOOD_PRESSURE = "blood_pressure"
    HEART_RATE = "heart_rate"
    SPO2 = "spo2"
    DOSE_CEILING = "dose_ceiling"
    FIRST_ESKETAMINE_DOSE = "first_esketamine_dose"
    SHORT_MONITORING = "short_monitoring"

    @property
    def field(self) -> str:
        """The Problem field a missing reason is reported under, e.g. 'override.spo2'."""
        return f"override.{self.value}"


Overrides = Mapping[OverrideKey, str]
NO_OVERRIDES: Overrides = {}


@dataclass(frozen=True)
class OverrideRequest:
    """A warning that needs a reason before the session can be signed."""

    key: OverrideKey
    message: str


def overrides_to_dict(overrides: Overrides) -> dict[str, str]:
    return {key.value: reason.strip() for key, reason in overrides.items() if reason.strip()}


def overrides_from_dict(raw: Mapping[str, str]) -> dict[OverrideKey, str]:
    return {OverrideKey(key): str(reason) for key, reason in raw.items()}
