"""The numbers in the rules, as settings: defaults are seed 002's, a clinic may change them."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ProtocolSettings:
    # Seed 002 Extension Rules: "at least 50% below acute baseline".
    extend_min_improvement_pct: Decimal = Decimal(50)
    # Seed 002 Extension Rules: "increase >25% from maintenance nadir".
    step_back_rise_pct: Decimal = Decimal(25)
    # Response: a drop of at least 50% (clinical-reference.md §1; seed 002 Phase 1).
    response_pct: Decimal = Decimal(50)
    # Seed 002 Symptom-Triggered Protocol: "increase >25% above maintenance baseline for 3+ days".
    trigger_rise_pct: Decimal = Decimal(25)
    trigger_days: int = 3
    # Tolerance: how many recent treatments must show a pattern before it counts.
    tolerance_window: int = 2
    # Tolerance: a treatment whose best score improved less than this on the baseline did nothing.
    no_effect_pct: Decimal = Decimal(25)
    # Seed 002 Drug Holidays: "Consider 4-6 week treatment pause".
    holiday_min_days: int = 28
    holiday_max_days: int = 42
    # Seed 002 When to Consider Transition: "Sustained remission for 6+ months".
    sustained_remission_months: int = 6
