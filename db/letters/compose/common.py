"""What the composers share: the patient as a letter names them, the course, signed
sessions, score series, the free-text parts of a form, and turning gathered facts into a
draft."""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.record.validation import Problem
from clinical.sessions import SessionContent, SessionState, content_from_dict
from db.errors import InvalidEntryError
from db.letters.draft import FixPlace, LetterDraft, MissingFact
from db.models import (
    Appointment,
    Patient,
    ScaleResultRecord,
    TreatmentCourse,
    TreatmentSession,
)
from reports.letters import DatedScore, LetterPatient, ScoreSeries

# The instruments a letter reports beside the course's own scale: the ones payers read
# (BDI-II and HAM-D for further TMS, clinical-reference.md §1 and §4) and the common
# depression scales.
REPORTED_INSTRUMENTS = ("MADRS", "HAMD17", "BDI2", "PHQ9", "QIDSSR16")


@dataclass(frozen=True)
class FreeTextField:
    """A part of a letter the prescriber writes on its form."""

    key: str
    label: str
    multiline: bool = False
    required: bool = False
    hint: str = ""


@dataclass
class Gathered:
    """The facts found missing while composing, in the order they were looked for."""

    missing: list[MissingFact] = field(default_factory=list)

    def lack(self, description: str, where: FixPlace) -> None:
        self.missing.append(MissingFact(description, where))


def check_free_text(
    free_text: Mapping[str, str], fields: Sequence[FreeTextField]
) -> dict[str, str]:
    """The free text stripped, every known key present; an unknown key is refused."""
    known = {f.key for f in fields}
    if unknown := sorted(set(free_text) - known):
        parts = ", ".join(f.key for f in fields) or "none"
        raise InvalidEntryError(
            [
                Problem(key, f"This letter has no part called {key} (its parts: {parts}).")
                for key in unknown
            ]
        )
    return {f.key: (free_text.get(f.key) or "").strip() for f in fields}


def require_text(gathered: Gathered, text: dict[str, str], spec: FreeTextField) -> str:
    value = text[spec.key]
    if spec.required and not value:
        gathered.lack(f"Write the {spec.label.lower()} on the letter's form.", FixPlace.LETTER_FORM)
    return value


def patient_name(patient: Patient) -> str:
    """The legal name as a letter prints it: given names, then family name."""
    return f"{patient.legal_given_names} {patient.legal_family_name}".strip()


def letter_patient(patient: Patient) -> LetterPatient:
    return LetterPatient(patient_name(patient), patient.date_of_birth, patient.mrn)


def open_course(session: Session, patient_id: int) -> TreatmentCourse | None:
    """The patient's current course: the latest one not closed."""
    return session.scalars(
        select(TreatmentCourse)
        .where(TreatmentCourse.patient_id == patient_id, TreatmentCourse.closed_on.is_(None))
        .order_by(TreatmentCourse.started_on.desc(), TreatmentCourse.id.desc())
        .limit(1)
    ).first()


def latest_course(session: Session, patient_id: int) -> TreatmentCourse | None:
    """The open course, or the one closed last."""
    return (
        open_course(session, patient_id)
        or session.scalars(
            select(TreatmentCourse)
            .where(TreatmentCourse.patient_id == patient_id)
            .order_by(TreatmentCourse.started_on.desc(), TreatmentCourse.id.desc())
            .limit(1)
        ).first()
    )


# Sessions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GivenSession:
    """A treatment given: from a signed session (with its content), or, where the clinic
    documents no sessions in the program, from an appointment marked done (no content)."""

    on: date
    modality: Modality
    content: SessionContent | None = None


def signed_sessions(
    session: Session,
    patient_id: int,
    *,
    first: date | None = None,
    last: date | None = None,
    course_id: int | None = None,
) -> list[GivenSession]:
    query = select(
        TreatmentSession.session_on, TreatmentSession.modality, TreatmentSession.content_json
    ).where(
        TreatmentSession.patient_id == patient_id,
        TreatmentSession.state == SessionState.SIGNED,
    )
    if first is not None:
        query = query.where(TreatmentSession.session_on >= first)
    if last is not None:
        query = query.where(TreatmentSession.session_on <= last)
    if course_id is not None:
        query = query.where(TreatmentSession.course_id == course_id)
    rows = session.execute(query.order_by(TreatmentSession.session_on, TreatmentSession.id))
    return [GivenSession(on, modality, _content(text)) for on, modality, text in rows]


def _content(text: str) -> SessionContent | None:
    try:
        return content_from_dict(json.loads(text))
    except ValueError:
        return None  # a damaged session reads as given, without its details


def done_appointments(
    session: Session,
    patient_id: int,
    *,
    first: date | None = None,
    last: date | None = None,
    course_id: int | None = None,
) -> list[GivenSession]:
    query = select(Appointment.day, Appointment.modality).where(
        Appointment.patient_id == patient_id, Appointment.status == AppointmentStatus.DONE
    )
    if first is not None:
        query = query.where(Appointment.day >= first)
    if last is not None:
        query = query.where(Appointment.day <= last)
    if course_id is not None:
        query = query.where(Appointment.course_id == course_id)
    rows = session.execute(query.order_by(Appointment.day, Appointment.start_time))
    return [GivenSession(day, modality) for day, modality in rows]


def sessions_given(
    session: Session,
    patient_id: int,
    *,
    first: date | None = None,
    last: date | None = None,
    course_id: int | None = None,
) -> list[GivenSession]:
    """Signed treatment sessions; when none are documented in the program, the
    appointments marked done (the calendar's record that the treatment was given)."""
    found = signed_sessions(session, patient_id, first=first, last=last, course_id=course_id)
    return found or done_appointments(
        session, patient_id, first=first, last=last, course_id=course_id
    )


# Scores -----------------------------------------------------------------------------------


def _results(session: Session, patient_id: int, code: str) -> list[tuple[date, int]]:
    """Dated totals of an instrument, oldest first, amendments in place of what they amend."""
    amended = select(ScaleResultRecord.supersedes_id).where(
        ScaleResultRecord.supersedes_id.is_not(None)
    )
    rows = session.execute(
        select(ScaleResultRecord.administered_at, ScaleResultRecord.total)
        .where(
            ScaleResultRecord.patient_id == patient_id,
            ScaleResultRecord.instrument_code == code,
            ScaleResultRecord.complete.is_(True),
            ScaleResultRecord.total.is_not(None),
            ScaleResultRecord.id.not_in(amended),
        )
        .order_by(ScaleResultRecord.administered_at, ScaleResultRecord.id)
    )
    return [(at.astimezone().date(), total) for at, total in rows]


def course_series(session: Session, course: TreatmentCourse) -> ScoreSeries | None:
    """The course's own scale: its acute baseline as the course records it, dated by the
    last result on that scale up to the course's start (else the start itself), and every
    result after it."""
    baseline = course.acute_baseline
    if baseline != baseline.to_integral_value():
        return None  # not a total this instrument can have
    results = _results(session, course.patient_id, course.scale)
    before = [(on, total) for on, total in results if on <= course.started_on]
    baseline_on = before[-1][0] if before else course.started_on
    after = results[len(before) :]
    return ScoreSeries(
        course.scale,
        DatedScore(baseline_on, int(baseline)),
        tuple(DatedScore(on, total) for on, total in after),
    )


def first_result_series(session: Session, patient_id: int, code: str) -> ScoreSeries | None:
    """An instrument's course as the chart reads it (`db.scales.history`): the first result
    is the baseline, the later ones follow. None when the chart has no result."""
    results = _results(session, patient_id, code)
    if not results:
        return None
    (first_on, first_total), *rest = results
    return ScoreSeries(
        code,
        DatedScore(first_on, first_total),
        tuple(DatedScore(on, total) for on, total in rest),
    )


def score_series(
    session: Session, patient_id: int, course: TreatmentCourse | None
) -> tuple[ScoreSeries, ...]:
    """The course's scale first, then the other reported instruments the chart holds."""
    series = []
    own = course_series(session, course) if course is not None else None
    if own is not None:
        series.append(own)
    for code in REPORTED_INSTRUMENTS:
        if own is not None and code == own.instrument_code:
            continue
        found = first_result_series(session, patient_id, code)
        if found is not None:
            series.append(found)
    return tuple(series)


# Finishing --------------------------------------------------------------------------------

# A fact the renderer still finds missing after the composer's own checks, placed by the
# words it uses; the composer's checks come first, so this is a backstop.
_PLACES_BY_WORD = (
    ("NPI", FixPlace.PRESCRIBER_DETAILS),
    ("prescriber", FixPlace.PRESCRIBER_DETAILS),
    ("insurance", FixPlace.INSURANCE),
    ("payer", FixPlace.INSURANCE),
    ("diagnos", FixPlace.DIAGNOSES),
    ("ICD-10", FixPlace.DIAGNOSES),
    ("medication", FixPlace.MEDICATION_TRIALS),
    ("psychotherapy", FixPlace.PSYCHOTHERAPY),
    ("score", FixPlace.SCALES),
    ("monitoring", FixPlace.CHECKLIST),
    ("consent", FixPlace.CHECKLIST),
    ("session", FixPlace.SESSIONS),
    ("date of birth", FixPlace.DEMOGRAPHICS),
    ("name", FixPlace.DEMOGRAPHICS),
    ("MRN", FixPlace.DEMOGRAPHICS),
    ("treatment", FixPlace.COURSE),
)


LetterT = TypeVar("LetterT")


def place_for(description: str, default: FixPlace) -> FixPlace:
    folded = description.casefold()
    for word, place in _PLACES_BY_WORD:
        if word.casefold() in folded:
            return place
    return default


def finish(
    gathered: Gathered,
    build: Callable[[], LetterT],
    still_missing: Callable[[LetterT], tuple[str, ...]],
    default_place: FixPlace,
) -> LetterDraft[LetterT]:
    """The letter when nothing is missing; else the missing facts, the composer's own
    first, then (only when it found none) whatever the renderer would still refuse."""
    if gathered.missing:
        return LetterDraft(missing=tuple(gathered.missing))
    letter = build()
    if leftover := still_missing(letter):
        return LetterDraft(
            missing=tuple(
                MissingFact(
                    f"{text[0].upper()}{text[1:]} is missing.", place_for(text, default_place)
                )
                for text in leftover
            )
        )
    return LetterDraft(letter=letter)
