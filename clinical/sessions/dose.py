"""Doses: ketamine by weight, esketamine by device, TMS by its parameters.

Ketamine rounding (stated once, here): the total to 0.1 mg and the dose per kilogram to
0.01 mg/kg, both half up. The figure the clinician typed is kept exactly as typed; only the
one worked out from it is rounded.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from clinical.record.validation import WEIGHT_RANGE_KG

TOTAL_MG_STEP = Decimal("0.1")
MG_PER_KG_STEP = Decimal("0.01")

# Seed 002, Preventing Tolerance, Dose Optimization: "Avoid doses >0.5 mg/kg unless clearly
# indicated"; a clinic setting with this default.
DEFAULT_CEILING_MG_PER_KG = Decimal("0.5")
# Sanity limits, to catch typing slips: 0.05-4 mg/kg covers every published depression and
# anaesthetic-induction ketamine dose; above them the figure is almost surely a slip.
MG_PER_KG_RANGE = (Decimal("0.05"), Decimal("4"))

# Spravato: each nasal spray device holds 28 mg; doses are 28, 56 or 84 mg; day 1 is 56 mg
# (label, clinical-reference.md section 2).
ESKETAMINE_DEVICE_MG = 28
ESKETAMINE_DOSES_MG = (28, 56, 84)
ESKETAMINE_FIRST_DOSE_MG = 56

# TMS sanity ranges (clinical-reference.md section 2, TMS: e.g. 120% MT, 10 Hz, 3,000
# pulses; theta burst about 600 pulses at 50 Hz bursts). Wide enough for every protocol
# in use; outside them the entry is a typing slip.
INTENSITY_PCT_MT_RANGE = (Decimal("50"), Decimal("150"))
MOTOR_THRESHOLD_PCT_RANGE = (Decimal("10"), Decimal("100"))
FREQUENCY_HZ_RANGE = (Decimal("0.1"), Decimal("50"))
PULSES_RANGE = (1, 10_000)
TMS_DURATION_MINUTES_RANGE = (1, 90)


@dataclass(frozen=True)
class KetamineDose:
    """A ketamine dose both ways: per kilogram and in total."""

    weight_kg: Decimal
    mg_per_kg: Decimal
    total_mg: Decimal

    @property
    def text(self) -> str:
        return f"{self.total_mg} mg ({self.mg_per_kg} mg/kg at {self.weight_kg} kg)"


def ketamine_dose(
    weight_kg: Decimal, *, mg_per_kg: Decimal | None = None, total_mg: Decimal | None = None
) -> KetamineDose:
    """The dose from the weight and one of the two figures (exactly one must be given)."""
    if (mg_per_kg is None) == (total_mg is None):
        raise ValueError("Give the dose either per kilogram or in total, not both.")
    if weight_kg <= 0:
        raise ValueError("The weight must be more than zero.")
    if mg_per_kg is not None:
        total = (weight_kg * mg_per_kg).quantize(TOTAL_MG_STEP, ROUND_HALF_UP)
        return KetamineDose(weight_kg, mg_per_kg, total)
    assert total_mg is not None
    per_kg = (total_mg / weight_kg).quantize(MG_PER_KG_STEP, ROUND_HALF_UP)
    return KetamineDose(weight_kg, per_kg, total_mg)


def above_ceiling(mg_per_kg: Decimal, ceiling_mg_per_kg: Decimal) -> bool:
    """Strictly above: a dose of exactly the ceiling needs no reason."""
    return mg_per_kg > ceiling_mg_per_kg


def weight_plausible(weight_kg: Decimal) -> bool:
    low, high = WEIGHT_RANGE_KG
    return low <= weight_kg <= high


def devices_for(dose_mg: int) -> int:
    """Spravato devices for a dose: one 28 mg device per 28 mg."""
    if dose_mg not in ESKETAMINE_DOSES_MG:
        raise ValueError(f"An esketamine dose is one of {ESKETAMINE_DOSES_MG} mg.")
    return dose_mg // ESKETAMINE_DEVICE_MG


def first_dose_needs_reason(dose_mg: int | None, first_session: bool) -> bool:
    """The label starts at 56 mg on day 1; anything else on a first session needs a reason."""
    return first_session and dose_mg is not None and dose_mg != ESKETAMINE_FIRST_DOSE_MG
