"""What `clinical.monitoring` is told about patients, read from the database in bulk.

- Active courses: courses not closed. Their phase is mapped once, here (`MONITORING_PHASE`),
  from the protocol phase to the monitoring phase. First treatment: the course's earliest
  appointment marked done (a done appointment stands for a treatment given until treatment
  sessions are documented); planned first treatment: its earliest booked or arrived one,
  else the course's start date.
- Esketamine sessions: every done esketamine appointment (closed courses too: a session held
  still needs its REMS form).
- Completions of a per-session item (the REMS monitoring form) become `RemsForm`s for the
  session they name; every other completion a `Completion`.

Takes a session; never commits.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.monitoring import (
    ActiveCourse,
    Completion,
    CoursePhase,
    Dismissal,
    MonitoringEvent,
    MonitoringRule,
    PatientFacts,
    PerSession,
    RemsForm,
)
from clinical.protocols import Phase
from db.models import (
    Appointment,
    MonitoringCompletion,
    MonitoringDismissal,
    MonitoringEventRecord,
    TreatmentCourse,
)

MONITORING_PHASE = {
    Phase.INDUCTION: CoursePhase.ACUTE,
    Phase.MAINTENANCE: CoursePhase.MAINTENANCE,
    Phase.TAPER: CoursePhase.TAPER,
    # Between boosters, or boosters only as needed: still long-term treatment, still monitored.
    Phase.DRUG_HOLIDAY: CoursePhase.MAINTENANCE,
    Phase.DISCONTINUED: CoursePhase.MAINTENANCE,
}


@dataclass(frozen=True)
class CourseInfo:
    """An active course as the due list shows it (modality and prescriber to filter by)."""

    modality: Modality
    phase: CoursePhase
    started_on: date
    prescriber: str


@dataclass
class Gathered:
    courses: list[ActiveCourse] = field(default_factory=list)
    infos: list[CourseInfo] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)
    forms: list[RemsForm] = field(default_factory=list)
    events: list[MonitoringEvent] = field(default_factory=list)
    dismissals: list[Dismissal] = field(default_factory=list)
    sessions: list[date] = field(default_factory=list)

    def facts(self) -> PatientFacts:
        return PatientFacts(
            courses=tuple(self.courses),
            completions=tuple(self.completions),
            events=tuple(self.events),
            dismissals=tuple(self.dismissals),
            esketamine_sessions=tuple(sorted(self.sessions)),
            rems_forms=tuple(self.forms),
        )

    def course_for(self, rule: MonitoringRule) -> CourseInfo | None:
        """The latest-started active course the rule applies to."""
        fitting = [c for c in self.infos if rule.applies_to(c.modality, c.phase)]
        return max(fitting, key=lambda c: c.started_on, default=None)


def _limited(query: Select, column: object, patient_ids: Collection[int] | None) -> Select:
    """Only these patients; for everyone (None), only those with an active course."""
    if patient_ids is None:
        active = select(TreatmentCourse.patient_id).where(TreatmentCourse.closed_on.is_(None))
        return query.where(column.in_(active))  # type: ignore[attr-defined]
    return query.where(column.in_(list(patient_ids)))  # type: ignore[attr-defined]


def gather(
    session: Session,
    rules: Sequence[MonitoringRule],
    patient_ids: Collection[int] | None = None,
) -> dict[int, Gathered]:
    """Each patient's facts: of `patient_ids`, or of every patient with an active course."""
    found: defaultdict[int, Gathered] = defaultdict(Gathered)
    if patient_ids is not None and not patient_ids:
        return {}
    courses = session.execute(
        _limited(
            select(
                TreatmentCourse.id,
                TreatmentCourse.patient_id,
                TreatmentCourse.modality,
                TreatmentCourse.phase,
                TreatmentCourse.started_on,
                TreatmentCourse.prescriber,
            ).where(TreatmentCourse.closed_on.is_(None)),
            TreatmentCourse.patient_id,
            patient_ids,
        )
    ).all()
    first_given = _first_days(session, patient_ids, (AppointmentStatus.DONE,))
    first_planned = _first_days(
        session, patient_ids, (AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED)
    )
    for course in courses:
        phase = MONITORING_PHASE[course.phase]
        planned = first_planned.get(course.id, course.started_on)
        gathered = found[course.patient_id]
        gathered.courses.append(
            ActiveCourse(course.modality, phase, first_given.get(course.id), planned)
        )
        gathered.infos.append(
            CourseInfo(course.modality, phase, course.started_on, course.prescriber)
        )

    per_session = {rule.code for rule in rules if isinstance(rule.schedule, PerSession)}
    for row in session.execute(
        _limited(
            select(
                MonitoringCompletion.patient_id,
                MonitoringCompletion.item_code,
                MonitoringCompletion.done_on,
                MonitoringCompletion.session_on,
                MonitoringCompletion.abnormal,
            ),
            MonitoringCompletion.patient_id,
            patient_ids,
        )
    ):
        if row.item_code in per_session:
            form = RemsForm(row.session_on or row.done_on, row.done_on)
            found[row.patient_id].forms.append(form)
        else:
            completion = Completion(row.item_code, row.done_on, row.abnormal)
            found[row.patient_id].completions.append(completion)
    for row in session.execute(
        _limited(
            select(
                MonitoringEventRecord.patient_id,
                MonitoringEventRecord.kind,
                MonitoringEventRecord.occurred_on,
                MonitoringEventRecord.detail,
            ),
            MonitoringEventRecord.patient_id,
            patient_ids,
        )
    ):
        found[row.patient_id].events.append(MonitoringEvent(row.kind, row.occurred_on, row.detail))
    for row in session.execute(
        _limited(
            select(
                MonitoringDismissal.patient_id,
                MonitoringDismissal.item_code,
                MonitoringDismissal.recorded_on,
                MonitoringDismissal.until,
                MonitoringDismissal.reason,
                MonitoringDismissal.rule_fingerprint,
            ),
            MonitoringDismissal.patient_id,
            patient_ids,
        )
    ):
        found[row.patient_id].dismissals.append(
            Dismissal(row.item_code, row.recorded_on, row.until, row.reason, row.rule_fingerprint)
        )
    for row in session.execute(
        _limited(
            select(Appointment.patient_id, Appointment.day).where(
                Appointment.modality == Modality.ESKETAMINE,
                Appointment.status == AppointmentStatus.DONE,
            ),
            Appointment.patient_id,
            patient_ids,
        )
    ):
        found[row.patient_id].sessions.append(row.day)
    return dict(found)


def _first_days(
    session: Session,
    patient_ids: Collection[int] | None,
    statuses: tuple[AppointmentStatus, ...],
) -> dict[int, date]:
    query = _limited(
        select(Appointment.course_id, func.min(Appointment.day))
        .where(Appointment.course_id.is_not(None), Appointment.status.in_(statuses))
        .group_by(Appointment.course_id),
        Appointment.patient_id,
        patient_ids,
    )
    return {course_id: day for course_id, day in session.execute(query)}
