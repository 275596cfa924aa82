"""Events and abnormal results that make items due now."""

from datetime import date

import pytest

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    EventKind,
    Interval,
    ItemState,
    Modality,
    MonitoringEvent,
)
from tests.clinical.monitoring.monitoring_support import course, done, facts, status, statuses

EVENT_DAY = date(2026, 6, 10)
RECENT = date(2026, 5, 2)
IV = course(Modality.IV_KETAMINE, date(2025, 1, 10))
TMS = course(Modality.TMS, date(2025, 1, 10))
# Every interval item freshly done, so only a trigger can make anything due.
ALL_DONE = tuple(
    done(rule.code, RECENT) for rule in SEED_DEFAULT_RULES if isinstance(rule.schedule, Interval)
)


def event(kind: EventKind, day: date = EVENT_DAY, detail: str = "") -> MonitoringEvent:
    return MonitoringEvent(kind, day, detail)


def due_codes(*extra: object, as_of: date = EVENT_DAY, **values: object) -> set[str]:
    completions = ALL_DONE + tuple(extra)  # type: ignore[operator]
    patient = facts(IV, TMS, completions=completions, **values)
    return {c for c, s in statuses(patient, as_of).items() if s.state is ItemState.DUE}


def test_without_events_nothing_is_due() -> None:
    assert due_codes() == set()


@pytest.mark.parametrize(
    ("kind", "raised"),
    [
        (EventKind.URINARY_SYMPTOMS, {"urinalysis", "urology_referral"}),
        (EventKind.ELEVATED_LIVER_TESTS, {"liver_function_tests", "treatment_frequency_review"}),
        (EventKind.POSITIVE_SUBSTANCE_SCREEN, {"closer_substance_monitoring"}),
        (EventKind.SEIZURE, {"tms_seizure_review"}),
        (EventKind.COGNITIVE_COMPLAINT, {"cognitive_screen"}),
        (EventKind.CARDIOVASCULAR_SYMPTOMS, {"ecg"}),
    ],
)
def test_each_event_kind_raises_its_items_from_the_event_day(
    kind: EventKind, raised: set[str]
) -> None:
    assert due_codes(events=(event(kind),)) == raised
    assert due_codes(events=(event(kind),), as_of=date(2026, 6, 9)) == set()


@pytest.mark.parametrize(
    ("abnormal_item", "raised"),
    [
        ("urological_symptom_inquiry", {"urinalysis", "urology_referral"}),
        ("liver_function_tests", {"liver_function_tests", "treatment_frequency_review"}),
        ("substance_use_screen", {"closer_substance_monitoring"}),
        ("cognitive_screen", {"neuropsychological_testing"}),
    ],
)
def test_an_abnormal_result_raises_the_same_items_as_the_event(
    abnormal_item: str, raised: set[str]
) -> None:
    assert due_codes(done(abnormal_item, EVENT_DAY, abnormal=True)) == raised


def test_urinary_symptoms_make_urinalysis_due_now_and_ask_for_a_referral() -> None:
    patient = facts(
        IV,
        completions=(done("urinalysis", RECENT),),
        events=(event(EventKind.URINARY_SYMPTOMS, detail="dysuria"),),
    )
    urinalysis = status("urinalysis", patient, EVENT_DAY)
    assert urinalysis.state is ItemState.DUE
    assert urinalysis.reason == (
        "Urinalysis: due after urinary symptoms on 2026-06-10 (dysuria); last 2026-05-02"
    )
    # Due from the event; the scheduled window still sets the overdue day.
    assert (urinalysis.window_start, urinalysis.window_end) == (EVENT_DAY, date(2026, 11, 1))
    referral = status("urology_referral", patient, EVENT_DAY)
    assert referral.reason == "Urology referral: due after urinary symptoms on 2026-06-10 (dysuria)"
    assert (referral.window_start, referral.window_end) == (EVENT_DAY, None)


def test_a_raised_item_is_due_until_done_and_never_turns_overdue_by_itself() -> None:
    patient = facts(IV, events=(event(EventKind.URINARY_SYMPTOMS),))
    assert status("urology_referral", patient, date(2030, 1, 1)).state is ItemState.DUE


def test_a_completion_on_or_after_the_event_day_answers_it() -> None:
    symptoms = (event(EventKind.URINARY_SYMPTOMS),)
    same_day = facts(IV, completions=(done("urinalysis", EVENT_DAY),), events=symptoms)
    assert status("urinalysis", same_day, EVENT_DAY).state is ItemState.DONE
    day_before = facts(IV, completions=(done("urinalysis", date(2026, 6, 9)),), events=symptoms)
    assert status("urinalysis", day_before, EVENT_DAY).state is ItemState.DUE
    referred = facts(
        IV, completions=(done("urology_referral", date(2026, 6, 12)),), events=symptoms
    )
    item = status("urology_referral", referred, date(2026, 6, 20))
    assert item.state is ItemState.DONE
    assert item.reason == "Urology referral: done 2026-06-12 after urinary symptoms on 2026-06-10"


def test_an_abnormal_liver_panel_asks_for_a_repeat_it_cannot_answer_itself() -> None:
    abnormal = done("liver_function_tests", EVENT_DAY, abnormal=True)
    patient = facts(IV, completions=(abnormal,))
    item = status("liver_function_tests", patient, date(2026, 6, 11))
    assert item.state is ItemState.DUE
    assert item.reason == (
        "Liver function tests: repeat due after an abnormal result on 2026-06-10; "
        "last 2026-06-10 (abnormal)"
    )
    review = status("treatment_frequency_review", patient, date(2026, 6, 11))
    assert review.reason == (
        "Treatment frequency review (reduce or stop?): due after an abnormal result of "
        "liver function tests on 2026-06-10"
    )
    normal_repeat = facts(
        IV, completions=(abnormal, done("liver_function_tests", date(2026, 6, 24)))
    )
    repeated = status("liver_function_tests", normal_repeat, date(2026, 6, 25))
    assert repeated.state is ItemState.DONE
    assert repeated.window_start == date(2026, 9, 24)
    still_high = facts(
        IV, completions=(abnormal, done("liver_function_tests", date(2026, 6, 24), abnormal=True))
    )
    assert status("liver_function_tests", still_high, date(2026, 6, 25)).state is ItemState.DUE


def test_a_raised_item_that_is_also_overdue_stays_overdue_and_says_both() -> None:
    patient = facts(
        IV,
        completions=(done("urinalysis", date(2025, 1, 5)),),
        events=(event(EventKind.URINARY_SYMPTOMS),),
    )
    item = status("urinalysis", patient, EVENT_DAY)
    assert item.state is ItemState.OVERDUE
    assert item.reason == (
        "Urinalysis: last 2025-01-05; every 3-6 months; overdue since 2025-07-05; "
        "also due after urinary symptoms on 2026-06-10"
    )


def test_a_missing_baseline_stays_missing_when_an_event_also_raises_it() -> None:
    patient = facts(
        course(Modality.IV_KETAMINE, None), events=(event(EventKind.COGNITIVE_COMPLAINT),)
    )
    item = status("cognitive_screen", patient, EVENT_DAY)
    assert item.state is ItemState.BASELINE_MISSING
    assert item.reason == (
        "Cognitive screen (MoCA or similar): baseline needed before the first treatment; "
        "also due after a cognitive complaint on 2026-06-10"
    )


def test_the_earliest_unanswered_event_is_the_one_shown() -> None:
    patient = facts(
        IV,
        completions=(done("urology_referral", date(2026, 3, 2)),),
        events=(
            event(EventKind.URINARY_SYMPTOMS, date(2026, 3, 1)),
            event(EventKind.URINARY_SYMPTOMS, date(2026, 6, 1)),
            event(EventKind.URINARY_SYMPTOMS, EVENT_DAY),
        ),
    )
    item = status("urology_referral", patient, EVENT_DAY)
    assert item.state is ItemState.DUE
    assert item.window_start == date(2026, 6, 1)
    assert (
        item.reason == "Urology referral: due after urinary symptoms on 2026-06-01; last 2026-03-02"
    )


def test_events_after_the_evaluation_day_are_ignored() -> None:
    patient = facts(IV, events=(event(EventKind.URINARY_SYMPTOMS),))
    assert "urology_referral" not in statuses(patient, date(2026, 6, 9))
