"""Synthetic monitoring history for the demo clinic: baselines, repeats, lapses, events.

For every active course the demo calendar made: the baselines before the first treatment
(a few missing), each interval item repeated at a believable point of its window (some
late, a few left to lapse so the clinic-wide list has overdue items), results with a few
abnormal ones (a low MoCA, a raised ALT, blood on a dipstick), a few events (urinary
symptoms, elevated liver tests from an outside laboratory), and REMS forms for most
esketamine sessions (the last few still open). Then the stored due dates are worked out.
"""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.monitoring import (
    EventKind,
    Interval,
    ItemResult,
    LabValue,
    MonitoringRule,
    PerSession,
    add_months,
    assess,
    moca_total,
    result_kind,
)
from clinical.monitoring.results import DEFAULT_RANGES, ResultKind
from db.base import utc_now
from db.database import Database
from db.models import (
    Appointment,
    MonitoringCompletion,
    MonitoringEventRecord,
    Patient,
    TreatmentCourse,
)
from db.monitoring.due_table import rebuild_all
from db.monitoring.rules_store import clinic_rules

NURSES = ("RN Priya Raman", "RN Tom Alvarez", "RN Grace Kim")
DEMO_RECORDER = "Demo data"


def _lab(r: random.Random, name: str, high: bool) -> LabValue:
    lower, upper = DEFAULT_RANGES[name]
    if name == "bilirubin":
        value = Decimal(r.randint(3, 11)) / 10 if not high else Decimal(r.randint(13, 20)) / 10
    elif high:
        value = Decimal(int(upper * Decimal(r.uniform(1.2, 2.5))))
    else:
        value = Decimal(r.randint(int(lower) + 3, int(upper) - 5))
    return LabValue(value, lower, upper)


def _result(r: random.Random, kind: ResultKind, education: int | None) -> ItemResult:
    unlucky = r.random() < 0.08
    match kind:
        case ResultKind.MOCA:
            raw = r.randint(21, 25) if unlucky else r.randint(26, 30)
            return ItemResult(moca_raw=raw, education_years=education)
        case ResultKind.URINALYSIS:
            return ItemResult(
                ua_blood=unlucky,
                ua_protein=False,
                ua_leukocytes=unlucky and r.random() < 0.5,
                ua_nitrite=False,
                findings="microscopic haematuria" if unlucky else "",
            )
        case ResultKind.LIVER_PANEL:
            return ItemResult(
                alt=_lab(r, "alt", unlucky),
                ast=_lab(r, "ast", unlucky and r.random() < 0.6),
                bilirubin=_lab(r, "bilirubin", False),
            )
        case ResultKind.ECG:
            return ItemResult(
                findings="sinus rhythm, rate 68, QTc 452 ms" if unlucky else "sinus rhythm, normal",
                marked_abnormal=unlucky,
            )
    return ItemResult()


def _row(
    patient_id: int,
    rule: MonitoringRule,
    day: date,
    result: ItemResult,
    nurse: str,
    session_on: date | None = None,
) -> dict:
    kind = result_kind(rule.code)
    abnormal, summary = assess(kind, result)
    total, point = (None, None)
    if kind is ResultKind.MOCA and result.moca_raw is not None:
        total, point = moca_total(result.moca_raw, result.education_years)
    lab = {
        f"{name}{suffix}": getattr(getattr(result, name), attr) if getattr(result, name) else None
        for name in ("alt", "ast", "bilirubin")
        for suffix, attr in (("", "value"), ("_lower", "lower"), ("_upper", "upper"))
    }
    return {
        "patient_id": patient_id,
        "item_code": rule.code,
        "done_on": day,
        "session_on": session_on,
        "abnormal": abnormal,
        "summary": summary,
        "moca_raw": result.moca_raw if kind is ResultKind.MOCA else None,
        "moca_total": total,
        "moca_education_point": point,
        "ua_blood": result.ua_blood,
        "ua_protein": result.ua_protein,
        "ua_leukocytes": result.ua_leukocytes,
        "ua_nitrite": result.ua_nitrite,
        "findings": result.findings,
        **lab,
        "systolic": None,
        "diastolic": None,
        "marked_abnormal": result.marked_abnormal,
        "performed_by": nurse,
        "note": "",
        "recorded_by_user_id": None,
        "recorded_by": DEMO_RECORDER,
        "recorded_at": utc_now(),
    }


def generate_demo_monitoring(database: Database, seed: int, today: date) -> int:
    """Add the monitoring history; returns how many completions were added."""
    r = random.Random(seed * 7919 + 6)
    with database.transaction() as session:
        rules = clinic_rules(session)
        courses = session.execute(
            select(
                TreatmentCourse.id,
                TreatmentCourse.patient_id,
                TreatmentCourse.modality,
                TreatmentCourse.started_on,
            ).where(TreatmentCourse.closed_on.is_(None))
        ).all()
        first = dict(
            session.execute(
                select(Appointment.course_id, func.min(Appointment.day))
                .where(Appointment.status == AppointmentStatus.DONE)
                .group_by(Appointment.course_id)
            ).all()
        )
        education = dict(session.execute(select(Patient.id, Patient.education_years)).all())
        sessions: defaultdict[int, list[date]] = defaultdict(list)
        for patient_id, day in session.execute(
            select(Appointment.patient_id, Appointment.day).where(
                Appointment.modality == Modality.ESKETAMINE,
                Appointment.status == AppointmentStatus.DONE,
            )
        ):
            sessions[patient_id].append(day)
        rows: list[dict] = []
        events: list[dict] = []
        done_for: set[tuple[int, str]] = set()
        for course in courses:
            start = first.get(course.id) or course.started_on
            nurse = r.choice(NURSES)
            for rule in rules:
                if course.modality not in rule.modalities:
                    continue
                if (course.patient_id, rule.code) in done_for:
                    continue
                done_for.add((course.patient_id, rule.code))
                if isinstance(rule.schedule, PerSession):
                    held = sorted(sessions[course.patient_id])
                    for index, held_on in enumerate(held):
                        recent = index >= len(held) - 2 and r.random() < 0.5
                        forgotten = held_on > today - timedelta(days=45) and r.random() < 0.03
                        if recent or forgotten:
                            continue  # the form not sent yet (or forgotten)
                        sent = min(held_on + timedelta(days=r.randint(0, 4)), today)
                        rows.append(
                            _row(course.patient_id, rule, sent, ItemResult(), nurse, held_on)
                        )
                    continue
                if rule.baseline_required:
                    if r.random() < 0.06 and start >= today - timedelta(days=10):
                        continue  # a new patient's baseline still to do
                    day = start - timedelta(days=r.randint(0, 6))
                    result = _result(r, result_kind(rule.code), education.get(course.patient_id))
                    rows.append(_row(course.patient_id, rule, day, result, nurse))
                elif isinstance(rule.schedule, Interval):
                    day = start
                else:
                    continue
                if not isinstance(rule.schedule, Interval):
                    continue
                schedule = rule.schedule
                lapses = r.random() < 0.18
                while True:
                    opens = add_months(day, schedule.earliest_months)
                    closes = add_months(day, schedule.latest_months)
                    span = max((closes - opens).days, 1)
                    late = r.random() < 0.1
                    day = opens + timedelta(days=r.randint(0, span + (20 if late else -1)))
                    if day > today or (lapses and day > today - timedelta(days=60)):
                        break
                    result = _result(r, result_kind(rule.code), education.get(course.patient_id))
                    rows.append(_row(course.patient_id, rule, day, result, nurse))
            if course.modality in (Modality.IV_KETAMINE, Modality.ESKETAMINE) and r.random() < 0.08:
                kind = r.choice([EventKind.URINARY_SYMPTOMS, EventKind.ELEVATED_LIVER_TESTS])
                detail = (
                    "frequency and urgency on the side-effect review"
                    if kind is EventKind.URINARY_SYMPTOMS
                    else "ALT 112 U/L at the GP's laboratory"
                )
                events.append(
                    {
                        "patient_id": course.patient_id,
                        "kind": kind,
                        "occurred_on": today - timedelta(days=r.randint(1, 20)),
                        "detail": detail,
                        "source": "side-effect review"
                        if kind is EventKind.URINARY_SYMPTOMS
                        else "outside laboratory",
                        "recorded_by_user_id": None,
                        "recorded_by": DEMO_RECORDER,
                        "recorded_at": utc_now(),
                    }
                )
        for begin in range(0, len(rows), 2000):
            session.execute(insert(MonitoringCompletion), rows[begin : begin + 2000])
        if events:
            session.execute(insert(MonitoringEventRecord), events)
        rebuild_all(session, rules)
    return len(rows)
