"""What the database stores per patient and item so a clinic-wide due list is one query.

`due_entries(rules, facts)` gives, for every item of the patient that opens on a date, the
two dates of `next_due` and the reason a clinician reads in each of the two states the list
shows: while the window is open (DUE, or BASELINE_MISSING for a baseline) and once it has
closed (OVERDUE). Both are worked out here, by the same timeline and wording as `evaluate`,
so the stored list and a patient's own checklist read the same: for facts dated no later
than the day looked at, `evaluate` gives an item the state and reason stored here exactly
when `due_from <= day` (OVERDUE when `overdue_after < day`). The open reason is the one
on the latest fact's day or later, which is every day the list is read on.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from clinical.monitoring.enums import ItemState
from clinical.monitoring.evaluate import state_on
from clinical.monitoring.facts import PatientFacts
from clinical.monitoring.reasons import describe
from clinical.monitoring.rules import MonitoringRule
from clinical.monitoring.timeline import FactIndex, applies, build_timeline

_ONE_DAY = timedelta(days=1)
_ANY_DAY = date.max  # every fact is on or before the day the list is looked at


@dataclass(frozen=True)
class DueEntry:
    item_code: str
    title: str
    due_from: date  # NEEDED_NOW (date.min) for a missing baseline
    overdue_after: date | None  # None: never overdue by time alone
    open_state: ItemState  # DUE or BASELINE_MISSING (OVERDUE when it opens already late)
    open_reason: str
    overdue_reason: str  # "" when it never turns overdue
    last_done: date | None
    last_abnormal: bool

    def state_on(self, day: date) -> ItemState | None:
        """The state on `day`, or None when the item needs nothing yet."""
        if self.due_from > day:
            return None
        if self.overdue_after is not None and self.overdue_after < day:
            return ItemState.OVERDUE
        return self.open_state

    def reason_on(self, day: date) -> str:
        if self.overdue_after is not None and self.overdue_after < day:
            return self.overdue_reason
        return self.open_reason


def due_entries(rules: Iterable[MonitoringRule], facts: PatientFacts) -> list[DueEntry]:
    index = FactIndex.build(facts)
    if not index.courses:
        return []
    rules = tuple(rules)
    titles = {rule.code: rule.title for rule in rules}
    # The list is read on a day no earlier than the latest fact: the open state and reason
    # are those of the window on that day (an event inside the window changes the reason).
    latest = _latest_fact(facts)
    entries: list[DueEntry] = []
    for rule in rules:
        if not applies(rule, index.courses):
            continue
        timeline = build_timeline(rule, index)
        if timeline is None or timeline.due_from is None:
            continue
        state, trigger = state_on(timeline, max(timeline.due_from, latest))
        overdue_reason = ""
        if timeline.overdue_after is not None:
            late, late_trigger = state_on(timeline, timeline.overdue_after + _ONE_DAY)
            overdue_reason = describe(timeline, late, late_trigger, _ANY_DAY, titles)
        last = timeline.last_done
        entries.append(
            DueEntry(
                item_code=rule.code,
                title=rule.title,
                due_from=timeline.due_from,
                overdue_after=timeline.overdue_after,
                open_state=state,
                open_reason=describe(timeline, state, trigger, _ANY_DAY, titles),
                overdue_reason=overdue_reason,
                last_done=None if last is None else last.on,
                last_abnormal=False if last is None else last.abnormal,
            )
        )
    return entries


def _latest_fact(facts: PatientFacts) -> date:
    days = [
        *(c.on for c in facts.completions),
        *(e.on for e in facts.events),
        *(d.recorded_on for d in facts.dismissals),
        *(f.submitted_on for f in facts.rems_forms),
        *facts.esketamine_sessions,
        *(c.first_treatment for c in facts.courses if c.first_treatment is not None),
    ]
    return max(days, default=date.min)
