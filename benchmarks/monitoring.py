"""The clinic-wide monitoring list at 20,000 patients with five years of history.

History is written with bulk inserts (courses, treatments, monitoring completions, REMS
forms); the stored due dates are then worked out once by the real code (`rebuild_all`),
as after a change of rules. Figures: the whole `clinic_checklist` workflow as the screen
calls it (permission check, the stale-table check, the query, its audit row), the query
alone, a filtered list, filling the table model, and Today.
"""

import multiprocessing
import random
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.monitoring import SEED_DEFAULT_RULES, Interval, ItemState, PerSession, add_months
from clinical.protocols import Phase, ketamine_interval_extension
from db.accounts.actor import Actor
from db.accounts.passwords import OWASP_MINIMUM, Passwords
from db.accounts.roles import Role
from db.accounts.views import AccountDraft
from db.accounts.workflows import create_account, create_first_administrator
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.base import utc_now
from db.courses.protocol_json import encode_template
from db.database import Database, sqlite_url
from db.migrate import upgrade_to_head
from db.models import Appointment, MonitoringCompletion, Patient, TreatmentCourse
from db.monitoring.due_table import rebuild_all
from db.monitoring.today import today_view
from db.monitoring.views import ChecklistFilters
from db.monitoring.workflows import clinic_checklist, due_rows
from ui.monitoring.models import DueRowModel

PATIENTS = 20_000
YEARS = 5
ACTIVE_SHARE = 0.35
PRESCRIBERS = ("Maya Okafor, MD", "Daniel Reyes, MD", "Hannah Cole, DO", "Samir Haddad, MD")
BATCH = 10_000
NINE = clock_time(9, 0)


def _bulk(database: Database, model: type, rows: list[dict]) -> None:
    with database.engine.begin() as connection:
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(model), rows[start : start + BATCH])


def _history(database: Database, today: date) -> tuple[int, int, int]:
    r = random.Random(11)
    now = utc_now()
    first = today - timedelta(days=365 * YEARS)
    patients = [
        {
            "mrn": f"BM-{n:06d}",
            "legal_family_name": f"Family{n}",
            "legal_given_names": f"Given{n % 97}",
            "preferred_name": "",
            "date_of_birth": date(1950, 1, 1) + timedelta(days=r.randint(0, 18000)),
            "sex": "female",
            "phone": "",
            "email": "",
            "address_line1": "",
            "address_line2": "",
            "city": "",
            "region": "",
            "postal_code": "",
            "country": "",
            "emergency_contact_name": "",
            "emergency_contact_relation": "",
            "emergency_contact_phone": "",
            "insurance_payer": "",
            "insurance_member_id": "",
            "insurance_group_number": "",
            "insurance_payer_address": "",
            "primary_prescriber": "",
            "status": "active",
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for n in range(1, PATIENTS + 1)
    ]
    _bulk(database, Patient, patients)
    courses, appointments, completions = [], [], []
    interval_rules = [rule for rule in SEED_DEFAULT_RULES if isinstance(rule.schedule, Interval)]
    form_rule = next(rule for rule in SEED_DEFAULT_RULES if isinstance(rule.schedule, PerSession))
    templates = {m: encode_template(ketamine_interval_extension(m)) for m in Modality}
    for patient_id in range(1, PATIENTS + 1):
        modality = r.choice(list(Modality))
        start = first + timedelta(days=r.randint(0, 365 * YEARS - 30))
        active = r.random() < ACTIVE_SHARE
        end = today if active else min(today, start + timedelta(days=r.randint(60, 900)))
        courses.append(
            {
                "id": patient_id,
                "patient_id": patient_id,
                "modality": modality,
                "phase": Phase.MAINTENANCE,
                "protocol_json": templates[modality],
                "taper_json": templates[modality],
                "scale": "MADRS",
                "acute_baseline": 30,
                "remission_threshold": 10,
                "remission_comparison": "at_or_below",
                "tracking_scale": "PHQ2",
                "started_on": start,
                "prescriber": r.choice(PRESCRIBERS),
                "closed_on": None if active else end,
                "notes": "",
                "created_at": now,
                "version": 1,
            }
        )
        day, sessions = start, []
        while day <= end:
            appointments.append(
                {
                    "patient_id": patient_id,
                    "course_id": patient_id,
                    "modality": modality,
                    "day": day,
                    "start_time": NINE,
                    "duration_minutes": 60,
                    "status": AppointmentStatus.DONE,
                    "note": "",
                    "status_reason": "",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
            sessions.append(day)
            day += timedelta(days=r.choice((7, 14, 21, 28, 35)))
        if not active:
            continue
        for rule in interval_rules:
            if modality not in rule.modalities:
                continue
            assert isinstance(rule.schedule, Interval)
            done = start - timedelta(days=2) if rule.baseline_required else start
            lapses = r.random() < 0.15
            while True:
                if done != start:
                    completions.append(_completion(patient_id, rule.code, done, None))
                opens = add_months(done, rule.schedule.earliest_months)
                span = (add_months(done, rule.schedule.latest_months) - opens).days
                done = opens + timedelta(days=r.randint(0, span + 10))
                if done > today or (lapses and done > today - timedelta(days=90)):
                    break
        if modality is Modality.ESKETAMINE:
            for held in sessions[:-1]:
                completions.append(_completion(patient_id, form_rule.code, held, held))
    _bulk(database, TreatmentCourse, courses)
    _bulk(database, Appointment, appointments)
    _bulk(database, MonitoringCompletion, completions)
    return len(courses), len(appointments), len(completions)


def _completion(patient_id: int, code: str, day: date, session_on: date | None) -> dict:
    return {
        "patient_id": patient_id,
        "item_code": code,
        "done_on": day,
        "session_on": session_on,
        "abnormal": False,
        "summary": "done, nothing abnormal",
        "findings": "",
        "marked_abnormal": False,
        "performed_by": "RN Bench",
        "note": "",
        "recorded_by": "benchmark",
        "recorded_at": utc_now(),
    }


def _open(folder: Path) -> Database:
    return Database(
        sqlite_url(folder / "monitoring.sqlite3"), AuditTrail(AuditKeys(folder / "keys"))
    )


def build(folder: Path) -> tuple[int, list[str]]:
    """Write the clinic; returns the prescriber's account id and what it took.

    Runs in a process of its own: generating a million rows leaves the Python heap of the
    process that did it unlike the program's, and slowed every later figure taken there
    about twofold. The figures are taken in a process that only reads, as the program does.
    """
    database = _open(folder)
    upgrade_to_head(database)
    passwords = Passwords(OWASP_MINIMUM)
    admin = create_first_administrator(
        database,
        passwords,
        AccountDraft("admin", "Bench Admin", Role.ADMINISTRATOR),
        "benchmark password 1",
        "bench",
    )
    prescriber_id = create_account(
        database,
        admin,
        passwords,
        AccountDraft("dr.bench", "Dr Bench", Role.PRESCRIBER),
        "benchmark password 1",
    )
    start = time.perf_counter()
    courses, treatments, completions = _history(database, date.today())
    lines = [
        f"monitoring history, {PATIENTS:,} patients over {YEARS} years: {courses:,} courses, "
        f"{treatments:,} treatments, {completions:,} completions: "
        f"{time.perf_counter() - start:.1f} s"
    ]
    start = time.perf_counter()
    with database.transaction() as session:
        stored = rebuild_all(session)
    lines.append(
        f"work out every stored due date ({stored:,} rows): {time.perf_counter() - start:.1f} s"
    )
    database.dispose()
    return prescriber_id, lines


def run(folder: Path, measure: Callable[[Callable[[], object]], float]) -> Iterator[str]:
    QApplication.instance() or QApplication([])
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as builder:
        prescriber_id, lines = builder.submit(build, folder).result()
    yield from lines
    database = _open(folder)
    prescriber = Actor(prescriber_id, "dr.bench", "Dr Bench", Role.PRESCRIBER, "bench")
    today = date.today()
    checklist = clinic_checklist(database, prescriber)
    overdue = checklist.overdue
    yield f"clinic-wide list: {len(checklist.rows):,} items need action, {overdue:,} overdue"
    yield (
        "clinic_checklist, whole workflow (check, query, audit row): "
        f"{measure(lambda: clinic_checklist(database, prescriber)):.0f} ms"
    )

    def query_only() -> list:
        with database.reading() as session:
            return due_rows(session, today)

    yield f"the due-list query alone: {measure(query_only):.0f} ms"
    only_overdue = ChecklistFilters(state=ItemState.OVERDUE, item_code="urinalysis")
    yield (
        "filtered (urinalysis, overdue): "
        f"{measure(lambda: clinic_checklist(database, prescriber, only_overdue)):.0f} ms"
    )
    model = DueRowModel()
    yield f"fill the table model: {measure(lambda: model.set_rows(checklist.rows)):.0f} ms"
    yield f"Today view: {measure(lambda: today_view(database, prescriber, today)):.0f} ms"
    database.dispose()
