"""One synthetic letter of each kind, for `--self-test`: proves the bundled program has its
fonts, ReportLab and the letter templates, and that Qt's PDF module reads what they make.

The patient is invented and named in three scripts, so a font missing from a bundle shows.
"""

from datetime import date, datetime, time, timedelta, timezone
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
    Letter,
    LetterPatient,
    MedicalNecessityLetter,
    MedicationTrial,
    MonitoringLine,
    PsychotherapyTrial,
    RequestedService,
    ReviewDecision,
    ScoreSeries,
    SessionEntry,
    SessionsGiven,
    SideEffectTally,
    UpcomingSession,
    standard_codes,
)
from reports.model import Letterhead, Prescriber, Recipient

TODAY = date(2026, 6, 1)
CLINIC_ZONE = timezone(timedelta(hours=-5))
LETTERHEAD = Letterhead(
    clinic_name="Self-test Clinic",
    address_lines=("1 Test Street", "Springfield, IL 62701"),
    phone="555-0100",
)
PRESCRIBER = Prescriber(name="Dr Test Prescriber", credentials="MD", npi="1234567893")
PATIENT = LetterPatient(name="Zoë Nguyễn 王", date_of_birth=date(1980, 2, 29), mrn="SELFTEST1")


def _madrs() -> ScoreSeries:
    baseline = DatedScore(date(2025, 6, 2), 34)
    later = tuple(
        DatedScore(date(2025, 6, 2) + timedelta(weeks=4 * n), 30 - 3 * n) for n in (1, 3, 6, 9)
    )
    return ScoreSeries("MADRS", baseline, later)


def _consent() -> ConsentReaffirmation:
    return ConsentReaffirmation(
        LETTERHEAD,
        PRESCRIBER,
        PATIENT,
        Modality.IV_KETAMINE,
        "Maintenance IV ketamine 0.5 mg/kg every 3 weeks",
        TODAY,
    )


def _necessity() -> MedicalNecessityLetter:
    return MedicalNecessityLetter(
        letterhead=LETTERHEAD,
        prescriber=PRESCRIBER,
        recipient=Recipient("Self-test Health Plan", ("Utilization Review", "PO Box 1")),
        patient=PATIENT,
        insurance=InsuranceIds(member_id="M0001", group_id="G01"),
        letter_date=TODAY,
        diagnoses=(Diagnosis("F33.2", "Major depressive disorder, recurrent, severe", True),),
        illness_history="Recurrent depression since 2015; current episode since 2024.",
        medication_trials=(
            MedicationTrial(
                "Sertraline",
                TrialOutcome.NO_RESPONSE,
                DrugClass.SSRI,
                Decimal(200),
                weeks_at_adequate_dose=10,
            ),
            MedicationTrial(
                "Venlafaxine",
                TrialOutcome.INTOLERANCE,
                DrugClass.SNRI,
                Decimal(225),
                weeks_at_adequate_dose=3,
            ),
        ),
        psychotherapy_trials=(
            PsychotherapyTrial(
                PsychotherapyModality.CBT, TrialOutcome.PARTIAL_RESPONSE, sessions=16
            ),
        ),
        scores=(_madrs(),),
        sessions_given=SessionsGiven(30, date(2025, 6, 2), date(2026, 5, 20)),
        service=RequestedService(
            Modality.TMS,
            "Acute course of TMS",
            standard_codes(Modality.TMS, TODAY),
            "5 sessions a week",
            36,
        ),
        clinical_rationale="Severe recurrent depression that failed two antidepressant classes.",
        risk_of_stopping="Relapse of severe depression.",
    )


def _annual_review() -> AnnualReviewSummary:
    return AnnualReviewSummary(
        letterhead=LETTERHEAD,
        prescriber=PRESCRIBER,
        patient=PATIENT,
        modality=Modality.IV_KETAMINE,
        period_start=date(2025, 6, 1),
        period_end=TODAY,
        reviewed_on=TODAY,
        sessions=(SessionEntry(date(2026, 5, 20), Modality.IV_KETAMINE, Decimal(35), "mg"),),
        scores=(_madrs(),),
        side_effects=(SideEffectTally("Nausea", 2, "Mild"),),
        serious_events=(),
        monitoring=(MonitoringLine("Urinalysis", date(2026, 3, 1), "Up to date", False),),
        consent=ConsentStatus(date(2025, 6, 1), "ketamine-2026.1"),
        decision=ReviewDecision.CONTINUE,
        reasoning="Sustained remission at a 3-week interval.",
        safety_assessment="No suicidal ideation; blood pressure within limits.",
        cognitive_screen="MoCA 28/30 on 05/01/2026",
    )


def _schedule() -> BoosterSchedule:
    return BoosterSchedule(
        LETTERHEAD,
        PATIENT,
        (
            UpcomingSession(
                datetime.combine(TODAY + timedelta(days=21), time(9, tzinfo=CLINIC_ZONE)),
                Modality.IV_KETAMINE,
            ),
        ),
        TODAY,
        contact_phone="555-0100",
    )


def sample_letters() -> tuple[Letter, ...]:
    return (_consent(), _necessity(), _annual_review(), _schedule())


def _pages_read_by_qt(pdf: bytes) -> int:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount() if document.status() == QPdfDocument.Status.Ready else 0
    document.close()
    return pages


def check_letters() -> str:
    """Render every kind; '' when each is a PDF Qt can open, else what went wrong."""
    from reports.letters import kind_of, render_letter

    rendered = []
    for letter in sample_letters():
        try:
            pdf = render_letter(letter)
        except ValueError as error:
            return f"the {kind_of(letter).value} letter was refused: {error}"
        if _pages_read_by_qt(pdf) < 1:
            return f"the {kind_of(letter).value} letter did not open in Qt's PDF reader"
        rendered.append(kind_of(letter).value)
    print("letters rendered and read back: " + ", ".join(rendered))
    return ""
