"""Synthetic rating-scale histories for the demo clinic, fast enough for 20,000 patients.

Each patient gets a course: a baseline before treatment, a response over the first weeks
(or a partial or no response), maintenance scores every few weeks, and for some a relapse or
two that settles after a booster. Ketamine and esketamine patients are followed with the
MADRS (clinician) and the PHQ-9 (self-report); TMS patients with the HAM-D and the BDI-II
as their insurer asks, and the PHQ-9. A few have a MoCA. Suicide items are rarely positive:
each such result has its alert, addressed the same day with a C-SSRS screener, a safety plan
and a documented action, except one alert left open on the first patient.

Every stored total is scored by `clinical.scales`. To stay fast, the answers for a given
instrument and total are drawn from a small pool of scored answer sets built as needed, and
the rows go in by bulk insert inside the caller's transaction.
"""

import functools
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from clinical.record.enums import PatientStatus
from clinical.scales import Instrument, ScaleResult, get_instrument, score
from db.demo.accounts import DEMO_STAFF
from db.models import SafetyAlert, ScaleResultRecord, UserAccount
from db.scales.views import AlertStatus

VARIANTS_PER_TOTAL = 4
SCREENER = "CSSRS_SCREENER"

FOLLOW_UP_ACTIONS = (
    "Seen by the prescriber before leaving; passive thoughts only, no plan or intent. "
    "Safety plan reviewed with the patient; crisis line number given.",
    "Discussed with the prescriber the same day; patient agreed to a check-in call tomorrow. "
    "Partner informed with the patient's consent.",
    "Prescriber assessment: chronic passive ideation at baseline, unchanged. Safety plan "
    "updated; next visit brought forward by a week.",
    "Reviewed with the patient; denies intent. Means restriction discussed; therapist "
    "informed by phone.",
)
AMENDMENT_REASONS = (
    "One item keyed one row down from the paper form; corrected against the form.",
    "Score transposed on entry; corrected from the rater's sheet.",
)


@dataclass(frozen=True)
class Person:
    user_id: int | None
    name: str


@dataclass(frozen=True)
class DemoStaff:
    prescriber: Person
    clinician: Person
    nurse: Person


@dataclass(frozen=True)
class PatientFacts:
    patient_id: int
    education_years: int | None
    status: PatientStatus


@dataclass(frozen=True)
class _Pooled:
    answers_json: str
    result: ScaleResult


def demo_staff(session: Session) -> DemoStaff:
    """The demo accounts by username when they exist; their names alone otherwise."""
    found = {
        row.username: Person(row.id, row.display_name)
        for row in session.execute(
            select(UserAccount.id, UserAccount.username, UserAccount.display_name)
        )
    }
    people: dict[str, Person] = {}
    for username, name, role, _, _ in DEMO_STAFF:  # the first account of each role
        people.setdefault(role.value, found.get(username, Person(None, name)))
    return DemoStaff(people["prescriber"], people["clinician"], people["nurse"])


class ScoreHistories:
    """Adds score histories batch by batch; counts what it added."""

    def __init__(self, session: Session, seed: int, today: date) -> None:
        self.random = random.Random(seed * 7_919 + 104_729)
        self.today = today
        self.staff = demo_staff(session)
        self.results = 0
        self.alerts = 0
        self.open_alerts = 0
        self._pool: dict[tuple[str, int], list[_Pooled]] = {}
        self._rows: list[dict[str, Any]] = []
        # (screener row or None, flagged row, its alerts) and (original, its amendment)
        self._flagged: list[tuple[dict | None, dict, list[dict]]] = []
        self._amended: list[tuple[dict, dict]] = []
        self._open_alert_pending = True

    # Building rows ----------------------------------------------------------------------

    def add(self, session: Session, patients: Sequence[PatientFacts]) -> None:
        for facts in patients:
            self._patient(facts)
        self._flush(session)

    def _patient(self, facts: PatientFacts) -> None:
        r = self.random
        tms = r.random() < 0.3
        # Most have a year or more of history; the rest started in the last months.
        length = r.randint(365, 430) if r.random() < 0.6 else r.randint(35, 330)
        start = self.today - timedelta(days=length)
        stop = self.today - timedelta(days=1)
        if facts.status is not PatientStatus.ACTIVE:
            stop = self.today - timedelta(days=r.randint(20, max(21, length // 2)))
        course = _Course.draw(r, tms)
        severity = r.uniform(0.0, 1.0)
        first_patient = self._open_alert_pending and facts.status is PatientStatus.ACTIVE
        if first_patient:
            # The open alert's story: a year of good response, then a relapse this month.
            tms, length = False, 400
            start = self.today - timedelta(days=length)
            stop = self.today - timedelta(days=5)
            course = _Course(nadir=0.25, days_to_respond=8, relapses=((length - 16, 0.55),))

        plan = _visit_days(r, tms, start, stop)
        for index, day in enumerate(plan):
            fraction = course.fraction((day - start).days)
            acute = index == 0
            if tms:
                if acute or index in (3, 6) or (index > 6 and index % 3 == 0):
                    self._result(
                        facts,
                        "HAMD17",
                        day,
                        18 + severity * 10,
                        fraction,
                        acute,
                        self.staff.clinician,
                        False,
                    )
                    self._result(
                        facts,
                        "BDI2",
                        day,
                        24 + severity * 18,
                        fraction,
                        acute,
                        self.staff.clinician,
                        True,
                    )
            else:
                self._result(
                    facts,
                    "MADRS",
                    day,
                    26 + severity * 16,
                    fraction,
                    acute,
                    self.staff.prescriber,
                    False,
                )
            self._result(
                facts,
                "PHQ9",
                day,
                15 + severity * 10,
                fraction,
                acute,
                self.staff.nurse if not tms else self.staff.clinician,
                True,
            )
        if r.random() < 0.12 and plan:
            self._moca(facts, plan[0])
            if len(plan) > 8:
                self._moca(facts, plan[len(plan) // 2])
        if first_patient:
            day = self.today - timedelta(days=2)
            relapse = course.fraction((day - start).days)
            self._flagged_result(
                facts,
                get_instrument("PHQ9"),
                round((15 + severity * 10) * relapse),
                _at(day, r),
                self.staff.nurse,
                True,
                addressed=False,
            )
            self._open_alert_pending = False

    def _result(
        self,
        facts: PatientFacts,
        code: str,
        day: date,
        baseline: float,
        fraction: float,
        acute: bool,
        rater: Person,
        self_report: bool,
    ) -> None:
        r = self.random
        instrument = get_instrument(code)
        total = round(baseline * fraction + r.gauss(0, baseline * 0.06))
        total = max(0, min(total, _safe_maximum(instrument.code)))
        at = _at(day, r)
        flag_chance = 0.05 if acute else 0.004 * fraction
        if code in ("PHQ9", "BDI2", "MADRS") and r.random() < flag_chance:
            self._flagged_result(facts, instrument, total, at, rater, self_report)
            return
        pooled = self._pooled(instrument, total)
        row = self._row(facts, instrument, pooled, at, rater, self_report)
        if code == "MADRS" and r.random() < 0.015:
            self._amend(facts, instrument, row, at, rater)
            return
        self._rows.append(row)

    def _pooled(self, instrument: Instrument, total: int) -> _Pooled:
        variants = self._pool.setdefault((instrument.code, total), [])
        if len(variants) < VARIANTS_PER_TOTAL:
            answers = _answers_for(instrument, total, self.random)
            variants.append(_Pooled(json.dumps(answers), score(instrument, answers)))
            return variants[-1]
        return self.random.choice(variants)

    def _row(
        self,
        facts: PatientFacts,
        instrument: Instrument,
        pooled: _Pooled,
        at: datetime,
        rater: Person,
        self_report: bool,
        education_years: int | None = None,
    ) -> dict[str, Any]:
        result = pooled.result
        enterer = self.staff.nurse if self_report else rater  # the nurse enters self-reports
        return {
            "patient_id": facts.patient_id,
            "instrument_code": instrument.code,
            "rule_version": result.rule_version,
            "administered_at": at,
            "self_report": self_report,
            "rater_user_id": None if self_report else rater.user_id,
            "rater_name": "" if self_report else rater.name,
            "answers_json": pooled.answers_json,
            "education_years": education_years,
            "total": result.total,
            "raw_total": result.raw_total,
            "band_label": result.band.label if result.band else "",
            "risk_level": result.risk_level,
            "complete": result.complete,
            "safety_flagged": bool(result.safety_flags),
            "summary": result.summary,
            "entered_by_user_id": enterer.user_id,
            "entered_by_name": enterer.name,
            "entered_at": at + timedelta(minutes=self.random.randint(2, 50)),
            "supersedes_id": None,
            "amendment_reason": "",
        }

    @staticmethod
    def _scored(instrument: Instrument, answers: dict, education: int | None = None) -> _Pooled:
        return _Pooled(json.dumps(answers), score(instrument, answers, education_years=education))

    def _flagged_result(
        self,
        facts: PatientFacts,
        instrument: Instrument,
        total: int,
        at: datetime,
        rater: Person,
        self_report: bool,
        addressed: bool = True,
    ) -> None:
        r = self.random
        rule = instrument.safety_rules[0]
        value = rule.threshold.value + (1 if r.random() < 0.2 else 0)
        value = min(value, instrument.item(rule.item_key).maximum)
        answers = dict(json.loads(self._pooled(instrument, max(0, total - value)).answers_json))
        answers[rule.item_key] = value
        if instrument.code == "PHQ9":
            answers["10"] = max(1, answers.get("10", 1))
        scored = self._scored(instrument, answers)
        flagged = self._row(facts, instrument, scored, at, rater, self_report)
        alerts = [
            {
                "patient_id": facts.patient_id,
                "item_key": flag.item_key,
                "item_value": int(flag.value),
                "message": flag.message,
                "raised_at": flagged["entered_at"],
                "status": AlertStatus.OPEN,
                "screener_note": "",
                "safety_plan": None,
                "action": "",
                "addressed_by_user_id": None,
                "addressed_by_name": "",
                "addressed_at": None,
                "version": 1,
            }
            for flag in scored.result.safety_flags
        ]
        screener = None
        if addressed:
            screener_answers = {"1": True, "2": r.random() < 0.3, "6": False}
            if screener_answers["2"]:
                screener_answers.update({"3": False, "4": False, "5": False})
            handled = flagged["entered_at"] + timedelta(minutes=r.randint(10, 90))
            screener = self._row(
                facts,
                get_instrument(SCREENER),
                self._scored(get_instrument(SCREENER), screener_answers),
                handled,
                self.staff.prescriber,
                False,
            )
            for alert in alerts:
                alert.update(
                    status=AlertStatus.ADDRESSED,
                    safety_plan=r.random() < 0.85,
                    action=r.choice(FOLLOW_UP_ACTIONS),
                    addressed_by_user_id=self.staff.prescriber.user_id,
                    addressed_by_name=self.staff.prescriber.name,
                    addressed_at=handled + timedelta(minutes=5),
                    version=2,
                )
        self._flagged.append((screener, flagged, alerts))

    def _amend(
        self,
        facts: PatientFacts,
        instrument: Instrument,
        correct: dict[str, Any],
        at: datetime,
        rater: Person,
    ) -> None:
        answers = json.loads(correct["answers_json"])
        key = self.random.choice([k for k, v in answers.items() if v <= 3 and k != "10"])
        answers[key] += 2
        wrong = self._row(facts, instrument, self._scored(instrument, answers), at, rater, False)
        wrong["entered_at"] = correct["entered_at"]
        correct["entered_at"] = correct["entered_at"] + timedelta(days=1, hours=2)
        correct["amendment_reason"] = self.random.choice(AMENDMENT_REASONS)
        self._amended.append((wrong, correct))

    def _moca(self, facts: PatientFacts, day: date) -> None:
        instrument = get_instrument("MOCA")
        answers = {item.key: item.maximum for item in instrument.items}
        for _ in range(self.random.choice([0, 0, 1, 1, 1, 2, 2, 3, 4])):
            key = self.random.choice(list(answers))
            answers[key] = max(0, answers[key] - 1)
        education = facts.education_years if facts.education_years is not None else 16
        pooled = self._scored(instrument, answers, education)
        at = _at(day, self.random)
        self._rows.append(
            self._row(
                facts,
                instrument,
                pooled,
                at,
                self.staff.prescriber,
                False,
                education_years=education,
            )
        )

    # Writing rows -----------------------------------------------------------------------

    def _flush(self, session: Session) -> None:
        # Core inserts on the tables: the ORM's bulk path costs more than the rows themselves.
        result_table, alert_table = ScaleResultRecord.__table__, SafetyAlert.__table__
        returning = insert(result_table).returning(result_table.c.id, sort_by_parameter_order=True)
        if self._rows:
            session.execute(insert(result_table), self._rows)
            self.results += len(self._rows)
        if self._amended:
            originals = [wrong for wrong, _ in self._amended]
            ids = session.scalars(returning, originals).all()
            for (_, correct), original_id in zip(self._amended, ids, strict=True):
                correct["supersedes_id"] = original_id
            session.execute(insert(result_table), [c for _, c in self._amended])
            self.results += 2 * len(self._amended)
        if self._flagged:
            flagged_ids = session.scalars(returning, [f for _, f, _ in self._flagged]).all()
            screeners = [s for s, _, _ in self._flagged if s is not None]
            screener_ids = iter(session.scalars(returning, screeners).all() if screeners else [])
            alert_rows = []
            for (screener, _, alerts), flagged_id in zip(self._flagged, flagged_ids, strict=True):
                screener_id = next(screener_ids) if screener is not None else None
                for alert in alerts:
                    alert_rows.append(
                        {**alert, "scale_result_id": flagged_id, "screener_result_id": screener_id}
                    )
                    self.open_alerts += alert["status"] is AlertStatus.OPEN
            if alert_rows:
                session.execute(insert(alert_table), alert_rows)
            self.results += len(self._flagged) + len(screeners)
            self.alerts += len(alert_rows)
        self._rows, self._amended, self._flagged = [], [], []


@dataclass(frozen=True)
class _Course:
    """Symptoms as a fraction of baseline over days since the first treatment."""

    nadir: float
    days_to_respond: float
    relapses: tuple[tuple[int, float], ...]

    @staticmethod
    def draw(r: random.Random, tms: bool) -> "_Course":
        kind = r.random()
        if kind < 0.62:
            nadir = r.uniform(0.12, 0.42)
        elif kind < 0.8:
            nadir = r.uniform(0.45, 0.6)
        else:
            nadir = r.uniform(0.65, 0.9)
        days = r.uniform(10, 24) if tms else r.uniform(5, 16)
        relapses: list[tuple[int, float]] = []
        if nadir < 0.6 and r.random() < 0.35:
            for _ in range(r.choice([1, 1, 2])):
                relapses.append((r.randint(70, 380), r.uniform(0.3, 0.6)))
        return _Course(nadir, days, tuple(relapses))

    def fraction(self, day: int) -> float:
        if day <= 0:
            return 1.0
        level = self.nadir + (1 - self.nadir) * math.exp(-day / self.days_to_respond)
        for onset, height in self.relapses:
            since = day - onset
            if 0 <= since < 14:
                level += height * since / 14
            elif 14 <= since < 35:
                level += height * (35 - since) / 21
        return max(0.0, level)


def _visit_days(r: random.Random, tms: bool, start: date, stop: date) -> list[date]:
    """Baseline a few days before the first treatment, weekly while acute, then spaced out."""
    days = [start - timedelta(days=r.randint(1, 4))]
    acute_weeks = 6 if tms else 4
    for week in range(1, acute_weeks + 1):
        days.append(start + timedelta(days=7 * week + r.randint(-1, 1)))
    day = days[-1]
    while True:
        day = day + timedelta(days=r.randint(24, 38) if not tms else r.randint(28, 56))
        if day > stop:
            break
        days.append(day)
    return [d for d in days if d <= stop]


def _at(day: date, r: random.Random) -> datetime:
    """A clinic-hours time on that day, in this computer's time zone."""
    clinic_hours = time(r.randint(8, 16), r.choice((0, 10, 20, 30, 40, 50)))
    return datetime.combine(day, clinic_hours, tzinfo=_local_zone(day))


@functools.cache
def _local_zone(day: date) -> tzinfo:
    """This computer's UTC offset at midday on that day (summer time included)."""
    zone = datetime.combine(day, time(12)).astimezone().tzinfo
    assert zone is not None
    return zone


def _safe_ceiling(instrument: Instrument) -> dict[str, int]:
    """Each item's highest value that raises no safety flag."""
    ceiling = {item.key: item.maximum for item in instrument.items if item.scored}
    for rule in instrument.safety_rules:
        ceiling[rule.item_key] = min(ceiling[rule.item_key], rule.threshold.value - 1)
    for item in instrument.items:
        if (
            item.alternative_group is not None
            and item.key != instrument.alternatives(item.alternative_group)[0].key
        ):
            ceiling.pop(item.key, None)
    return ceiling


@functools.cache
def _safe_maximum(code: str) -> int:
    return sum(_safe_ceiling(get_instrument(code)).values())


def _answers_for(instrument: Instrument, total: int, r: random.Random) -> dict[str, int]:
    """Item answers adding up to `total`, spread unevenly, with no safety item positive."""
    ceiling = _safe_ceiling(instrument)
    weights = {key: r.uniform(0.2, 1.0) for key in ceiling}
    answers = dict.fromkeys(ceiling, 0)
    for _ in range(total):
        open_keys = [key for key in ceiling if answers[key] < ceiling[key]]
        key = r.choices(open_keys, [weights[k] for k in open_keys])[0]
        answers[key] += 1
    for item in instrument.items:
        if not item.scored and item.asked_when is not None and total > 0:
            answers[item.key] = min(item.maximum, total // 7)  # PHQ-9 difficulty
    return answers
