"""Booster protocols: templates, the next-booster proposal, and the dates to book.

Pure rules from seed 002 (interval extension, symptom-triggered, hybrid, tolerance, taper,
relapse after discontinuation), seeds 003-004 (induction), the Spravato label and the TMS
course (clinical-reference.md section 2).
"""

from clinical.protocols.catalogue import (
    custom_ladder,
    gradual_taper,
    hybrid,
    ketamine_induction,
    ketamine_interval_extension,
    spravato_label,
    symptom_triggered,
    tms_acute_course,
)
from clinical.protocols.course import (
    Course,
    LadderPosition,
    Score,
    ScorePoint,
    Session,
    TrackingPoint,
)
from clinical.protocols.engine import propose_next_booster
from clinical.protocols.enums import (
    Action,
    Comparison,
    Modality,
    Phase,
    ProtocolKind,
    RelapseTiming,
    SessionStatus,
    TolerancePattern,
)
from clinical.protocols.proposal import Proposal
from clinical.protocols.relapse import classify_relapse
from clinical.protocols.scheduling import plan_dates, plan_induction, replan
from clinical.protocols.settings import ProtocolSettings
from clinical.protocols.templates import LadderStep, ProtocolTemplate, WeeklyBlock

__all__ = [
    "Action",
    "Comparison",
    "Course",
    "LadderPosition",
    "LadderStep",
    "Modality",
    "Phase",
    "Proposal",
    "ProtocolKind",
    "ProtocolSettings",
    "ProtocolTemplate",
    "RelapseTiming",
    "Score",
    "ScorePoint",
    "Session",
    "SessionStatus",
    "TolerancePattern",
    "TrackingPoint",
    "WeeklyBlock",
    "classify_relapse",
    "custom_ladder",
    "gradual_taper",
    "hybrid",
    "ketamine_induction",
    "ketamine_interval_extension",
    "plan_dates",
    "plan_induction",
    "propose_next_booster",
    "replan",
    "spravato_label",
    "symptom_triggered",
    "tms_acute_course",
]
