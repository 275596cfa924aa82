"""Spravato REMS: enrollment before the first dose, a monitoring form within 7 days."""

from datetime import date

from clinical.monitoring import ItemState, Modality, RemsForm, next_due
from tests.clinical.monitoring.monitoring_support import course, done, facts, rule, status

SESSION = date(2026, 3, 2)
ESKETAMINE = course(Modality.ESKETAMINE, SESSION)


def test_enrollment_is_needed_before_the_first_dose() -> None:
    booked = facts(course(Modality.ESKETAMINE, None, planned=SESSION))
    item = status("rems_enrollment", booked, date(2026, 2, 20))
    assert item.state is ItemState.BASELINE_MISSING
    assert item.reason == (
        "Spravato REMS patient enrollment: needed before the first treatment on 2026-03-02"
    )


def test_enrollment_done_stays_done() -> None:
    enrolled = facts(ESKETAMINE, completions=(done("rems_enrollment", date(2026, 2, 20)),))
    item = status("rems_enrollment", enrolled, date(2030, 1, 1))
    assert item.state is ItemState.DONE
    assert item.reason == "Spravato REMS patient enrollment: done 2026-02-20"
    assert (item.window_start, item.window_end) == (None, None)


def test_a_first_dose_without_enrollment_makes_it_overdue_the_next_day() -> None:
    patient = facts(ESKETAMINE)
    assert status("rems_enrollment", patient, SESSION).state is ItemState.BASELINE_MISSING
    item = status("rems_enrollment", patient, date(2026, 3, 3))
    assert item.state is ItemState.OVERDUE
    assert item.reason == (
        "Spravato REMS patient enrollment: not done; needed before the first treatment on "
        "2026-03-02; overdue since 2026-03-03"
    )


def test_enrollment_waits_for_the_first_esketamine_dose_not_earlier_ketamine() -> None:
    patient = facts(
        course(Modality.IV_KETAMINE, date(2024, 5, 1)),
        course(Modality.ESKETAMINE, None, planned=date(2026, 9, 1)),
    )
    assert status("rems_enrollment", patient, date(2026, 8, 1)).state is (
        ItemState.BASELINE_MISSING
    )


def test_a_session_form_is_due_through_day_7_and_overdue_on_day_8() -> None:
    patient = facts(ESKETAMINE, esketamine_sessions=(SESSION,))
    assert status("rems_monitoring_form", patient, SESSION).state is ItemState.DUE
    day_7 = status("rems_monitoring_form", patient, date(2026, 3, 9))
    assert day_7.state is ItemState.DUE
    assert day_7.reason == (
        "Spravato REMS patient monitoring form: form for the session on 2026-03-02 due by "
        "2026-03-09"
    )
    assert (day_7.window_start, day_7.window_end) == (SESSION, date(2026, 3, 9))
    day_8 = status("rems_monitoring_form", patient, date(2026, 3, 10))
    assert day_8.state is ItemState.OVERDUE
    assert day_8.reason == (
        "Spravato REMS patient monitoring form: form for the session on 2026-03-02 overdue "
        "since 2026-03-10"
    )


def test_a_submitted_form_settles_its_session_even_if_late() -> None:
    on_time = facts(
        ESKETAMINE,
        esketamine_sessions=(SESSION,),
        rems_forms=(RemsForm(SESSION, date(2026, 3, 4)),),
    )
    item = status("rems_monitoring_form", on_time, date(2026, 3, 20))
    assert item.state is ItemState.DONE
    assert item.reason == (
        "Spravato REMS patient monitoring form: a form for every session (1); "
        "last submitted 2026-03-04"
    )
    late = facts(
        ESKETAMINE,
        esketamine_sessions=(SESSION,),
        rems_forms=(RemsForm(SESSION, date(2026, 3, 15)),),
    )
    assert status("rems_monitoring_form", late, date(2026, 3, 14)).state is ItemState.OVERDUE
    assert status("rems_monitoring_form", late, date(2026, 3, 15)).state is ItemState.DONE


def test_the_oldest_session_without_a_form_decides_and_the_rest_are_counted() -> None:
    sessions = (SESSION, date(2026, 3, 5), date(2026, 3, 9), date(2026, 3, 12))
    patient = facts(
        ESKETAMINE,
        esketamine_sessions=sessions,
        rems_forms=(RemsForm(SESSION, date(2026, 3, 3)),),
    )
    item = status("rems_monitoring_form", patient, date(2026, 3, 13))
    assert item.state is ItemState.OVERDUE
    assert item.reason == (
        "Spravato REMS patient monitoring form: form for the session on 2026-03-05 overdue "
        "since 2026-03-13; 3 forms outstanding"
    )
    assert next_due(rule("rems_monitoring_form"), patient) == (
        date(2026, 3, 5),
        date(2026, 3, 12),
    )


def test_sessions_and_forms_after_the_evaluation_day_are_ignored() -> None:
    patient = facts(
        ESKETAMINE,
        esketamine_sessions=(SESSION, date(2026, 3, 20)),
        rems_forms=(RemsForm(SESSION, date(2026, 3, 12)),),
    )
    item = status("rems_monitoring_form", patient, date(2026, 3, 11))
    assert item.state is ItemState.OVERDUE
    assert item.reason == (
        "Spravato REMS patient monitoring form: form for the session on 2026-03-02 overdue "
        "since 2026-03-10"
    )


def test_no_session_yet_means_no_form_is_due() -> None:
    item = status("rems_monitoring_form", facts(ESKETAMINE), date(2026, 3, 1))
    assert item.state is ItemState.NOT_YET_DUE
    assert item.reason == (
        "Spravato REMS patient monitoring form: within 7 days of each session; no session yet"
    )
