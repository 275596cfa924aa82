"""When one rule's item opens and when it turns overdue, for one patient.

A `Timeline` is everything about an item that does not depend on the day you look:
`due_from` (the first day it needs action; `date.min` for a baseline, which is needed now)
and `overdue_after` (the last day before it is overdue), plus what the reason text needs.
`evaluate` reads a state off a timeline for a given day; `next_due` returns the two dates
for the database to store per patient and item, so that a due list is one indexed query
(`due_from <= today`, `overdue_after < today`) instead of evaluating every patient. The two
agree by construction: for facts dated no later than the day, the state needs action
exactly when `due_from <= day`, and is OVERDUE exactly when `overdue_after < day`. Both
change only when the facts do, so the database recomputes them on each new fact.

Windows (calendar months with end-of-month clamping, see `months`): after a completion on
day L an `Interval(E, M)` item is due from L + E months and overdue from L + M months, so
`overdue_after` is the day before L + M months. Done 2026-05-02 every 3-6 months: due from
2026-08-02, last day 2026-11-01, overdue since 2026-11-02. A per-session form for a session
on day S is due from S, its last day is S + within_days, overdue after that.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum, auto

from clinical.monitoring.enums import EventKind
from clinical.monitoring.facts import ActiveCourse, Completion, Dismissal, PatientFacts
from clinical.monitoring.fingerprint import rule_fingerprint
from clinical.monitoring.months import add_months
from clinical.monitoring.rules import (
    EveryVisit,
    Interval,
    MonitoringRule,
    Once,
    OnEvent,
    PerSession,
)

NEEDED_NOW = date.min
"""`due_from` of a baseline that is missing: there is no opening day, it is needed now."""

_ONE_DAY = timedelta(days=1)


class Basis(Enum):
    """What the schedule alone says about the item, before events and dismissals."""

    BASELINE = auto()  # baseline (or once item) never done
    FROM_LAST = auto()  # interval counted from the last completion
    FROM_START = auto()  # never done, interval counted from the first treatment
    AWAITING_START = auto()  # never done, no baseline, not treated yet: the clock has not started
    EVERY_VISIT = auto()
    ONCE_DONE = auto()
    SESSIONS = auto()  # per-session forms
    ON_EVENT = auto()


@dataclass(frozen=True)
class Trigger:
    """An event, or an abnormal result of `source_item`, that makes the item due now."""

    on: date
    kind: EventKind | None
    source_item: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class Timeline:
    rule: MonitoringRule
    basis: Basis
    schedule_due_from: date | None
    schedule_overdue_after: date | None
    due_from: date | None
    overdue_after: date | None
    last_done: Completion | None
    first_treatment: date | None
    planned_first_treatment: date | None
    pending: Trigger | None  # the earliest trigger not yet answered by a completion
    latest_trigger: Trigger | None
    dismissal: Dismissal | None  # the one that holds, if any (a deferral may have expired)
    unmasking: Trigger | None  # earliest pending trigger after the dismissal was recorded
    sessions: int = 0
    outstanding_sessions: tuple[date, ...] = ()


@dataclass(frozen=True)
class FactIndex:
    """A patient's facts up to a cut-off day, grouped for lookups by item code and kind.

    Built once per patient and shared by every rule, so evaluating N rules costs one pass
    over the facts plus a few lookups per rule."""

    cutoff: date
    courses: tuple[ActiveCourse, ...]
    last_done: dict[str, Completion]
    abnormal_on: dict[str, list[date]]
    events: dict[EventKind, list[Trigger]]
    dismissals: dict[str, list[Dismissal]]
    facts: PatientFacts

    @classmethod
    def build(cls, facts: PatientFacts, cutoff: date | None = None) -> "FactIndex":
        day = date.max if cutoff is None else cutoff
        last_done: dict[str, Completion] = {}
        abnormal_on: defaultdict[str, list[date]] = defaultdict(list)
        for completion in facts.completions:
            if completion.on > day:
                continue
            current = last_done.get(completion.item_code)
            # On a tie the abnormal result wins: it is the one a clinician must see.
            if current is None or (completion.on, completion.abnormal) > (
                current.on,
                current.abnormal,
            ):
                last_done[completion.item_code] = completion
            if completion.abnormal:
                abnormal_on[completion.item_code].append(completion.on)
        events: defaultdict[EventKind, list[Trigger]] = defaultdict(list)
        for event in facts.events:
            if event.on <= day:
                events[event.kind].append(Trigger(event.on, event.kind, None, event.detail))
        dismissals: defaultdict[str, list[Dismissal]] = defaultdict(list)
        for dismissal in facts.dismissals:
            if dismissal.recorded_on <= day:
                dismissals[dismissal.item_code].append(dismissal)
        return cls(
            day, facts.courses, last_done, dict(abnormal_on), dict(events), dict(dismissals), facts
        )


def applies(rule: MonitoringRule, courses: tuple[ActiveCourse, ...]) -> bool:
    return any(rule.applies_to(course.modality, course.phase) for course in courses)


def next_due(rule: MonitoringRule, facts: PatientFacts) -> tuple[date | None, date | None]:
    """(due_from, overdue_after) for the database to store per patient and item.

    due_from: first day the item needs action (`NEEDED_NOW`, i.e. date.min, for a missing
    baseline; None when nothing opens it on a date: every-visit items, items already done for
    good, items that do not apply). overdue_after: last day before it is OVERDUE (None: it
    never turns overdue by time alone). Recompute whenever the patient's facts change.
    """
    index = FactIndex.build(facts)
    if not applies(rule, index.courses):
        return None, None
    timeline = build_timeline(rule, index)
    if timeline is None:
        return None, None
    return timeline.due_from, timeline.overdue_after


def build_timeline(rule: MonitoringRule, index: FactIndex) -> Timeline | None:
    """The item's timeline, or None for an on-event item that nothing has raised or done."""
    last = index.last_done.get(rule.code)
    last_on = None if last is None else last.on
    triggers = _triggers(rule, index)
    if isinstance(rule.schedule, OnEvent) and not triggers and last is None:
        return None
    pending = [t for t in triggers if _unanswered(t, rule.code, last_on)]
    earliest_pending = min(pending, key=_by_date, default=None)
    scheduled = _scheduled(rule, index, last)
    last = scheduled.last_done

    due_from = _earliest(scheduled.opens, None if earliest_pending is None else earliest_pending.on)
    overdue_after = scheduled.closes
    dismissal = _holding_dismissal(rule, index, None if last is None else last.on)
    unmasking = None
    if dismissal is not None:
        unmasking = min(
            (t for t in pending if t.on > dismissal.recorded_on), key=_by_date, default=None
        )
        unmasked_from = None if unmasking is None else unmasking.on
        if dismissal.until is None:
            due_from, overdue_after = unmasked_from, None
        else:
            # Hidden through `until`; from the day after, the item is whatever it would be.
            back_on = dismissal.until + _ONE_DAY
            due_from = _earliest(
                None if due_from is None else max(due_from, back_on), unmasked_from
            )
            if overdue_after is not None:
                overdue_after = max(overdue_after, dismissal.until)

    return Timeline(
        rule=rule,
        basis=scheduled.basis,
        schedule_due_from=scheduled.opens,
        schedule_overdue_after=scheduled.closes,
        due_from=due_from,
        overdue_after=overdue_after,
        last_done=last,
        first_treatment=scheduled.first_treatment,
        planned_first_treatment=scheduled.planned_first_treatment,
        pending=earliest_pending,
        latest_trigger=max(triggers, key=_by_date, default=None),
        dismissal=dismissal,
        unmasking=unmasking,
        sessions=scheduled.sessions,
        outstanding_sessions=scheduled.outstanding_sessions,
    )


@dataclass(frozen=True)
class _Scheduled:
    """What the schedule alone says, before events and dismissals."""

    basis: Basis
    opens: date | None = None
    closes: date | None = None
    last_done: Completion | None = None
    first_treatment: date | None = None
    planned_first_treatment: date | None = None
    sessions: int = 0
    outstanding_sessions: tuple[date, ...] = ()


def _scheduled(rule: MonitoringRule, index: FactIndex, last: Completion | None) -> _Scheduled:
    schedule = rule.schedule
    if isinstance(schedule, EveryVisit):
        return _Scheduled(Basis.EVERY_VISIT, last_done=last)
    if isinstance(schedule, OnEvent):
        return _Scheduled(Basis.ON_EVENT, last_done=last)
    if isinstance(schedule, PerSession):
        return _per_session(rule.code, schedule, index)
    if last is not None:
        if isinstance(schedule, Once):
            return _Scheduled(Basis.ONCE_DONE, last_done=last)
        opens, closes = _window(last.on, schedule)
        return _Scheduled(Basis.FROM_LAST, opens, closes, last_done=last)
    first, planned = _first_treatment(rule, index)
    if rule.baseline_required:  # always so for a once rule
        # Needed now; once the first treatment has passed without it, overdue.
        return _Scheduled(
            Basis.BASELINE,
            NEEDED_NOW,
            closes=first,
            first_treatment=first,
            planned_first_treatment=planned,
        )
    assert isinstance(schedule, Interval)
    if first is not None:
        opens, closes = _window(first, schedule)
        return _Scheduled(Basis.FROM_START, opens, closes, first_treatment=first)
    return _Scheduled(Basis.AWAITING_START, planned_first_treatment=planned)


def _window(start: date, interval: Interval) -> tuple[date, date]:
    return (
        add_months(start, interval.earliest_months),
        add_months(start, interval.latest_months) - _ONE_DAY,
    )


def _first_treatment(rule: MonitoringRule, index: FactIndex) -> tuple[date | None, date | None]:
    """Earliest first treatment among the courses the rule applies to, and, when none has
    been treated by the cut-off, the earliest planned one (a first treatment dated after the
    cut-off counts as planned)."""
    given: list[date] = []
    planned: list[date] = []
    for course in index.courses:
        if not rule.applies_to(course.modality, course.phase):
            continue
        if course.first_treatment is not None and course.first_treatment <= index.cutoff:
            given.append(course.first_treatment)
        elif course.first_treatment is not None:
            planned.append(course.first_treatment)
        elif course.planned_first_treatment is not None:
            planned.append(course.planned_first_treatment)
    if given:
        return min(given), None
    return None, min(planned, default=None)


def _triggers(rule: MonitoringRule, index: FactIndex) -> list[Trigger]:
    triggers: list[Trigger] = []
    for kind in rule.triggered_by:
        triggers.extend(index.events.get(kind, ()))
    for code in rule.triggered_by_abnormal:
        triggers.extend(Trigger(day, None, code) for day in index.abnormal_on.get(code, ()))
    return triggers


def _unanswered(trigger: Trigger, code: str, last_on: date | None) -> bool:
    if last_on is None:
        return True
    if trigger.source_item == code:
        # An abnormal result asks for a repeat: the same result cannot answer it.
        return last_on <= trigger.on
    return last_on < trigger.on


def _holding_dismissal(
    rule: MonitoringRule, index: FactIndex, last_on: date | None
) -> Dismissal | None:
    """The dismissal that holds: permanent before deferral, then the latest `until`.

    Lapsed (fingerprint of another rule version) and spent deferrals (item done since) are
    skipped. An expired deferral is still returned: whether it holds depends on the day."""
    candidates = index.dismissals.get(rule.code)
    if not candidates:
        return None
    fingerprint = rule_fingerprint(rule)
    holding = [
        d
        for d in candidates
        if d.rule_fingerprint == fingerprint
        and (d.permanent or last_on is None or last_on < d.recorded_on)
    ]
    return max(holding, key=lambda d: (d.permanent, d.until or date.max), default=None)


def _per_session(code: str, schedule: PerSession, index: FactIndex) -> _Scheduled:
    """Each session held by the cut-off needs a form; the oldest without one sets the dates.
    The latest form submitted stands in as the last completion."""
    cutoff = index.cutoff
    forms = [form for form in index.facts.rems_forms if form.submitted_on <= cutoff]
    covered = {form.session_on for form in forms}
    held = {day for day in index.facts.esketamine_sessions if day <= cutoff}
    outstanding = tuple(sorted(held - covered))
    latest = max((form.submitted_on for form in forms), default=None)
    last = None if latest is None else Completion(code, latest)
    if not outstanding:
        return _Scheduled(Basis.SESSIONS, last_done=last, sessions=len(held))
    opens = outstanding[0]
    closes = opens + timedelta(days=schedule.within_days)
    return _Scheduled(
        Basis.SESSIONS,
        opens,
        closes,
        last_done=last,
        sessions=len(held),
        outstanding_sessions=outstanding,
    )


def _earliest(first: date | None, second: date | None) -> date | None:
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)


def _by_date(trigger: Trigger) -> date:
    return trigger.on
