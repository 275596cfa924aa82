"""Dismissals and deferrals: they hold, lapse with the rule, and yield to new events."""

from dataclasses import replace
from datetime import date

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    Dismissal,
    EventKind,
    Interval,
    ItemState,
    Modality,
    MonitoringEvent,
    next_due,
    rule_fingerprint,
    with_overrides,
)
from tests.clinical.monitoring.monitoring_support import course, done, facts, rule, status

IV = course(Modality.IV_KETAMINE, date(2025, 1, 10))
LAST = done("urinalysis", date(2026, 5, 2))  # overdue since 2026-11-02
RECORDED = date(2026, 11, 5)
AS_OF = date(2026, 11, 21)


def dismissal(until: date | None, reason: str, fingerprint: str | None = None) -> Dismissal:
    return Dismissal(
        item_code="urinalysis",
        recorded_on=RECORDED,
        until=until,
        reason=reason,
        rule_fingerprint=fingerprint or rule_fingerprint(rule("urinalysis")),
    )


DECLINED = dismissal(None, "declined by patient")
TRAVELLING = dismissal(date(2026, 12, 1), "patient travelling")


def test_a_permanent_dismissal_hides_the_item() -> None:
    patient = facts(IV, completions=(LAST,), dismissals=(DECLINED,))
    item = status("urinalysis", patient, AS_OF)
    assert item.state is ItemState.DISMISSED
    assert item.reason == "Urinalysis: dismissed; declined by patient"
    assert (item.window_start, item.window_end) == (None, None)
    assert next_due(rule("urinalysis"), patient) == (None, None)


def test_a_dismissal_lapses_when_the_rule_changes() -> None:
    stricter = with_overrides(
        SEED_DEFAULT_RULES, replaced=[replace(rule("urinalysis"), schedule=Interval(2, 6))]
    )
    patient = facts(IV, completions=(LAST,), dismissals=(DECLINED,))
    item = status("urinalysis", patient, AS_OF, stricter)
    assert item.state is ItemState.OVERDUE
    assert item.reason == "Urinalysis: last 2026-05-02; every 2-6 months; overdue since 2026-11-02"


def test_a_dismissal_survives_rewording_the_rule() -> None:
    reworded = with_overrides(
        SEED_DEFAULT_RULES, replaced=[replace(rule("urinalysis"), title="Urine dipstick")]
    )
    patient = facts(IV, completions=(LAST,), dismissals=(DECLINED,))
    assert status("urinalysis", patient, AS_OF, reworded).state is ItemState.DISMISSED


def test_a_dismissal_with_a_stale_fingerprint_is_ignored() -> None:
    stale = dismissal(None, "declined", fingerprint="0000000000000000")
    patient = facts(IV, completions=(LAST,), dismissals=(stale,))
    assert status("urinalysis", patient, AS_OF).state is ItemState.OVERDUE


def test_a_deferral_holds_through_its_last_day_then_the_item_returns() -> None:
    patient = facts(IV, completions=(LAST,), dismissals=(TRAVELLING,))
    held = status("urinalysis", patient, date(2026, 12, 1))
    assert held.state is ItemState.DEFERRED
    assert held.reason == "Urinalysis: deferred until 2026-12-01; patient travelling"
    assert (held.window_start, held.window_end) == (date(2026, 12, 2), date(2026, 12, 1))
    back = status("urinalysis", patient, date(2026, 12, 2))
    assert back.state is ItemState.OVERDUE
    assert back.reason == "Urinalysis: last 2026-05-02; every 3-6 months; overdue since 2026-11-02"
    assert next_due(rule("urinalysis"), patient) == (date(2026, 12, 2), date(2026, 12, 1))


def test_a_deferral_ending_before_the_window_closes_leaves_the_item_due() -> None:
    early = facts(
        IV,
        completions=(done("urinalysis", date(2026, 6, 1)),),
        dismissals=(replace(TRAVELLING, recorded_on=date(2026, 9, 1), until=date(2026, 9, 15)),),
    )
    assert status("urinalysis", early, date(2026, 9, 15)).state is ItemState.DEFERRED
    assert status("urinalysis", early, date(2026, 9, 16)).state is ItemState.DUE
    assert next_due(rule("urinalysis"), early) == (date(2026, 9, 16), date(2026, 11, 30))


def test_doing_the_item_spends_a_deferral_but_not_a_permanent_dismissal() -> None:
    redone = (LAST, done("urinalysis", date(2026, 11, 10)))
    deferred = facts(IV, completions=redone, dismissals=(TRAVELLING,))
    assert status("urinalysis", deferred, AS_OF).state is ItemState.DONE
    dismissed = facts(IV, completions=redone, dismissals=(DECLINED,))
    assert status("urinalysis", dismissed, AS_OF).state is ItemState.DISMISSED


def test_an_event_after_the_dismissal_raises_the_item_again() -> None:
    symptoms = MonitoringEvent(EventKind.URINARY_SYMPTOMS, date(2026, 11, 15), "haematuria")
    patient = facts(IV, completions=(LAST,), dismissals=(DECLINED,), events=(symptoms,))
    item = status("urinalysis", patient, AS_OF)
    assert item.state is ItemState.DUE
    assert item.reason == (
        "Urinalysis: due after urinary symptoms on 2026-11-15 (haematuria); last 2026-05-02"
    )
    assert next_due(rule("urinalysis"), patient) == (date(2026, 11, 15), None)


def test_an_event_known_when_dismissing_does_not_raise_it_again() -> None:
    symptoms = MonitoringEvent(EventKind.URINARY_SYMPTOMS, date(2026, 11, 1))
    patient = facts(IV, completions=(LAST,), dismissals=(DECLINED,), events=(symptoms,))
    assert status("urinalysis", patient, AS_OF).state is ItemState.DISMISSED


def test_a_dismissal_recorded_after_the_evaluation_day_is_ignored() -> None:
    patient = facts(IV, completions=(LAST,), dismissals=(DECLINED,))
    assert status("urinalysis", patient, date(2026, 11, 4)).state is ItemState.OVERDUE


def test_a_permanent_dismissal_wins_over_a_deferral_and_only_its_item_is_hidden() -> None:
    patient = facts(
        IV,
        completions=(LAST, done("liver_function_tests", date(2026, 5, 2))),
        dismissals=(TRAVELLING, DECLINED),
    )
    assert status("urinalysis", patient, AS_OF).state is ItemState.DISMISSED
    assert status("liver_function_tests", patient, AS_OF).state is ItemState.OVERDUE


def test_of_two_deferrals_the_later_one_holds() -> None:
    later = replace(TRAVELLING, until=date(2027, 1, 15), reason="surgery")
    patient = facts(IV, completions=(LAST,), dismissals=(TRAVELLING, later))
    item = status("urinalysis", patient, date(2026, 12, 20))
    assert item.state is ItemState.DEFERRED
    assert item.reason == "Urinalysis: deferred until 2027-01-15; surgery"
