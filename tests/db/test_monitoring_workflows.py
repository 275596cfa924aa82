"""The monitoring checklist through the database: a scenario per rule boundary, the stored
due dates kept in step with every change, role refusals and audit rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from clinical.monitoring import EventKind, Interval, ItemResult, ItemState, LabValue
from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.courses import workflows as courses
from db.database import Database
from db.errors import InvalidEntryError
from db.models import AuditEvent, MonitoringDue
from db.monitoring import workflows as monitoring
from db.monitoring.due_table import rebuild_all
from db.monitoring.views import ChecklistFilters
from tests.db.course_builders import clinic
from tests.db.monitoring_builders import FIRST_TREATMENT, book, give, patient_on_course

BASELINE = FIRST_TREATMENT - timedelta(days=3)  # 2026-01-02


@pytest.fixture
def calendar_ready(database: Database, staff: dict[Role, Actor]) -> None:
    clinic(database, staff[Role.ADMINISTRATOR])


def listed(database: Database, actor: Actor, day: date, **filters: object) -> dict:
    checklist = monitoring.clinic_checklist(
        database,
        actor,
        ChecklistFilters(**filters),
        as_of=day,  # type: ignore[arg-type]
    )
    return {(row.patient_id, row.item_code): row for row in checklist.rows}


def state(database: Database, actor: Actor, patient_id: int, code: str, day: date) -> ItemState:
    return monitoring.patient_checklist(database, actor, patient_id, day).item(code).state


def audit_rows(database: Database, category: str = "monitoring") -> list[AuditEvent]:
    with database.reading() as session:
        rows = list(session.scalars(select(AuditEvent).where(AuditEvent.category == category)))
        session.expunge_all()
        return rows


def rule_changes(database: Database) -> list[AuditEvent]:
    return [
        row
        for row in audit_rows(database, "settings")
        if row.action == "setting change" and row.detail.startswith("monitoring_rules")
    ]


def clean_urinalysis() -> ItemResult:
    return ItemResult(ua_blood=False, ua_protein=False, ua_leukocytes=False, ua_nitrite=False)


# Boundaries --------------------------------------------------------------------------------


def test_never_done_baseline_is_needed_then_overdue_the_day_after_the_first_treatment(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber, first_treatment=None)
    before = listed(database, prescriber, FIRST_TREATMENT)[(patient_id, "urinalysis")]
    assert before.state is ItemState.BASELINE_MISSING and before.due_from is None
    assert "baseline needed before the first treatment" in before.reason
    appointment_id = book(database, prescriber, patient_id, FIRST_TREATMENT, course_id=None)
    give(database, prescriber, appointment_id, FIRST_TREATMENT)
    # A treatment outside the course is not the course's first treatment.
    assert (
        listed(database, prescriber, FIRST_TREATMENT + timedelta(days=1))[
            (patient_id, "urinalysis")
        ].state
        is ItemState.BASELINE_MISSING
    )


def test_baseline_missing_at_the_first_treatment_is_overdue_from_the_next_day(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    on_the_day = listed(database, prescriber, FIRST_TREATMENT)[(patient_id, "urinalysis")]
    assert on_the_day.state is ItemState.BASELINE_MISSING
    day_after = FIRST_TREATMENT + timedelta(days=1)
    row = listed(database, prescriber, day_after)[(patient_id, "urinalysis")]
    assert row.state is ItemState.OVERDUE and row.days_overdue == 1
    assert row.reason == (
        "Urinalysis: not done; baseline needed before the first treatment on 2026-01-05; "
        "overdue since 2026-01-06"
    )
    assert state(database, prescriber, patient_id, "urinalysis", day_after) is ItemState.OVERDUE


def test_done_at_baseline_only_opens_at_three_months_and_closes_at_six(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "urinalysis",
        BASELINE,
        clean_urinalysis(),
        today=BASELINE,
    )
    key = (patient_id, "urinalysis")
    assert key not in listed(database, prescriber, date(2026, 4, 1))
    assert state(database, prescriber, patient_id, "urinalysis", date(2026, 4, 1)) is ItemState.DONE
    opens = listed(database, prescriber, date(2026, 4, 2))[key]
    assert opens.state is ItemState.DUE and opens.due_from == date(2026, 4, 2)
    last_day = listed(database, prescriber, date(2026, 7, 1))[key]
    assert last_day.state is ItemState.DUE and last_day.overdue_after == date(2026, 7, 1)
    closed = listed(database, prescriber, date(2026, 7, 2))[key]
    assert closed.state is ItemState.OVERDUE
    assert closed.reason == (
        "Urinalysis: last 2026-01-02; every 3-6 months; overdue since 2026-07-02"
    )
    for day in (date(2026, 4, 2), date(2026, 7, 1), date(2026, 7, 2)):
        assert (
            state(database, prescriber, patient_id, "urinalysis", day)
            is listed(database, prescriber, day)[key].state
        )


def test_an_event_raises_the_item_until_it_is_done_after_it(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "urinalysis",
        BASELINE,
        clean_urinalysis(),
        today=BASELINE,
    )
    symptoms = date(2026, 2, 10)
    assert (patient_id, "urology_referral") not in listed(database, prescriber, symptoms)
    monitoring.record_monitoring_event(
        database,
        prescriber,
        patient_id,
        EventKind.URINARY_SYMPTOMS,
        symptoms,
        "urgency on the side-effect review",
        source="side-effect review",
        today=symptoms,
    )
    rows = listed(database, prescriber, symptoms)
    assert rows[(patient_id, "urinalysis")].state is ItemState.DUE
    assert "after urinary symptoms on 2026-02-10" in rows[(patient_id, "urinalysis")].reason
    assert rows[(patient_id, "urology_referral")].state is ItemState.DUE
    monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "urinalysis",
        date(2026, 2, 11),
        clean_urinalysis(),
        today=date(2026, 2, 11),
    )
    after = listed(database, prescriber, date(2026, 2, 11))
    assert (patient_id, "urinalysis") not in after
    assert (patient_id, "urology_referral") in after


def test_an_abnormal_liver_panel_raises_a_repeat_and_a_frequency_review(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    high = ItemResult(alt=LabValue(Decimal("112"), Decimal("7"), Decimal("56")))
    saved = monitoring.record_completion(
        database, prescriber, patient_id, "liver_function_tests", BASELINE, high, today=BASELINE
    )
    assert saved.abnormal and saved.summary == "ALT 112 H U/L (7-56)"
    rows = listed(database, prescriber, FIRST_TREATMENT)
    assert rows[(patient_id, "liver_function_tests")].state is ItemState.DUE
    assert rows[(patient_id, "treatment_frequency_review")].state is ItemState.DUE
    normal = ItemResult(alt=LabValue(Decimal("30"), Decimal("7"), Decimal("56")))
    monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "liver_function_tests",
        FIRST_TREATMENT,
        normal,
        today=FIRST_TREATMENT,
    )
    assert (patient_id, "liver_function_tests") not in listed(database, prescriber, FIRST_TREATMENT)


@pytest.mark.parametrize(("education", "abnormal"), [(12, False), (16, True)])
def test_moca_takes_the_education_point_from_the_chart(
    database: Database,
    prescriber: Actor,
    calendar_ready: None,
    education: int,
    abnormal: bool,
) -> None:
    patient_id, _ = patient_on_course(database, prescriber, education_years=education)
    saved = monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "cognitive_screen",
        BASELINE,
        ItemResult(moca_raw=25),
        today=BASELINE,
    )
    assert saved.abnormal is abnormal
    raised = (patient_id, "neuropsychological_testing") in listed(
        database, prescriber, FIRST_TREATMENT
    )
    assert raised is abnormal


def test_dismissed_then_rule_changed_brings_the_item_back(
    database: Database, staff: dict[Role, Actor], calendar_ready: None
) -> None:
    prescriber, admin = staff[Role.PRESCRIBER], staff[Role.ADMINISTRATOR]
    patient_id, _ = patient_on_course(database, prescriber)
    day = date(2026, 2, 1)
    key = (patient_id, "urinalysis")
    assert listed(database, prescriber, day)[key].state is ItemState.OVERDUE
    monitoring.dismiss_item(
        database, prescriber, patient_id, "urinalysis", "Anuric: on dialysis", today=day
    )
    assert key not in listed(database, prescriber, day)
    assert state(database, prescriber, patient_id, "urinalysis", day) is ItemState.DISMISSED
    rules = monitoring.monitoring_rules(database, admin)
    changed = [
        entry.rule
        if entry.rule.code != "urinalysis"
        else type(entry.rule)(**{**entry.rule.__dict__, "schedule": Interval(2, 4)})
        for entry in rules.entries
    ]
    monitoring.save_rules(database, admin, changed)
    assert listed(database, prescriber, day)[key].state is ItemState.OVERDUE
    assert state(database, prescriber, patient_id, "urinalysis", day) is ItemState.OVERDUE
    monitoring.restore_default_rules(database, admin)
    assert key not in listed(database, prescriber, day)  # the default rule: dismissal holds


def test_a_deferral_hides_the_item_through_its_day_only(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    day = date(2026, 2, 1)
    with pytest.raises(InvalidEntryError, match="Say why"):
        monitoring.defer_item(database, prescriber, patient_id, "ecg", date(2026, 3, 1), " ", day)
    monitoring.defer_item(
        database, prescriber, patient_id, "urinalysis", date(2026, 2, 14), "Travelling", day
    )
    key = (patient_id, "urinalysis")
    assert key not in listed(database, prescriber, date(2026, 2, 14))
    assert state(database, prescriber, patient_id, "urinalysis", day) is ItemState.DEFERRED
    assert listed(database, prescriber, date(2026, 2, 15))[key].state is ItemState.OVERDUE


def test_a_rule_change_shows_at_once(
    database: Database, staff: dict[Role, Actor], calendar_ready: None
) -> None:
    prescriber, admin = staff[Role.PRESCRIBER], staff[Role.ADMINISTRATOR]
    patient_id, _ = patient_on_course(database, prescriber)
    day = date(2026, 2, 1)
    assert (patient_id, "ecg") not in listed(database, prescriber, day)
    rules = [entry.rule for entry in monitoring.monitoring_rules(database, admin).entries]
    monitoring.save_rules(database, admin, rules, not_in_use=["urinalysis"])
    assert (patient_id, "urinalysis") not in listed(database, prescriber, day)
    entries = monitoring.monitoring_rules(database, admin).entries
    assert [e.in_use for e in entries if e.rule.code == "urinalysis"] == [False]


# Stored due dates in step ------------------------------------------------------------------


def stored(database: Database, patient_id: int) -> dict[str, tuple[date, date | None]]:
    """item code -> (due_from, overdue_after) as stored."""
    with database.reading() as session:
        rows = session.scalars(select(MonitoringDue).where(MonitoringDue.patient_id == patient_id))
        return {row.item_code: (row.due_from, row.overdue_after) for row in rows}


def test_course_and_appointment_changes_move_the_stored_dates_in_their_transaction(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, course_id = patient_on_course(database, prescriber, first_treatment=None)
    assert stored(database, patient_id)["urinalysis"][1] is None
    appointment_id = book(database, prescriber, patient_id, FIRST_TREATMENT, course_id=course_id)
    give(database, prescriber, appointment_id, FIRST_TREATMENT)
    assert stored(database, patient_id)["urinalysis"][1] == FIRST_TREATMENT
    assert stored(database, patient_id)["ecg"][0] == date(2026, 12, 5)
    version = courses.list_courses(database, prescriber, patient_id)[0].version
    courses.close_course(database, prescriber, course_id, version, "Moved away", FIRST_TREATMENT)
    assert stored(database, patient_id) == {}


def test_the_stored_dates_agree_with_the_patients_own_checklist_every_day(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber, modality=Modality.ESKETAMINE)
    monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "urinalysis",
        BASELINE,
        clean_urinalysis(),
        today=BASELINE,
    )
    monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "rems_monitoring_form",
        date(2026, 1, 7),
        session_on=FIRST_TREATMENT,
        today=date(2026, 1, 7),
    )
    monitoring.record_monitoring_event(
        database,
        prescriber,
        patient_id,
        EventKind.ELEVATED_LIVER_TESTS,
        date(2026, 3, 3),
        today=date(2026, 3, 3),
    )
    for offset in range(0, 400, 9):
        day = date(2026, 3, 3) + timedelta(days=offset)
        own = {
            item.item_code: item.state
            for item in monitoring.patient_checklist(database, prescriber, patient_id, day).items
            if item.state.needs_action
        }
        listed_now = {
            code: row.state for (pid, code), row in listed(database, prescriber, day).items()
        }
        assert own == listed_now, day


def test_a_rebuild_gives_the_rows_the_changes_kept(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "ecg",
        BASELINE,
        ItemResult(findings="sinus rhythm"),
        today=BASELINE,
    )
    kept = stored(database, patient_id)
    with database.transaction() as session:
        rebuild_all(session)
    rebuilt = stored(database, patient_id)
    assert rebuilt == kept and kept["ecg"] == (date(2026, 12, 2), date(2027, 1, 1))


def test_rems_form_due_per_session_and_answered_by_its_form(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber, modality=Modality.ESKETAMINE)
    key = (patient_id, "rems_monitoring_form")
    assert listed(database, prescriber, date(2026, 1, 12))[key].state is ItemState.DUE
    assert listed(database, prescriber, date(2026, 1, 13))[key].state is ItemState.OVERDUE
    item = monitoring.patient_checklist(database, prescriber, patient_id, date(2026, 1, 13))
    assert item.item("rems_monitoring_form").open_sessions == (FIRST_TREATMENT,)
    with pytest.raises(InvalidEntryError, match="which session"):
        monitoring.record_completion(
            database,
            prescriber,
            patient_id,
            "rems_monitoring_form",
            date(2026, 1, 13),
            today=date(2026, 1, 13),
        )
    monitoring.record_completion(
        database,
        prescriber,
        patient_id,
        "rems_monitoring_form",
        date(2026, 1, 13),
        session_on=FIRST_TREATMENT,
        today=date(2026, 1, 13),
    )
    assert key not in listed(database, prescriber, date(2026, 1, 13))


# Refusals, validation and the audit trail --------------------------------------------------


def test_the_front_desk_sees_no_clinical_items_and_records_none(
    database: Database, staff: dict[Role, Actor], calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, staff[Role.PRESCRIBER])
    desk = staff[Role.FRONT_DESK]
    with pytest.raises(PermissionDeniedError):
        monitoring.patient_checklist(database, desk, patient_id)
    with pytest.raises(PermissionDeniedError):
        monitoring.clinic_checklist(database, desk)
    with pytest.raises(PermissionDeniedError):
        monitoring.record_completion(database, desk, patient_id, "ecg", BASELINE)
    with pytest.raises(PermissionDeniedError):
        monitoring.record_monitoring_event(database, desk, patient_id, EventKind.SEIZURE, BASELINE)
    with pytest.raises(PermissionDeniedError):
        monitoring.save_rules(database, staff[Role.PRESCRIBER], [])
    denied = [row for row in audit_rows(database) if row.action == "permission denied"]
    assert len(denied) == 4 and {row.username for row in denied} == {desk.username}


def test_nurse_records_and_every_change_leaves_an_audit_row(
    database: Database, staff: dict[Role, Actor], calendar_ready: None
) -> None:
    nurse, admin = staff[Role.NURSE], staff[Role.ADMINISTRATOR]
    patient_id, _ = patient_on_course(database, staff[Role.PRESCRIBER])
    saved = monitoring.record_completion(
        database,
        nurse,
        patient_id,
        "blood_pressure",
        FIRST_TREATMENT,
        ItemResult(systolic=172, diastolic=96),
        today=FIRST_TREATMENT,
    )
    assert saved.abnormal and saved.performed_by == nurse.display_name
    event_id = monitoring.record_monitoring_event(
        database,
        nurse,
        patient_id,
        EventKind.POSITIVE_SUBSTANCE_SCREEN,
        FIRST_TREATMENT,
        today=FIRST_TREATMENT,
    )
    monitoring.dismiss_item(
        database, nurse, patient_id, "ecg", "Cardiology follows", FIRST_TREATMENT
    )
    creates = [row for row in audit_rows(database) if row.action == "create"]
    assert [(row.object_type, row.patient_id) for row in creates] == [
        ("monitoring completion", patient_id),
        ("monitoring event", patient_id),
        ("monitoring dismissal", patient_id),
    ]
    assert creates[0].object_id == saved.id and creates[1].object_id == event_id
    assert creates[0].detail == "blood_pressure done 2026-01-05 (abnormal)"
    rules = [entry.rule for entry in monitoring.monitoring_rules(database, admin).entries]
    monitoring.save_rules(database, admin, rules, not_in_use=["ecg"])
    changes = rule_changes(database)
    assert len(changes) == 1 and changes[0].detail == "monitoring_rules: ecg"
    monitoring.restore_default_rules(database, admin)
    changes = rule_changes(database)
    assert len(changes) == 2 and '\\"removed\\": [\\"ecg\\"]' in (changes[1].prior_version or "")


def test_impossible_entries_are_refused_with_the_field(
    database: Database, prescriber: Actor, calendar_ready: None
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    cases = [
        ("cognitive_screen", ItemResult(moca_raw=31), "moca_raw"),
        ("blood_pressure", ItemResult(systolic=80, diastolic=120), "systolic"),
        ("ecg", ItemResult(), "findings"),
        ("liver_function_tests", ItemResult(), "alt"),
    ]
    for code, result, field in cases:
        with pytest.raises(InvalidEntryError) as refused:
            monitoring.record_completion(
                database, prescriber, patient_id, code, BASELINE, result, today=BASELINE
            )
        assert refused.value.problems[0].field == field
    with pytest.raises(InvalidEntryError, match="future"):
        monitoring.record_completion(
            database,
            prescriber,
            patient_id,
            "side_effect_review",
            date(2026, 1, 6),
            today=BASELINE,
        )
    with pytest.raises(InvalidEntryError, match="not in the clinic's rules"):
        monitoring.record_completion(database, prescriber, patient_id, "nothing", BASELINE)
