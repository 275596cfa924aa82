"""Recording rating scales: scoring in the workflow, amendments, safety alerts, roles, audit."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from clinical.scales import ScaleSettings
from clinical.scales.instruments.hamd17 import ZIMMERMAN_2013_BANDS
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.database import Database
from db.errors import InvalidEntryError, RecordNotFoundError, StaleEditError
from db.models import AuditEvent, SafetyAlert, ScaleResultRecord
from db.patients import workflows as patients
from db.scales import workflows as scales
from db.scales.views import AlertFollowUp, AlertStatus, ScaleEntry
from tests.factories import make_patient_draft

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
MADRS_30 = {str(n): 3 for n in range(1, 11)}
PHQ9_CALM = {str(n): 0 for n in range(1, 10)}


def at(days_ago: float) -> datetime:
    return NOW - timedelta(days=days_ago)


def phq9(total_items: dict[str, int] | None = None, **items: int) -> dict[str, int]:
    answers = dict(PHQ9_CALM)
    answers.update(total_items or {})
    answers.update({key.removeprefix("i"): value for key, value in items.items()})
    if sum(answers[str(n)] for n in range(1, 10)) > 0:
        answers.setdefault("10", 1)
    return answers


@pytest.fixture
def patient_id(database: Database, prescriber: Actor) -> int:
    return patients.create_patient(database, prescriber, make_patient_draft(education_years=12))


def record(
    database: Database, actor: Actor, patient_id: int, code: str, answers, days_ago=1.0, **entry
):
    return scales.record_scale(
        database,
        actor,
        patient_id,
        ScaleEntry(code, at(days_ago), answers, **entry),
        now=NOW,
    )


def audit_rows(database: Database, category: str) -> list[tuple[str, str, int | None]]:
    with database.reading() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.object_type, AuditEvent.object_id)
            .where(AuditEvent.category == category)
            .order_by(AuditEvent.id)
        ).all()
    return [tuple(row) for row in rows]


def stored(database: Database) -> list[ScaleResultRecord]:
    with database.reading() as session:
        rows = list(session.scalars(select(ScaleResultRecord).order_by(ScaleResultRecord.id)))
        session.expunge_all()  # plain values after the read session rolls back
        return rows


# Recording ---------------------------------------------------------------------------------


def test_madrs_is_scored_in_the_workflow_and_kept_with_its_rule_version(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    recorded = record(database, prescriber, patient_id, "MADRS", MADRS_30)
    result = recorded.result
    assert (result.total, result.band_label, result.rule_version) == (
        30,
        "moderate",
        "MADRS-2026.1",
    )
    assert result.rater_name == prescriber.display_name and not result.self_report
    assert result.entered_by_name == prescriber.display_name
    assert result.summary == "MADRS 30: moderate"
    assert recorded.alerts == ()
    [row] = stored(database)
    assert row.rater_user_id == prescriber.user_id
    assert row.administered_at == at(1)
    assert audit_rows(database, "rating scales") == [("create", "scale result", row.id)]


def test_self_report_has_no_rater_and_another_rater_is_kept_by_name(
    database: Database, staff: dict[Role, Actor], patient_id: int
) -> None:
    nurse = staff[Role.NURSE]
    own = record(database, nurse, patient_id, "PHQ9", phq9(i1=2), self_report=True).result
    other = record(database, nurse, patient_id, "MADRS", MADRS_30, rater_name="Dr Visiting").result
    assert (own.self_report, own.rater_name, own.rater_label) == (True, "", "Self-report")
    assert (other.rater_name, other.entered_by_name) == ("Dr Visiting", nurse.display_name)
    assert stored(database)[1].rater_user_id is None


@pytest.mark.parametrize(
    ("code", "answers", "message"),
    [
        ("MADRS", {**MADRS_30, "4": None}, "The MADRS is incomplete: item 4 (Reduced sleep)"),
        ("MADRS", {**MADRS_30, "10": 7}, "MADRS item 10 (Suicidal thoughts): 7 is outside 0-6."),
        ("PHQ9", {"1": 1}, "The PHQ-9 is incomplete: item 2"),
        ("MADRSX", MADRS_30, "Unknown rating scale 'MADRSX'"),
        ("MADRS", {**MADRS_30, "11": 1}, "MADRS has no item '11'"),
    ],
)
def test_incomplete_out_of_range_or_unknown_input_is_refused_with_the_scales_message(
    database: Database, prescriber: Actor, patient_id: int, code: str, answers, message: str
) -> None:
    with pytest.raises(InvalidEntryError) as refused:
        record(database, prescriber, patient_id, code, answers)
    assert str(refused.value).startswith(message)
    assert stored(database) == []
    assert audit_rows(database, "rating scales") == []


def test_future_and_naive_times_are_refused(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    with pytest.raises(InvalidEntryError, match="in the future"):
        record(database, prescriber, patient_id, "MADRS", MADRS_30, days_ago=-1)
    with pytest.raises(InvalidEntryError, match="no time zone"):
        scales.record_scale(
            database,
            prescriber,
            patient_id,
            ScaleEntry("MADRS", datetime(2026, 11, 1, 9, 0), MADRS_30),
            now=NOW,
        )
    with pytest.raises(InvalidEntryError, match="before the patient was born"):
        scales.record_scale(
            database,
            prescriber,
            patient_id,
            ScaleEntry("MADRS", datetime(1970, 1, 1, tzinfo=UTC), MADRS_30),
            now=NOW,
        )
    assert stored(database) == []


def test_moca_takes_education_from_the_chart_unless_given(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    domains = {
        "visuospatial_executive": 4,
        "naming": 3,
        "attention": 5,
        "language": 2,
        "abstraction": 2,
        "delayed_recall": 3,
        "orientation": 6,
    }
    from_chart = record(database, prescriber, patient_id, "MOCA", domains).result
    assert (from_chart.raw_total, from_chart.total, from_chart.education_years) == (25, 26, 12)
    assert from_chart.band_label == "normal"
    given = record(database, prescriber, patient_id, "MOCA", domains, education_years=16).result
    assert (given.total, given.band_label) == (25, "below the normal range")


def test_a_stored_band_stays_as_scored_when_the_clinic_changes_its_settings(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    hamd = {key: 0 for key in (*map(str, range(1, 16)), "16A", "17")}
    hamd.update({"1": 4, "2": 4, "7": 4, "10": 2})  # total 14
    zimmerman = ScaleSettings(hamd17_bands=ZIMMERMAN_2013_BANDS)
    first = scales.record_scale(
        database, prescriber, patient_id, ScaleEntry("HAMD17", at(2), hamd), now=NOW
    ).result
    second = scales.record_scale(
        database,
        prescriber,
        patient_id,
        ScaleEntry("HAMD17", at(1), hamd),
        settings=zimmerman,
        now=NOW,
    ).result
    assert (first.band_label, second.band_label) == ("moderate", "mild")
    history = scales.scale_history(database, prescriber, patient_id)
    assert [p.result.band_label for p in history.instrument("HAMD17").points] == [
        "moderate",
        "mild",
    ]


def test_scale_results_cannot_be_changed_or_removed_in_the_database(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    record(database, prescriber, patient_id, "MADRS", MADRS_30)
    for statement in ("UPDATE scale_result SET total = 0", "DELETE FROM scale_result"):
        with (
            pytest.raises(DatabaseError, match="record an amendment"),
            database.engine.begin() as connection,
        ):
            connection.execute(text(statement))
    assert [row.total for row in stored(database)] == [30]


# Safety alerts -----------------------------------------------------------------------------


def test_phq9_item_9_raises_an_open_alert_in_the_same_transaction(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    recorded = record(database, prescriber, patient_id, "PHQ9", phq9(i2=2, i9=1))
    [alert] = recorded.alerts
    assert (alert.item_key, alert.item_value, alert.status) == ("9", 1, AlertStatus.OPEN)
    assert alert.message.startswith("PHQ-9 item 9 (thoughts of death or self-harm) scored 1")
    assert recorded.result.safety_flagged
    assert [a.id for a in scales.open_alerts(database, prescriber, patient_id)] == [alert.id]
    assert [a.id for a in scales.open_alerts(database, prescriber)] == [alert.id]
    assert audit_rows(database, "safety alerts")[0] == ("create", "safety alert", alert.id)
    history = scales.scale_history(database, prescriber, patient_id)
    assert [a.id for a in history.open_alerts] == [alert.id]


def test_a_flag_that_fails_to_save_leaves_no_result_behind(
    database: Database, prescriber: Actor, patient_id: int, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(scales, "_raise_alerts", broken)
    with pytest.raises(RuntimeError):
        record(database, prescriber, patient_id, "PHQ9", phq9(i9=2))
    assert stored(database) == []


def test_addressing_an_alert_records_the_screener_plan_and_action(
    database: Database, staff: dict[Role, Actor], patient_id: int
) -> None:
    nurse, prescriber = staff[Role.NURSE], staff[Role.PRESCRIBER]
    [alert] = record(database, nurse, patient_id, "PHQ9", phq9(i9=1)).alerts
    follow_up = AlertFollowUp(
        safety_plan=True,
        action="Seen by Dr Okafor same day; safety plan reviewed; family informed.",
        screener_answers={"1": True, "2": False, "6": False},
    )
    addressed = scales.address_alert(
        database, prescriber, patient_id, alert.id, alert.version, follow_up, now=NOW
    )
    assert addressed.status is AlertStatus.ADDRESSED
    assert (addressed.safety_plan, addressed.addressed_by_name) == (True, prescriber.display_name)
    assert addressed.screener_summary == "C-SSRS screener: low risk; safety flag: question 1"
    assert scales.open_alerts(database, prescriber, patient_id) == ()
    screener = stored(database)[-1]
    assert (screener.instrument_code, screener.risk_level.value) == ("CSSRS_SCREENER", "low")
    assert addressed.screener_result_id == screener.id
    with database.reading() as session:
        assert len(session.scalars(select(SafetyAlert)).all()) == 1  # the screener raised none
    changes = [row for row in audit_rows(database, "safety alerts") if row[0] != "read"]
    assert changes == [("create", "safety alert", alert.id), ("update", "safety alert", alert.id)]
    with database.reading() as session:
        prior = session.scalar(
            select(AuditEvent.prior_version).where(AuditEvent.action == "update")
        )
    assert '"status": "open"' in prior

    with pytest.raises(StaleEditError, match=f"addressed by {prescriber.display_name}"):
        scales.address_alert(
            database, nurse, patient_id, alert.id, alert.version, follow_up, now=NOW
        )


def test_a_follow_up_must_say_what_was_done(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    [alert] = record(database, prescriber, patient_id, "PHQ9", phq9(i9=3)).alerts
    with pytest.raises(InvalidEntryError) as refused:
        scales.address_alert(
            database, prescriber, patient_id, alert.id, alert.version, AlertFollowUp(None, " ")
        )
    assert [p.field for p in refused.value.problems] == ["screener", "safety_plan", "action"]
    with pytest.raises(InvalidEntryError, match=r"question 3 .* is asked only when question 2"):
        scales.address_alert(
            database,
            prescriber,
            patient_id,
            alert.id,
            alert.version,
            AlertFollowUp(True, "Called crisis team", {"1": True, "2": False, "3": True}),
        )
    assert [a.id for a in scales.open_alerts(database, prescriber, patient_id)] == [alert.id]


def test_a_positive_cssrs_is_its_own_screener_and_all_its_alerts_close_together(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    answers = {"1": True, "2": True, "3": True, "4": False, "5": False, "6": False}
    recorded = record(database, prescriber, patient_id, "CSSRS_SCREENER", answers)
    assert [a.item_key for a in recorded.alerts] == ["1", "2", "3"]
    assert recorded.result.risk_level == "moderate"
    closed = scales.address_alerts(
        database,
        prescriber,
        patient_id,
        [(a.id, a.version) for a in recorded.alerts],
        AlertFollowUp(False, "Referred to crisis clinic; patient escorted."),
        now=NOW,
    )
    assert {a.screener_result_id for a in closed} == {recorded.result.id}
    assert {a.status for a in closed} == {AlertStatus.ADDRESSED}


def test_an_alert_of_another_patient_is_not_found(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    other = patients.create_patient(database, prescriber, make_patient_draft(mrn="OTHER-1"))
    [alert] = record(database, prescriber, patient_id, "PHQ9", phq9(i9=1)).alerts
    with pytest.raises(RecordNotFoundError):
        scales.address_alert(
            database,
            prescriber,
            other,
            alert.id,
            alert.version,
            AlertFollowUp(True, "x", None, "y"),
        )


# Amendments --------------------------------------------------------------------------------


def test_an_amendment_supersedes_and_the_original_is_kept_unchanged(
    database: Database, prescriber: Actor, staff: dict[Role, Actor], patient_id: int
) -> None:
    original = record(database, prescriber, patient_id, "MADRS", MADRS_30).result
    before = stored(database)[0]
    nurse = staff[Role.NURSE]
    amended = scales.amend_scale(
        database,
        nurse,
        patient_id,
        original.id,
        ScaleEntry("MADRS", at(1), {**MADRS_30, "4": 0}),
        "Item 4 keyed as 3, rated 0",
        now=NOW,
    ).result
    assert (amended.total, amended.supersedes_id) == (27, original.id)
    assert amended.amendment_reason == "Item 4 keyed as 3, rated 0"
    assert amended.entered_by_name == nurse.display_name
    first, second = stored(database)
    assert (first.id, first.total, first.summary, first.answers_json) == (
        before.id,
        30,
        before.summary,
        before.answers_json,
    )
    history = scales.scale_history(database, prescriber, patient_id).instrument("MADRS")
    assert [p.result.id for p in history.points] == [second.id]
    assert [r.id for r in history.superseded] == [original.id]
    assert history.superseded[0].superseded_by_id == second.id
    with database.reading() as session:
        event = session.execute(
            select(AuditEvent.object_id, AuditEvent.prior_version, AuditEvent.detail).where(
                AuditEvent.action == "amend"
            )
        ).one()
    assert event.object_id == second.id
    assert '"total": 30' in event.prior_version
    assert event.detail == f"amends result {original.id}: Item 4 keyed as 3, rated 0"


def test_an_amended_result_cannot_be_amended_again_but_its_amendment_can(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    original = record(database, prescriber, patient_id, "MADRS", MADRS_30).result
    entry = ScaleEntry("MADRS", at(1), {**MADRS_30, "1": 2})
    first = scales.amend_scale(
        database, prescriber, patient_id, original.id, entry, "typo", now=NOW
    )
    with pytest.raises(StaleEditError, match="amended by"):
        scales.amend_scale(database, prescriber, patient_id, original.id, entry, "again", now=NOW)
    again = scales.amend_scale(
        database,
        prescriber,
        patient_id,
        first.result.id,
        replace(entry, answers=MADRS_30),
        "back as it was",
        now=NOW,
    )
    assert again.result.supersedes_id == first.result.id
    with pytest.raises(InvalidEntryError, match="Say why"):
        scales.amend_scale(database, prescriber, patient_id, again.result.id, entry, "  ")
    with pytest.raises(InvalidEntryError, match="An amendment corrects the MADRS"):
        scales.amend_scale(
            database,
            prescriber,
            patient_id,
            again.result.id,
            ScaleEntry("PHQ9", at(1), phq9()),
            "wrong scale",
        )
    assert len(stored(database)) == 3


def test_an_amendment_raises_an_alert_only_for_a_new_or_higher_flag(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    original = record(database, prescriber, patient_id, "PHQ9", phq9(i9=1))
    same_flag = scales.amend_scale(
        database,
        prescriber,
        patient_id,
        original.result.id,
        ScaleEntry("PHQ9", at(1), phq9(i9=1, i3=2)),
        "item 3 mis-keyed",
        now=NOW,
    )
    assert same_flag.alerts == ()
    higher = scales.amend_scale(
        database,
        prescriber,
        patient_id,
        same_flag.result.id,
        ScaleEntry("PHQ9", at(1), phq9(i9=2, i3=2)),
        "item 9 was 2",
        now=NOW,
    )
    assert [(a.item_key, a.item_value) for a in higher.alerts] == [("9", 2)]
    assert len(scales.open_alerts(database, prescriber, patient_id)) == 2


# History -----------------------------------------------------------------------------------


def test_history_measures_each_point_against_the_first_result(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    for days_ago, value in ((60, 4), (45, 2), (30, 1), (10, 1), (3, 2)):
        record(
            database,
            prescriber,
            patient_id,
            "MADRS",
            {str(n): value for n in range(1, 11)},
            days_ago=days_ago,
        )
    record(database, prescriber, patient_id, "PHQ9", phq9(i1=3, i2=3), days_ago=59)
    history = scales.scale_history(database, prescriber, patient_id)
    assert [h.instrument_code for h in history.instruments] == ["PHQ9", "MADRS"]
    madrs = history.instrument("MADRS")
    assert madrs.baseline == 40 and madrs.max_total == 60
    assert [p.total for p in madrs.points] == [40, 20, 10, 10, 20]
    assert [p.percent_change for p in madrs.points] == [
        Decimal("0.0"),
        Decimal("50.0"),
        Decimal("75.0"),
        Decimal("75.0"),
        Decimal("50.0"),
    ]
    assert [p.response for p in madrs.points] == [False, True, True, True, True]
    assert [p.remission for p in madrs.points] == [False, False, True, True, False]
    assert [p.is_baseline for p in madrs.points] == [True, False, False, False, False]
    assert madrs.first_remission_on == at(30).astimezone().date()
    assert madrs.remission_rule == "≤ 10"
    assert [b.label for b in madrs.bands] == ["normal", "mild", "moderate", "severe"]
    assert history.insurer_criterion == ""


def test_history_reads_the_insurer_criterion_and_moca_in_points(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    bdi = {str(n): 2 for n in range(1, 22)}  # 42
    record(database, prescriber, patient_id, "BDI2", bdi, days_ago=50)
    record(
        database,
        prescriber,
        patient_id,
        "BDI2",
        {**bdi, **{str(n): 0 for n in range(1, 13)}},
        days_ago=5,
    )  # 18: 57.1% lower
    domains = dict(
        visuospatial_executive=5,
        naming=3,
        attention=6,
        language=3,
        abstraction=2,
        delayed_recall=5,
        orientation=6,
    )
    record(database, prescriber, patient_id, "MOCA", domains, days_ago=40)
    record(database, prescriber, patient_id, "MOCA", {**domains, "delayed_recall": 2}, days_ago=4)
    history = scales.scale_history(database, prescriber, patient_id)
    assert history.insurer_criterion_met is True
    assert history.insurer_criterion.startswith("Met: a reduction of at least 50%")
    moca = history.instrument("MOCA")
    assert (moca.change_unit, moca.higher_is_better, moca.follows_response) == (
        "points",
        True,
        False,
    )
    assert [p.points_change for p in moca.points] == [0, -2]  # 27 + 1 for education
    assert [p.response for p in moca.points] == [None, None]


# Roles -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.ADMINISTRATOR])
def test_front_desk_and_administrator_neither_record_nor_see_scores(
    database: Database, staff: dict[Role, Actor], patient_id: int, role: Role
) -> None:
    [alert] = record(database, staff[Role.NURSE], patient_id, "PHQ9", phq9(i9=1)).alerts
    actor = staff[role]
    attempts = [
        lambda: record(database, actor, patient_id, "MADRS", MADRS_30),
        lambda: scales.scale_history(database, actor, patient_id),
        lambda: scales.open_alerts(database, actor, patient_id),
        lambda: scales.open_alerts(database, actor),
        lambda: scales.address_alert(
            database, actor, patient_id, alert.id, alert.version, AlertFollowUp(True, "x")
        ),
        lambda: scales.amend_scale(
            database, actor, patient_id, 1, ScaleEntry("MADRS", at(1), MADRS_30), "why"
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDeniedError, match=f"Your role \\({role.label}\\) may not"):
            attempt()
    with database.reading() as session:
        denied = session.execute(
            select(AuditEvent.category, AuditEvent.detail)
            .where(AuditEvent.action == "permission denied", AuditEvent.user_id == actor.user_id)
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(d) for d in denied] == [
        ("rating scales", "tried to record rating scales"),
        ("rating scales", "tried to view clinical records"),
        ("safety alerts", "tried to view clinical records"),
        ("safety alerts", "tried to view clinical records"),
        ("safety alerts", "tried to record rating scales"),
        ("rating scales", "tried to record rating scales"),
    ]
    assert len(stored(database)) == 1


def test_reading_the_history_is_audited(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    scales.scale_history(database, prescriber, patient_id)
    assert audit_rows(database, "rating scales") == [("read", "patient", patient_id)]


def test_today_sees_open_alerts_of_every_patient_oldest_first(
    database: Database, prescriber: Actor, patient_id: int
) -> None:
    other = patients.create_patient(database, prescriber, make_patient_draft(mrn="OTHER-2"))
    record(database, prescriber, other, "PHQ9", phq9(i9=1), days_ago=1)
    record(database, prescriber, patient_id, "MADRS", {**MADRS_30, "10": 5}, days_ago=2)
    found = scales.open_alerts(database, prescriber)
    assert [(a.patient_id, a.short_name) for a in found] == [
        (other, "PHQ-9"),
        (patient_id, "MADRS"),
    ]
    assert found[1].administered_at == at(2)
