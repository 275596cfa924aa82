"""Letters as a clinician makes them: compose one (to preview what it will say, or what is
missing), generate one (compose, lay out and archive, in one transaction), and find the
patients a batch run would write for.

Every function here uses only the `Database` it is given and opens its own sessions, so the
Letters screen may call `generate_letter` from a worker thread.

Who may: the consent reaffirmation, the medical-necessity letter and the annual summary
carry the prescriber's signature (SIGN_LETTER: prescribers); the booster schedule is a
handout for anyone who sees the chart and books sessions (VIEW_CLINICAL and
MANAGE_CALENDAR: prescribers, clinicians, nurses).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.calendar.settings import load_time_zone
from db.database import Database
from db.errors import RecordNotFoundError
from db.letters.archive import archive_letter
from db.letters.compose.annual_summary import FIELDS as ANNUAL_FIELDS
from db.letters.compose.annual_summary import compose_annual_summary
from db.letters.compose.booster_schedule import FIELDS as SCHEDULE_FIELDS
from db.letters.compose.booster_schedule import compose_booster_schedule
from db.letters.compose.common import FreeTextField
from db.letters.compose.consent import FIELDS as CONSENT_FIELDS
from db.letters.compose.consent import compose_consent
from db.letters.compose.necessity import FIELDS as NECESSITY_FIELDS
from db.letters.compose.necessity import compose_necessity
from db.letters.draft import LetterDraft, MissingFactsError
from db.letters.kinds import LetterKind
from db.letters.letterhead import letterhead_in, load_fasting_wording, prescriber_in
from db.letters.views import ArchivedLetterView
from db.models import Patient
from db.patients.repository import get_patient, patient_id_for_mrn
from reports import letters as report

_FIELDS: dict[LetterKind, tuple[FreeTextField, ...]] = {
    LetterKind.CONSENT_REAFFIRMATION: CONSENT_FIELDS,
    LetterKind.MEDICAL_NECESSITY: NECESSITY_FIELDS,
    LetterKind.ANNUAL_REVIEW_SUMMARY: ANNUAL_FIELDS,
    LetterKind.BOOSTER_SCHEDULE: SCHEDULE_FIELDS,
}
_REPORT_KIND = {
    LetterKind.CONSENT_REAFFIRMATION: report.LetterKind.CONSENT_REAFFIRMATION,
    LetterKind.MEDICAL_NECESSITY: report.LetterKind.MEDICAL_NECESSITY,
    LetterKind.ANNUAL_REVIEW_SUMMARY: report.LetterKind.ANNUAL_REVIEW_SUMMARY,
    LetterKind.BOOSTER_SCHEDULE: report.LetterKind.BOOSTER_SCHEDULE,
}


def free_text_fields(kind: LetterKind) -> tuple[FreeTextField, ...]:
    """The parts of a letter the prescriber writes on its form, in order."""
    return _FIELDS[kind]


def short_name(kind: LetterKind) -> str:
    """The name the command line takes: 'consent', 'necessity', 'annual-review',
    'schedule'."""
    return _REPORT_KIND[kind].value


def kind_named(name: str) -> LetterKind:
    """The kind from its short name or its stored value; ValueError for anything else."""
    for kind in LetterKind:
        if name in (kind.value, short_name(kind)):
            return kind
    raise ValueError(f"Not a letter kind: {name}")


def patient_for_mrn(database: Database, mrn: str) -> int:
    """The patient's id (for the command line, which names patients by MRN)."""
    with database.reading() as session:
        patient_id = patient_id_for_mrn(session, mrn)
    if patient_id is None:
        raise RecordNotFoundError(f"No patient has the MRN {mrn.strip().upper()}.")
    return patient_id


def authorize_kind(
    database: Database, actor: Actor, kind: LetterKind, patient_id: int | None = None
) -> None:
    if kind.signed:
        authorize(database, actor, Permission.SIGN_LETTER, AuditCategory.LETTERS, patient_id)
        return
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.LETTERS, patient_id)
    authorize(database, actor, Permission.MANAGE_CALENDAR, AuditCategory.LETTERS, patient_id)


@dataclass(frozen=True)
class _Settings:
    """What is read from settings before the transaction opens."""

    time_zone: str
    fasting_wording: str


def _settings(database: Database, kind: LetterKind) -> _Settings:
    if kind is not LetterKind.BOOSTER_SCHEDULE:
        return _Settings("", "")
    return _Settings(load_time_zone(database), load_fasting_wording(database))


def _compose_in(
    session: Session,
    actor: Actor,
    patient: Patient,
    kind: LetterKind,
    free_text: Mapping[str, str],
    today: date,
    settings: _Settings,
) -> LetterDraft:
    letterhead = letterhead_in(session)
    if kind is LetterKind.BOOSTER_SCHEDULE:
        return compose_booster_schedule(
            session,
            patient,
            letterhead,
            free_text,
            today,
            time_zone=settings.time_zone,
            fasting_wording=settings.fasting_wording,
        )
    signer = prescriber_in(session, actor.user_id)
    if kind is LetterKind.CONSENT_REAFFIRMATION:
        return compose_consent(session, patient, letterhead, signer, free_text, today)
    if kind is LetterKind.MEDICAL_NECESSITY:
        return compose_necessity(session, patient, letterhead, signer, free_text, today)
    return compose_annual_summary(session, patient, letterhead, signer, free_text, today)


def compose_letter(
    database: Database,
    actor: Actor,
    patient_id: int,
    kind: LetterKind,
    free_text: Mapping[str, str],
    today: date | None = None,
) -> LetterDraft:
    """The letter's data as it would print today, or the facts still missing, each with
    the place to enter it. Nothing is printed or kept; the read is audited."""
    authorize_kind(database, actor, kind, patient_id)
    day = today or date.today()
    settings = _settings(database, kind)
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        draft = _compose_in(session, actor, patient, kind, free_text, day, settings)
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.LETTERS,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            detail=f"{kind.value} composed"
            + ("" if draft.ready else f", {len(draft.missing)} facts missing"),
        )
        return draft


def generate_letter(
    database: Database,
    actor: Actor,
    patient_id: int,
    kind: LetterKind,
    free_text: Mapping[str, str],
    today: date | None = None,
) -> ArchivedLetterView:
    """Compose, lay out and archive the letter in one transaction; the archived bytes are
    the letter from then on (`db.letters.archive.letter_pdf`). Refused with
    `MissingFactsError` (listing each missing fact and where to enter it) when a fact is
    missing: nothing is printed with blanks."""
    authorize_kind(database, actor, kind, patient_id)
    day = today or date.today()
    settings = _settings(database, kind)
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        draft = _compose_in(session, actor, patient, kind, free_text, day, settings)
        if draft.letter is None:
            raise MissingFactsError(draft.missing)
        letter = draft.letter
        pdf = report.render_letter(letter)  # a ready draft has passed its missing_facts
        return archive_letter(
            database,
            session,
            actor,
            patient_id,
            kind,
            pdf,
            report.template_version(_REPORT_KIND[kind]),
            _content_version(letter),
            title=_title(kind, letter),
            signer=getattr(letter, "prescriber", None) if kind.signed else None,
            recipient=_recipient_lines(letter),
        )


def _content_version(letter: object) -> str:
    if isinstance(letter, report.ConsentReaffirmation) and letter.modality is not None:
        return report.consent_text_version(letter.modality)
    return ""


def _title(kind: LetterKind, letter: object) -> str:
    modality = getattr(letter, "modality", None)
    if isinstance(letter, report.MedicalNecessityLetter):
        modality = letter.service.modality
    return f"{kind.label}: {modality.label}" if modality is not None else kind.label


def _recipient_lines(letter: object) -> tuple[str, ...]:
    if isinstance(letter, report.MedicalNecessityLetter) and letter.recipient is not None:
        return letter.recipient.all_lines
    patient = getattr(letter, "patient", None)
    return (f"Patient: {patient.name}",) if patient is not None else ()
