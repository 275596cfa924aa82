"""Queries on courses, and what the protocol engine is told about one. Takes a session;
never commits."""

import dataclasses
from datetime import date, time
from decimal import Decimal
from itertools import pairwise

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, selectinload

from clinical.calendar import AppointmentStatus
from clinical.protocols import LadderPosition, ScorePoint, SessionStatus, TrackingPoint
from clinical.protocols import Session as Treatment
from clinical.sessions import SessionState
from db.courses.protocol_json import decode_template
from db.courses.views import AuthorizationView, CourseView, DecisionView
from db.errors import RecordNotFoundError
from db.models import Appointment, BoosterDecision, TreatmentCourse, TreatmentSession
from db.scales.repository import patient_results, short_name

NOT_FOUND = "That treatment course is no longer in the chart."


def get_course(session: Session, course_id: int) -> TreatmentCourse:
    row = session.get(TreatmentCourse, course_id)
    if row is None:
        raise RecordNotFoundError(NOT_FOUND)
    return row


def _position(index: int | None, started_on: date | None) -> LadderPosition | None:
    if index is None or started_on is None:
        return None
    return LadderPosition(index, started_on)


def _decision_view(row: BoosterDecision) -> DecisionView:
    return DecisionView(
        id=row.id,
        proposed_on=row.proposed_on,
        action=row.action,
        rule=row.rule,
        reason=row.reason,
        proposed_date=row.proposed_date,
        interval_days=row.interval_days,
        phase_after=row.phase_after,
        decision=row.decision,
        chosen_date=row.chosen_date,
        chosen_interval_days=row.chosen_interval_days,
        chosen_count=row.chosen_count,
        override_reason=row.override_reason,
        chosen_phase=row.chosen_phase,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
    )


def bare_view(row: TreatmentCourse) -> CourseView:
    """The course's own columns, without counts, authorizations or decisions."""
    return CourseView(
        id=row.id,
        version=row.version,
        patient_id=row.patient_id,
        modality=row.modality,
        phase=row.phase,
        template=decode_template(row.protocol_json),
        taper=decode_template(row.taper_json),
        scale=row.scale,
        scale_name=short_name(row.scale),
        acute_baseline=row.acute_baseline,
        remission_threshold=row.remission_threshold,
        remission_comparison=row.remission_comparison,
        tracking_scale=row.tracking_scale,
        tracking_baseline=row.tracking_baseline,
        started_on=row.started_on,
        prescriber=row.prescriber,
        dose_plan=row.dose_plan,
        position=_position(row.position_index, row.position_started_on),
        taper_position=_position(row.taper_position_index, row.taper_position_started_on),
        holiday_started_on=row.holiday_started_on,
        discontinued_on=row.discontinued_on,
        relapse_on=row.relapse_on,
        closed_on=row.closed_on,
        notes=row.notes,
    )


def course_view(session: Session, row: TreatmentCourse, today: date) -> CourseView:
    given = session.scalar(
        select(func.count())
        .select_from(Appointment)
        .where(Appointment.course_id == row.id, Appointment.status == AppointmentStatus.DONE)
    )
    ahead = session.execute(
        select(func.count(), func.min(Appointment.day)).where(
            Appointment.course_id == row.id,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.day >= today,
        )
    ).one()
    decisions = session.scalars(
        select(BoosterDecision)
        .where(BoosterDecision.course_id == row.id)
        .order_by(BoosterDecision.id)
    ).all()
    return dataclasses.replace(
        bare_view(row),
        sessions_given=given or 0,
        booked_ahead=ahead[0] or 0,
        next_booked=ahead[1],
        authorizations=tuple(
            AuthorizationView(
                a.sessions_authorized, a.reference, a.valid_from, a.recorded_by, a.recorded_at
            )
            for a in row.authorizations
        ),
        decisions=tuple(_decision_view(d) for d in decisions),
    )


def patient_courses(session: Session, patient_id: int, today: date) -> list[CourseView]:
    rows = session.scalars(
        select(TreatmentCourse)
        .where(TreatmentCourse.patient_id == patient_id)
        .options(selectinload(TreatmentCourse.authorizations))
        .order_by(TreatmentCourse.started_on.desc(), TreatmentCourse.id.desc())
    ).all()
    return [course_view(session, row, today) for row in rows]


def treatments(session: Session, course_id: int) -> list[Treatment]:
    """The course's appointments as the engine counts them: done ones given, missed and
    cancelled ones not; booked and arrived ones are not treatments yet.

    Tolerance facts come from the signed treatment sessions, in one query. A session
    records how long the benefit of the *previous* treatment lasted and the best score
    since it (seed 002's every-visit response assessment), so what the session of one
    given treatment records belongs to the given treatment before it; the latest one has
    none until the next visit."""
    rows = session.execute(
        select(
            Appointment.day,
            Appointment.status,
            TreatmentSession.days_of_benefit,
            TreatmentSession.peak_score,
        )
        .outerjoin(
            TreatmentSession,
            and_(
                TreatmentSession.appointment_id == Appointment.id,
                TreatmentSession.state == SessionState.SIGNED,
            ),
        )
        .where(Appointment.course_id == course_id)
        .order_by(Appointment.day, Appointment.start_time, Appointment.id)
    ).all()
    found = [r for r in rows if r.status.session_status is not None]
    result = []
    given = [r for r in found if r.status.session_status is SessionStatus.GIVEN]
    reported_after = {id(r): later for r, later in pairwise(given)}
    for r in found:
        later = reported_after.get(id(r))
        result.append(
            Treatment(
                r.day,
                r.status.session_status,
                later.days_of_benefit if later is not None else None,
                _score(later.peak_score) if later is not None else None,
            )
        )
    return result


def _score(value: Decimal | None) -> int | Decimal | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _points(session: Session, patient_id: int, code: str) -> list[tuple[date, int]]:
    return [
        (result.administered_at.astimezone().date(), result.total)
        for result in patient_results(session, patient_id)
        if result.instrument_code == code
        and result.superseded_by_id is None
        and result.complete
        and result.total is not None
    ]


def course_scores(session: Session, patient_id: int, code: str) -> list[ScorePoint]:
    """The totals on the course's scale, amendments in place of what they amend."""
    return [ScorePoint(day, total) for day, total in _points(session, patient_id, code)]


def course_tracking(session: Session, patient_id: int, code: str) -> list[TrackingPoint]:
    return [TrackingPoint(day, total) for day, total in _points(session, patient_id, code)]


def usual_start(session: Session, course_id: int) -> time | None:
    """The time of day of the course's latest appointment: new ones are offered at it."""
    return session.scalar(
        select(Appointment.start_time)
        .where(Appointment.course_id == course_id)
        .order_by(Appointment.day.desc(), Appointment.id.desc())
        .limit(1)
    )
