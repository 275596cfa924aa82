"""The monitoring checklist's workflows: read a patient's or the clinic's checklist, record
an item done, an event, a deferral or a dismissal, change the clinic's rules.

Each change is one transaction with its audit row; the stored due dates follow in the same
transaction (`db.monitoring.sync`; a change of rules rebuilds them here). What is due, and
why, is `clinical.monitoring`; nothing here decides it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import Select, and_, case, or_, select
from sqlalchemy.orm import Session

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    EventKind,
    ItemResult,
    ItemState,
    MonitoringRule,
    PerSession,
    assess,
    evaluate,
    moca_total,
    result_kind,
    rule_fingerprint,
    rules_from_dicts,
    rules_to_dicts,
)
from clinical.monitoring import results as item_results
from clinical.record.names import display_name
from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.trail import Someone
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.errors import InvalidEntryError, RecordNotFoundError
from db.models import (
    ClinicSetting,
    MonitoringCompletion,
    MonitoringDismissal,
    MonitoringDue,
    MonitoringEventRecord,
    Patient,
)
from db.monitoring.due_table import ensure_current, rebuild_all
from db.monitoring.facts import gather
from db.monitoring.rules_store import RULES_KEY, clinic_changes, clinic_rules, encode_changes
from db.monitoring.views import (
    ChecklistFilters,
    ChecklistItem,
    ClinicChecklist,
    CompletionView,
    DueRow,
    EventView,
    PatientChecklist,
    RuleEntry,
    RuleSet,
)
from db.patients.repository import get_patient, patient_id_for_mrn

MAX_TEXT = 2000
MAX_DETAIL = 250
MAX_NAME = 120
# How far back an item may be recorded, or ahead deferred: beyond this is a typing slip.
MAX_DEFER_DAYS = 400
ANY = ChecklistFilters()
NO_RESULT = ItemResult()


def _today(today: date | None) -> date:
    return today or date.today()


def _fail(field: str, message: str) -> InvalidEntryError:
    return InvalidEntryError([Problem(field, message)])


def _rule(session: Session, item_code: str) -> MonitoringRule:
    for rule in clinic_rules(session):
        if rule.code == item_code:
            return rule
    raise _fail("item_code", "That monitoring item is not in the clinic's rules.")


# Reading ---------------------------------------------------------------------------------


def _completion_view(row: MonitoringCompletion, titles: dict[str, str]) -> CompletionView:
    return CompletionView(
        id=row.id,
        item_code=row.item_code,
        title=titles.get(row.item_code, row.item_code),
        done_on=row.done_on,
        session_on=row.session_on,
        abnormal=row.abnormal,
        summary=row.summary,
        performed_by=row.performed_by,
        note=row.note,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )


def patient_checklist(
    database: Database, actor: Actor, patient_id: int, as_of: date | None = None
) -> PatientChecklist:
    """Every item of the patient's rules on `as_of`: state, window, last result, reason.

    Worked out from the patient's facts by `clinical.monitoring.evaluate` (not from the
    stored dates), so a past day shows what was known on that day."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.MONITORING, patient_id)
    day = _today(as_of)
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        rules = clinic_rules(session)
        titles = {rule.code: rule.title for rule in rules}
        gathered = gather(session, rules, [patient_id]).get(patient_id)
        statuses = [] if gathered is None else evaluate(rules, gathered.facts(), day)
        rows = session.scalars(
            select(MonitoringCompletion)
            .where(MonitoringCompletion.patient_id == patient_id)
            .order_by(MonitoringCompletion.done_on.desc(), MonitoringCompletion.id.desc())
        ).all()
        completions = tuple(_completion_view(row, titles) for row in rows)
        events = tuple(
            EventView(e.id, e.kind, e.occurred_on, e.detail, e.source, e.recorded_by)
            for e in session.scalars(
                select(MonitoringEventRecord)
                .where(MonitoringEventRecord.patient_id == patient_id)
                .order_by(MonitoringEventRecord.occurred_on.desc(), MonitoringEventRecord.id.desc())
            )
        )
        by_code = {rule.code: rule for rule in rules}
        items = []
        for status in statuses:
            rule = by_code[status.item_code]
            last = next(
                (c for c in completions if c.item_code == rule.code and c.done_on <= day), None
            )
            open_sessions: tuple[date, ...] = ()
            if isinstance(rule.schedule, PerSession) and gathered is not None:
                covered = {c.session_on for c in completions if c.item_code == rule.code}
                open_sessions = tuple(
                    s for s in sorted(gathered.sessions) if s not in covered and s <= day
                )
            items.append(
                ChecklistItem(
                    item_code=status.item_code,
                    title=status.title,
                    state=status.state,
                    window_start=status.window_start,
                    window_end=status.window_end,
                    last_done=status.last_done,
                    reason=status.reason,
                    schedule=rule.schedule.text,
                    result_kind=result_kind(rule.code),
                    last_result=last.summary if last else "",
                    last_abnormal=bool(last and last.abnormal),
                    open_sessions=open_sessions,
                )
            )
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.MONITORING,
            patient_id=patient_id,
            object_type="patient",
            object_id=patient_id,
            detail="monitoring checklist",
        )
        return PatientChecklist(
            patient_id=patient_id,
            as_of=day,
            education_years=patient.education_years,
            items=tuple(items),
            completions=completions,
            events=events,
        )


def due_query(day: date, filters: ChecklistFilters = ANY) -> Select:
    """Items needing action on `day`: one range scan of the stored due dates, with the
    reason of the state the item is in on that day."""
    overdue = and_(MonitoringDue.overdue_after.is_not(None), MonitoringDue.overdue_after < day)
    query = (
        select(
            MonitoringDue.patient_id,
            Patient.mrn,
            Patient.legal_family_name,
            Patient.legal_given_names,
            Patient.preferred_name,
            MonitoringDue.item_code,
            MonitoringDue.title,
            MonitoringDue.due_from,
            MonitoringDue.overdue_after,
            MonitoringDue.open_state,
            case((overdue, MonitoringDue.overdue_reason), else_=MonitoringDue.open_reason),
            MonitoringDue.last_done,
            MonitoringDue.modality,
            MonitoringDue.prescriber,
        )
        .join(Patient, Patient.id == MonitoringDue.patient_id)
        .where(MonitoringDue.due_from <= day)
    )
    if filters.item_code:
        query = query.where(MonitoringDue.item_code == filters.item_code)
    if filters.prescriber:
        query = query.where(MonitoringDue.prescriber == filters.prescriber)
    if filters.modality is not None:
        query = query.where(MonitoringDue.modality == filters.modality)
    if filters.patient_id is not None:
        query = query.where(MonitoringDue.patient_id == filters.patient_id)
    if filters.state is ItemState.OVERDUE:
        query = query.where(overdue)
    elif filters.state is not None:
        not_overdue = or_(MonitoringDue.overdue_after.is_(None), MonitoringDue.overdue_after >= day)
        query = query.where(not_overdue, MonitoringDue.open_state == filters.state)
    return query


def due_rows(session: Session, day: date, filters: ChecklistFilters = ANY) -> list[DueRow]:
    """The rows of `due_query`, most overdue first, then by the day they opened. (Read as
    plain tuples: at clinic scale this list is what a clinician waits for.)"""
    rows = []
    overdue_state = ItemState.OVERDUE
    for (
        patient_id,
        mrn,
        family,
        given,
        preferred,
        code,
        title,
        due_from,
        overdue_after,
        open_state,
        reason,
        last_done,
        modality,
        prescriber,
    ) in session.connection().execute(due_query(day, filters)).all():
        late = overdue_after is not None and overdue_after < day
        rows.append(
            DueRow(
                patient_id,
                mrn,
                display_name(family, given, preferred),
                code,
                title,
                overdue_state if late else open_state,
                None if due_from == date.min else due_from,
                overdue_after,
                (day - overdue_after).days if late else 0,
                reason,
                last_done,
                modality,
                prescriber,
            )
        )
    rows.sort(key=lambda row: (-row.days_overdue, row.due_from or date.min, row.patient_name))
    return rows


def clinic_checklist(
    database: Database,
    actor: Actor,
    filters: ChecklistFilters = ANY,
    as_of: date | None = None,
) -> ClinicChecklist:
    """Every due and overdue item across the clinic on `as_of`, most overdue first.

    Read from the stored due dates, which hold the facts as recorded now: for today or a
    later day this is exactly what each patient's checklist says; for a past day it is what
    was due then by what is recorded now."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.MONITORING)
    day = _today(as_of)
    ensure_current(database)
    with database.transaction() as session:
        rows = due_rows(session, day, filters)
        rules = clinic_rules(session)
        prescribers = session.scalars(
            select(MonitoringDue.prescriber).distinct().order_by(MonitoringDue.prescriber)
        ).all()
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.MONITORING,
            detail=f"monitoring checklist, whole clinic, {len(rows)} items",
        )
    return ClinicChecklist(
        as_of=day,
        rows=tuple(rows),
        items=tuple((rule.code, rule.title) for rule in rules),
        prescribers=tuple(prescribers),
    )


# Recording -------------------------------------------------------------------------------


def _check_day(field: str, day: date, patient: Patient, today: date, what: str) -> None:
    if day > today:
        raise _fail(field, f"{what} cannot be in the future.")
    if day < patient.date_of_birth:
        raise _fail(field, f"{what} is before the patient was born.")


def _text(value: str, field: str, limit: int, what: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise _fail(field, f"{what} is longer than {limit} characters.")
    return value


def record_completion(
    database: Database,
    actor: Actor,
    patient_id: int,
    item_code: str,
    done_on: date,
    result: ItemResult = NO_RESULT,
    *,
    performed_by: str = "",
    note: str = "",
    session_on: date | None = None,
    today: date | None = None,
) -> CompletionView:
    """Record an item done with its result. The abnormal flag and the summary are worked
    out from the result; an abnormal result raises the items whose rules name it."""
    authorize(database, actor, Permission.RECORD_MONITORING, AuditCategory.MONITORING, patient_id)
    with database.transaction() as session:
        return add_completion(
            database,
            session,
            actor,
            patient_id,
            item_code,
            done_on,
            result,
            performed_by=performed_by,
            note=note,
            session_on=session_on,
            today=today,
        )


def add_completion(
    database: Database,
    session: Session,
    actor: Actor,
    patient_id: int,
    item_code: str,
    done_on: date,
    result: ItemResult = NO_RESULT,
    *,
    performed_by: str = "",
    note: str = "",
    session_on: date | None = None,
    today: date | None = None,
) -> CompletionView:
    """`record_completion` inside the caller's transaction (an annual review's, say),
    audited. The caller has authorized the work; the due dates follow on commit."""
    day = _today(today)
    performed = _text(performed_by, "performed_by", MAX_NAME, "Who did it") or actor.display_name
    note = _text(note, "note", MAX_TEXT, "The note")
    patient = get_patient(session, patient_id)
    rule = _rule(session, item_code)
    _check_day("done_on", done_on, patient, day, "The date it was done")
    if isinstance(rule.schedule, PerSession):
        if session_on is None:
            raise _fail("session_on", "Say which session this form is for.")
        if session_on > done_on:
            raise _fail("session_on", "A form cannot be sent before its session.")
    else:
        session_on = None
    kind = result_kind(item_code)
    if problems := item_results.problems(kind, result):
        raise InvalidEntryError([Problem(field, message) for field, message in problems])
    if kind is item_results.ResultKind.MOCA:
        result = _with_education(result, patient.education_years)
    abnormal, summary = assess(kind, result)
    total, point = (None, None)
    if result.moca_raw is not None and kind is item_results.ResultKind.MOCA:
        total, point = moca_total(result.moca_raw, result.education_years)
    row = MonitoringCompletion(
        patient_id=patient_id,
        item_code=item_code,
        done_on=done_on,
        session_on=session_on,
        abnormal=abnormal,
        summary=summary[:400],
        moca_raw=result.moca_raw if kind is item_results.ResultKind.MOCA else None,
        moca_total=total,
        moca_education_point=point,
        ua_blood=result.ua_blood,
        ua_protein=result.ua_protein,
        ua_leukocytes=result.ua_leukocytes,
        ua_nitrite=result.ua_nitrite,
        findings=_text(result.findings, "findings", MAX_TEXT, "The findings"),
        alt=result.alt.value if result.alt else None,
        alt_lower=result.alt.lower if result.alt else None,
        alt_upper=result.alt.upper if result.alt else None,
        ast=result.ast.value if result.ast else None,
        ast_lower=result.ast.lower if result.ast else None,
        ast_upper=result.ast.upper if result.ast else None,
        bilirubin=result.bilirubin.value if result.bilirubin else None,
        bilirubin_lower=result.bilirubin.lower if result.bilirubin else None,
        bilirubin_upper=result.bilirubin.upper if result.bilirubin else None,
        systolic=result.systolic,
        diastolic=result.diastolic,
        marked_abnormal=result.marked_abnormal,
        performed_by=performed,
        note=note,
        recorded_by_user_id=actor.user_id,
        recorded_by=actor.display_name,
    )
    session.add(row)
    session.flush()
    database.audit.record(
        session,
        actor,
        AuditAction.CREATE,
        AuditCategory.MONITORING,
        patient_id=patient_id,
        object_type="monitoring completion",
        object_id=row.id,
        detail=f"{item_code} done {done_on.isoformat()}" + (" (abnormal)" if abnormal else ""),
    )
    titles = {r.code: r.title for r in clinic_rules(session)}
    return _completion_view(row, titles)


def _with_education(result: ItemResult, education_years: int | None) -> ItemResult:
    return replace(result, education_years=education_years)


def items_raised_by(database: Database, item_code: str) -> tuple[str, ...]:
    """Titles of the items an abnormal result of `item_code` raises (for the screens)."""
    with database.reading() as session:
        return tuple(
            rule.title for rule in clinic_rules(session) if item_code in rule.triggered_by_abnormal
        )


def add_monitoring_event(
    database: Database,
    session: Session,
    actor: Actor,
    patient_id: int,
    kind: EventKind,
    occurred_on: date,
    detail: str = "",
    source: str = "",
) -> MonitoringEventRecord:
    """Add an event inside the caller's transaction (a treatment session's, say), audited.
    The caller has authorized the work; the due dates follow when the transaction commits."""
    row = MonitoringEventRecord(
        patient_id=patient_id,
        kind=kind,
        occurred_on=occurred_on,
        detail=_text(detail, "detail", MAX_DETAIL, "The detail"),
        source=source.strip()[:60],
        recorded_by_user_id=actor.user_id,
        recorded_by=actor.display_name,
    )
    session.add(row)
    session.flush()
    database.audit.record(
        session,
        actor,
        AuditAction.CREATE,
        AuditCategory.MONITORING,
        patient_id=patient_id,
        object_type="monitoring event",
        object_id=row.id,
        detail=f"{kind.value} on {occurred_on.isoformat()}" + (f" ({source})" if source else ""),
    )
    return row


def record_monitoring_event(
    database: Database,
    actor: Actor,
    patient_id: int,
    kind: EventKind,
    occurred_on: date,
    detail: str = "",
    *,
    source: str = "checklist",
    today: date | None = None,
) -> int:
    """Record something that happened and raises items: a urinary symptom found on a
    side-effect review, elevated liver tests from outside, a positive substance screen, a
    seizure during TMS. Treatment sessions call this (or `add_monitoring_event` inside their
    own transaction); the checklist calls it for events entered by hand."""
    authorize(database, actor, Permission.RECORD_MONITORING, AuditCategory.MONITORING, patient_id)
    day = _today(today)
    with database.transaction() as session:
        patient = get_patient(session, patient_id)
        _check_day("occurred_on", occurred_on, patient, day, "The date of the event")
        row = add_monitoring_event(
            database, session, actor, patient_id, kind, occurred_on, detail, source
        )
        return row.id


def _set_aside(
    database: Database,
    actor: Actor,
    patient_id: int,
    item_code: str,
    until: date | None,
    reason: str,
    today: date | None,
) -> int:
    authorize(database, actor, Permission.RECORD_MONITORING, AuditCategory.MONITORING, patient_id)
    day = _today(today)
    reason = _text(reason, "reason", MAX_TEXT, "The reason")
    if not reason:
        what = "deferred" if until else "dismissed"
        raise _fail("reason", f"Say why the item is {what}.")
    if until is not None and not day < until <= day + timedelta(days=MAX_DEFER_DAYS):
        raise _fail("until", f"Defer to a day after today and at most {MAX_DEFER_DAYS} days ahead.")
    with database.transaction() as session:
        get_patient(session, patient_id)
        rule = _rule(session, item_code)
        row = MonitoringDismissal(
            patient_id=patient_id,
            item_code=item_code,
            recorded_on=day,
            until=until,
            reason=reason,
            rule_fingerprint=rule_fingerprint(rule),
            recorded_by_user_id=actor.user_id,
            recorded_by=actor.display_name,
        )
        session.add(row)
        session.flush()
        database.audit.record(
            session,
            actor,
            AuditAction.CREATE,
            AuditCategory.MONITORING,
            patient_id=patient_id,
            object_type="monitoring dismissal",
            object_id=row.id,
            detail=(
                f"{item_code} deferred until {until.isoformat()}"
                if until
                else f"{item_code} dismissed"
            ),
        )
        return row.id


def defer_item(
    database: Database,
    actor: Actor,
    patient_id: int,
    item_code: str,
    until: date,
    reason: str,
    today: date | None = None,
) -> int:
    """Put an item off until a day (inclusive), with the reason. It lapses when the rule
    changes, and is spent once the item is done."""
    return _set_aside(database, actor, patient_id, item_code, until, reason, today)


def dismiss_item(
    database: Database,
    actor: Actor,
    patient_id: int,
    item_code: str,
    reason: str,
    today: date | None = None,
) -> int:
    """Stop showing an item for this patient, with the reason. It lapses when the rule
    changes; an event after it raises the item again."""
    return _set_aside(database, actor, patient_id, item_code, None, reason, today)


# Rules -----------------------------------------------------------------------------------


def monitoring_rules(database: Database, actor: Actor) -> RuleSet:
    """The clinic's rules with the defaults beside them, for the settings."""
    authorize(database, actor, Permission.MANAGE_SETTINGS, AuditCategory.SETTINGS)
    with database.reading() as session:
        replaced, removed = clinic_changes(session)
    changed = {rule.code: rule for rule in replaced}
    entries = [
        RuleEntry(changed.get(rule.code, rule), rule, rule.code not in removed)
        for rule in SEED_DEFAULT_RULES
    ]
    defaults = {rule.code for rule in SEED_DEFAULT_RULES}
    entries += [RuleEntry(rule, None, True) for rule in replaced if rule.code not in defaults]
    return RuleSet(tuple(entries))


def save_rules(
    database: Database,
    actor: Actor,
    rules: Sequence[MonitoringRule],
    not_in_use: Iterable[str] = (),
) -> None:
    """Save the clinic's rules (all it keeps, changed or not) and the default items it does
    not use. Every patient's due dates are worked out again in the same transaction, so the
    change shows at once; dismissals of a changed rule lapse."""
    authorize(database, actor, Permission.MANAGE_SETTINGS, AuditCategory.SETTINGS)
    try:
        checked = rules_from_dicts(rules_to_dicts(rules))
    except ValueError as error:
        raise _fail("rules", str(error)) from error
    _store_rules(database, actor, checked, set(not_in_use))


def restore_default_rules(database: Database, actor: Actor) -> None:
    """Back to the rules the program ships with; the clinic's changes are dropped."""
    authorize(database, actor, Permission.MANAGE_SETTINGS, AuditCategory.SETTINGS)
    _store_rules(database, actor, SEED_DEFAULT_RULES, set())


def _store_rules(
    database: Database, actor: Actor, rules: Sequence[MonitoringRule], removed: set[str]
) -> None:
    encoded = encode_changes(rules, removed)
    with database.transaction() as session:
        before = clinic_rules(session)
        row = session.get(ClinicSetting, RULES_KEY)
        if row is not None and row.value_json == encoded:
            return
        if row is None and encoded == encode_changes(SEED_DEFAULT_RULES, ()):
            return
        after_by_code = {rule.code: rule for rule in rules if rule.code not in removed}
        before_by_code = {rule.code: rule for rule in before}
        changed = sorted(
            code
            for code in set(after_by_code) | set(before_by_code)
            if after_by_code.get(code) != before_by_code.get(code)
        )
        database.audit.record(
            session,
            actor,
            AuditAction.SETTING_CHANGE,
            AuditCategory.SETTINGS,
            object_type="setting",
            prior=row,
            detail=f"{RULES_KEY}: " + (", ".join(changed) or "restored"),
        )
        if row is None:
            session.add(ClinicSetting(key=RULES_KEY, value_json=encoded))
        else:
            row.value_json = encoded
        session.flush()
        rebuild_all(session)


# The command line ------------------------------------------------------------------------


def due_report(
    database: Database, who: Someone, as_of: date | None = None, mrn: str | None = None
) -> list[DueRow]:
    """Every due and overdue item on `as_of`, for `boosterdesk due`: of one patient (worked
    out from their facts, as their checklist is) or of the whole clinic (the stored dates).
    Nobody signs in on the command line: the read is audited under the person's login name
    on this computer, as anyone able to open the database file could read it."""
    day = _today(as_of)
    ensure_current(database)
    with database.transaction() as session:
        if mrn is None:
            rows = due_rows(session, day)
            patient_id = None
        else:
            patient_id = patient_id_for_mrn(session, mrn)
            if patient_id is None:
                raise RecordNotFoundError(f"No patient has the MRN {mrn.strip().upper()}.")
            rows = _evaluated_rows(session, patient_id, day)
        database.audit.record(
            session,
            who,
            AuditAction.READ,
            AuditCategory.MONITORING,
            patient_id=patient_id,
            detail=f"due list on the command line, {day.isoformat()}: {len(rows)} items",
        )
    return rows


def _evaluated_rows(session: Session, patient_id: int, day: date) -> list[DueRow]:
    patient = get_patient(session, patient_id)
    rules = clinic_rules(session)
    gathered = gather(session, rules, [patient_id]).get(patient_id)
    if gathered is None:
        return []
    by_code = {rule.code: rule for rule in rules}
    rows = []
    for status in evaluate(rules, gathered.facts(), day):
        if not status.state.needs_action:
            continue
        course = gathered.course_for(by_code[status.item_code])
        assert course is not None
        overdue = status.state is ItemState.OVERDUE and status.window_end is not None
        rows.append(
            DueRow(
                patient_id=patient_id,
                mrn=patient.mrn,
                patient_name=display_name(
                    patient.legal_family_name, patient.legal_given_names, patient.preferred_name
                ),
                item_code=status.item_code,
                title=status.title,
                state=status.state,
                due_from=status.window_start,
                overdue_after=status.window_end,
                days_overdue=(day - status.window_end).days if overdue else 0,  # type: ignore[operator]
                reason=status.reason,
                last_done=status.last_done,
                modality=course.modality,
                prescriber=course.prescriber,
            )
        )
    rows.sort(key=lambda row: (-row.days_overdue, row.due_from or date.min))
    return rows
