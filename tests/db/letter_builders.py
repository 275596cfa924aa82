"""A realistic synthetic patient for the letter tests (imported, not collected): insurance,
diagnoses, failed trials, psychotherapy, a course with its baseline, scores, signed sessions
with side effects, and sessions booked ahead; and a clinic with its letterhead."""

import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from PIL import Image, ImageDraw

from clinical.calendar import AppointmentStatus
from clinical.protocols import Modality, tms_acute_course
from clinical.record.drafts import DiagnosisDraft, MedicationTrialDraft, PsychotherapyTrialDraft
from clinical.record.enums import DrugClass, PsychotherapyModality, TrialOutcome
from clinical.sessions import (
    CommonContent,
    KetamineDetails,
    Route,
    SessionContent,
    SessionState,
    Severity,
    SideEffect,
    SideEffectAnswer,
    SideEffectReview,
    TmsDetails,
    content_to_dict,
)
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.calendar import workflows as calendar
from db.calendar.views import BookingDraft
from db.courses import workflows as courses
from db.database import Database
from db.letters.letterhead import LetterheadDraft, save_letterhead, save_prescriber_details
from db.models import ScaleResultRecord, TreatmentSession
from db.patients import workflows as patients
from reports.model import PageSize
from tests.db.course_builders import course_draft
from tests.factories import make_patient_draft

TODAY = date(2026, 11, 20)  # a Friday
STARTED = date(2026, 1, 5)  # a Monday
NPI = "1234567893"  # CMS's example NPI: passes the check digit
FASTING = "Please have nothing to eat for 2 hours before your session."


def png(width: int, height: int, colour: str) -> bytes:
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).ellipse((2, 2, height - 2, height - 2), fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def set_up_clinic(database: Database, staff: dict[Role, Actor]) -> None:
    save_letterhead(
        database,
        staff[Role.ADMINISTRATOR],
        LetterheadDraft(
            clinic_name="Riverside Mood Clinic",
            address_lines=("12 Weir Road, Suite 310", "Millbrook, OR 97000"),
            phone="(503) 555-0140",
            fax="(503) 555-0141",
            logo=png(120, 40, "teal"),
            page_size=PageSize.LETTER,
            fasting_wording=FASTING,
        ),
    )
    prescriber = staff[Role.PRESCRIBER]
    save_prescriber_details(
        database, prescriber, prescriber.user_id, "MD", NPI, png(200, 60, "navy")
    )


@dataclass(frozen=True)
class Built:
    patient_id: int
    course_id: int


def _score(database: Database, patient_id: int, code: str, day: date, total: int) -> None:
    with database.transaction() as session:
        session.add(
            ScaleResultRecord(
                patient_id=patient_id,
                instrument_code=code,
                rule_version="test",
                administered_at=datetime.combine(day, time(9, 0)).astimezone(UTC),
                answers_json="{}",
                total=total,
                complete=True,
            )
        )


def _given(
    database: Database, actor: Actor, patient_id: int, course_id: int, day: date, modality: Modality
) -> int:
    draft = BookingDraft(patient_id, modality, day, time(9, 0), 60, course_id=course_id)
    (appointment_id,) = calendar.book_appointment(
        database, actor, draft, today=day, now=datetime.combine(day, time(7, 0))
    )
    view = calendar.appointment(database, actor, appointment_id)
    calendar.set_status(
        database, actor, appointment_id, view.version, AppointmentStatus.DONE, today=day
    )
    return appointment_id


def _content(modality: Modality, effects: tuple[SideEffectAnswer, ...]) -> SessionContent:
    common = CommonContent(side_effects=SideEffectReview(effects))
    if modality is Modality.TMS:
        details = TmsDetails(intensity_pct_mt=Decimal(120), frequency_hz=Decimal(10), pulses=3000)
        return SessionContent(common, details)
    return SessionContent(
        common,
        KetamineDetails(
            weight_kg=Decimal(70),
            dose_mg_per_kg=Decimal("0.50"),
            dose_total_mg=Decimal("35.0"),
            route=Route.IV,
        ),
    )


def _sign(
    database: Database,
    actor: Actor,
    patient_id: int,
    course_id: int,
    appointment_id: int,
    day: date,
    modality: Modality,
    effects: tuple[SideEffectAnswer, ...],
) -> None:
    content = json.dumps(content_to_dict(_content(modality, effects)), sort_keys=True)
    signed_at = datetime.combine(day, time(11, 0)).astimezone(UTC)
    with database.transaction() as session:
        session.add(
            TreatmentSession(
                patient_id=patient_id,
                course_id=course_id,
                appointment_id=appointment_id,
                modality=modality,
                session_on=day,
                state=SessionState.SIGNED,
                content_json=content,
                serious_side_effects=any(a.severity is Severity.SEVERE for a in effects),
                overrides_json="{}",
                created_by=actor.display_name,
                created_by_user_id=actor.user_id,
                signed_by=actor.display_name,
                signed_by_user_id=actor.user_id,
                signed_at=signed_at,
                content_sha256="0" * 64,
                created_at=signed_at,
                updated_at=signed_at,
            )
        )


def book_ahead(
    database: Database,
    actor: Actor,
    patient_id: int,
    course_id: int,
    modality: Modality,
    days: list[date],
) -> None:
    for day in days:
        draft = BookingDraft(patient_id, modality, day, time(10, 30), 60, course_id=course_id)
        calendar.book_appointment(
            database, actor, draft, today=TODAY, now=datetime.combine(TODAY, time(8, 0))
        )


def realistic_patient(
    database: Database,
    staff: dict[Role, Actor],
    *,
    modality: Modality = Modality.IV_KETAMINE,
    mrn: str = "BD-2001",
    family: str = "Testperson",
    given: str = "Ada",
) -> Built:
    prescriber = staff[Role.PRESCRIBER]
    patient_id = patients.create_patient(
        database,
        prescriber,
        make_patient_draft(
            mrn=mrn,
            legal_family_name=family,
            legal_given_names=given,
            insurance_payer="Synthetic Health Plan",
            insurance_member_id="SYN123456789",
            insurance_group_number="GRP-4421",
            insurance_payer_address="Utilization Review\nPO Box 4000\nSalem, OR 97301",
        ),
        date(2025, 6, 1),
    )
    patients.save_diagnosis(
        database,
        prescriber,
        patient_id,
        DiagnosisDraft(
            "F33.2",
            "Major depressive disorder, recurrent severe without psychotic features",
            True,
        ),
    )
    for trial in (
        MedicationTrialDraft(
            "Sertraline", DrugClass.SSRI, Decimal(200), "mg/day",
            date(2024, 1, 8), date(2024, 4, 1), 10, TrialOutcome.NO_RESPONSE,
        ),
        MedicationTrialDraft(
            "Venlafaxine XR", DrugClass.SNRI, Decimal(225), "mg/day",
            date(2024, 5, 1), date(2024, 8, 15), 12, TrialOutcome.PARTIAL_RESPONSE,
        ),
    ):  # fmt: skip
        patients.save_medication_trial(database, prescriber, patient_id, trial)
    patients.save_psychotherapy_trial(
        database,
        prescriber,
        patient_id,
        PsychotherapyTrialDraft(
            PsychotherapyModality.CBT,
            date(2024, 9, 1),
            date(2024, 12, 20),
            16,
            TrialOutcome.PARTIAL_RESPONSE,
        ),
    )
    template = tms_acute_course() if modality is Modality.TMS else None
    course_id = courses.create_course(
        database,
        prescriber,
        patient_id,
        course_draft(template, modality=modality, started_on=STARTED, baseline=32),
        STARTED,
    )
    # Acute baselines, then scores through the year.
    _score(database, patient_id, "MADRS", STARTED - timedelta(days=3), 32)
    _score(database, patient_id, "HAMD17", STARTED - timedelta(days=3), 24)
    _score(database, patient_id, "BDI2", STARTED - timedelta(days=3), 38)
    for day, madrs, hamd, bdi in (
        (date(2026, 2, 16), 14, 11, 20),
        (date(2026, 6, 1), 9, 8, 14),
        (date(2026, 11, 2), 7, 6, 12),
    ):
        _score(database, patient_id, "MADRS", day, madrs)
        _score(database, patient_id, "HAMD17", day, hamd)
        _score(database, patient_id, "BDI2", day, bdi)
    headache = SideEffectAnswer(SideEffect.HEADACHE, Severity.MILD)
    nausea = SideEffectAnswer(SideEffect.NAUSEA_VOMITING, Severity.MODERATE)
    sessions = (
        (STARTED, (headache,)),
        (date(2026, 3, 2), (headache, nausea)),
        (date(2026, 7, 6), ()),
        (date(2026, 10, 5), (SideEffectAnswer(SideEffect.HEADACHE, Severity.SEVERE),)),
    )
    for day, effects in sessions:
        appointment_id = _given(database, prescriber, patient_id, course_id, day, modality)
        _sign(database, prescriber, patient_id, course_id, appointment_id, day, modality, effects)
    book_ahead(
        database,
        prescriber,
        patient_id,
        course_id,
        modality,
        [date(2026, 11, 30), date(2026, 12, 21), date(2027, 1, 11)],
    )
    return Built(patient_id, course_id)
