"""The one line a clinician reads beside each monitoring item.

Shape: "<title>: <what was done>; <how often>; <what is due when>", dates in ISO form, e.g.
"Urinalysis: last 2026-05-02; every 3-6 months; overdue since 2026-11-02".
"""

from collections.abc import Mapping
from datetime import date, timedelta

from clinical.monitoring.enums import ItemState
from clinical.monitoring.rules import Once
from clinical.monitoring.timeline import Basis, Timeline, Trigger

_ONE_DAY = timedelta(days=1)


def describe(
    timeline: Timeline,
    state: ItemState,
    trigger: Trigger | None,
    as_of: date,
    titles: Mapping[str, str],
) -> str:
    rule = timeline.rule
    parts = [_body(timeline, state, trigger, titles)]
    pending = timeline.pending
    needs_more = state in (ItemState.OVERDUE, ItemState.BASELINE_MISSING)
    if needs_more and pending is not None and pending.on <= as_of:
        due = "repeat due" if pending.source_item == rule.code else "due"
        parts.append(f"also {due} {_after(pending, rule.code, titles)}")
    return f"{rule.title}: " + "; ".join(part for part in parts if part)


def _body(
    timeline: Timeline, state: ItemState, trigger: Trigger | None, titles: Mapping[str, str]
) -> str:
    rule = timeline.rule
    schedule = rule.schedule.text
    last = _last(timeline)
    match state:
        case ItemState.DISMISSED:
            return _joined("dismissed", _dismissal_reason(timeline))
        case ItemState.DEFERRED:
            until = timeline.dismissal.until if timeline.dismissal else None
            return _joined(f"deferred until {until}", _dismissal_reason(timeline))
        case ItemState.EVERY_VISIT:
            return _joined(schedule, last or "not recorded yet")
        case ItemState.BASELINE_MISSING:
            what = "needed" if isinstance(rule.schedule, Once) else "baseline needed"
            before = timeline.first_treatment or timeline.planned_first_treatment
            on = f" on {before}" if before else ""
            return f"{what} before the first treatment{on}"
        case ItemState.DUE if trigger is not None:
            due = "repeat due" if trigger.source_item == rule.code else "due"
            return _joined(f"{due} {_after(trigger, rule.code, titles)}", last)
    match timeline.basis:
        case Basis.SESSIONS:
            return _sessions(timeline, state)
        case Basis.ON_EVENT | Basis.ONCE_DONE:
            return _done(timeline, titles)
        case Basis.AWAITING_START:
            return f"{schedule}, counted from the first treatment"
    return _window(timeline, state)


def _window(timeline: Timeline, state: ItemState) -> str:
    """Reason for an item on a dated window: OVERDUE, DUE, DONE or NOT_YET_DUE."""
    rule = timeline.rule
    opens, closes = timeline.schedule_due_from, timeline.schedule_overdue_after
    assert closes is not None
    overdue_since = f"overdue since {closes + _ONE_DAY}"
    if timeline.basis is Basis.BASELINE:
        what = "needed" if isinstance(rule.schedule, Once) else "baseline needed"
        return f"not done; {what} before the first treatment on {closes}; {overdue_since}"
    if timeline.basis is Basis.FROM_START:
        done = "not done yet"
        schedule = f"{rule.schedule.text} from the first treatment on {timeline.first_treatment}"
        upcoming = f"due from {opens}"
    else:
        done = _last(timeline)
        schedule = rule.schedule.text
        upcoming = f"next due from {opens}"
    match state:
        case ItemState.OVERDUE:
            when = overdue_since
        case ItemState.DUE:
            when = f"due since {opens}; overdue from {closes + _ONE_DAY}"
        case _:
            when = upcoming
    return f"{done}; {schedule}; {when}"


def _done(timeline: Timeline, titles: Mapping[str, str]) -> str:
    """Reason for a once item that is done, or an on-event item that was answered."""
    last = timeline.last_done
    assert last is not None
    text = f"done {last.on}" + (" (abnormal)" if last.abnormal else "")
    latest = timeline.latest_trigger
    if timeline.basis is Basis.ON_EVENT and latest is not None:
        text += f" {_after(latest, timeline.rule.code, titles)}"
    return text


def _sessions(timeline: Timeline, state: ItemState) -> str:
    outstanding = timeline.outstanding_sessions
    if not outstanding:
        if timeline.sessions == 0:
            return f"{timeline.rule.schedule.text}; no session yet"
        submitted = timeline.last_done.on if timeline.last_done else None
        return f"a form for every session ({timeline.sessions}); last submitted {submitted}"
    closes = timeline.schedule_overdue_after
    assert closes is not None
    overdue = state is ItemState.OVERDUE
    when = f"overdue since {closes + _ONE_DAY}" if overdue else f"due by {closes}"
    text = f"form for the session on {outstanding[0]} {when}"
    if len(outstanding) > 1:
        text += f"; {len(outstanding)} forms outstanding"
    return text


def _after(trigger: Trigger, own_code: str, titles: Mapping[str, str]) -> str:
    if trigger.kind is not None:
        detail = f" ({trigger.detail})" if trigger.detail else ""
        return f"after {trigger.kind.label} on {trigger.on}{detail}"
    if trigger.source_item == own_code:
        return f"after an abnormal result on {trigger.on}"
    source = trigger.source_item or ""
    return f"after an abnormal result of {_in_sentence(titles.get(source, source))} on {trigger.on}"


def _last(timeline: Timeline) -> str:
    last = timeline.last_done
    if last is None:
        return ""
    return f"last {last.on}" + (" (abnormal)" if last.abnormal else "")


def _dismissal_reason(timeline: Timeline) -> str:
    return timeline.dismissal.reason.strip() if timeline.dismissal else ""


def _joined(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _in_sentence(title: str) -> str:
    """'Cognitive screen' -> 'cognitive screen' inside a sentence; 'ECG' stays 'ECG'."""
    if len(title) > 1 and title[1].islower():
        return title[0].lower() + title[1:]
    return title
