"""What a patient's monitoring checklist says on a given day.

`evaluate(rules, facts, as_of)` returns one `ItemStatus` per rule that applies to the
patient: a rule applies when one of the patient's active courses has one of its modalities
(and, if the rule names phases, is in one of them). A patient with no active course has no
items. An on-event item is listed only once something raised it or it was done. Facts dated
after `as_of` are ignored. Items come back in the order of `rules`.

States, decided in this order (first match wins):

1. DISMISSED / DEFERRED: a dismissal holds for the item: its rule fingerprint matches the
   current rule (otherwise it has lapsed), it was recorded on or before `as_of`, and it is
   permanent (DISMISSED) or `as_of <= until` (DEFERRED). A deferral is spent once the item
   is done on or after the day it was recorded. An event after the dismissal was recorded
   overrides it: the item is DUE from that event (step 4).
2. OVERDUE: the last day of the window has passed (`as_of > window_end`). For a missing
   baseline that is the day of the first treatment (a same-day, pre-dose result counts).
3. BASELINE_MISSING: a baseline (or once) item never done, and the first treatment is not
   before `as_of`.
4. DUE: an event or abnormal result raised the item and no completion answers it yet (one
   on or after the event day; strictly after, when the abnormal result is of the item
   itself), or the scheduled window is open (`window_start <= as_of`). A raised item is due
   from the event until done; it never turns overdue by itself.
5. EVERY_VISIT: checked at each visit; has no due date.
6. DONE: the item was done (at least once; after every event that raised it; every
   session has its form) and its next window has not opened (`as_of < window_start`, or
   there is no next window: once items, answered on-event items, all forms in).
7. NOT_YET_DUE: never done and its clock has not run out: counted from the first
   treatment (no baseline needed), not started because there is no treatment yet, or no
   esketamine session yet.

An item stays in its window until done: DUE on `window_start`, still DUE on `window_end`,
OVERDUE the day after. The clock always restarts at the latest completion, early or late.

`window_start` / `window_end` are the item's `next_due` dates as of that day: the first day
it needs action and the last day before it is overdue (None: not on a date, or never; a
missing baseline has no start, it is needed now).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from clinical.monitoring.enums import ItemState
from clinical.monitoring.facts import PatientFacts
from clinical.monitoring.reasons import describe
from clinical.monitoring.rules import MonitoringRule
from clinical.monitoring.timeline import (
    NEEDED_NOW,
    Basis,
    FactIndex,
    Timeline,
    Trigger,
    applies,
    build_timeline,
)


@dataclass(frozen=True)
class ItemStatus:
    item_code: str
    title: str
    state: ItemState
    window_start: date | None
    window_end: date | None
    last_done: date | None
    reason: str


def evaluate(rules: Iterable[MonitoringRule], facts: PatientFacts, as_of: date) -> list[ItemStatus]:
    index = FactIndex.build(facts, as_of)
    if not index.courses:
        return []
    rules = tuple(rules)
    titles: Mapping[str, str] = {rule.code: rule.title for rule in rules}
    statuses: list[ItemStatus] = []
    for rule in rules:
        if not applies(rule, index.courses):
            continue
        timeline = build_timeline(rule, index)
        if timeline is None:
            continue
        state, trigger = state_on(timeline, as_of)
        statuses.append(
            ItemStatus(
                item_code=rule.code,
                title=rule.title,
                state=state,
                window_start=None if timeline.due_from == NEEDED_NOW else timeline.due_from,
                window_end=timeline.overdue_after,
                last_done=None if timeline.last_done is None else timeline.last_done.on,
                reason=describe(timeline, state, trigger, as_of, titles),
            )
        )
    return statuses


def state_on(timeline: Timeline, day: date) -> tuple[ItemState, Trigger | None]:
    """The item's state on `day`, and the trigger that made it DUE if one did."""
    dismissal = timeline.dismissal
    if dismissal is not None and (dismissal.until is None or day <= dismissal.until):
        if timeline.unmasking is not None and timeline.unmasking.on <= day:
            return ItemState.DUE, timeline.unmasking
        return (ItemState.DISMISSED if dismissal.until is None else ItemState.DEFERRED), None
    closes = timeline.schedule_overdue_after
    if closes is not None and day > closes:
        return ItemState.OVERDUE, None
    opens = timeline.schedule_due_from
    if timeline.basis is Basis.BASELINE:
        return ItemState.BASELINE_MISSING, None
    if timeline.pending is not None and timeline.pending.on <= day:
        return ItemState.DUE, timeline.pending
    if opens is not None and opens <= day:
        return ItemState.DUE, None
    if timeline.basis is Basis.EVERY_VISIT:
        return ItemState.EVERY_VISIT, None
    if timeline.last_done is not None:
        return ItemState.DONE, None
    return ItemState.NOT_YET_DUE, None
