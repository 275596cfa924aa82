"""Recording rating scales: score, keep for good, amend, raise and address safety alerts.

Every change is one transaction: the result, the alerts its safety flags raise and their
audit rows land together or not at all. Scoring is `clinical.scales`; nothing here knows a
particular instrument.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinical.record.validation import Problem
from clinical.scales import (
    DEFAULT_SETTINGS,
    Instrument,
    ScaleInputError,
    ScaleResult,
    ScaleSettings,
    get_instrument,
    score,
)
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.base import utc_now
from db.database import Database
from db.errors import InvalidEntryError, RecordNotFoundError, StaleEditError
from db.models import Patient, SafetyAlert, ScaleResultRecord, TreatmentSession
from db.patients.repository import get_patient
from db.scales import repository
from db.scales.history import build_history
from db.scales.views import (
    AlertFollowUp,
    AlertStatus,
    RecordedScale,
    SafetyAlertView,
    ScaleEntry,
    ScaleHistory,
)

SCREENER_CODE = "CSSRS_SCREENER"
# A workstation clock a little behind another one's is not "the future".
CLOCK_TOLERANCE = timedelta(minutes=5)
MAX_NAME = 120

ALREADY_AMENDED = (
    "This result was amended by {name} on {when} after you opened it. Close the chart, open "
    "it again and amend the latest version if it still needs correcting."
)
ALERT_ALREADY_ADDRESSED = (
    "This alert was addressed by {name} on {when} after you opened it; nothing was changed."
)
ALERT_CHANGED = (
    "This alert was changed by someone else after you opened it. Close it, open it again and "
    "re-enter the follow-up."
)


@dataclass(frozen=True)
class _Scored:
    instrument: Instrument
    result: ScaleResult
    answers: dict[str, int | bool]
    education_years: int | None


def _fail(field: str, message: str) -> NoReturn:
    raise InvalidEntryError([Problem(field, message)])


def _local(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def _check_when(patient: Patient, administered_at: datetime, now: datetime) -> None:
    if administered_at.tzinfo is None:
        _fail("administered_at", "The time the scale was given has no time zone; enter it again.")
    if administered_at > now + CLOCK_TOLERANCE:
        _fail(
            "administered_at",
            f"Administered {_local(administered_at)}: that is in the future. Enter the date "
            "and time the scale was actually given.",
        )
    if administered_at.astimezone().date() < patient.date_of_birth:
        _fail("administered_at", "The scale cannot have been given before the patient was born.")


def _score(entry: ScaleEntry, patient: Patient, settings: ScaleSettings) -> _Scored:
    try:
        instrument = get_instrument(entry.instrument_code)
        education = None
        if instrument.education_bonus is not None:
            education = (
                entry.education_years
                if entry.education_years is not None
                else patient.education_years
            )
    except ScaleInputError as refused:
        raise InvalidEntryError([Problem("instrument_code", str(refused))]) from refused
    try:
        result = score(
            instrument,
            entry.answers,
            education_years=education,
            settings=settings,
            require_complete=True,
        )
    except ScaleInputError as refused:
        raise InvalidEntryError([Problem("answers", str(refused))]) from refused
    answers = {
        item.key: entry.answers[item.key]
        for item in instrument.items
        if entry.answers.get(item.key) is not None
    }
    return _Scored(instrument, result, answers, education)  # type: ignore[arg-type]


def _rater(entry: ScaleEntry, actor: Actor) -> tuple[int | None, str]:
    if entry.self_report:
        return None, ""
    name = (entry.rater_name or "").strip()
    if not name or name == actor.display_name:
        return actor.user_id, actor.display_name
    if len(name) > MAX_NAME:
        _fail("rater_name", f"The rater's name is longer than {MAX_NAME} characters.")
    return None, name


def _new_row(
    patient_id: int,
    entry: ScaleEntry,
    scored: _Scored,
    actor: Actor,
    now: datetime,
) -> ScaleResultRecord:
    rater_id, rater_name = _rater(entry, actor)
    result = scored.result
    return ScaleResultRecord(
        patient_id=patient_id,
        instrument_code=scored.instrument.code,
        rule_version=result.rule_version,
        administered_at=entry.administered_at,
        self_report=entry.self_report,
        rater_user_id=rater_id,
        rater_name=rater_name,
        answers_json=repository.encode_answers(scored.answers),
        education_years=scored.education_years,
        total=result.total,
        raw_total=result.raw_total,
        band_label=result.band.label if result.band else "",
        risk_level=result.risk_level,
        complete=result.complete,
        safety_flagged=bool(result.safety_flags),
        summary=result.summary,
        entered_by_user_id=actor.user_id,
        entered_by_name=actor.display_name,
        entered_at=now,
    )


def _audit_created(
    database: Database, session: Session, actor: Actor, row: ScaleResultRecord, detail: str = ""
) -> None:
    database.audit.record(
        session,
        actor,
        AuditAction.CREATE,
        AuditCategory.SCALES,
        patient_id=row.patient_id,
        object_type="scale result",
        object_id=row.id,
        detail=detail or f"{row.instrument_code} ({row.rule_version})",
    )


def _raise_alerts(
    database: Database,
    session: Session,
    actor: Actor,
    row: ScaleResultRecord,
    scored: _Scored,
    now: datetime,
    already_alerted: Mapping[str, int] | None = None,
) -> list[SafetyAlert]:
    raised = []
    for flag in scored.result.safety_flags:
        value = int(flag.value)
        if already_alerted and already_alerted.get(flag.item_key, -1) >= value:
            continue  # the amended result's alert for this answer still stands
        alert = SafetyAlert(
            patient_id=row.patient_id,
            scale_result_id=row.id,
            item_key=flag.item_key,
            item_value=value,
            message=flag.message,
            raised_at=now,
            status=AlertStatus.OPEN,
        )
        session.add(alert)
        session.flush()
        database.audit.record(
            session,
            actor,
            AuditAction.CREATE,
            AuditCategory.SAFETY_ALERTS,
            patient_id=row.patient_id,
            object_type="safety alert",
            object_id=alert.id,
            detail=f"{row.instrument_code} item {flag.item_key} = {value}",
        )
        raised.append(alert)
    return raised


def _recorded(row: ScaleResultRecord, raised: list[SafetyAlert]) -> RecordedScale:
    views = tuple(
        repository.alert_view(alert, row.instrument_code, row.administered_at) for alert in raised
    )
    return RecordedScale(repository.result_view(row), views)


def record_scale(
    database: Database,
    actor: Actor,
    patient_id: int,
    entry: ScaleEntry,
    *,
    settings: ScaleSettings | None = None,
    now: datetime | None = None,
    session_id: int | None = None,
) -> RecordedScale:
    """Score and keep one administration; its safety flags raise open alerts with it.
    `session_id`: the patient's treatment session the scale was given at, if any."""
    authorize(database, actor, Permission.RECORD_SCALES, AuditCategory.SCALES, patient_id)
    now = now or utc_now()
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        _check_when(patient, entry.administered_at, now)
        if session_id is not None:
            treatment = session.get(TreatmentSession, session_id)
            if treatment is None or treatment.patient_id != patient_id:
                _fail("session_id", "That treatment session is not in this patient's chart.")
        scored = _score(entry, patient, settings or DEFAULT_SETTINGS)
        row = _new_row(patient_id, entry, scored, actor, now)
        row.session_id = session_id
        session.add(row)
        session.flush()
        _audit_created(database, session, actor, row)
        raised = _raise_alerts(database, session, actor, row, scored, now)
        return _recorded(row, raised)


def amend_scale(
    database: Database,
    actor: Actor,
    patient_id: int,
    original_id: int,
    entry: ScaleEntry,
    reason: str,
    *,
    settings: ScaleSettings | None = None,
    now: datetime | None = None,
) -> RecordedScale:
    """Correct a result by a new one that supersedes it; the original stays as it was.

    Alerts the original raised stay as they are (an open one still needs its follow-up); the
    amendment raises an alert only for a flag the original had not already raised.
    """
    authorize(database, actor, Permission.RECORD_SCALES, AuditCategory.SCALES, patient_id)
    reason = reason.strip()
    if not reason:
        _fail("reason", "Say why the result is being amended (for example, the item mis-keyed).")
    now = now or utc_now()
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        original = repository.get_result(session, patient_id, original_id)
        if (later := repository.amendment_of(session, original_id)) is not None:
            raise StaleEditError(
                ALREADY_AMENDED.format(name=later.entered_by_name, when=_local(later.entered_at))
            )
        if entry.instrument_code != original.instrument_code:
            _fail(
                "instrument_code",
                f"An amendment corrects the {repository.short_name(original.instrument_code)} "
                "it amends; record a different scale as a new result.",
            )
        _check_when(patient, entry.administered_at, now)
        scored = _score(entry, patient, settings or DEFAULT_SETTINGS)
        row = _new_row(patient_id, entry, scored, actor, now)
        row.supersedes_id = original.id
        row.amendment_reason = reason
        session.add(row)
        try:
            session.flush()
        except IntegrityError as error:  # amended on another workstation at the same moment
            raise StaleEditError(
                ALREADY_AMENDED.format(name="someone else", when=_local(now))
            ) from error
        database.audit.record(
            session,
            actor,
            AuditAction.AMEND,
            AuditCategory.SCALES,
            patient_id=patient_id,
            object_type="scale result",
            object_id=row.id,
            prior=original,
            detail=f"amends result {original.id}: {reason}",
        )
        already = _alerted_answers(session, original)
        raised = _raise_alerts(database, session, actor, row, scored, now, already)
        return _recorded(row, raised)


def _alerted_answers(session: Session, latest: ScaleResultRecord) -> dict[str, int]:
    """The highest alerted value per item over the chain of results `latest` amends."""
    chain = [latest.id]
    row = latest
    while row.supersedes_id is not None:
        found = session.get(ScaleResultRecord, row.supersedes_id)
        if found is None:
            break
        row = found
        chain.append(row.id)
    highest: dict[str, int] = {}
    for alert in repository.alerts_on_results(session, chain):
        highest[alert.item_key] = max(highest.get(alert.item_key, -1), alert.item_value)
    return highest


def _follow_up_problems(follow_up: AlertFollowUp, screened_by_alert: bool) -> list[Problem]:
    problems = []
    answered = follow_up.screener_answers is not None and any(
        value is not None for value in follow_up.screener_answers.values()
    )
    if not screened_by_alert and not answered and not follow_up.screener_note.strip():
        problems.append(
            Problem(
                "screener",
                "Answer the C-SSRS screener, or note why it was not done here (on paper, "
                "declined, done by another clinician).",
            )
        )
    if follow_up.safety_plan is None:
        problems.append(Problem("safety_plan", "Say whether a safety plan is in place."))
    if not follow_up.action.strip():
        problems.append(
            Problem("action", "Document the action taken (who was told, what was done).")
        )
    return problems


def address_alerts(
    database: Database,
    actor: Actor,
    patient_id: int,
    alerts: Sequence[tuple[int, int]],
    follow_up: AlertFollowUp,
    *,
    now: datetime | None = None,
) -> tuple[SafetyAlertView, ...]:
    """Record one follow-up for the alerts given as (id, version), closing them together.

    Screener answers are scored and kept as a C-SSRS screener result of their own, linked to
    each alert; their positive answers are part of this follow-up and raise no new alerts.
    """
    authorize(database, actor, Permission.RECORD_SCALES, AuditCategory.SAFETY_ALERTS, patient_id)
    if not alerts:
        _fail("", "Choose the alert to address.")
    now = now or utc_now()
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        rows = _open_alert_rows(session, patient_id, alerts)
        flagged = [repository.get_result(session, patient_id, a.scale_result_id) for a in rows]
        screened_by_alert = next(
            (result.id for result in flagged if result.instrument_code == SCREENER_CODE), None
        )
        if problems := _follow_up_problems(follow_up, screened_by_alert is not None):
            raise InvalidEntryError(problems)
        screener_id = screened_by_alert
        if follow_up.screener_answers is not None and any(
            value is not None for value in follow_up.screener_answers.values()
        ):
            screener = _record_follow_up_screener(
                database, session, actor, patient, follow_up.screener_answers, now
            )
            screener_id = screener.id
        for alert in rows:
            database.audit.record(
                session,
                actor,
                AuditAction.UPDATE,
                AuditCategory.SAFETY_ALERTS,
                patient_id=patient_id,
                object_type="safety alert",
                object_id=alert.id,
                prior=alert,
                detail="addressed",
            )
            alert.status = AlertStatus.ADDRESSED
            alert.screener_result_id = screener_id
            alert.screener_note = follow_up.screener_note.strip()
            alert.safety_plan = follow_up.safety_plan
            alert.action = follow_up.action.strip()
            alert.addressed_by_user_id = actor.user_id
            alert.addressed_by_name = actor.display_name
            alert.addressed_at = now
        try:
            session.flush()
        except StaleDataError as error:
            raise StaleEditError(ALERT_CHANGED) from error
        return repository.alerts_by_id(session, [alert.id for alert in rows])


def _open_alert_rows(
    session: Session, patient_id: int, wanted: Sequence[tuple[int, int]]
) -> list[SafetyAlert]:
    rows = []
    for alert_id, expected_version in wanted:
        alert = session.get(SafetyAlert, alert_id)
        if alert is None or alert.patient_id != patient_id:
            raise RecordNotFoundError("That safety alert is no longer in this patient's chart.")
        if alert.status is AlertStatus.ADDRESSED:
            raise StaleEditError(
                ALERT_ALREADY_ADDRESSED.format(
                    name=alert.addressed_by_name,
                    when=_local(alert.addressed_at) if alert.addressed_at else "",
                )
            )
        if alert.version != expected_version:
            raise StaleEditError(ALERT_CHANGED)
        rows.append(alert)
    return rows


def _record_follow_up_screener(
    database: Database,
    session: Session,
    actor: Actor,
    patient: Patient,
    answers: Mapping[str, bool | None],
    now: datetime,
) -> ScaleResultRecord:
    entry = ScaleEntry(SCREENER_CODE, now, dict(answers))
    try:
        scored = _score(entry, patient, DEFAULT_SETTINGS)
    except InvalidEntryError as refused:
        raise InvalidEntryError(
            [Problem("screener", problem.message) for problem in refused.problems]
        ) from refused
    row = _new_row(patient.id, entry, scored, actor, now)
    session.add(row)
    session.flush()
    _audit_created(database, session, actor, row, "C-SSRS screener as safety alert follow-up")
    return row


def address_alert(
    database: Database,
    actor: Actor,
    patient_id: int,
    alert_id: int,
    expected_version: int,
    follow_up: AlertFollowUp,
    *,
    now: datetime | None = None,
) -> SafetyAlertView:
    return address_alerts(
        database, actor, patient_id, [(alert_id, expected_version)], follow_up, now=now
    )[0]


def scale_history(
    database: Database,
    actor: Actor,
    patient_id: int,
    *,
    settings: ScaleSettings | None = None,
) -> ScaleHistory:
    """Every instrument's course for the chart, with its open and addressed alerts."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.SCALES, patient_id)
    with database.transaction() as session:
        get_patient(session, patient_id)
        results = repository.patient_results(session, patient_id)
        every_alert = repository.alerts(session, patient_id)
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.SCALES,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            detail="rating scales and safety alerts",
        )
    return build_history(patient_id, results, every_alert, settings or DEFAULT_SETTINGS)


def open_alerts(
    database: Database, actor: Actor, patient_id: int | None = None
) -> tuple[SafetyAlertView, ...]:
    """Open safety alerts of one patient, or of the whole clinic (for Today)."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.SAFETY_ALERTS, patient_id)
    with database.transaction() as session:
        if patient_id is not None:
            get_patient(session, patient_id)
        found = repository.alerts(session, patient_id, AlertStatus.OPEN)
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.SAFETY_ALERTS,
            patient_id=patient_id,
            detail="open safety alerts" if patient_id else "open safety alerts, whole clinic",
        )
        return found
