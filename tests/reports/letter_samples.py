"""Synthetic letters for the letter tests: one complete letter of each kind, built from
plain values (no database), with names that exercise the fallback font."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from clinical.modality import Modality
from clinical.record.enums import DrugClass, PsychotherapyModality, TrialOutcome
from reports.letters import (
    AnnualReviewSummary,
    BoosterSchedule,
    ConsentReaffirmation,
    ConsentStatus,
    DatedScore,
    Diagnosis,
    InsuranceIds,
    LetterPatient,
    MedicalNecessityLetter,
    MedicationTrial,
    MonitoringLine,
    PsychotherapyTrial,
    RequestedService,
    ReviewDecision,
    ScoreSeries,
    SeriousEvent,
    SessionEntry,
    SessionsGiven,
    SideEffectTally,
    UpcomingSession,
    standard_codes,
)
from reports.model import Letterhead, PageSize, Prescriber, Recipient
from tests.reports.pdf_probe import page_texts
from tests.reports.samples import CLINIC, png

LETTER_DATE = date(2026, 4, 2)
PACIFIC = timezone(timedelta(hours=-7), "PDT")


def letterhead(page_size: PageSize = PageSize.LETTER) -> Letterhead:
    return Letterhead(
        clinic_name=CLINIC,
        address_lines=("1200 Harbor Boulevard, Suite 310", "Long Beach, CA 90802"),
        phone="(562) 555-0143",
        fax="(562) 555-0199",
        logo=png(240, 120, "teal"),
        page_size=page_size,
    )


def signer(signature: bool = True) -> Prescriber:
    return Prescriber(
        "Maria Okafor",
        "MD",
        "1234567893",
        signature=png(600, 160, "navy") if signature else None,
    )


def patient(name: str = "Zoë Nguyễn") -> LetterPatient:
    return LetterPatient(name, date(1980, 3, 14), "BD-0417")


def payer() -> Recipient:
    return Recipient(
        "Blue Harbor Health Plan",
        ("Attn: Utilization Management", "PO Box 4455", "Sacramento, CA 95812-4455"),
    )


def consent(modality: Modality = Modality.IV_KETAMINE, **changes: object) -> ConsentReaffirmation:
    values: dict[str, object] = {
        "letterhead": letterhead(),
        "prescriber": signer(),
        "patient": patient(),
        "modality": modality,
        "treatment_plan": "Maintenance IV ketamine 0.5 mg/kg over 40 minutes every 3 weeks, "
        "with a review of the interval at every visit.",
        "letter_date": LETTER_DATE,
        "witness_name": "Priya Raman, RN",
    }
    values.update(changes)
    return ConsentReaffirmation(**values)  # type: ignore[arg-type]


def tms_scores() -> tuple[ScoreSeries, ...]:
    return (
        ScoreSeries(
            "BDI2",
            DatedScore(date(2026, 1, 5), 38),
            (DatedScore(date(2026, 2, 2), 25), DatedScore(date(2026, 3, 2), 14)),
        ),
        ScoreSeries(
            "HAMD17",
            DatedScore(date(2026, 1, 5), 24),
            (DatedScore(date(2026, 3, 2), 13),),
        ),
        ScoreSeries("PHQ9", DatedScore(date(2026, 1, 5), 21), (DatedScore(date(2026, 3, 2), 9),)),
    )


def necessity(modality: Modality = Modality.TMS, **changes: object) -> MedicalNecessityLetter:
    values: dict[str, object] = {
        "letterhead": letterhead(),
        "prescriber": signer(),
        "recipient": payer(),
        "patient": patient(),
        "insurance": InsuranceIds("XKH448812901", "GRP-20931", "PA-2026-118"),
        "letter_date": LETTER_DATE,
        "diagnoses": (
            Diagnosis(
                "F33.2",
                "Major depressive disorder, recurrent, severe without psychotic features",
                is_primary=True,
            ),
            Diagnosis("F41.1", "Generalized anxiety disorder"),
        ),
        "illness_history": (
            "First depressive episode at age 24. The current episode began in March 2024 "
            "and has lasted 25 months, with loss of work and social withdrawal."
        ),
        "medication_trials": (
            MedicationTrial(
                "Sertraline",
                TrialOutcome.NO_RESPONSE,
                DrugClass.SSRI,
                Decimal("200"),
                "mg/day",
                date(2024, 4, 1),
                date(2024, 7, 15),
                12,
                "No improvement at maximum dose.",
            ),
            MedicationTrial(
                "Venlafaxine XR",
                TrialOutcome.INTOLERANCE,
                DrugClass.SNRI,
                Decimal("225"),
                "mg/day",
                date(2024, 8, 1),
                date(2024, 10, 20),
                8,
                "Stopped for hypertension.",
            ),
            MedicationTrial(
                "Aripiprazole",
                TrialOutcome.PARTIAL_RESPONSE,
                DrugClass.AUGMENTATION,
                Decimal("5.0"),
                "mg/day",
                date(2024, 11, 1),
                date(2025, 2, 1),
                None,
                "Added to bupropion.",
            ),
        ),
        "psychotherapy_trials": (
            PsychotherapyTrial(
                PsychotherapyModality.CBT,
                TrialOutcome.PARTIAL_RESPONSE,
                date(2024, 5, 1),
                date(2024, 11, 1),
                20,
                "Weekly sessions; some benefit for anxiety.",
            ),
        ),
        "scores": tms_scores(),
        "sessions_given": SessionsGiven(30, date(2026, 1, 12), date(2026, 3, 20)),
        "service": RequestedService(
            modality,
            "Continuation of TMS: taper and maintenance sessions",
            standard_codes(modality, LETTER_DATE),
            "3 sessions a week for 2 weeks, then 2 a week for 2 weeks, then weekly for 2 weeks",
            12,
            date(2026, 4, 6),
        ),
        "clinical_rationale": (
            "The patient has had a 63% reduction on the BDI-II after 30 sessions and has "
            "returned to part-time work. A taper consolidates the response."
        ),
        "risk_of_stopping": (
            "Stopping abruptly risks relapse; two earlier episodes relapsed within weeks of "
            "stopping treatment, with suicidal thoughts."
        ),
    }
    values.update(changes)
    return MedicalNecessityLetter(**values)  # type: ignore[arg-type]


def annual_review(**changes: object) -> AnnualReviewSummary:
    start = date(2025, 4, 1)
    sessions = tuple(
        SessionEntry(
            start + timedelta(days=21 * n + 3),
            Modality.IV_KETAMINE,
            Decimal("0.5") if n % 4 else Decimal("0.55"),
            "mg/kg",
        )
        for n in range(17)
    )
    madrs = ScoreSeries(
        "MADRS",
        DatedScore(date(2024, 10, 1), 36),
        tuple(
            DatedScore(start + timedelta(days=21 * n + 3), total)
            for n, total in enumerate((9, 8, 11, 7, 6, 8, 12, 9, 7, 6, 5, 8, 7, 6, 9, 7, 6))
        ),
    )
    phq9 = ScoreSeries(
        "PHQ9",
        DatedScore(date(2024, 10, 1), 22),
        tuple(
            DatedScore(start + timedelta(days=42 * n + 3), total)
            for n, total in enumerate((7, 6, 8, 5, 4, 6, 4, 3, 4))
        ),
    )
    values: dict[str, object] = {
        "letterhead": letterhead(),
        "prescriber": signer(),
        "patient": patient(),
        "modality": Modality.IV_KETAMINE,
        "period_start": start,
        "period_end": date(2026, 3, 31),
        "reviewed_on": LETTER_DATE,
        "sessions": sessions,
        "scores": (madrs, phq9),
        "side_effects": (
            SideEffectTally("Dissociation", 15, "Moderate"),
            SideEffectTally("Nausea", 4, "Mild"),
            SideEffectTally("Blood pressure rise above 160/100", 2, "Moderate"),
        ),
        "serious_events": (
            SeriousEvent(date(2025, 9, 9), "Vasovagal syncope after infusion; observed 2 hours."),
        ),
        "monitoring": (
            MonitoringLine("Urological symptom inquiry", date(2026, 3, 24), "Up to date", False),
            MonitoringLine("Urinalysis", date(2026, 1, 12), "Up to date", False),
            MonitoringLine(
                "Liver function tests", date(2025, 8, 4), "Overdue since 02/04/2026", True
            ),
            MonitoringLine("Cognitive screen (MoCA)", date(2026, 3, 24), "Up to date", False),
            MonitoringLine("ECG", None, "Never done; due now", True),
        ),
        "consent": ConsentStatus(date(2025, 4, 3), "ketamine-2025.1", True),
        "decision": ReviewDecision.EXTEND_INTERVAL,
        "reasoning": (
            "Remission sustained all year (MADRS 5-12), no tolerance. Extend to every 4 "
            "weeks per the interval-extension protocol."
        ),
        "safety_assessment": (
            "No urinary symptoms; blood pressure rises settle within the observation period. "
            "No substance use. Liver tests overdue: ordered today."
        ),
        "cognitive_screen": "MoCA 28/30 on 03/24/2026 (29/30 a year ago); no concerns raised.",
    }
    values.update(changes)
    return AnnualReviewSummary(**values)  # type: ignore[arg-type]


def schedule(**changes: object) -> BoosterSchedule:
    values: dict[str, object] = {
        "letterhead": letterhead(),
        "patient": patient(),
        "sessions": (
            UpcomingSession(
                datetime(2026, 4, 14, 9, 30, tzinfo=PACIFIC), Modality.IV_KETAMINE, "Suite 310"
            ),
            UpcomingSession(
                datetime(2026, 5, 5, 16, 0, tzinfo=PACIFIC), Modality.IV_KETAMINE, "Suite 310"
            ),
            UpcomingSession(
                datetime(2026, 5, 12, 14, 15, tzinfo=PACIFIC), Modality.TMS, "Suite 312"
            ),
        ),
        "printed_on": LETTER_DATE,
        "contact_phone": "(562) 555-0144",
    }
    values.update(changes)
    return BoosterSchedule(**values)  # type: ignore[arg-type]


def flat_text(pdf: bytes) -> str:
    """Every page's text with runs of whitespace (line wraps included) as one space, so a
    sentence reads back whole wherever it wrapped."""
    return " ".join(" ".join(page_texts(pdf)).split())


def long_text(pages: int = 3) -> str:
    """Free text several pages long, in numbered paragraphs ('Paragraph 1. ...')."""
    sentence = (
        "The episode deepened over the winter with early waking, loss of appetite and "
        "withdrawal from friends, and each medication change brought only brief relief. "
    )
    return "\n\n".join(f"Paragraph {n}. {sentence * 4}" for n in range(1, 5 * pages + 1))
