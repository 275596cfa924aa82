"""Treatment sessions, each change one transaction: start a draft from an appointment,
save it as it is typed, sign it (the appointment done, monitoring events raised, the
content sealed by its hash), add addenda; read them; the Spravato REMS worklist and form.

Permissions: DOCUMENT_SESSION to edit a draft and add addenda, SIGN_SESSION to sign,
VIEW_CLINICAL to read. A nurse (RECORD_VITALS) may open the draft for an appointment and
save vital signs into it (`save_vitals`): vitals are usually taken before the prescriber
comes in, and what the nurse types is part of the session the prescriber signs. What must
be true to sign is `clinical.sessions`; nothing here decides it.
"""

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import NoReturn

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.record.names import display_name
from clinical.record.validation import Problem
from clinical.sessions import (
    REMS_FORM_VERSION,
    ConcomitantMedication,
    EsketamineDetails,
    KetamineDetails,
    OverrideKey,
    SessionContent,
    SessionState,
    SubstanceScreen,
    TmsDetails,
    VitalSigns,
    VitalsPoint,
    content_to_dict,
    details_type,
    dose_summary,
    form_due_on,
    monitoring_events,
    overrides_from_dict,
    overrides_to_dict,
    prefill_from,
    problems_before_signing,
)
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.base import utc_now
from db.calendar import booking
from db.database import Database
from db.errors import InvalidEntryError, StaleEditError
from db.models import (
    Appointment,
    ScaleResultRecord,
    SessionAddendum,
    TreatmentCourse,
    TreatmentSession,
)
from db.monitoring.workflows import add_monitoring_event, record_completion
from db.patients.repository import get_patient
from db.sessions import repository
from db.sessions.repository import REMS_FORM_ITEM, session_days
from db.sessions.settings import read_session_settings
from db.sessions.views import RemsWorkItem, SessionSummary, SessionView
from reports.model import Letterhead
from reports.rems_form import RemsFormData, render_rems_form

__all__ = [
    "NO_REMS_ENROLLMENT",
    "SIGNED_READ_ONLY",
    "add_addendum",
    "discard_draft",
    "mark_rems_submitted",
    "patient_sessions",
    "print_rems_form",
    "rems_form_data",
    "rems_worklist",
    "save_draft",
    "save_vitals",
    "session_days",
    "session_for_appointment",
    "session_view",
    "sign_session",
    "start_session",
]

SIGNED_READ_ONLY = "This session is signed; add an addendum instead."
NO_REMS_ENROLLMENT = (
    "Record the patient's Spravato REMS enrollment before the first esketamine session."
)
STALE = (
    "This session was saved by someone else after you opened it. Nothing of yours was "
    "saved: open it again, compare, and enter your change again."
)
OBJECT = "treatment session"
EVENT_SOURCE = "treatment session"
MAX_CONTENT_CHARS = 200_000
MAX_TEXT = 4000


def _fail(field: str, message: str) -> NoReturn:
    raise InvalidEntryError([Problem(field, message)])


def _today(today: date | None) -> date:
    return today or date.today()


def _patient_of_session(database: Database, session_id: int) -> int:
    with database.reading() as session:
        return repository.get_session_row(session, session_id).patient_id


def _authorize_session(
    database: Database, actor: Actor, permission: Permission, session_id: int
) -> None:
    """Authorize first, outside the unit of work: a refusal is audited in its own."""
    patient_id = _patient_of_session(database, session_id)
    authorize(database, actor, permission, AuditCategory.SESSIONS, patient_id)


def _may_open_drafts(database: Database, actor: Actor, patient_id: int) -> None:
    if actor.may(Permission.DOCUMENT_SESSION):
        return
    authorize(database, actor, Permission.RECORD_VITALS, AuditCategory.SESSIONS, patient_id)


def _check_version(row: TreatmentSession, expected_version: int) -> None:
    if row.version != expected_version:
        raise StaleEditError(STALE)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleEditError(STALE) from error


def _refuse_signed(row: TreatmentSession) -> None:
    if row.state is SessionState.SIGNED:
        _fail("", SIGNED_READ_ONLY)


def _audit(
    database: Database,
    session: Session,
    actor: Actor,
    action: AuditAction,
    row: TreatmentSession,
    detail: str,
    prior: object = None,
) -> None:
    database.audit.record(
        session,
        actor,
        action,
        AuditCategory.SESSIONS,
        patient_id=row.patient_id,
        object_type=OBJECT,
        object_id=row.id,
        prior=prior,
        detail=detail,
    )


def _put_content(
    row: TreatmentSession, content: SessionContent, overrides: Mapping[OverrideKey, str] | None
) -> None:
    """The content (and overrides) into the row, with the columns copied from it."""
    if not isinstance(content.details, details_type(row.modality)):
        _fail("details", f"This is a {row.modality.label} session; the form is of another kind.")
    encoded = json.dumps(content_to_dict(content), sort_keys=True, ensure_ascii=False)
    if len(encoded) > MAX_CONTENT_CHARS:
        _fail("", "This session's notes are too long to save; shorten them.")
    row.content_json = encoded
    details = content.details
    dose = None
    lot = ""
    if isinstance(details, KetamineDetails):
        dose = details.dose_total_mg
    elif isinstance(details, EsketamineDetails):
        dose = None if details.dose_mg is None else details.dose_mg
        lot = details.lot_number.strip()[:40]
    row.dose_mg = dose  # type: ignore[assignment]
    row.lot_number = lot
    row.days_of_benefit = content.common.response.days_of_benefit
    row.peak_score = content.common.response.peak_score
    row.serious_side_effects = content.common.side_effects.any_serious
    if overrides is not None:
        row.overrides_json = json.dumps(overrides_to_dict(overrides), sort_keys=True)
    row.updated_at = utc_now()


def _load_view(database: Database, session_id: int) -> SessionView:
    with database.reading() as session:
        return repository.session_view(session, repository.get_session_row(session, session_id))


# Drafting ---------------------------------------------------------------------------------


def _course_for(session: Session, appointment: Appointment) -> TreatmentCourse:
    if appointment.course_id is None:
        _fail(
            "appointment",
            "This appointment is not part of a treatment course. Link it to the patient's "
            "course in the calendar, then document the session.",
        )
    course = session.get(TreatmentCourse, appointment.course_id)
    assert course is not None
    return course


def _first_content(
    session: Session, appointment: Appointment, course: TreatmentCourse, actor: Actor
) -> SessionContent:
    previous = repository.previous_signed(session, course.id, appointment.day)
    content = prefill_from(
        None if previous is None else repository.decode_content(previous), appointment.modality
    ).content
    content = replace(content, common=replace(content.common, scale_due=course.scale))
    details = content.details
    if isinstance(details, TmsDetails):
        given = session.scalar(
            select(func.count())
            .select_from(Appointment)
            .where(
                Appointment.course_id == course.id,
                Appointment.status == AppointmentStatus.DONE,
                Appointment.id != appointment.id,
                Appointment.day <= appointment.day,
            )
        )
        details = replace(
            details, session_number=(given or 0) + 1, treater=details.treater or actor.display_name
        )
    elif isinstance(details, EsketamineDetails) and not details.prescriber_on_site:
        details = replace(details, prescriber_on_site=course.prescriber)
    return replace(content, details=details)


def start_session(
    database: Database, actor: Actor, appointment_id: int, today: date | None = None
) -> SessionView:
    """The draft for a booked or arrived appointment of a course: created, pre-filled from
    the course's previous signed session, or the existing draft (or signed session) for
    that appointment returned as it is. A first esketamine session for a patient without
    REMS enrollment on file is refused (NO_REMS_ENROLLMENT)."""
    day = _today(today)
    with database.reading() as session:
        patient_id = booking.get_appointment(session, appointment_id).patient_id
    _may_open_drafts(database, actor, patient_id)
    with database.transaction() as session:
        appointment = booking.get_appointment(session, appointment_id)
        existing = session.scalar(
            select(TreatmentSession).where(TreatmentSession.appointment_id == appointment_id)
        )
        if existing is not None:
            _audit(database, session, actor, AuditAction.READ, existing, "treatment session")
            return repository.session_view(session, existing)
        if appointment.status not in (AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED):
            _fail(
                "appointment",
                f"This appointment is {appointment.status.value}: only a booked or arrived "
                "appointment can be documented as a session.",
            )
        if appointment.day > day:
            _fail(
                "appointment",
                f"This appointment is on {appointment.day:%Y-%m-%d}; document it on the day.",
            )
        course = _course_for(session, appointment)
        if (
            appointment.modality is Modality.ESKETAMINE
            and not repository.esketamine_given_before(
                session, patient_id, appointment.day, appointment.id, None
            )
            and not repository.rems_enrolled(session, patient_id)
        ):
            _fail("rems_enrollment", NO_REMS_ENROLLMENT)
        row = TreatmentSession(
            patient_id=patient_id,
            course_id=course.id,
            appointment_id=appointment.id,
            modality=appointment.modality,
            session_on=appointment.day,
            state=SessionState.DRAFT,
            overrides_json="{}",
            created_by_user_id=actor.user_id,
            created_by=actor.display_name,
        )
        _put_content(row, _first_content(session, appointment, course, actor), None)
        session.add(row)
        session.flush()
        _audit(
            database,
            session,
            actor,
            AuditAction.CREATE,
            row,
            f"{row.modality.value} session draft for appointment {appointment.id}",
        )
        return repository.session_view(session, row)


Change = Callable[[SessionContent], tuple[SessionContent, Mapping[OverrideKey, str] | None]]


def _save(
    database: Database,
    actor: Actor,
    session_id: int,
    expected_version: int,
    change: Change,
    detail: str,
) -> SessionView:
    """Apply `change` to the stored content of a draft at `expected_version`."""
    with database.transaction() as session:
        row = repository.get_session_row(session, session_id)
        _check_version(row, expected_version)
        _refuse_signed(row)
        _audit(database, session, actor, AuditAction.UPDATE, row, detail, prior=row)
        content, overrides = change(repository.decode_content(row))
        _put_content(row, content, overrides)
        _flush(session)
        return repository.session_view(session, row)


def save_draft(
    database: Database,
    actor: Actor,
    session_id: int,
    expected_version: int,
    content: SessionContent,
    overrides: Mapping[OverrideKey, str] | None = None,
) -> SessionView:
    """Autosave: the whole content (and override reasons, when given) replaces the draft's.
    Cheap enough to call on every field change. Refuses a stale version (StaleEditError)
    and a signed session (SIGNED_READ_ONLY). Incomplete content is fine in a draft."""
    _authorize_session(database, actor, Permission.DOCUMENT_SESSION, session_id)
    return _save(
        database,
        actor,
        session_id,
        expected_version,
        lambda _stored: (content, overrides),
        "draft saved",
    )


def save_vitals(
    database: Database,
    actor: Actor,
    session_id: int,
    expected_version: int,
    point: VitalsPoint,
    vitals: VitalSigns,
) -> SessionView:
    """One set of vital signs into a draft: for a nurse (RECORD_VITALS) as for a clinician."""
    _authorize_session(database, actor, Permission.RECORD_VITALS, session_id)
    return _save(
        database,
        actor,
        session_id,
        expected_version,
        lambda stored: (
            replace(stored, common=replace(stored.common, **{f"vitals_{point.value}": vitals})),
            None,
        ),
        f"vital signs {point.value} saved",
    )


def discard_draft(database: Database, actor: Actor, session_id: int, expected_version: int) -> None:
    """Delete a draft (audited, with its content as it was); a signed session cannot be."""
    _authorize_session(database, actor, Permission.DOCUMENT_SESSION, session_id)
    with database.transaction() as session:
        row = repository.get_session_row(session, session_id)
        _check_version(row, expected_version)
        if row.state is SessionState.SIGNED:
            _fail("", "A signed session cannot be discarded; add an addendum to correct it.")
        linked = session.scalar(
            select(func.count())
            .select_from(ScaleResultRecord)
            .where(ScaleResultRecord.session_id == row.id)
        )
        if linked:
            _fail(
                "",
                "A rating scale was recorded at this session, so the session stays: complete "
                "and sign it, noting what happened.",
            )
        _audit(database, session, actor, AuditAction.DELETE, row, "draft discarded", prior=row)
        session.delete(row)
        _flush(session)


# Signing and addenda ------------------------------------------------------------------------


def _event_detail(content: SessionContent, kind: object) -> str:
    present = [
        f"{answer.effect.label} ({answer.severity.label.lower()})"
        for answer in content.common.side_effects.present
    ]
    text = f"{kind}: " + ", ".join(present) if present else str(kind)
    return text[:250]


def _sealed(content_json: str, overrides_json: str) -> str:
    return hashlib.sha256(f"{content_json}\n{overrides_json}".encode()).hexdigest()


def sign_session(
    database: Database,
    actor: Actor,
    session_id: int,
    expected_version: int,
    overrides: Mapping[OverrideKey, str],
    *,
    today: date | None = None,
) -> SessionView:
    """Sign the draft as saved, with the override reasons its warnings need. All or
    nothing: the problems of `clinical.sessions.problems_before_signing` refuse it
    (InvalidEntryError); otherwise the appointment is marked done (with its history line),
    the side-effect review and substance screen raise their monitoring events, and the
    content is sealed by its SHA-256."""
    day = _today(today)
    _authorize_session(database, actor, Permission.SIGN_SESSION, session_id)
    with database.transaction() as session:
        row = repository.get_session_row(session, session_id)
        _check_version(row, expected_version)
        _refuse_signed(row)
        appointment = (
            None
            if row.appointment_id is None
            else booking.get_appointment(session, row.appointment_id)
        )
        if appointment is not None:
            if appointment.status in (AppointmentStatus.MISSED, AppointmentStatus.CANCELLED):
                _fail(
                    "appointment",
                    f"The appointment was marked {appointment.status.value} after this draft "
                    "was started. Set it back to arrived in the calendar if the treatment was "
                    "given, or discard the draft.",
                )
            # Moved in the calendar since the draft was started: the session is on its day.
            session_on = appointment.day
        else:
            session_on = row.session_on
        if session_on > day:
            _fail("", f"A session on {session_on:%Y-%m-%d} cannot be signed before its day.")
        content = repository.decode_content(row)
        reasons = {**overrides_from_dict(json.loads(row.overrides_json)), **overrides}
        settings = read_session_settings(session)
        first = row.modality is Modality.ESKETAMINE and not repository.esketamine_given_before(
            session, row.patient_id, session_on, row.appointment_id, row.id
        )
        if problems := problems_before_signing(
            content,
            row.modality,
            settings.thresholds_for(row.modality),
            settings.ceiling_mg_per_kg,
            reasons,
            first_esketamine_session=first,
        ):
            raise InvalidEntryError(problems)
        _audit(database, session, actor, AuditAction.UPDATE, row, "signed", prior=row)
        if appointment is not None and appointment.status is not AppointmentStatus.DONE:
            booking.set_row_status(
                database, session, actor, appointment, AppointmentStatus.DONE, "session signed"
            )
        positive = content.common.substance_screen is SubstanceScreen.POSITIVE
        for kind in monitoring_events(content.common.side_effects, positive):
            add_monitoring_event(
                database,
                session,
                actor,
                row.patient_id,
                kind,
                session_on,
                _event_detail(content, kind.label),
                source=EVENT_SOURCE,
            )
        # One UPDATE of the row, last: once it is signed the database refuses any other.
        _put_content(row, content, reasons)
        row.session_on = session_on
        row.state = SessionState.SIGNED
        row.signed_by_user_id = actor.user_id
        row.signed_by = actor.display_name
        row.signed_at = utc_now()
        row.content_sha256 = _sealed(row.content_json, row.overrides_json)
        _flush(session)
        return repository.session_view(session, row)


def add_addendum(
    database: Database, actor: Actor, session_id: int, text: str, reason: str
) -> SessionView:
    """A correction or later note on a signed session; the original stays as it was."""
    _authorize_session(database, actor, Permission.DOCUMENT_SESSION, session_id)
    text, reason = text.strip(), reason.strip()
    problems = []
    if not text:
        problems.append(Problem("text", "Write the addendum."))
    elif len(text) > MAX_TEXT:
        problems.append(Problem("text", f"The addendum is longer than {MAX_TEXT} characters."))
    if not reason:
        problems.append(
            Problem("reason", "Say why it is added (a correction, a late entry, new information).")
        )
    elif len(reason) > MAX_TEXT:
        problems.append(Problem("reason", f"The reason is longer than {MAX_TEXT} characters."))
    if problems:
        raise InvalidEntryError(problems)
    with database.transaction() as session:
        row = repository.get_session_row(session, session_id)
        if row.state is not SessionState.SIGNED:
            _fail("", "This session is still a draft: change it directly, then sign it.")
        addendum = SessionAddendum(
            session_id=row.id,
            text=text,
            reason=reason,
            author_user_id=actor.user_id,
            author=actor.display_name,
        )
        session.add(addendum)
        session.flush()
        database.audit.record(
            session,
            actor,
            AuditAction.AMEND,
            AuditCategory.SESSIONS,
            patient_id=row.patient_id,
            object_type=OBJECT,
            object_id=row.id,
            detail=f"addendum {addendum.id}: {reason[:200]}",
        )
        return repository.session_view(session, row)


# Reading ----------------------------------------------------------------------------------


def session_view(database: Database, actor: Actor, session_id: int) -> SessionView:
    _authorize_session(database, actor, Permission.VIEW_CLINICAL, session_id)
    with database.transaction() as session:
        row = repository.get_session_row(session, session_id)
        _audit(database, session, actor, AuditAction.READ, row, "treatment session")
        return repository.session_view(session, row)


def session_for_appointment(
    database: Database, actor: Actor, appointment_id: int
) -> SessionView | None:
    with database.reading() as session:
        patient_id = booking.get_appointment(session, appointment_id).patient_id
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.SESSIONS, patient_id)
    with database.transaction() as session:
        row = session.scalar(
            select(TreatmentSession).where(TreatmentSession.appointment_id == appointment_id)
        )
        if row is None:
            return None
        _audit(database, session, actor, AuditAction.READ, row, "treatment session")
        return repository.session_view(session, row)


def patient_sessions(database: Database, actor: Actor, patient_id: int) -> list[SessionSummary]:
    """The patient's sessions, newest first."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.SESSIONS, patient_id)
    with database.transaction() as session:
        get_patient(session, patient_id)
        rows = session.scalars(
            select(TreatmentSession)
            .where(TreatmentSession.patient_id == patient_id)
            .order_by(TreatmentSession.session_on.desc(), TreatmentSession.id.desc())
        ).all()
        counts = dict(
            session.execute(
                select(SessionAddendum.session_id, func.count())
                .where(SessionAddendum.session_id.in_([r.id for r in rows]))
                .group_by(SessionAddendum.session_id)
            ).all()
        )
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.SESSIONS,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            detail="treatment sessions",
        )
        return [
            SessionSummary(
                id=row.id,
                session_on=row.session_on,
                modality=row.modality,
                state=row.state,
                dose_summary=dose_summary(repository.decode_content(row).details),
                serious_side_effects=row.serious_side_effects,
                appointment_id=row.appointment_id,
                signed_by=row.signed_by,
                addenda=counts.get(row.id, 0),
            )
            for row in rows
        ]


# REMS -------------------------------------------------------------------------------------


def rems_worklist(
    database: Database, actor: Actor, today: date | None = None
) -> list[RemsWorkItem]:
    """Signed esketamine sessions whose REMS monitoring form is not yet submitted, the
    most urgent first."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.SESSIONS)
    day = _today(today)
    with database.transaction() as session:
        rows = repository.open_rems_forms(session)
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.SESSIONS,
            detail=f"REMS monitoring forms due, whole clinic, {len(rows)} forms",
        )
    items = []
    for session_id, patient_id, family, given, preferred, mrn, session_on in rows:
        due = form_due_on(session_on)
        items.append(
            RemsWorkItem(
                session_id=session_id,
                patient_id=patient_id,
                patient_name=display_name(family, given, preferred),
                mrn=mrn,
                session_on=session_on,
                due_on=due,
                overdue=day > due,
                days_left=(due - day).days,
            )
        )
    items.sort(key=lambda item: (item.due_on, item.patient_name))
    return items


def mark_rems_submitted(
    database: Database,
    actor: Actor,
    session_id: int,
    submitted_on: date,
    today: date | None = None,
) -> SessionView:
    """Record the session's REMS monitoring form submitted (the monitoring item
    'rems_monitoring_form' done for the session's day), so the checklist agrees."""
    with database.reading() as session:
        row = repository.get_session_row(session, session_id)
        if row.modality is not Modality.ESKETAMINE:
            _fail("", "Only an esketamine session has a REMS monitoring form.")
        if row.state is not SessionState.SIGNED:
            _fail("", "Sign the session before submitting its REMS monitoring form.")
        if repository.rems_submitted_on(session, row.patient_id, row.session_on) is not None:
            _fail("", "This session's REMS monitoring form is already recorded as submitted.")
        patient_id, session_on = row.patient_id, row.session_on
    record_completion(
        database,
        actor,
        patient_id,
        REMS_FORM_ITEM,
        submitted_on,
        performed_by=actor.display_name,
        session_on=session_on,
        today=today,
    )
    return _load_view(database, session_id)


def _bp(vitals: VitalSigns) -> str:
    text = vitals.blood_pressure_text
    if text and vitals.taken_at is not None:
        text += f" at {vitals.taken_at:%H:%M}"
    return text


def rems_form_data(
    database: Database, actor: Actor, session_id: int, *, setting_name: str = ""
) -> RemsFormData:
    """The session's REMS form contents, for printing (audited as a print)."""
    _authorize_session(database, actor, Permission.VIEW_CLINICAL, session_id)
    with database.transaction() as session:
        row = repository.get_session_row(session, session_id)
        if row.modality is not Modality.ESKETAMINE:
            _fail("", "Only an esketamine session has a REMS monitoring form.")
        view = repository.session_view(session, row)
        _audit(database, session, actor, AuditAction.PRINT, row, "REMS monitoring form")
    details = view.content.details
    assert isinstance(details, EsketamineDetails)
    common = view.content.common
    return RemsFormData(
        form_version=REMS_FORM_VERSION,
        patient_name=view.patient_name,
        mrn=view.mrn,
        date_of_birth=view.date_of_birth,
        setting_name=setting_name,
        monitoring_provider=details.monitored_by,
        prescriber_on_site=details.prescriber_on_site,
        session_on=view.session_on,
        dose_mg=details.dose_mg,
        devices=details.devices,
        lot_number=details.lot_number,
        administered_at=details.administered_at,
        concomitant_medications=tuple(
            medication.label
            for medication in sorted(
                details.concomitant_medications, key=list(ConcomitantMedication).index
            )
        ),
        monitoring_minutes=details.monitoring_minutes,
        minutes_until_ready=details.minutes_until_ready,
        vitals_acceptable_before=details.vitals_acceptable_before,
        vitals_acceptable_at_end=details.vitals_acceptable_at_end,
        bp_before=_bp(common.vitals_before),
        bp_about_40_minutes=_bp(common.vitals_during),
        bp_before_leaving=_bp(common.vitals_after),
        sedation=details.sedation,
        dissociation=details.dissociation,
        respiratory_depression=details.respiratory_depression,
        lowest_spo2=details.lowest_spo2,
        adverse_effects=tuple(
            f"{a.effect.label}: {a.severity.label.lower()}" for a in common.side_effects.present
        ),
        due_on=form_due_on(view.session_on),
        submitted_on=view.rems_submitted_on,
        signed_by=view.signed_by,
        signed_at=view.signed_at,
        printed_by=actor.display_name,
        printed_at=utc_now(),
    )


def print_rems_form(
    database: Database, actor: Actor, session_id: int, letterhead: Letterhead
) -> bytes:
    """`rems_form_data` rendered by `reports.rems_form.render_rems_form`."""
    data = rems_form_data(database, actor, session_id, setting_name=letterhead.clinic_name)
    return render_rems_form(data, letterhead)
