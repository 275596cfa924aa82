"""Monitoring rules for long-term ketamine, esketamine and TMS, and what is due for a patient.

Rules are plain data (`rules`, `defaults`, `serialise`, `fingerprint`, `overrides`); a
patient's facts are plain values (`facts`); `evaluate` gives the checklist for a day and
`next_due` the two dates the database stores to list due items without evaluating anyone.
Sources: seed 002 (Safety Monitoring Protocol; Documentation for Long-Term Treatment) and
clinical-reference.md sections 2 and 3; see `defaults` for who gets which item and why.
"""

from clinical.monitoring.defaults import SEED_DEFAULT_RULES
from clinical.monitoring.enums import (
    KETAMINE_MODALITIES,
    CoursePhase,
    EventKind,
    ItemState,
    Modality,
)
from clinical.monitoring.evaluate import ItemStatus, evaluate
from clinical.monitoring.facts import (
    ActiveCourse,
    Completion,
    Dismissal,
    MonitoringEvent,
    PatientFacts,
    RemsForm,
)
from clinical.monitoring.fingerprint import rule_fingerprint
from clinical.monitoring.months import add_months
from clinical.monitoring.overrides import with_overrides
from clinical.monitoring.results import (
    BP_WARN_ABOVE,
    DEFAULT_RANGES,
    ItemResult,
    LabValue,
    ResultKind,
    assess,
    moca_total,
    result_kind,
)
from clinical.monitoring.rules import (
    EveryVisit,
    Interval,
    MonitoringRule,
    Once,
    OnEvent,
    PerSession,
    Schedule,
)
from clinical.monitoring.serialise import (
    rule_from_dict,
    rule_to_dict,
    rules_from_dicts,
    rules_to_dicts,
)
from clinical.monitoring.stored import DueEntry, due_entries
from clinical.monitoring.timeline import NEEDED_NOW, next_due

__all__ = [
    "BP_WARN_ABOVE",
    "DEFAULT_RANGES",
    "KETAMINE_MODALITIES",
    "NEEDED_NOW",
    "SEED_DEFAULT_RULES",
    "ActiveCourse",
    "Completion",
    "CoursePhase",
    "Dismissal",
    "DueEntry",
    "EventKind",
    "EveryVisit",
    "Interval",
    "ItemResult",
    "ItemState",
    "ItemStatus",
    "LabValue",
    "Modality",
    "MonitoringEvent",
    "MonitoringRule",
    "OnEvent",
    "Once",
    "PatientFacts",
    "PerSession",
    "RemsForm",
    "ResultKind",
    "Schedule",
    "add_months",
    "assess",
    "due_entries",
    "evaluate",
    "moca_total",
    "next_due",
    "result_kind",
    "rule_fingerprint",
    "rule_from_dict",
    "rule_to_dict",
    "rules_from_dicts",
    "rules_to_dicts",
    "with_overrides",
]
