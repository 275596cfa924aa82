"""The seed protocols as templates. Each call returns a fresh value for one patient to edit.

Months in the ladders are calendar months (`clinical.protocols.dates.add_months`). "Monthly"
as an interval is 28 days: four whole weeks keep the booster on the same weekday, which is how
clinics book, and it sits at the short end of seed 004's "every 4-6 weeks".
"""

from clinical.protocols.enums import Modality, ProtocolKind
from clinical.protocols.templates import LadderStep, ProtocolTemplate, WeeklyBlock

MONTHLY_DAYS = 28


def ketamine_induction() -> tuple[WeeklyBlock, ...]:
    """6 infusions, 3 a week over 2 weeks.

    Seed 002 "Standard Maintenance Protocol", Phase 1 and seed 004: "6 infusions over 2 to 3
    weeks"; seed 003: "six to eight IV infusions administered over three to six weeks, often
    with 2-3 infusions per week" (edit the block to 8 sessions or 2 a week for that course).
    """
    return (WeeklyBlock("Induction: 6 infusions, 3 a week", sessions=6, per_week=3),)


def interval_extension_ladder() -> tuple[LadderStep, ...]:
    """Seed 002 "Interval Extension Protocol": weekly ×4 → every 10 days ×3 → every 2 weeks ×4
    → every 3 weeks ×3 → monthly (or continue extending: add steps after the monthly one)."""
    return (
        LadderStep("Weekly", 7, treatments_required=4),
        LadderStep("Every 10 days", 10, treatments_required=3),
        LadderStep("Every 2 weeks", 14, treatments_required=4),
        LadderStep("Every 3 weeks", 21, treatments_required=3),
        LadderStep("Monthly", MONTHLY_DAYS),
    )


def ketamine_interval_extension(
    modality: Modality = Modality.IV_KETAMINE,
) -> ProtocolTemplate:
    """Induction, then seed 002's interval-extension ladder under its "Extension Rules"."""
    return ProtocolTemplate(
        key="ketamine.interval_extension",
        name="Ketamine: induction, then interval extension",
        kind=ProtocolKind.INTERVAL_EXTENSION,
        modality=modality,
        induction=ketamine_induction(),
        ladder=interval_extension_ladder(),
        source="Seed 002, Interval Extension Protocol and Extension Rules; seeds 003-004",
    )


def gradual_taper(modality: Modality = Modality.IV_KETAMINE) -> ProtocolTemplate:
    """Seed 002 "Transition Strategies", Gradual Taper, from every 2 weeks: every 3 weeks ×
    3 months → monthly × 3 months → every 6 weeks × 3 months → discontinue with PRN
    availability. Steps go by time alone; after the last one, scheduled boosters stop."""
    return ProtocolTemplate(
        key="ketamine.gradual_taper",
        name="Gradual taper",
        kind=ProtocolKind.TAPER,
        modality=modality,
        ladder=(
            LadderStep("Every 3 weeks", 21, months=3),
            LadderStep("Monthly", MONTHLY_DAYS, months=3),
            LadderStep("Every 6 weeks", 42, months=3),
        ),
        extend_requires_stability=False,
        source="Seed 002, Transition Strategies: Gradual Taper",
    )


def hybrid(modality: Modality = Modality.IV_KETAMINE) -> ProtocolTemplate:
    """Seed 002 "Hybrid Protocol": monthly base infusions, boosters when symptoms break
    through, weekly symptom tracking, monthly review of frequency adequacy."""
    return ProtocolTemplate(
        key="ketamine.hybrid",
        name="Hybrid: monthly base with boosters as needed",
        kind=ProtocolKind.HYBRID,
        modality=modality,
        induction=ketamine_induction(),
        ladder=(LadderStep("Monthly base", MONTHLY_DAYS),),
        tracking_every_days=7,
        review_every_days=MONTHLY_DAYS,
        source="Seed 002, Hybrid Protocol",
    )


def symptom_triggered(modality: Modality = Modality.IV_KETAMINE) -> ProtocolTemplate:
    """Seed 002 "Symptom-Triggered Protocol": daily PHQ-2 or similar; a booster on a sustained
    rise > 25% above the maintenance baseline for 3+ days, the return of sentinel symptoms, or
    functional impairment. No scheduled boosters."""
    return ProtocolTemplate(
        key="ketamine.symptom_triggered",
        name="Symptom-triggered boosters",
        kind=ProtocolKind.SYMPTOM_TRIGGERED,
        modality=modality,
        induction=ketamine_induction(),
        tracking_every_days=1,
        source="Seed 002, Symptom-Triggered Protocol",
    )


def spravato_label() -> ProtocolTemplate:
    """Esketamine (Spravato) label, treatment-resistant depression (clinical-reference.md §2):
    weeks 1-4 twice weekly; weeks 5-8 once weekly; week 9 on every 2 weeks or weekly, at the
    lowest frequency that keeps response.

    Induction is counted in sessions (8), so a missed dose lengthens it. Moving from weekly to
    every 2 weeks uses seed 002's condition (remission, or at least 50% below baseline), which
    is the label's "lowest frequency that maintains response/remission"; a rise of more than
    25% above the nadir returns to weekly. The first 2-weekly dose is 14 days after the last
    weekly one (the label changes the frequency at week 9; it does not add a dose in week 9).
    """
    return ProtocolTemplate(
        key="esketamine.spravato_label",
        name="Spravato (label schedule, TRD)",
        kind=ProtocolKind.SPRAVATO_LABEL,
        modality=Modality.ESKETAMINE,
        induction=(WeeklyBlock("Weeks 1-4: twice weekly", sessions=8, per_week=2),),
        ladder=(
            LadderStep("Weeks 5-8: once weekly", 7, treatments_required=4),
            LadderStep("Week 9 on: every 2 weeks", 14),
        ),
        source="Spravato US label, Dosage and Administration (clinical-reference.md section 2)",
    )


def tms_acute_course() -> ProtocolTemplate:
    """TMS: 30 sessions, 5 a week on weekdays, then a taper of 6 over 3 weeks (3, 2, 1)
    (clinical-reference.md §2; clinical-sources.md §4, "36-session convention").

    Maintenance follows the one expert schedule in clinical-sources.md §4 (O'Reardon, Clinical
    TMS Society 2019): weekly × 1 month, every 2 weeks × 2 months, monthly × 3 months, then
    individualised (monthly, open-ended). Seed 000 only says "tapering or periodic sessions".
    """
    return ProtocolTemplate(
        key="tms.acute_course",
        name="TMS: 30 sessions plus 3-2-1 taper, then maintenance",
        kind=ProtocolKind.TMS_COURSE,
        modality=Modality.TMS,
        induction=(
            WeeklyBlock("Acute: 30 sessions, 5 a week", sessions=30, per_week=5),
            WeeklyBlock("Taper week 1: 3 sessions", sessions=3, per_week=3),
            WeeklyBlock("Taper week 2: 2 sessions", sessions=2, per_week=2),
            WeeklyBlock("Taper week 3: 1 session", sessions=1, per_week=1),
        ),
        ladder=(
            LadderStep("Weekly", 7, months=1),
            LadderStep("Every 2 weeks", 14, months=2),
            LadderStep("Monthly", MONTHLY_DAYS, months=3),
            LadderStep("Monthly, individualised", MONTHLY_DAYS),
        ),
        source="clinical-reference.md section 2 (TMS); clinical-sources.md section 4",
    )


def custom_ladder(
    name: str,
    modality: Modality,
    steps: tuple[LadderStep, ...],
    induction: tuple[WeeklyBlock, ...] = (),
) -> ProtocolTemplate:
    """A clinic's own ladder, run under seed 002's extension and step-back rules."""
    if not steps:
        raise ValueError("a custom ladder needs at least one step")
    return ProtocolTemplate(
        key="custom",
        name=name,
        kind=ProtocolKind.CUSTOM,
        modality=modality,
        induction=induction,
        ladder=steps,
        source="Clinic's own ladder; seed 002 Extension Rules",
    )
