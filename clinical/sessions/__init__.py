"""Treatment sessions: what a session documents per modality, vital signs and the pre-dose
limits, doses, the side-effect review and the monitoring events it raises, pre-fill from
the previous session, what must be true before signing, and the Spravato REMS form's dates.

Pure rules and values: the database keeps the sessions (`db.sessions`), the screens show
them (`ui.sessions`). Sources: seed 002 and clinical-reference.md, cited where each rule is.
"""

from clinical.sessions.content import (
    AdjunctMedication,
    CommonContent,
    EsketamineDetails,
    KetamineDetails,
    ModalityDetails,
    ResponseAssessment,
    SessionContent,
    TmsDetails,
    details_type,
    empty_content,
)
from clinical.sessions.dose import (
    DEFAULT_CEILING_MG_PER_KG,
    ESKETAMINE_DEVICE_MG,
    ESKETAMINE_DOSES_MG,
    ESKETAMINE_FIRST_DOSE_MG,
    KetamineDose,
    above_ceiling,
    devices_for,
    first_dose_needs_reason,
    ketamine_dose,
)
from clinical.sessions.enums import (
    ConcomitantMedication,
    DoseBasis,
    Response,
    Route,
    SessionState,
    SubstanceScreen,
    VitalsPoint,
)
from clinical.sessions.overrides import (
    NO_OVERRIDES,
    OverrideKey,
    OverrideRequest,
    Overrides,
    overrides_from_dict,
    overrides_to_dict,
)
from clinical.sessions.prefill import Prefill, must_change_fields, prefill_from
from clinical.sessions.rems import REMS_FORM_DUE_DAYS, REMS_FORM_VERSION, form_due_on, form_overdue
from clinical.sessions.serialise import content_from_dict, content_to_dict
from clinical.sessions.side_effects import (
    Severity,
    SideEffect,
    SideEffectAnswer,
    SideEffectReview,
    all_none,
    effects_for,
    monitoring_events,
    serious,
)
from clinical.sessions.signing import (
    MIN_ESKETAMINE_MONITORING_MINUTES,
    problems_before_signing,
    required_overrides,
)
from clinical.sessions.summary import dose_summary
from clinical.sessions.thresholds import (
    DEFAULT_THRESHOLDS,
    Breach,
    BreachKind,
    PreDoseThresholds,
    pre_dose_breaches,
)
from clinical.sessions.vitals import EMPTY_VITALS, VitalSigns, vitals_problems

__all__ = [
    "DEFAULT_CEILING_MG_PER_KG",
    "DEFAULT_THRESHOLDS",
    "EMPTY_VITALS",
    "ESKETAMINE_DEVICE_MG",
    "ESKETAMINE_DOSES_MG",
    "ESKETAMINE_FIRST_DOSE_MG",
    "MIN_ESKETAMINE_MONITORING_MINUTES",
    "NO_OVERRIDES",
    "REMS_FORM_DUE_DAYS",
    "REMS_FORM_VERSION",
    "AdjunctMedication",
    "Breach",
    "BreachKind",
    "CommonContent",
    "ConcomitantMedication",
    "DoseBasis",
    "EsketamineDetails",
    "KetamineDetails",
    "KetamineDose",
    "ModalityDetails",
    "OverrideKey",
    "OverrideRequest",
    "Overrides",
    "PreDoseThresholds",
    "Prefill",
    "Response",
    "ResponseAssessment",
    "Route",
    "SessionContent",
    "SessionState",
    "Severity",
    "SideEffect",
    "SideEffectAnswer",
    "SideEffectReview",
    "SubstanceScreen",
    "TmsDetails",
    "VitalSigns",
    "VitalsPoint",
    "above_ceiling",
    "all_none",
    "content_from_dict",
    "content_to_dict",
    "details_type",
    "devices_for",
    "dose_summary",
    "effects_for",
    "empty_content",
    "first_dose_needs_reason",
    "form_due_on",
    "form_overdue",
    "ketamine_dose",
    "monitoring_events",
    "must_change_fields",
    "overrides_from_dict",
    "overrides_to_dict",
    "pre_dose_breaches",
    "prefill_from",
    "problems_before_signing",
    "required_overrides",
    "serious",
    "vitals_problems",
]
