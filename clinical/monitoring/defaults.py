"""The monitoring rules the program ships with, before a clinic changes anything.

Source: seed 002 ("Long-Term Maintenance Therapy: Sustaining Remission with Ketamine"),
sections "Long-Term Monitoring > Safety Monitoring Protocol" (SMP) and "Documentation for
Long-Term Treatment" (DOC); clinical-reference.md section 2 (Spravato REMS, TMS) and 3.

Who gets what:
- Seed 002 is about ketamine, so its items apply to IV and IM ketamine and to esketamine,
  the S-enantiomer of ketamine. For esketamine this includes the urological and hepatic
  items: the Spravato label itself asks to monitor urinary tract and bladder symptoms and
  mentions hepatic impairment (clinical-reference.md section 2, esketamine).
- TMS gets only what the reference says of TMS: a standardized symptom scale each visit
  (payers decide further TMS on the score change, clinical-reference.md sections 1 and 4),
  a side-effect review each visit (headache, scalp discomfort; section 2, TMS) and a seizure
  review after a seizure (section 2, TMS). Bladder, liver, blood pressure, ECG, cognition,
  dissociation, psychosis and misuse are effects of ketamine, not of TMS.
- Spravato REMS enrollment and the per-session monitoring form are esketamine only.

Where the seed gives one interval ("every 6 months", quarterly, annually), the item opens
one month early (5-6, 2-3 and 11-12 months) so it can be booked at a routine visit before
it is late; where it gives a range ("every 3-6 months") the range is the window. The seed's
annual "cognitive screening" (DOC) is met by the six-monthly cognitive screen (SMP): one
item, not two. Intervals count from the last completion, or from the course's first
treatment when the item has never been done. All of this is clinic-editable data.
"""

from clinical.monitoring.enums import KETAMINE_MODALITIES, EventKind, Modality
from clinical.monitoring.rules import (
    EveryVisit,
    Interval,
    MonitoringRule,
    Once,
    OnEvent,
    PerSession,
)

_KETAMINE = KETAMINE_MODALITIES
_ALL = frozenset(Modality)
_ESKETAMINE = frozenset({Modality.ESKETAMINE})
_SMP = "Seed 002, Safety Monitoring Protocol"
_DOC = "Seed 002, Documentation for Long-Term Treatment"

SEED_DEFAULT_RULES: tuple[MonitoringRule, ...] = (
    # Cognitive
    MonitoringRule(
        code="cognitive_screen",
        title="Cognitive screen (MoCA or similar)",
        modalities=_KETAMINE,
        schedule=Interval(5, 6),
        baseline_required=True,
        triggered_by=frozenset({EventKind.COGNITIVE_COMPLAINT}),
        source=f"{_SMP}, Cognitive Assessment: baseline, repeat every 6 months; "
        f"{_DOC}, Annually: cognitive screening",
    ),
    MonitoringRule(
        code="neuropsychological_testing",
        title="Detailed neuropsychological testing",
        modalities=_KETAMINE,
        schedule=OnEvent(),
        triggered_by_abnormal=frozenset({"cognitive_screen"}),
        source=f"{_SMP}, Cognitive Assessment: detailed testing if concerns arise",
    ),
    # Urological
    MonitoringRule(
        code="urinalysis",
        title="Urinalysis",
        modalities=_KETAMINE,
        schedule=Interval(3, 6),
        baseline_required=True,
        triggered_by=frozenset({EventKind.URINARY_SYMPTOMS}),
        triggered_by_abnormal=frozenset({"urological_symptom_inquiry"}),
        source=f"{_SMP}, Urological Monitoring: baseline urinalysis, every 3-6 months",
    ),
    MonitoringRule(
        code="urological_symptom_inquiry",
        title="Urological symptom inquiry (frequency, urgency, pain)",
        modalities=_KETAMINE,
        schedule=EveryVisit(),
        source=f"{_SMP}, Urological Monitoring: symptom inquiry at each visit",
    ),
    MonitoringRule(
        code="urology_referral",
        title="Urology referral",
        modalities=_KETAMINE,
        schedule=OnEvent(),
        triggered_by=frozenset({EventKind.URINARY_SYMPTOMS}),
        triggered_by_abnormal=frozenset({"urological_symptom_inquiry"}),
        source=f"{_SMP}, Urological Monitoring: urology referral if symptoms develop",
    ),
    # Hepatic
    MonitoringRule(
        code="liver_function_tests",
        title="Liver function tests",
        modalities=_KETAMINE,
        schedule=Interval(3, 6),
        baseline_required=True,
        triggered_by=frozenset({EventKind.ELEVATED_LIVER_TESTS}),
        triggered_by_abnormal=frozenset({"liver_function_tests"}),
        source=f"{_SMP}, Hepatic Monitoring: baseline LFTs, repeat every 3-6 months",
    ),
    MonitoringRule(
        code="treatment_frequency_review",
        title="Treatment frequency review (reduce or stop?)",
        modalities=_KETAMINE,
        schedule=OnEvent(),
        triggered_by=frozenset({EventKind.ELEVATED_LIVER_TESTS}),
        triggered_by_abnormal=frozenset({"liver_function_tests"}),
        source=f"{_SMP}, Hepatic Monitoring: if elevated, consider frequency reduction "
        "or cessation",
    ),
    # Cardiovascular
    MonitoringRule(
        code="blood_pressure",
        title="Blood pressure and vital signs",
        modalities=_KETAMINE,
        schedule=EveryVisit(),
        source=f"{_SMP}, Cardiovascular Monitoring: blood pressure at each visit; "
        f"{_DOC}, Every Visit: vital signs",
    ),
    MonitoringRule(
        code="ecg",
        title="ECG",
        modalities=_KETAMINE,
        schedule=Interval(11, 12),
        triggered_by=frozenset({EventKind.CARDIOVASCULAR_SYMPTOMS}),
        source=f"{_SMP}, Cardiovascular Monitoring: ECG annually or if symptoms",
    ),
    # Psychiatric, and the every-visit documentation
    MonitoringRule(
        code="mood_assessment",
        title="Mood and treatment response (standardized scale)",
        modalities=_ALL,
        schedule=EveryVisit(),
        source=f"{_SMP}, Psychiatric Monitoring: ongoing mood assessment; {_DOC}, Every "
        "Visit: symptom assessment (standardized scale), treatment response assessment",
    ),
    MonitoringRule(
        code="side_effect_review",
        title="Side-effect review",
        modalities=_ALL,
        schedule=EveryVisit(),
        source=f"{_DOC}, Every Visit: side effects review",
    ),
    MonitoringRule(
        code="dissociation_check",
        title="Dissociative symptoms between treatments",
        modalities=_KETAMINE,
        schedule=EveryVisit(),
        source=f"{_SMP}, Psychiatric Monitoring: dissociative symptoms between treatments",
    ),
    MonitoringRule(
        code="substance_use_screen",
        title="Substance-use screen",
        modalities=_KETAMINE,
        schedule=EveryVisit(),
        source=f"{_SMP}, Psychiatric Monitoring: screen for substance use; {_DOC}, Every "
        "Visit: substance use screening",
    ),
    MonitoringRule(
        code="closer_substance_monitoring",
        title="Closer substance-use monitoring plan",
        modalities=_KETAMINE,
        schedule=OnEvent(),
        triggered_by=frozenset({EventKind.POSITIVE_SUBSTANCE_SCREEN}),
        triggered_by_abnormal=frozenset({"substance_use_screen"}),
        source="Seed 002, Long-Term Safety Data, Abuse Potential: patients with substance "
        "use history require additional monitoring",
    ),
    MonitoringRule(
        code="psychotic_symptoms",
        title="Emerging psychotic symptoms",
        modalities=_KETAMINE,
        schedule=EveryVisit(),
        source=f"{_SMP}, Psychiatric Monitoring: assess for emerging psychotic symptoms",
    ),
    # Quarterly
    MonitoringRule(
        code="psychiatric_assessment",
        title="Comprehensive psychiatric assessment",
        modalities=_KETAMINE,
        schedule=Interval(2, 3),
        source=f"{_DOC}, Quarterly: comprehensive psychiatric assessment",
    ),
    MonitoringRule(
        code="treatment_plan_review",
        title="Treatment-plan review and goals for next quarter",
        modalities=_KETAMINE,
        schedule=Interval(2, 3),
        source=f"{_DOC}, Quarterly: treatment plan review, goal setting for next quarter",
    ),
    # Annually
    MonitoringRule(
        code="annual_safety_assessment",
        title="Full safety assessment",
        modalities=_KETAMINE,
        schedule=Interval(11, 12),
        source=f"{_DOC}, Annually: full safety assessment",
    ),
    MonitoringRule(
        code="continuation_discussion",
        title="Discussion of treatment continuation vs. transition",
        modalities=_KETAMINE,
        schedule=Interval(11, 12),
        source=f"{_DOC}, Annually: discussion of treatment continuation vs. transition",
    ),
    MonitoringRule(
        code="consent_reaffirmation",
        title="Consent reaffirmation",
        modalities=_KETAMINE,
        schedule=Interval(11, 12),
        source=f"{_DOC}, Annually: consent re-affirmation",
    ),
    # TMS
    MonitoringRule(
        code="tms_seizure_review",
        title="Seizure review (TMS)",
        modalities=frozenset({Modality.TMS}),
        schedule=OnEvent(),
        triggered_by=frozenset({EventKind.SEIZURE}),
        source="clinical-reference.md section 2, TMS: seizure is a rare side effect",
    ),
    # Spravato REMS
    MonitoringRule(
        code="rems_enrollment",
        title="Spravato REMS patient enrollment",
        modalities=_ESKETAMINE,
        schedule=Once(),
        baseline_required=True,
        source="clinical-reference.md section 2, Esketamine: REMS enrollment required "
        "before the first dose",
    ),
    MonitoringRule(
        code="rems_monitoring_form",
        title="Spravato REMS patient monitoring form",
        modalities=_ESKETAMINE,
        schedule=PerSession(7),
        source="clinical-reference.md section 2, Esketamine: a monitoring form per session, "
        "due within 7 days",
    ),
)
