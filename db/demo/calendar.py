"""Synthetic treatment courses and a full calendar for the demo clinic.

Each course is played forward by the protocol engine itself, from the patient's first
treatment to today: every proposal is accepted (or, for some, overridden into a taper, a
drug holiday or a stop), its dates are booked into the clinic's chairs, rooms and devices,
and the scores the engine reads are the patient's demo scores (MADRS, or the HAM-D for TMS).
Treatments up to today are done (a few missed or cancelled); those after today stay booked,
so the calendar is full weeks back and ahead and each course's live proposal follows on from
its history. A few courses start this week or last, so that every phase is on the calendar.
"""

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from clinical.calendar import (
    AppointmentStatus,
    ChangeKind,
    ClinicCalendar,
    ClosedDay,
    Decision,
    Resource,
    resource_for,
)
from clinical.calendar.course_plan import apply_proposal, dates_to_book, remission_for
from clinical.protocols import (
    Action,
    Comparison,
    Course,
    LadderPosition,
    LadderStep,
    Modality,
    Phase,
    ProtocolSettings,
    ProtocolTemplate,
    ScorePoint,
    SessionStatus,
    custom_ladder,
    gradual_taper,
    hybrid,
    ketamine_induction,
    ketamine_interval_extension,
    propose_next_booster,
    spravato_label,
    symptom_triggered,
    tms_acute_course,
)
from clinical.protocols import Session as Treatment
from clinical.record.enums import PatientStatus
from db.calendar.settings import CLOSED_DAYS
from db.courses.protocol_json import encode_template
from db.courses.repository import course_scores
from db.database import Database
from db.demo.catalogue import PRESCRIBERS
from db.models import (
    Appointment,
    AppointmentChange,
    BoosterDecision,
    ClinicSetting,
    CourseAuthorization,
    Patient,
    TreatmentCourse,
)

MAX_COURSES = 90
AHEAD_DAYS = 56
SETTINGS = ProtocolSettings()
DOSES = {
    Modality.IV_KETAMINE: ("0.5 mg/kg IV over 40 min", "0.6 mg/kg IV over 40 min"),
    Modality.IM_KETAMINE: ("0.5 mg/kg IM", "0.75 mg/kg IM"),
    Modality.ESKETAMINE: ("56 mg intranasal", "84 mg intranasal"),
    Modality.TMS: ("10 Hz, 120% MT, 3000 pulses, left DLPFC", "iTBS 600 pulses, 120% MT"),
}


@dataclass(frozen=True)
class DemoCalendarSummary:
    courses: int
    appointments: int
    decisions: int


@dataclass
class _Plan:
    patient_id: int
    template: ProtocolTemplate
    scale: str
    scores: list[ScorePoint]
    start: date
    ends: date  # the patient's last day of treatment (inactive patients stop early)
    forced: Phase | None = None
    forced_after_days: int = 0
    prescriber: str = ""


@dataclass
class _Result:
    course: Course
    treatments: list[Treatment] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)  # with "dates" to link rows
    closed_on: date | None = None


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _demo_closed_days(today: date) -> tuple[ClosedDay, ...]:
    return (
        ClosedDay(_weekday(today - timedelta(days=24)), "Public holiday"),
        ClosedDay(_weekday(today + timedelta(days=11)), "Staff training"),
    )


class _Chairs:
    """In-memory bookings per day and resource, to place each treatment in a free slot."""

    def __init__(self, calendar: ClinicCalendar) -> None:
        self.calendar = calendar
        self.taken: dict[tuple[date, Resource], list[tuple[int, int]]] = {}

    def _fits(self, day: date, resource: Resource, start: int, minutes: int) -> bool:
        hours = self.calendar.hours_on(day)
        if hours is None:
            return False
        opens = hours.opens.hour * 60 + hours.opens.minute
        closes = hours.closes.hour * 60 + hours.closes.minute
        if start < opens or start + minutes > closes:
            return False
        booked = self.taken.get((day, resource), [])
        overlapping = [(s, e) for s, e in booked if s < start + minutes and start < e]
        points = sorted(
            [(max(s, start), 1) for s, _ in overlapping]
            + [(min(e, start + minutes), -1) for _, e in overlapping]
        )
        peak = now = 0
        for _, step in points:
            now += step
            peak = max(peak, now)
        return peak < self.calendar.count(resource)

    def place(self, day: date, modality: Modality, preferred: int) -> tuple[date, time]:
        resource = resource_for(modality)
        minutes = self.calendar.duration(modality)
        step = self.calendar.slot_minutes
        for offset in (0, 1, -1, 2, -2, 3, 4, 5, 6, 7):
            candidate = day + timedelta(days=offset)
            starts = sorted(range(6 * 60, 20 * 60, step), key=lambda s: (abs(s - preferred), s))
            for start in starts:
                if self._fits(candidate, resource, start, minutes):
                    self.taken.setdefault((candidate, resource), []).append(
                        (start, start + minutes)
                    )
                    return candidate, time(start // 60, start % 60)
        return day, time(preferred // 60, preferred % 60)


def _template(kind: str, modality: Modality) -> ProtocolTemplate:
    if kind == "spravato":
        return spravato_label()
    if kind == "tms":
        return tms_acute_course()
    if kind == "hybrid":
        return hybrid(modality)
    if kind == "symptom":
        return symptom_triggered(modality)
    if kind == "custom":
        return custom_ladder(
            "Clinic ladder: weekly, fortnightly, then every 4 weeks",
            modality,
            (
                LadderStep("Weekly", 7, treatments_required=2),
                LadderStep("Every 2 weeks", 14, treatments_required=3),
                LadderStep("Every 4 weeks", 28),
            ),
            ketamine_induction(),
        )
    return ketamine_interval_extension(modality)


def _course(plan: _Plan) -> Course:
    threshold, comparison = remission_for(plan.scale) or (Decimal(10), Comparison.AT_OR_BELOW)
    baseline = plan.scores[0].total if plan.scores else 30
    return Course(
        modality=plan.template.modality,
        phase=Phase.INDUCTION,
        template=plan.template,
        started_on=plan.start,
        acute_baseline=Decimal(max(1, baseline)),
        remission_threshold=threshold,
        remission_comparison=comparison,
        scale=plan.scale,
        taper=gradual_taper(plan.template.modality),
    )


def _force(course: Course, phase: Phase, day: date, last_given: date) -> tuple[Course, str]:
    if phase is Phase.TAPER:
        step = course.taper.ladder[0]
        return (
            replace(course, phase=Phase.TAPER, taper_position=LadderPosition(0, last_given)),
            f"Taper: in remission for months, the patient asked to space treatments out "
            f"({step.label.lower()} first)",
        )
    if phase is Phase.DRUG_HOLIDAY:
        return (
            replace(course, phase=Phase.DRUG_HOLIDAY, holiday_started_on=last_given),
            "Drug holiday: less benefit from each infusion; a 4-6 week pause agreed",
        )
    return (
        replace(course, phase=Phase.DISCONTINUED, discontinued_on=last_given),
        "Stopped scheduled boosters: stable, moving away; boosters as needed",
    )


def _play(plan: _Plan, today: date, r: random.Random) -> _Result:
    """Run the engine from the first treatment to today, accepting what it proposes."""
    result = _Result(_course(plan))
    day = plan.start
    forced_on = plan.start + timedelta(days=plan.forced_after_days) if plan.forced else None
    for _ in range(80):
        if day > today or day > plan.ends:
            break
        course = result.course
        given = [t.on for t in result.treatments if t.status is SessionStatus.GIVEN]
        if forced_on is not None and day >= forced_on and given and plan.forced is not None:
            shown = propose_next_booster(
                course, result.treatments, [p for p in plan.scores if p.on <= day], day, SETTINGS
            )
            forced, reason = _force(course, plan.forced, day, given[-1])
            # What was booked after the decision is cancelled (in the past) or never shown.
            result.treatments = [
                t if t.on <= day else Treatment(t.on, SessionStatus.CANCELLED)
                for t in result.treatments
                if t.on <= today
            ]
            result.decisions.append(
                {
                    "day": day,
                    "proposal": shown,
                    "reason": reason,
                    "phase": forced.phase,
                    "dates": (),
                }
            )
            result.course = forced
            forced_on = None
            if forced.phase is Phase.DISCONTINUED:
                break
            continue
        proposal = propose_next_booster(
            course, result.treatments, [p for p in plan.scores if p.on <= day], day, SETTINGS
        )
        after = apply_proposal(course, proposal, day)
        dates = dates_to_book(after, result.treatments, proposal)
        result.decisions.append(
            {"day": day, "proposal": proposal, "reason": "", "phase": after.phase, "dates": dates}
        )
        result.course = after
        if not dates:
            if proposal.action is Action.HOLD and proposal.proposed_date:
                day = proposal.proposed_date
                continue
            if proposal.rule == "induction.no_response" and given:
                # The prescriber's call (seed 003: 6-8 infusions): weekly, and reassess.
                result.course = replace(
                    after,
                    phase=Phase.MAINTENANCE,
                    position=LadderPosition(0, given[-1]) if after.template.ladder else None,
                )
                result.decisions[-1]["reason"] = (
                    "Partial response after induction: continue weekly and reassess"
                )
                result.decisions[-1]["interval"] = 7
                continue
            later = [p.on for p in plan.scores if p.on > day]
            if proposal.action in (Action.REVIEW, Action.MONITOR) and later:
                day = later[0]
                continue
            break
        for planned in dates:
            status = SessionStatus.GIVEN
            if planned <= today and r.random() < 0.04:
                status = SessionStatus.MISSED
            result.treatments.append(Treatment(planned, status))
        last = dates[-1]
        if last > today + timedelta(days=AHEAD_DAYS):
            break
        day = max(last, day + timedelta(days=1))
    if plan.ends < today and result.course.phase is not Phase.DISCONTINUED:
        given = [t.on for t in result.treatments if t.status is SessionStatus.GIVEN]
        stopped = given[-1] if given else plan.start
        result.treatments = [t for t in result.treatments if t.on <= stopped]
        shown = propose_next_booster(
            result.course,
            result.treatments,
            [p for p in plan.scores if p.on <= stopped],
            stopped,
            SETTINGS,
        )
        result.course = replace(result.course, phase=Phase.DISCONTINUED, discontinued_on=stopped)
        result.decisions.append(
            {
                "day": stopped,
                "proposal": shown,
                "reason": "No longer attending: scheduled boosters stopped, boosters as needed",
                "phase": Phase.DISCONTINUED,
                "dates": (),
            }
        )
    return result


def _plans(session: Session, r: random.Random, today: date) -> list[_Plan]:
    patients = session.execute(
        select(Patient.id, Patient.status, Patient.primary_prescriber).order_by(Patient.id)
    ).all()
    active = [p for p in patients if p.status is PatientStatus.ACTIVE]
    others = [p for p in patients if p.status is not PatientStatus.ACTIVE]
    chosen = active[: MAX_COURSES - 6] + others[:6]
    plans: list[_Plan] = []
    fresh_kinds = ["iv", "spravato", "tms", "iv"]
    for index, patient in enumerate(chosen):
        madrs = course_scores(session, patient.id, "MADRS")
        hamd = course_scores(session, patient.id, "HAMD17")
        scores, scale = (hamd, "HAMD17") if hamd and not madrs else (madrs, "MADRS")
        prescriber = patient.primary_prescriber or r.choice(PRESCRIBERS)
        if index < len(fresh_kinds) or not scores:
            # New this week or last: an induction or acute course in progress.
            kind = fresh_kinds[index % len(fresh_kinds)]
            modality = {"spravato": Modality.ESKETAMINE, "tms": Modality.TMS}.get(
                kind, Modality.IV_KETAMINE
            )
            start = _weekday(today - timedelta(days=r.randint(2, 12 if kind == "tms" else 8)))
            scale = "HAMD17" if kind == "tms" else "MADRS"
            baseline = [ScorePoint(start - timedelta(days=2), r.randint(24, 38))]
            plans.append(
                _Plan(
                    patient.id,
                    _template(kind, modality),
                    scale,
                    baseline,
                    start,
                    today,
                    None,
                    0,
                    prescriber,
                )
            )
            continue
        start = _weekday(scores[0].on + timedelta(days=2))
        ends = today if patient.status is PatientStatus.ACTIVE else scores[-1].on
        if scale == "HAMD17":
            kind, modality = "tms", Modality.TMS
        else:
            kind = r.choices(
                ["iv", "im", "spravato", "hybrid", "symptom", "custom"], [46, 10, 20, 10, 6, 8]
            )[0]
            modality = {"im": Modality.IM_KETAMINE, "spravato": Modality.ESKETAMINE}.get(
                kind, Modality.IV_KETAMINE
            )
        forced: Phase | None = None
        after = 0
        span = (today - start).days
        if patient.status is not PatientStatus.ACTIVE:
            forced, after = Phase.DISCONTINUED, max(30, (ends - start).days - 5)
        elif kind in ("iv", "im") and span > 200:
            roll = r.random()
            if roll < 0.18:
                forced, after = Phase.TAPER, span - r.randint(40, 120)
            elif roll < 0.30:
                forced, after = Phase.DRUG_HOLIDAY, span - r.randint(10, 40)
            elif roll < 0.38:
                forced, after = Phase.DISCONTINUED, span - r.randint(30, 90)
        plans.append(
            _Plan(
                patient.id,
                _template(kind, modality),
                scale,
                scores,
                start,
                ends,
                forced,
                after,
                prescriber,
            )
        )
    return plans


def _decided_at(day: date, r: random.Random) -> datetime:
    return datetime.combine(day, time(r.randint(9, 16), r.choice((5, 20, 35, 50)))).astimezone(UTC)


def generate_demo_calendar(
    database: Database, seed: int, today: date | None = None
) -> DemoCalendarSummary:
    """Courses in every phase and their appointments, weeks back and ahead; one transaction."""
    today = today or date.today()
    r = random.Random(seed * 31 + 7)
    closed = _demo_closed_days(today)
    calendar = ClinicCalendar(closed_days=closed)
    chairs = _Chairs(calendar)
    now = datetime.now(UTC)
    courses = appointments = decisions = 0
    with database.transaction() as session:
        _save_closed_days(session, closed)
        for plan in _plans(session, r, today):
            played = _play(plan, today, r)
            course = played.course
            if course.phase is Phase.INDUCTION and not played.treatments:
                continue
            modality = plan.template.modality
            row = TreatmentCourse(
                patient_id=plan.patient_id,
                modality=modality,
                phase=course.phase,
                protocol_json=encode_template(plan.template),
                taper_json=encode_template(course.taper),
                scale=plan.scale,
                acute_baseline=Decimal(course.acute_baseline),
                remission_threshold=Decimal(course.remission_threshold),
                remission_comparison=course.remission_comparison,
                tracking_scale="PHQ2",
                started_on=course.started_on,
                prescriber=plan.prescriber,
                dose_plan=r.choice(DOSES[modality]),
                position_index=course.position.index if course.position else None,
                position_started_on=course.position.started_on if course.position else None,
                taper_position_index=course.taper_position.index if course.taper_position else None,
                taper_position_started_on=(
                    course.taper_position.started_on if course.taper_position else None
                ),
                holiday_started_on=course.holiday_started_on,
                discontinued_on=course.discontinued_on,
                closed_on=None,
                notes="",
                created_at=now,
                version=1,
            )
            session.add(row)
            session.flush()
            courses += 1
            decision_ids = _add_decisions(session, row.id, played, plan, r)
            decisions += len(decision_ids)
            appointments += _add_appointments(session, row, played, decision_ids, chairs, today, r)
            if modality is Modality.TMS:
                given = sum(1 for t in played.treatments if t.on <= today)
                session.add(
                    CourseAuthorization(
                        course_id=row.id,
                        sessions_authorized=36 if given < 34 else 42,
                        reference=f"PA-{r.randint(100000, 999999)}",
                        valid_from=course.started_on,
                        recorded_by="Jordan Lee",
                    )
                )
            elif r.random() < 0.4:
                given = sum(
                    1
                    for t in played.treatments
                    if t.on <= today and t.status is SessionStatus.GIVEN
                )
                session.add(
                    CourseAuthorization(
                        course_id=row.id,
                        sessions_authorized=max(1, given + r.choice([0, 1, 2, 4, 6, 10, 12])),
                        reference=f"PA-{r.randint(100000, 999999)}",
                        valid_from=course.started_on,
                        recorded_by="Jordan Lee",
                    )
                )
    return DemoCalendarSummary(courses, appointments, decisions)


def _save_closed_days(session: Session, closed: Sequence[ClosedDay]) -> None:
    value = json.dumps(
        [{"on": c.on.isoformat(), "reason": c.reason} for c in closed], sort_keys=True
    )
    row = session.get(ClinicSetting, CLOSED_DAYS)
    if row is None:
        session.add(ClinicSetting(key=CLOSED_DAYS, value_json=value))
    else:
        row.value_json = value


def _add_decisions(
    session: Session, course_id: int, played: _Result, plan: _Plan, r: random.Random
) -> list[int | None]:
    """One decision per step played; index-aligned with `played.decisions`."""
    rows = []
    for entry in played.decisions:
        proposal = entry["proposal"]
        overridden = bool(entry["reason"])
        rows.append(
            {
                "course_id": course_id,
                "proposed_on": entry["day"],
                "action": proposal.action,
                "rule": proposal.rule,
                "reason": proposal.reason,
                "notes": "\n".join(proposal.notes),
                "proposed_date": proposal.proposed_date,
                "interval_days": proposal.interval_days,
                "phase_after": proposal.phase,
                "decision": Decision.OVERRIDDEN if overridden else Decision.ACCEPTED,
                "chosen_date": None,
                "chosen_interval_days": entry.get("interval"),
                "chosen_count": (1 if entry.get("interval") else 0) if overridden else None,
                "override_reason": entry["reason"],
                "decided_by_user_id": None,
                "decided_by": plan.prescriber.split(",")[0],
                "decided_at": _decided_at(entry["day"], r),
            }
        )
    if not rows:
        return []
    return list(session.scalars(insert(BoosterDecision).returning(BoosterDecision.id), rows))


def _add_appointments(
    session: Session,
    course: TreatmentCourse,
    played: _Result,
    decision_ids: list[int | None],
    chairs: _Chairs,
    today: date,
    r: random.Random,
) -> int:
    modality = course.modality
    minutes = chairs.calendar.duration(modality)
    preferred = r.choice(range(8 * 60, 15 * 60, 30))
    owner: dict[date, int | None] = {}
    for entry, decision_id in zip(played.decisions, decision_ids, strict=True):
        for day in entry["dates"]:
            owner.setdefault(day, decision_id)
    rows = []
    for treatment in played.treatments:
        if treatment.on > today + timedelta(days=AHEAD_DAYS):
            continue
        day, start = chairs.place(treatment.on, modality, preferred)
        if day < today or (day == today and start < time(11, 0)):
            status = {
                SessionStatus.MISSED: AppointmentStatus.MISSED,
                SessionStatus.CANCELLED: AppointmentStatus.CANCELLED,
            }.get(treatment.status, AppointmentStatus.DONE)
            if status is AppointmentStatus.DONE and r.random() < 0.02:
                status = AppointmentStatus.CANCELLED
        elif treatment.status is SessionStatus.CANCELLED:
            continue
        elif day == today and start < time(12, 0):
            status = AppointmentStatus.ARRIVED
        else:
            status = AppointmentStatus.BOOKED
        reason = {
            AppointmentStatus.MISSED: r.choice(["No show", "Unwell, did not come", "No ride home"]),
            AppointmentStatus.CANCELLED: (
                "Course changed: not needed"
                if treatment.status is SessionStatus.CANCELLED
                else r.choice(["Patient cancelled: work", "Clinic cancelled"])
            ),
        }.get(status, "")
        rows.append(
            {
                "patient_id": course.patient_id,
                "course_id": course.id,
                "modality": modality,
                "day": day,
                "start_time": start,
                "duration_minutes": minutes,
                "status": status,
                "series_id": None,
                "decision_id": owner.get(treatment.on),
                "note": "",
                "status_reason": reason,
                "version": 1,
            }
        )
    if not rows:
        return 0
    ids = list(session.scalars(insert(Appointment).returning(Appointment.id), rows))
    series: dict[int | None, int] = {}
    changes = []
    updates = []
    for appointment_id, row in zip(ids, rows, strict=True):
        series_id = series.setdefault(row["decision_id"], appointment_id)
        updates.append({"id": appointment_id, "series_id": series_id})
        booked_for = row["day"]
        moved = row["status"] is AppointmentStatus.BOOKED and r.random() < 0.08
        if moved:
            booked_for = row["day"] - timedelta(days=r.choice([1, 2, -1, -3]))
        changes.append(
            {
                "appointment_id": appointment_id,
                "kind": ChangeKind.BOOKED,
                "from_day": None,
                "from_time": None,
                "to_day": booked_for,
                "to_time": row["start_time"],
                "from_status": "",
                "to_status": "booked",
                "reason": "",
                "changed_by": "Jordan Lee",
            }
        )
        if moved:
            changes.append(
                {
                    "appointment_id": appointment_id,
                    "kind": ChangeKind.MOVED,
                    "from_day": booked_for,
                    "from_time": row["start_time"],
                    "to_day": row["day"],
                    "to_time": row["start_time"],
                    "from_status": "booked",
                    "to_status": "booked",
                    "reason": r.choice(["Patient asked to move", "Ride not available that day"]),
                    "changed_by": "Jordan Lee",
                }
            )
        if row["status"] is not AppointmentStatus.BOOKED:
            changes.append(
                {
                    "appointment_id": appointment_id,
                    "kind": ChangeKind.STATUS,
                    "from_day": None,
                    "from_time": None,
                    "to_day": row["day"],
                    "to_time": row["start_time"],
                    "from_status": "booked",
                    "to_status": row["status"].value,
                    "reason": row["status_reason"],
                    "changed_by": "Priya Raman",
                }
            )
    table = Appointment.__table__
    session.execute(
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(series_id=bindparam("b_series")),
        [{"b_id": u["id"], "b_series": u["series_id"]} for u in updates],
    )
    session.execute(insert(AppointmentChange), changes)
    return len(rows)
