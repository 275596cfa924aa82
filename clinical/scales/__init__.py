"""Rating scales: declarative instrument definitions, scoring, and change over a course.

Start here:
- `score(code_or_instrument, answers, education_years=..., settings=...)` -> `ScaleResult`
- `INSTRUMENTS`, `get_instrument(code)`, `list_instruments()` for pickers
- `ScaleSettings` for the thresholds a clinic may change
- `clinical.scales.change` for percent change, response, remission, nadir and the insurer
  criterion for further TMS
"""

from clinical.scales.change import (
    CoursePoint,
    CourseSummary,
    InsurerCriterion,
    PercentChange,
    ScoreHistory,
    insurer_tms_criterion,
    is_remission,
    is_response,
    percent_change,
    percent_rise,
    summarise_course,
)
from clinical.scales.model import (
    Anchor,
    AnswerKind,
    Comparison,
    Cutoff,
    Instrument,
    Item,
    RiskLevel,
    ScaleInputError,
    ScaleSettingsError,
    SeverityBand,
)
from clinical.scales.registry import INSTRUMENTS, get_instrument, list_instruments
from clinical.scales.result import SafetyFlag, ScaleResult, ScreenOutcome, Subscore
from clinical.scales.scoring import asked_items, missing_items, partial_total, score
from clinical.scales.settings import DEFAULT_SETTINGS, ScaleSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "INSTRUMENTS",
    "Anchor",
    "AnswerKind",
    "Comparison",
    "CoursePoint",
    "CourseSummary",
    "Cutoff",
    "Instrument",
    "InsurerCriterion",
    "Item",
    "PercentChange",
    "RiskLevel",
    "SafetyFlag",
    "ScaleInputError",
    "ScaleResult",
    "ScaleSettings",
    "ScaleSettingsError",
    "ScoreHistory",
    "ScreenOutcome",
    "SeverityBand",
    "Subscore",
    "asked_items",
    "get_instrument",
    "insurer_tms_criterion",
    "is_remission",
    "is_response",
    "list_instruments",
    "missing_items",
    "partial_total",
    "percent_change",
    "percent_rise",
    "score",
    "summarise_course",
]
