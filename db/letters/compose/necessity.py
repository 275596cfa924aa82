"""The medical-necessity letter to the payer (clinical-reference.md §4): identifiers,
diagnoses, failed trials, psychotherapy, scores against the course's acute baseline, the
sessions given and the service requested with its codes.

Percent change, response and the 50% criterion are worked out by `clinical.scales` when
the letter is laid out; nothing here does arithmetic on scores.
"""

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.modality import Modality
from clinical.protocols.enums import Phase
from clinical.record.validation import Problem
from db.errors import InvalidEntryError
from db.letters.compose.common import (
    FreeTextField,
    Gathered,
    check_free_text,
    finish,
    latest_course,
    letter_patient,
    require_text,
    score_series,
    sessions_given,
)
from db.letters.compose.plan import step_text
from db.letters.draft import FixPlace, LetterDraft
from db.models import (
    CourseAuthorization,
    Diagnosis,
    MedicationTrial,
    Patient,
    PsychotherapyTrial,
    TreatmentCourse,
)
from reports import letters as report
from reports.model import Letterhead, Prescriber, Recipient

ILLNESS_HISTORY = FreeTextField(
    "illness_history",
    "Illness history",
    multiline=True,
    required=True,
    hint="Onset, duration of the current episode, hospitalisations, functional impact.",
)
RATIONALE = FreeTextField("clinical_rationale", "Clinical rationale", multiline=True, required=True)
RISK = FreeTextField(
    "risk_of_stopping", "Risk of stopping treatment", multiline=True, required=True
)
SESSIONS = FreeTextField(
    "sessions_requested", "Number of sessions requested", required=True, hint="A whole number."
)
DESCRIPTION = FreeTextField(
    "service_description",
    "Service requested",
    hint="Leave empty for the course's treatment.",
)
FREQUENCY = FreeTextField(
    "frequency", "Frequency", hint="Leave empty to print where the course stands now."
)
CODES = FreeTextField(
    "billing_codes",
    "Billing codes",
    multiline=True,
    hint="One per line, the code then what it covers. Needed for IV or IM ketamine, "
    "which has no code of its own; replaces the usual TMS or esketamine codes.",
)
FIELDS = (ILLNESS_HISTORY, RATIONALE, RISK, SESSIONS, DESCRIPTION, FREQUENCY, CODES)
MAX_SESSIONS = 500


def compose_necessity(
    session: Session,
    patient: Patient,
    letterhead: Letterhead | None,
    prescriber: Prescriber,
    free_text: Mapping[str, str],
    today: date,
) -> LetterDraft[report.MedicalNecessityLetter]:
    text = check_free_text(free_text, FIELDS)
    requested = _sessions_requested(text[SESSIONS.key])
    gathered = Gathered()
    if letterhead is None:
        gathered.lack("The clinic's letterhead is not set up.", FixPlace.LETTERHEAD_SETTINGS)
    if not prescriber.npi:
        gathered.lack(
            "Your NPI is not on file: a payer letter carries the prescriber's NPI.",
            FixPlace.PRESCRIBER_DETAILS,
        )
    recipient = _recipient(gathered, patient)
    if not patient.insurance_member_id.strip():
        gathered.lack("The patient's insurance member ID is not on file.", FixPlace.INSURANCE)
    diagnoses = _diagnoses(gathered, session, patient.id)
    trials = _medication_trials(gathered, session, patient.id)
    course = latest_course(session, patient.id)
    if course is None:
        gathered.lack(
            "No treatment course: the letter requests the course's treatment and reports "
            "its baseline score.",
            FixPlace.COURSE,
        )
    therapies = _psychotherapy(gathered, session, patient.id, course)
    scores = score_series(session, patient.id, course)
    given = (
        sessions_given(session, patient.id, course_id=course.id, last=today)
        if course is not None
        else []
    )
    if course is not None:
        _check_scores(gathered, scores, bool(given))
    codes = _codes(gathered, text[CODES.key], course, today)
    illness = require_text(gathered, text, ILLNESS_HISTORY)
    rationale = require_text(gathered, text, RATIONALE)
    risk = require_text(gathered, text, RISK)
    if requested is None:
        gathered.lack(
            "Write the number of sessions requested on the letter's form.", FixPlace.LETTER_FORM
        )

    def build() -> report.MedicalNecessityLetter:
        assert letterhead is not None and course is not None
        return report.MedicalNecessityLetter(
            letterhead=letterhead,
            prescriber=prescriber,
            recipient=recipient,
            patient=letter_patient(patient),
            insurance=report.InsuranceIds(
                patient.insurance_member_id.strip(),
                patient.insurance_group_number.strip(),
                _authorization_reference(session, course),
            ),
            letter_date=today,
            diagnoses=diagnoses,
            illness_history=illness,
            medication_trials=trials,
            psychotherapy_trials=therapies,
            scores=scores,
            sessions_given=report.SessionsGiven(
                len(given), given[0].on if given else None, given[-1].on if given else None
            ),
            service=report.RequestedService(
                modality=course.modality,
                description=text[DESCRIPTION.key] or _description(course),
                codes=codes,
                frequency=text[FREQUENCY.key] or step_text(course),
                sessions_requested=requested,
            ),
            clinical_rationale=rationale,
            risk_of_stopping=risk,
        )

    return finish(gathered, build, report.missing_facts, FixPlace.LETTER_FORM)


def _sessions_requested(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_SESSIONS:
        raise InvalidEntryError(
            [
                Problem(
                    SESSIONS.key,
                    f"The number of sessions requested is a whole number from 1 to {MAX_SESSIONS}.",
                )
            ]
        )
    return int(value)


def _recipient(gathered: Gathered, patient: Patient) -> Recipient | None:
    payer = patient.insurance_payer.strip()
    lines = [line.strip() for line in patient.insurance_payer_address.splitlines()]
    lines = [line for line in lines if line]
    if not payer:
        gathered.lack("The patient's insurance payer is not on file.", FixPlace.INSURANCE)
    if not lines:
        gathered.lack(
            "The payer's mailing address is not on file (the letter goes to it).",
            FixPlace.INSURANCE,
        )
    return Recipient(payer, tuple(lines)) if payer else None


def _diagnoses(
    gathered: Gathered, session: Session, patient_id: int
) -> tuple[report.Diagnosis, ...]:
    rows = session.scalars(
        select(Diagnosis)
        .where(Diagnosis.patient_id == patient_id)
        .order_by(Diagnosis.is_primary.desc(), Diagnosis.id)
    ).all()
    if not rows:
        gathered.lack("No diagnosis with its ICD-10-CM code is on file.", FixPlace.DIAGNOSES)
    return tuple(report.Diagnosis(d.icd10_code, d.description, d.is_primary) for d in rows)


def _trial_name(row: MedicationTrial) -> str:
    return row.drug.strip() or "unnamed"


def _medication_trials(
    gathered: Gathered, session: Session, patient_id: int
) -> tuple[report.MedicationTrial, ...]:
    rows = session.scalars(
        select(MedicationTrial)
        .where(MedicationTrial.patient_id == patient_id)
        .order_by(
            MedicationTrial.start_date.is_(None), MedicationTrial.start_date, MedicationTrial.id
        )
    ).all()
    failed = [row for row in rows if row.outcome.counts_as_failed]
    if not failed:
        gathered.lack(
            "No failed medication trial is on file (no response, partial response or not "
            "tolerated).",
            FixPlace.MEDICATION_TRIALS,
        )
    for row in failed:
        if row.dose_amount is None:
            gathered.lack(
                f"The dose of the {_trial_name(row)} trial is not on file.",
                FixPlace.MEDICATION_TRIALS,
            )
        if row.weeks_at_adequate_dose is None and row.start_date is None:
            gathered.lack(
                f"The duration of the {_trial_name(row)} trial is not on file (weeks at an "
                "adequate dose, or its dates).",
                FixPlace.MEDICATION_TRIALS,
            )
    return tuple(
        report.MedicationTrial(
            drug=row.drug,
            outcome=row.outcome,
            drug_class=row.drug_class,
            dose_amount=row.dose_amount,
            dose_unit=row.dose_unit,
            start_date=row.start_date,
            end_date=row.end_date,
            weeks_at_adequate_dose=row.weeks_at_adequate_dose,
            notes=row.notes,
        )
        for row in rows
    )


def _psychotherapy(
    gathered: Gathered, session: Session, patient_id: int, course: TreatmentCourse | None
) -> tuple[report.PsychotherapyTrial, ...]:
    rows = session.scalars(
        select(PsychotherapyTrial)
        .where(PsychotherapyTrial.patient_id == patient_id)
        .order_by(PsychotherapyTrial.start_date.is_(None), PsychotherapyTrial.start_date)
    ).all()
    if not rows and course is not None and course.modality is Modality.TMS:
        gathered.lack(
            "No psychotherapy trial is on file: payers ask for one before TMS.",
            FixPlace.PSYCHOTHERAPY,
        )
    for row in rows:
        if row.start_date is None and row.sessions is None:
            gathered.lack(
                f"The dates or number of sessions of the {row.modality.label} course are not "
                "on file.",
                FixPlace.PSYCHOTHERAPY,
            )
    return tuple(
        report.PsychotherapyTrial(
            modality=row.modality,
            outcome=row.outcome,
            start_date=row.start_date,
            end_date=row.end_date,
            sessions=row.sessions,
            notes=row.notes,
        )
        for row in rows
    )


def _check_scores(gathered: Gathered, scores: tuple[report.ScoreSeries, ...], given: bool) -> None:
    if not any(series.baseline is not None for series in scores):
        gathered.lack(
            "No baseline score: record the acute (pre-treatment) score on the course.",
            FixPlace.SCALES,
        )
    elif given and not any(s.baseline is not None and s.current is not None for s in scores):
        gathered.lack(
            "No rating scale score since treatment began: record a current score.",
            FixPlace.SCALES,
        )


def _codes(
    gathered: Gathered, typed: str, course: TreatmentCourse | None, today: date
) -> tuple[report.ServiceCode, ...]:
    if typed:
        return tuple(_typed_code(line) for line in typed.splitlines() if line.strip())
    if course is None:
        return ()
    codes = report.standard_codes(course.modality, today)
    if not codes:
        gathered.lack(
            f"Write the billing codes for the {course.modality.label} course on the letter's "
            "form: it has no code of its own.",
            FixPlace.LETTER_FORM,
        )
    return codes


def _typed_code(line: str) -> report.ServiceCode:
    """'96365 IV infusion, first hour' -> the code and what it covers."""
    code, _, description = line.strip().partition(" ")
    return report.ServiceCode(
        report.CodeSystem.OTHER, code.strip(" :-"), description.strip(" :-") or code
    )


def _description(course: TreatmentCourse) -> str:
    what = "Acute course" if course.phase is Phase.INDUCTION else "Continued treatment"
    return f"{what} of {course.modality.label} for treatment-resistant depression"


def _authorization_reference(session: Session, course: TreatmentCourse) -> str:
    reference = session.scalars(
        select(CourseAuthorization.reference)
        .where(CourseAuthorization.course_id == course.id)
        .order_by(CourseAuthorization.id.desc())
        .limit(1)
    ).first()
    return reference or ""
