"""How each instrument is followed over a course of treatment.

Scoring says what one administration means; this says how a series of them is read:
- Response (a drop of at least 50% from baseline) is defined for the depression severity
  scales the reference gives it for: PHQ-9, MADRS, HAM-D 17 and BDI-II ("response ≥ 50%
  drop", clinical-reference.md §1), and the QIDS-SR16 (response ≥ 50% and remission ≤ 5
  in STAR*D: Rush AJ et al. Am J Psychiatry 2006;163:1905-1917).
- Percent change from baseline is also meaningful for the other symptom scales (GAD-7,
  PCL-5, PHQ-2), which have no response definition in the reference.
- The CADSS-6 measures a dose's dissociation, not the illness: its change is shown in points
  ("show the number and its change", clinical-reference.md §1). The MoCA is a cognitive
  screen where a higher score is better, so a fall is a decline: its change is in points.
- The C-SSRS screener has no total; its history is the risk level.
"""

from enum import StrEnum

from clinical.scales.registry import resolve_instrument

RESPONSE_INSTRUMENTS = frozenset({"PHQ9", "MADRS", "HAMD17", "BDI2", "QIDSSR16"})
PERCENT_CHANGE_INSTRUMENTS = RESPONSE_INSTRUMENTS | {"GAD7", "PCL5", "PHQ2"}
HIGHER_IS_BETTER = frozenset({"MOCA"})


class ChangeUnit(StrEnum):
    PERCENT = "percent"
    POINTS = "points"
    NONE = "none"


def follows_response(code: str) -> bool:
    """Whether response and remission are read from this instrument's course."""
    return resolve_instrument(code).code in RESPONSE_INSTRUMENTS


def higher_is_better(code: str) -> bool:
    return resolve_instrument(code).code in HIGHER_IS_BETTER


def change_unit(code: str) -> ChangeUnit:
    """How change from baseline is shown for this instrument."""
    instrument = resolve_instrument(code)
    if not instrument.has_total:
        return ChangeUnit.NONE
    if instrument.code in PERCENT_CHANGE_INSTRUMENTS:
        return ChangeUnit.PERCENT
    return ChangeUnit.POINTS
