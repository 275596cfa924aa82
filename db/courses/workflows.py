"""Courses and the decisions on the next booster, each one transaction that lands whole.

The engine (`clinical.protocols`) proposes; the clinician accepts, which books real
appointments, or overrides with their own date, interval and reason. Either way the proposal
as it was shown, the decision, who made it and when are kept (`booster_decision`) and
audited. Missed, cancelled and moved appointments re-plan the rest of the current step
from the treatments actually given (`replan_preview`, `apply_replan`).
"""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinical.calendar import Booking, ChangeKind, ClinicCalendar, Decision, Slot, resource_for
from clinical.calendar.course_plan import (
    apply_proposal,
    dates_to_book,
    move_to_phase,
    rest_of_plan,
)
from clinical.protocols import (
    Course,
    Modality,
    Phase,
    Proposal,
    ProtocolSettings,
    SessionStatus,
    gradual_taper,
    propose_next_booster,
)
from clinical.protocols import Session as Treatment
from clinical.record.validation import Problem
from clinical.scales import INSTRUMENTS
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.calendar import booking
from db.calendar.settings import load_calendar
from db.calendar.views import ReplanChange, ReplanPlan, SlotUnavailableError
from db.courses import repository
from db.courses.protocol_json import encode_template
from db.courses.views import CourseDraft, CourseView, PlannedBooking, ProposalView
from db.database import Database
from db.errors import InvalidEntryError, StaleEditError
from db.models import Appointment, BoosterDecision, CourseAuthorization, TreatmentCourse
from db.patients.repository import get_patient

STALE_COURSE = (
    "This course was changed by someone else after you opened it. "
    "Look at it again, then make your change."
)
STALE_PROPOSAL = (
    "The proposal has changed since it was shown (a treatment, a score or the course was "
    "recorded meanwhile). Look at the new proposal before deciding."
)
DEFAULT_START = time(9, 0)
SCORED = frozenset(code for code, instrument in INSTRUMENTS.items() if code != "CSSRS_SCREENER")


@dataclass(frozen=True)
class OverrideChoice:
    """The clinician's own plan instead of the proposal: `count` treatments every
    `interval_days` from `first_day` at `start` (count 0: book nothing), and why."""

    reason: str
    first_day: date | None
    start: time
    interval_days: int
    count: int
    # None keeps the course where it is; else the clinician's own move (e.g. begin a taper).
    phase: Phase | None = None


def _today(today: date | None) -> date:
    return today or date.today()


def _authorize_course(
    database: Database,
    actor: Actor,
    permission: Permission,
    category: AuditCategory,
    course_id: int,
) -> None:
    """Authorize first, outside the unit of work: a refusal is audited in its own."""
    with database.reading() as session:
        patient_id = repository.get_course(session, course_id).patient_id
    authorize(database, actor, permission, category, patient_id)


def _problems(draft: CourseDraft, today: date) -> list[Problem]:
    problems = []
    if draft.scale not in SCORED:
        problems.append(Problem("scale", "Choose the rating scale that measures this course."))
    if draft.acute_baseline <= 0:
        problems.append(
            Problem("acute_baseline", "The acute baseline must be above 0 to measure change.")
        )
    if draft.remission_threshold < 0:
        problems.append(Problem("remission_threshold", "The remission threshold cannot be < 0."))
    if not draft.prescriber.strip():
        problems.append(Problem("prescriber", "Name the prescriber of this course."))
    if draft.started_on > today + timedelta(days=366):
        problems.append(Problem("started_on", "The course cannot start more than a year ahead."))
    if (
        not draft.template.induction
        and not draft.template.ladder
        and (draft.template.kind.value != "symptom_triggered")
    ):
        problems.append(Problem("template", "The protocol has neither induction nor steps."))
    if draft.tracking_scale and draft.tracking_scale not in SCORED:
        problems.append(Problem("tracking_scale", "Choose a scale for between-visit tracking."))
    return problems


def _columns(draft: CourseDraft) -> dict[str, object]:
    template = dataclasses.replace(draft.template, modality=draft.modality)
    taper = draft.taper or gradual_taper(draft.modality)
    return {
        "modality": draft.modality,
        "protocol_json": encode_template(template),
        "taper_json": encode_template(taper),
        "scale": draft.scale,
        "acute_baseline": draft.acute_baseline,
        "remission_threshold": draft.remission_threshold,
        "remission_comparison": draft.remission_comparison,
        "tracking_scale": draft.tracking_scale,
        "tracking_baseline": draft.tracking_baseline,
        "started_on": draft.started_on,
        "prescriber": draft.prescriber.strip(),
        "dose_plan": draft.dose_plan.strip(),
        "notes": draft.notes.strip(),
    }


def _audit(
    database: Database,
    session: Session,
    actor: Actor,
    action: AuditAction,
    row: TreatmentCourse,
    *,
    prior: object = None,
    detail: str = "",
    object_type: str = "treatment course",
    object_id: int | None = None,
) -> None:
    database.audit.record(
        session,
        actor,
        action,
        AuditCategory.COURSES,
        patient_id=row.patient_id,
        object_type=object_type,
        object_id=object_id if object_id is not None else row.id,
        prior=prior,
        detail=detail,
    )


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleEditError(STALE_COURSE) from error


def list_courses(
    database: Database, actor: Actor, patient_id: int, today: date | None = None
) -> tuple[CourseView, ...]:
    """The patient's courses, newest first; an audited read of clinical data."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.COURSES, patient_id)
    with database.transaction() as session:
        get_patient(session, patient_id)
        views = repository.patient_courses(session, patient_id, _today(today))
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.COURSES,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            detail="treatment courses and booster decisions",
        )
        return tuple(views)


def create_course(
    database: Database,
    actor: Actor,
    patient_id: int,
    draft: CourseDraft,
    today: date | None = None,
) -> int:
    authorize(database, actor, Permission.PLAN_TREATMENT, AuditCategory.COURSES, patient_id)
    if problems := _problems(draft, _today(today)):
        raise InvalidEntryError(problems)
    with database.transaction() as session:
        get_patient(session, patient_id)
        row = TreatmentCourse(patient_id=patient_id, phase=draft.phase, **_columns(draft))
        session.add(row)
        session.flush()
        _audit(database, session, actor, AuditAction.CREATE, row, detail=draft.template.name)
        return row.id


def update_course(
    database: Database,
    actor: Actor,
    course_id: int,
    expected_version: int,
    draft: CourseDraft,
    today: date | None = None,
) -> None:
    """Edit the course and its own copy of the protocol (not its phase or place on it)."""
    if problems := _problems(draft, _today(today)):
        raise InvalidEntryError(problems)
    _authorize_course(database, actor, Permission.PLAN_TREATMENT, AuditCategory.COURSES, course_id)
    with database.transaction() as session:
        row = repository.get_course(session, course_id)
        if row.version != expected_version:
            raise StaleEditError(STALE_COURSE)
        _audit(database, session, actor, AuditAction.UPDATE, row, prior=row)
        columns = _columns(draft)
        if columns["modality"] != row.modality:
            raise InvalidEntryError([Problem("modality", "A course keeps its modality.")])
        for name, value in columns.items():
            setattr(row, name, value)
        _check_positions(row)
        _flush(session)


def _check_positions(row: TreatmentCourse) -> None:
    """A shortened ladder must still hold the course's step."""
    view = repository.bare_view(row)
    try:
        view.engine_course  # noqa: B018  (Course checks its positions on creation)
    except ValueError as error:
        raise InvalidEntryError([Problem("template", str(error))]) from error


def close_course(
    database: Database,
    actor: Actor,
    course_id: int,
    expected_version: int,
    reason: str,
    today: date | None = None,
) -> None:
    """End the course: no more boosters; appointments booked ahead are cancelled."""
    day = _today(today)
    if not reason.strip():
        raise InvalidEntryError([Problem("reason", "Say why the course is closed.")])
    _authorize_course(database, actor, Permission.PLAN_TREATMENT, AuditCategory.COURSES, course_id)
    with database.transaction() as session:
        row = repository.get_course(session, course_id)
        if row.version != expected_version:
            raise StaleEditError(STALE_COURSE)
        _audit(database, session, actor, AuditAction.UPDATE, row, prior=row, detail="closed")
        row.closed_on = day
        row.notes = (row.notes + f"\nClosed {day.isoformat()}: {reason.strip()}").strip()
        for appointment in booking.booked_ahead(session, course_id, day):
            booking.set_row_status(
                database,
                session,
                actor,
                appointment,
                booking.AppointmentStatus.CANCELLED,
                "Course closed",
            )
        _flush(session)


def record_authorization(
    database: Database,
    actor: Actor,
    course_id: int,
    sessions_authorized: int,
    reference: str,
    valid_from: date,
) -> None:
    """A first authorization, or a raise mid-course: the new total, kept beside the old."""
    _authorize_course(database, actor, Permission.PLAN_TREATMENT, AuditCategory.COURSES, course_id)
    with database.transaction() as session:
        row = repository.get_course(session, course_id)
        if sessions_authorized < 1:
            raise InvalidEntryError(
                [Problem("sessions_authorized", "Authorize at least 1 session.")]
            )
        previous = row.authorizations[-1].sessions_authorized if row.authorizations else None
        if previous is not None and sessions_authorized <= previous:
            raise InvalidEntryError(
                [
                    Problem(
                        "sessions_authorized",
                        f"The new total must be above the {previous} sessions already authorized.",
                    )
                ]
            )
        entry = CourseAuthorization(
            sessions_authorized=sessions_authorized,
            reference=reference.strip()[:60],
            valid_from=valid_from,
            recorded_by=actor.display_name,
        )
        row.authorizations.append(entry)
        session.flush()
        _audit(
            database,
            session,
            actor,
            AuditAction.CREATE,
            row,
            object_type="course authorization",
            object_id=entry.id,
            detail=f"{sessions_authorized} sessions authorized"
            + (f" (was {previous})" if previous is not None else ""),
        )


# The proposal ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Inputs:
    view: CourseView
    course: Course
    treatments: list[Treatment]
    proposal: Proposal
    scores: int


def _inputs(session: Session, row: TreatmentCourse, today: date) -> _Inputs:
    view = repository.course_view(session, row, today)
    course = view.engine_course
    treatments = repository.treatments(session, row.id)
    scores = repository.course_scores(session, row.patient_id, row.scale)
    tracking = (
        repository.course_tracking(session, row.patient_id, row.tracking_scale)
        if row.tracking_scale
        else []
    )
    proposal = propose_next_booster(
        course, treatments, scores, today, ProtocolSettings(), tracking=tracking
    )
    return _Inputs(view, course, treatments, proposal, len(scores))


def _same(a: Proposal, b: Proposal) -> bool:
    keys = ("action", "rule", "proposed_date", "interval_days", "phase", "position")
    return all(getattr(a, key) == getattr(b, key) for key in keys)


def _plan(
    calendar: ClinicCalendar,
    bookings: list[Booking],
    days: Sequence[date],
    existing: Sequence[Appointment],
    view: CourseView,
    start: time,
    today: date,
    not_before: datetime,
    *,
    keep_times: bool = True,
) -> tuple[PlannedBooking, ...]:
    """Each day at `start` (or, with `keep_times`, at the time of the appointment already
    booked that moves there), or the nearest free slot when it cannot be booked; the slots
    already planned count as taken for the ones after them."""
    minutes = calendar.duration(view.modality)
    ignore = [row.id for row in existing]
    taken = [b for b in bookings if b.key not in ignore]
    planned = []
    for index, day in enumerate(days):
        wanted = Slot(day, start, minutes)
        if keep_times and index < len(existing):
            wanted = Slot(day, existing[index].start_time, existing[index].duration_minutes)
        problem = booking.problem_with(calendar, taken, wanted, view.modality, today)
        suggestion = (
            booking.nearest(calendar, taken, wanted, view.modality, not_before) if problem else None
        )
        existing_id = existing[index].id if index < len(existing) else None
        planned.append(PlannedBooking(wanted, problem, suggestion, existing_id))
        final = wanted if problem is None else suggestion
        if final is not None:
            taken.append(
                Booking(final.day, final.start, final.minutes, resource_for(view.modality))
            )
    return tuple(planned)


def propose(
    database: Database,
    actor: Actor,
    course_id: int,
    today: date | None = None,
    now: datetime | None = None,
) -> ProposalView:
    """The engine's proposal for the course today, with the bookings accepting would make."""
    day = _today(today)
    _authorize_course(database, actor, Permission.VIEW_CLINICAL, AuditCategory.COURSES, course_id)
    with database.reading() as session:
        row = repository.get_course(session, course_id)
        inputs = _inputs(session, row, day)
        after = apply_proposal(inputs.course, inputs.proposal, day)
        days = (
            dates_to_book(after, inputs.treatments, inputs.proposal)
            if row.closed_on is None
            else ()
        )
        existing = booking.booked_ahead(session, course_id, day)
        start = repository.usual_start(session, course_id) or DEFAULT_START
        bookings = booking.bookings_around(session, days) if days else []
        planned = _plan(
            load_calendar(database),
            bookings,
            days,
            existing,
            inputs.view,
            start,
            day,
            booking.start_of(day, now),
        )
        already = (
            bool(days)
            and len(existing) == len(days)
            and all(
                p.problem is None and p.wanted == booking.slot_of(r)
                for p, r in zip(planned, existing, strict=True)
            )
        )
        return ProposalView(
            already_booked=already,
            course_id=row.id,
            course_version=row.version,
            today=day,
            proposal=inputs.proposal,
            bookings=planned,
            cancels=tuple(r.id for r in existing[len(days) :]) if days or existing else (),
            scores_considered=inputs.scores,
            start_time=start,
        )


def plan_override(
    database: Database,
    actor: Actor,
    shown: ProposalView,
    choice: OverrideChoice,
    now: datetime | None = None,
) -> tuple[PlannedBooking, ...]:
    """The bookings an override would make, each checked against the calendar."""
    day = shown.today
    if choice.first_day is None or choice.count == 0:
        return ()
    days = [
        choice.first_day + timedelta(days=k * choice.interval_days) for k in range(choice.count)
    ]
    _authorize_course(
        database, actor, Permission.VIEW_CLINICAL, AuditCategory.COURSES, shown.course_id
    )
    with database.reading() as session:
        row = repository.get_course(session, shown.course_id)
        existing = booking.booked_ahead(session, row.id, day)
        return _plan(
            load_calendar(database),
            booking.bookings_around(session, days),
            days,
            existing,
            repository.bare_view(row),
            choice.start,
            day,
            booking.start_of(day, now),
            keep_times=False,
        )


def _override_problems(choice: OverrideChoice, today: date) -> list[Problem]:
    problems = []
    if not choice.reason.strip():
        problems.append(Problem("reason", "Say why you are not following the proposal."))
    if choice.count < 0 or choice.count > 40:
        problems.append(Problem("count", "Book between 0 and 40 treatments."))
    if choice.count > 0 and choice.first_day is None:
        problems.append(Problem("first_day", "Give the date of the next treatment."))
    if choice.count > 0 and choice.first_day is not None and choice.first_day < today:
        problems.append(Problem("first_day", "The next treatment cannot be in the past."))
    if choice.count > 1 and not 1 <= choice.interval_days <= 180:
        problems.append(Problem("interval_days", "The interval must be 1 to 180 days."))
    return problems


def _decide(
    database: Database,
    actor: Actor,
    shown: ProposalView,
    slots: Sequence[Slot],
    decision: Decision,
    choice: OverrideChoice | None,
    now: datetime | None,
) -> int:
    day = shown.today
    _authorize_course(
        database, actor, Permission.PLAN_TREATMENT, AuditCategory.COURSES, shown.course_id
    )
    with database.transaction() as session:
        row = repository.get_course(session, shown.course_id)
        if row.version != shown.course_version:
            raise StaleEditError(STALE_PROPOSAL)
        if row.closed_on is not None:
            raise InvalidEntryError([Problem("", "This course is closed: no more boosters.")])
        inputs = _inputs(session, row, day)
        if not _same(inputs.proposal, shown.proposal):
            raise StaleEditError(STALE_PROPOSAL)
        proposal = inputs.proposal
        entry = BoosterDecision(
            course_id=row.id,
            proposed_on=day,
            action=proposal.action,
            rule=proposal.rule,
            reason=proposal.reason,
            notes="\n".join(proposal.notes),
            proposed_date=proposal.proposed_date,
            interval_days=proposal.interval_days,
            phase_after=proposal.phase,
            decision=decision,
            chosen_date=choice.first_day if choice else None,
            chosen_interval_days=choice.interval_days if choice and choice.count > 1 else None,
            chosen_count=choice.count if choice else None,
            chosen_phase=choice.phase if choice else None,
            override_reason=choice.reason.strip() if choice else "",
            decided_by_user_id=actor.user_id,
            decided_by=actor.display_name,
        )
        session.add(entry)
        session.flush()
        _audit(
            database,
            session,
            actor,
            AuditAction.CREATE,
            row,
            object_type="booster decision",
            object_id=entry.id,
            detail=f"{decision.value}: {proposal.reason}"
            + (f" / instead: {choice.reason.strip()}" if choice else ""),
        )
        if decision is Decision.ACCEPTED:
            after = apply_proposal(inputs.course, proposal, day)
            _apply_to_course(database, session, actor, row, after, proposal.action.label)
        elif choice is not None and choice.phase is not None:
            given = [t.on for t in inputs.treatments if t.status is SessionStatus.GIVEN]
            after = move_to_phase(inputs.course, choice.phase, given[-1] if given else None, day)
            _apply_to_course(database, session, actor, row, after, "Clinician's decision")
        label = (
            f"Accepted: {proposal.action.label.lower()}"
            if decision is Decision.ACCEPTED
            else f"Overridden: {choice.reason.strip() if choice else ''}"
        )
        _reconcile(database, session, actor, row, slots, entry.id, label, day, now)
        _flush(session)
        return entry.id


def _apply_to_course(
    database: Database,
    session: Session,
    actor: Actor,
    row: TreatmentCourse,
    after: Course,
    why: str,
) -> None:
    values = {
        "phase": after.phase,
        "started_on": after.started_on,
        "position_index": after.position.index if after.position else None,
        "position_started_on": after.position.started_on if after.position else None,
        "taper_position_index": after.taper_position.index if after.taper_position else None,
        "taper_position_started_on": (
            after.taper_position.started_on if after.taper_position else None
        ),
        "holiday_started_on": after.holiday_started_on,
        "discontinued_on": after.discontinued_on,
        "relapse_on": after.relapse_on,
    }
    if all(getattr(row, name) == value for name, value in values.items()):
        return
    _audit(
        database,
        session,
        actor,
        AuditAction.UPDATE,
        row,
        prior=row,
        detail=f"{why}: now {after.phase.label.lower()}",
    )
    for name, value in values.items():
        setattr(row, name, value)


def _reconcile(
    database: Database,
    session: Session,
    actor: Actor,
    row: TreatmentCourse,
    slots: Sequence[Slot],
    decision_id: int,
    label: str,
    today: date,
    now: datetime | None,
) -> None:
    """Make the course's appointments ahead the decided ones: move those already booked,
    add the rest, cancel what the decision no longer wants."""
    existing = booking.booked_ahead(session, row.id, today)
    calendar = load_calendar(database)
    not_before = booking.start_of(today, now)
    ignore = {r.id for r in existing}
    taken = (
        [b for b in booking.bookings_around(session, [s.day for s in slots]) if b.key not in ignore]
        if slots
        else []
    )
    series_id: int | None = None
    for index, slot in enumerate(slots):
        booking.refuse_unless_free(calendar, taken, slot, row.modality, today, not_before)
        taken.append(Booking(slot.day, slot.start, slot.minutes, resource_for(row.modality)))
        if index < len(existing):
            appointment = existing[index]
            if booking.slot_of(appointment) != slot:
                booking.move_row(
                    database, session, actor, appointment, slot, ChangeKind.REPLANNED, label
                )
        else:
            appointment = booking.add_appointment(
                database,
                session,
                actor,
                patient_id=row.patient_id,
                modality=row.modality,
                slot=slot,
                course_id=row.id,
                series_id=series_id,
                decision_id=decision_id,
                reason=label,
            )
        series_id = series_id or appointment.id
        appointment.series_id = series_id
        appointment.decision_id = decision_id
    for appointment in existing[len(slots) :]:
        booking.set_row_status(
            database,
            session,
            actor,
            appointment,
            booking.AppointmentStatus.CANCELLED,
            f"{label} (no longer in the plan)",
        )


def accept_proposal(
    database: Database,
    actor: Actor,
    shown: ProposalView,
    slots: Sequence[Slot] | None = None,
    now: datetime | None = None,
) -> int:
    """Accept the proposal as shown: the course moves on and its appointments are booked
    (`slots`: the ones confirmed, by default each planned slot or its nearest free one)."""
    if slots is None:
        chosen = [b.slot for b in shown.bookings]
        if any(slot is None for slot in chosen):
            raise InvalidEntryError(
                [Problem("", "No free slot was found for one of the treatments: choose one.")]
            )
        slots = [slot for slot in chosen if slot is not None]
    return _decide(database, actor, shown, slots, Decision.ACCEPTED, None, now)


def override_proposal(
    database: Database,
    actor: Actor,
    shown: ProposalView,
    choice: OverrideChoice,
    slots: Sequence[Slot] | None = None,
    now: datetime | None = None,
) -> int:
    """Decide otherwise: the course stays where it is, the clinician's own treatments are
    booked, and who, when and why are kept with the proposal they set aside."""
    if problems := _override_problems(choice, shown.today):
        raise InvalidEntryError(problems)
    if slots is None:
        planned = plan_override(database, actor, shown, choice, now)
        if any(p.slot is None for p in planned):
            raise InvalidEntryError(
                [Problem("first_day", "No free slot was found for one of the treatments.")]
            )
        slots = [p.slot for p in planned if p.slot is not None]
    return _decide(database, actor, shown, slots, Decision.OVERRIDDEN, choice, now)


# Re-planning -----------------------------------------------------------------------------


def replan_preview(
    database: Database,
    actor: Actor,
    course_id: int,
    today: date | None = None,
    *,
    after_appointment_id: int | None = None,
    now: datetime | None = None,
) -> ReplanPlan:
    """The rest of the current step re-planned from the treatments actually given (missed
    and cancelled ones do not count; a treatment given early or late counts from its date).

    `after_appointment_id`: an appointment just moved; the rest follows it from its new date.
    Appointments booked beyond the step are left alone; nothing is cancelled.
    """
    day = _today(today)
    _authorize_course(
        database, actor, Permission.MANAGE_CALENDAR, AuditCategory.CALENDAR, course_id
    )
    with database.reading() as session:
        row = repository.get_course(session, course_id)
        if row.closed_on is not None:
            return ReplanPlan(course_id, "", ())
        course = repository.bare_view(row).engine_course
        treatments = repository.treatments(session, course_id)
        ahead = booking.booked_ahead(session, course_id, day)
        pivot = None
        if after_appointment_id is not None:
            moved = booking.get_appointment(session, after_appointment_id)
            if moved.course_id != course_id:
                return ReplanPlan(course_id, "", ())
            pivot = moved.day
            # The rest is what came after the appointment before it moved.
            was = next(
                (
                    (c.from_day, c.from_time)
                    for c in reversed(moved.changes)
                    if c.kind is ChangeKind.MOVED and c.from_day and c.from_time
                ),
                (moved.day, moved.start_time),
            )
            before = [r for r in ahead if r.id != moved.id and (r.day, r.start_time) <= was]
            ahead = [r for r in ahead if r.id != moved.id and (r.day, r.start_time) > was]
            # The ones still booked before it are counted as if given on their days.
            treatments = treatments + [Treatment(r.day) for r in before if r.day < moved.day]
            why = f"Moved to {moved.day.isoformat()}: the rest of the step follows it"
        else:
            given = [t.on for t in treatments if t.status is SessionStatus.GIVEN]
            last = f", the last on {given[-1].isoformat()}" if given else ""
            why = f"Re-planned from the treatments actually given{last}"
            if any(t.on == day for t in treatments) and day not in given:
                # Today's treatment was missed or cancelled: it is made up from tomorrow.
                day += timedelta(days=1)
                ahead = [r for r in ahead if r.day >= day]
        days = rest_of_plan(course, treatments, day, pivot=pivot)
        if not days:
            return ReplanPlan(course_id, why, ())
        calendar = load_calendar(database)
        minutes = calendar.duration(row.modality)
        default_start = repository.usual_start(session, course_id) or DEFAULT_START
        ignore = {r.id for r in ahead}
        taken = [b for b in booking.bookings_around(session, days) if b.key not in ignore]
        not_before = booking.start_of(day, now)
        changes = []
        for index, planned_day in enumerate(days):
            current = ahead[index] if index < len(ahead) else None
            start = current.start_time if current is not None else default_start
            wanted = Slot(planned_day, start, current.duration_minutes if current else minutes)
            note = ""
            problem = booking.problem_with(calendar, taken, wanted, row.modality, day)
            if problem is not None:
                found = booking.nearest(calendar, taken, wanted, row.modality, not_before)
                if found is None:
                    raise SlotUnavailableError(wanted, problem, None)
                note = f"{problem} Nearest free slot instead."
                wanted = found
            taken.append(
                Booking(wanted.day, wanted.start, wanted.minutes, resource_for(row.modality))
            )
            if current is not None and booking.slot_of(current) == wanted:
                continue
            changes.append(
                ReplanChange(
                    current.id if current else None,
                    booking.slot_of(current) if current else None,
                    wanted,
                    note,
                )
            )
        return ReplanPlan(course_id, why, tuple(changes))


def apply_replan(
    database: Database,
    actor: Actor,
    plan: ReplanPlan,
    today: date | None = None,
    now: datetime | None = None,
) -> None:
    day = _today(today)
    _authorize_course(
        database, actor, Permission.MANAGE_CALENDAR, AuditCategory.CALENDAR, plan.course_id
    )
    with database.transaction() as session:
        row = repository.get_course(session, plan.course_id)
        calendar = load_calendar(database)
        moving = {c.appointment_id for c in plan.changes if c.appointment_id is not None}
        taken = [
            b
            for b in booking.bookings_around(session, [c.after.day for c in plan.changes])
            if b.key not in moving
        ]
        not_before = booking.start_of(day, now)
        series_id = None
        for change in plan.changes:
            booking.refuse_unless_free(calendar, taken, change.after, row.modality, day, not_before)
            taken.append(
                Booking(
                    change.after.day,
                    change.after.start,
                    change.after.minutes,
                    resource_for(row.modality),
                )
            )
            if change.appointment_id is None:
                booking.add_appointment(
                    database,
                    session,
                    actor,
                    patient_id=row.patient_id,
                    modality=row.modality,
                    slot=change.after,
                    course_id=row.id,
                    series_id=series_id,
                    reason=plan.why,
                )
                continue
            appointment = booking.get_appointment(session, change.appointment_id)
            if (
                appointment.status is not booking.AppointmentStatus.BOOKED
                or booking.slot_of(appointment) != change.before
            ):
                raise StaleEditError(
                    "An appointment in this plan was changed meanwhile. Re-plan again."
                )
            series_id = series_id or appointment.series_id
            booking.move_row(
                database, session, actor, appointment, change.after, ChangeKind.REPLANNED, plan.why
            )
        session.flush()


@dataclass(frozen=True)
class CourseChoice:
    """A course as the booking screen offers it: enough to book against, nothing clinical."""

    id: int
    modality: Modality
    label: str


def course_choices(database: Database, actor: Actor, patient_id: int) -> list[CourseChoice]:
    """The patient's open courses to book against, for everyone who keeps the calendar."""
    authorize(database, actor, Permission.VIEW_DEMOGRAPHICS, AuditCategory.CALENDAR, patient_id)
    with database.reading() as session:
        rows = session.scalars(
            select(TreatmentCourse)
            .where(TreatmentCourse.patient_id == patient_id, TreatmentCourse.closed_on.is_(None))
            .order_by(TreatmentCourse.started_on.desc(), TreatmentCourse.id.desc())
        )
        return [
            CourseChoice(
                row.id,
                row.modality,
                f"{row.modality.label} course from {row.started_on.isoformat()}",
            )
            for row in rows
        ]
