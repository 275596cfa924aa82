"""Queries on treatment sessions, and a row made into what the screens see. Takes a
session; never commits."""

import json
from datetime import date

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.record.names import display_name
from clinical.sessions import (
    KetamineDetails,
    SessionContent,
    SessionState,
    content_from_dict,
    must_change_fields,
    overrides_from_dict,
)
from db.errors import RecordNotFoundError
from db.models import (
    Appointment,
    MonitoringCompletion,
    Patient,
    SessionAddendum,
    TreatmentCourse,
    TreatmentSession,
)
from db.scales.repository import short_name
from db.sessions.settings import read_session_settings
from db.sessions.views import AddendumView, SessionView

NOT_FOUND = "That treatment session is no longer in the chart."
REMS_FORM_ITEM = "rems_monitoring_form"
REMS_ENROLLMENT_ITEM = "rems_enrollment"


def get_session_row(session: Session, session_id: int) -> TreatmentSession:
    row = session.get(TreatmentSession, session_id)
    if row is None:
        raise RecordNotFoundError(NOT_FOUND)
    return row


def decode_content(row: TreatmentSession) -> SessionContent:
    return content_from_dict(json.loads(row.content_json))


def previous_signed(
    session: Session, course_id: int, before: date, exclude_id: int | None = None
) -> TreatmentSession | None:
    """The course's latest signed session on or before `before` (not `exclude_id`)."""
    query = (
        select(TreatmentSession)
        .where(
            TreatmentSession.course_id == course_id,
            TreatmentSession.state == SessionState.SIGNED,
            TreatmentSession.session_on <= before,
        )
        .order_by(TreatmentSession.session_on.desc(), TreatmentSession.id.desc())
        .limit(1)
    )
    if exclude_id is not None:
        query = query.where(TreatmentSession.id != exclude_id)
    return session.scalar(query)


def esketamine_given_before(
    session: Session, patient_id: int, on: date, appointment_id: int | None, session_id: int | None
) -> bool:
    """Whether the patient had esketamine before (or on) `on`, other than this session:
    a done esketamine appointment or a signed esketamine session."""
    appointments = select(Appointment.id).where(
        Appointment.patient_id == patient_id,
        Appointment.modality == Modality.ESKETAMINE,
        Appointment.status == AppointmentStatus.DONE,
        Appointment.day <= on,
    )
    if appointment_id is not None:
        appointments = appointments.where(Appointment.id != appointment_id)
    sessions = select(TreatmentSession.id).where(
        TreatmentSession.patient_id == patient_id,
        TreatmentSession.modality == Modality.ESKETAMINE,
        TreatmentSession.state == SessionState.SIGNED,
        TreatmentSession.session_on <= on,
    )
    if session_id is not None:
        sessions = sessions.where(TreatmentSession.id != session_id)
    return bool(session.scalar(select(exists(appointments) | exists(sessions))))


def rems_enrolled(session: Session, patient_id: int) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    MonitoringCompletion.patient_id == patient_id,
                    MonitoringCompletion.item_code == REMS_ENROLLMENT_ITEM,
                )
            )
        )
    )


def rems_submitted_on(session: Session, patient_id: int, session_on: date) -> date | None:
    return session.scalar(
        select(func.min(MonitoringCompletion.done_on)).where(
            MonitoringCompletion.patient_id == patient_id,
            MonitoringCompletion.item_code == REMS_FORM_ITEM,
            MonitoringCompletion.session_on == session_on,
        )
    )


def addenda_of(session: Session, session_id: int) -> tuple[AddendumView, ...]:
    rows = session.scalars(
        select(SessionAddendum)
        .where(SessionAddendum.session_id == session_id)
        .order_by(SessionAddendum.written_at, SessionAddendum.id)
    )
    return tuple(AddendumView(a.id, a.text, a.reason, a.author, a.written_at) for a in rows)


def _to_confirm(session: Session, row: TreatmentSession, content: SessionContent) -> frozenset[str]:
    """The weight, while a draft still holds the one carried from the last session."""
    details = content.details
    if row.course_id is None or not isinstance(details, KetamineDetails):
        return frozenset()
    if details.weight_kg is None:
        return frozenset()
    previous = previous_signed(session, row.course_id, row.session_on, exclude_id=row.id)
    if previous is None:
        return frozenset()
    before = decode_content(previous).details
    if isinstance(before, KetamineDetails) and before.weight_kg == details.weight_kg:
        return frozenset({"weight_kg"})
    return frozenset()


def session_view(session: Session, row: TreatmentSession) -> SessionView:
    patient = session.get(Patient, row.patient_id)
    assert patient is not None
    settings = read_session_settings(session)
    content = decode_content(row)
    draft = row.state is SessionState.DRAFT
    scale = content.common.scale_due
    if not scale and row.course_id is not None:
        scale = (
            session.scalar(select(TreatmentCourse.scale).where(TreatmentCourse.id == row.course_id))
            or ""
        )
    esketamine = row.modality is Modality.ESKETAMINE
    return SessionView(
        id=row.id,
        version=row.version,
        patient_id=row.patient_id,
        patient_name=display_name(
            patient.legal_family_name, patient.legal_given_names, patient.preferred_name
        ),
        mrn=patient.mrn,
        date_of_birth=patient.date_of_birth,
        course_id=row.course_id,
        appointment_id=row.appointment_id,
        modality=row.modality,
        session_on=row.session_on,
        state=row.state,
        content=content,
        overrides=overrides_from_dict(json.loads(row.overrides_json)),
        thresholds=settings.thresholds_for(row.modality),
        ceiling_mg_per_kg=settings.ceiling_mg_per_kg,
        first_esketamine_session=esketamine
        and not esketamine_given_before(
            session, row.patient_id, row.session_on, row.appointment_id, row.id
        ),
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        signed_by=row.signed_by,
        signed_at=row.signed_at,
        content_sha256=row.content_sha256,
        addenda=addenda_of(session, row.id),
        must_change=must_change_fields(row.modality) if draft else frozenset(),
        to_confirm=_to_confirm(session, row, content) if draft else frozenset(),
        rems_submitted_on=(
            rems_submitted_on(session, row.patient_id, row.session_on) if esketamine else None
        ),
        scale_name=short_name(scale) if scale else "",
    )


def session_days(session: Session, patient_id: int) -> list[date]:
    """The days of the patient's signed sessions, oldest first (the trend chart's axis)."""
    return list(
        session.scalars(
            select(TreatmentSession.session_on)
            .where(
                TreatmentSession.patient_id == patient_id,
                TreatmentSession.state == SessionState.SIGNED,
            )
            .order_by(TreatmentSession.session_on)
            .distinct()
        )
    )


def open_rems_forms(session: Session) -> list[tuple[int, int, str, str, str, str, date]]:
    """(session id, patient id, family, given, preferred, MRN, session day) of every signed
    esketamine session without a REMS monitoring form recorded for its day."""
    submitted = exists().where(
        and_(
            MonitoringCompletion.patient_id == TreatmentSession.patient_id,
            MonitoringCompletion.item_code == REMS_FORM_ITEM,
            MonitoringCompletion.session_on == TreatmentSession.session_on,
        )
    )
    rows = session.execute(
        select(
            TreatmentSession.id,
            TreatmentSession.patient_id,
            Patient.legal_family_name,
            Patient.legal_given_names,
            Patient.preferred_name,
            Patient.mrn,
            TreatmentSession.session_on,
        )
        .join(Patient, Patient.id == TreatmentSession.patient_id)
        .where(
            TreatmentSession.modality == Modality.ESKETAMINE,
            TreatmentSession.state == SessionState.SIGNED,
            ~submitted,
        )
        .order_by(TreatmentSession.session_on, TreatmentSession.id)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]
