"""The patients a batch run writes a kind of letter for, in a month:

- consent reaffirmations: the checklist item "consent_reaffirmation" falls due, or is
  overdue, by the month's last day (the stored due dates, `db.monitoring.due_table`);
- annual review summaries: an annual review recorded in the month whose summary has not
  been printed since;
- booster schedules: sessions booked in the month;
- medical-necessity letters: an open course whose authorized sessions are used up by the
  sessions given and booked to the month's end (a request to extend them).
"""

import calendar
from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus
from clinical.record.names import display_name
from db.accounts.actor import Actor
from db.annual_reviews.workflows import CONSENT_ITEM
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.letters.kinds import LetterKind
from db.letters.views import BatchCandidate
from db.letters.workflows import authorize_kind
from db.models import (
    AnnualReview,
    Appointment,
    ArchivedLetter,
    CourseAuthorization,
    Patient,
    TreatmentCourse,
)
from db.monitoring.due_table import ensure_current
from db.monitoring.views import ChecklistFilters
from db.monitoring.workflows import due_rows


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _names(session: Session, patient_ids: set[int]) -> dict[int, tuple[str, str]]:
    rows = session.execute(
        select(
            Patient.id,
            Patient.mrn,
            Patient.legal_family_name,
            Patient.legal_given_names,
            Patient.preferred_name,
        ).where(Patient.id.in_(patient_ids))
    )
    return {pid: (mrn, display_name(family, given, pref)) for pid, mrn, family, given, pref in rows}


def _consent_due(session: Session, last: date) -> list[BatchCandidate]:
    rows = due_rows(session, last, ChecklistFilters(item_code=CONSENT_ITEM))
    return [
        BatchCandidate(
            row.patient_id,
            row.mrn,
            row.patient_name,
            LetterKind.CONSENT_REAFFIRMATION,
            row.reason,
            row.overdue_after or row.due_from,
        )
        for row in rows
    ]


def _summaries_due(session: Session, first: date, last: date) -> list[BatchCandidate]:
    latest = (
        select(AnnualReview.patient_id, func.max(AnnualReview.id).label("review_id"))
        .group_by(AnnualReview.patient_id)
        .subquery()
    )
    reviews = session.execute(
        select(AnnualReview.patient_id, AnnualReview.reviewed_on, AnnualReview.created_at)
        .join(latest, latest.c.review_id == AnnualReview.id)
        .where(AnnualReview.reviewed_on.between(first, last))
    ).all()
    wanted = []
    for patient_id, reviewed_on, created_at in reviews:
        printed = session.scalar(
            select(ArchivedLetter.id).where(
                ArchivedLetter.patient_id == patient_id,
                ArchivedLetter.kind == LetterKind.ANNUAL_REVIEW_SUMMARY,
                ArchivedLetter.created_at >= created_at,
            )
        )
        if printed is None:
            wanted.append((patient_id, reviewed_on))
    names = _names(session, {pid for pid, _ in wanted})
    return [
        BatchCandidate(
            pid,
            *names[pid],
            LetterKind.ANNUAL_REVIEW_SUMMARY,
            f"Annual review on {on.isoformat()}; its summary is not printed yet",
            on,
        )
        for pid, on in wanted
    ]


def _booked(session: Session, first: date, last: date) -> list[BatchCandidate]:
    rows = session.execute(
        select(Appointment.patient_id, func.count(), func.min(Appointment.day))
        .where(
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.day.between(first, last),
        )
        .group_by(Appointment.patient_id)
    ).all()
    names = _names(session, {pid for pid, _, _ in rows})
    month = first.strftime("%B %Y")
    return [
        BatchCandidate(
            pid,
            *names[pid],
            LetterKind.BOOSTER_SCHEDULE,
            f"{count} session{'s' if count != 1 else ''} booked in {month}",
            earliest,
        )
        for pid, count, earliest in rows
    ]


def _authorizations_running_out(session: Session, last: date) -> list[BatchCandidate]:
    newest = (
        select(CourseAuthorization.course_id, func.max(CourseAuthorization.id).label("auth_id"))
        .group_by(CourseAuthorization.course_id)
        .subquery()
    )
    courses = session.execute(
        select(
            TreatmentCourse.id, TreatmentCourse.patient_id, CourseAuthorization.sessions_authorized
        )
        .join(newest, newest.c.course_id == TreatmentCourse.id)
        .join(CourseAuthorization, CourseAuthorization.id == newest.c.auth_id)
        .where(TreatmentCourse.closed_on.is_(None))
    ).all()
    counts: defaultdict[int, int] = defaultdict(int)
    for course_id, used in session.execute(
        select(Appointment.course_id, func.count())
        .where(
            Appointment.course_id.in_([c.id for c in courses]),
            Appointment.status.in_([AppointmentStatus.DONE, AppointmentStatus.BOOKED]),
            Appointment.day <= last,
        )
        .group_by(Appointment.course_id)
    ):
        counts[course_id] = used
    running_out = [(c.patient_id, counts[c.id], c.sessions_authorized) for c in courses]
    running_out = [r for r in running_out if r[1] >= r[2]]
    names = _names(session, {pid for pid, _, _ in running_out})
    return [
        BatchCandidate(
            pid,
            *names[pid],
            LetterKind.MEDICAL_NECESSITY,
            f"{used} sessions given or booked by {last.isoformat()}; {authorized} authorized",
        )
        for pid, used, authorized in running_out
    ]


def batch_candidates(
    database: Database, actor: Actor, kind: LetterKind, month: date
) -> list[BatchCandidate]:
    """The patients to write `kind` for in the month of `month`, by name."""
    authorize_kind(database, actor, kind)
    first, last = month_bounds(month)
    if kind is LetterKind.CONSENT_REAFFIRMATION:
        ensure_current(database)
    with database.transaction() as session:
        if kind is LetterKind.CONSENT_REAFFIRMATION:
            found = _consent_due(session, last)
        elif kind is LetterKind.ANNUAL_REVIEW_SUMMARY:
            found = _summaries_due(session, first, last)
        elif kind is LetterKind.BOOSTER_SCHEDULE:
            found = _booked(session, first, last)
        else:
            found = _authorizations_running_out(session, last)
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.LETTERS,
            detail=f"batch of {kind.value} for {first:%Y-%m}: {len(found)} patients",
        )
    found.sort(key=lambda c: (c.patient_name.casefold(), c.mrn))
    return found
