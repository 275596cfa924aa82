"""The demo clinic's score histories: scored by the real rules, realistic, linked right."""

import json
from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from clinical.scales import score
from db.database import Database
from db.demo.generate import generate_demo_clinic
from db.models import SafetyAlert, ScaleResultRecord
from db.scales.views import AlertStatus

TODAY = date(2026, 11, 21)


def rows(database: Database, model) -> list:
    with database.reading() as session:
        found = list(session.scalars(select(model).order_by(model.id)))
        session.expunge_all()
        return found


def test_every_patient_gets_a_course_scored_by_clinical_scales(database: Database, staff) -> None:
    summary = generate_demo_clinic(database, patients=40, seed=5, today=TODAY)
    results = rows(database, ScaleResultRecord)
    assert summary.scale_results == len(results)
    assert {r.patient_id for r in results} == set(range(1, 41))
    for row in results:
        again = score(
            row.instrument_code, json.loads(row.answers_json), education_years=row.education_years
        )
        assert again.complete and again.rule_version == row.rule_version
        assert (again.total, again.summary) == (row.total, row.summary)
        assert (again.band.label if again.band else "") == row.band_label
        assert bool(again.safety_flags) == row.safety_flagged
        assert row.administered_at.date() < TODAY + timedelta(days=1)
    assert all(r.entered_by_user_id is not None for r in results)  # staff found by username
    counts = Counter(r.instrument_code for r in results)
    assert counts["PHQ9"] > counts["MADRS"] > counts["HAMD17"] > 0
    assert counts["BDI2"] > 0 and counts["MOCA"] > 0


def test_courses_respond_relapse_and_span_a_year(database: Database) -> None:
    generate_demo_clinic(database, patients=60, seed=11, today=TODAY)
    courses: dict[tuple[int, str], list[ScaleResultRecord]] = defaultdict(list)
    superseded = {r.supersedes_id for r in rows(database, ScaleResultRecord) if r.supersedes_id}
    in_time_order = sorted(rows(database, ScaleResultRecord), key=lambda r: r.administered_at)
    for row in in_time_order:
        if row.id not in superseded:
            courses[(row.patient_id, row.instrument_code)].append(row)
    madrs = [c for (_, code), c in courses.items() if code == "MADRS" and len(c) > 4]
    responders = [c for c in madrs if min(r.total for r in c[1:]) <= c[0].total / 2]
    assert len(responders) >= len(madrs) / 2
    relapsed = [c for c in responders if any(r.total >= c[0].total * 0.7 for r in c[6:])]
    assert relapsed, "some responders relapse during maintenance"
    spans = [(c[-1].administered_at - c[0].administered_at).days for c in courses.values()]
    assert sum(span >= 365 for span in spans) >= len(spans) / 3


def test_one_open_alert_and_every_other_addressed_with_a_screener(database: Database) -> None:
    generate_demo_clinic(database, patients=60, seed=3, today=TODAY)
    alerts = rows(database, SafetyAlert)
    results = {r.id: r for r in rows(database, ScaleResultRecord)}
    statuses = Counter(alert.status for alert in alerts)
    assert statuses[AlertStatus.OPEN] == 1 and statuses[AlertStatus.ADDRESSED] >= 1
    for alert in alerts:
        flagged = results[alert.scale_result_id]
        assert flagged.safety_flagged and flagged.patient_id == alert.patient_id
        if alert.status is AlertStatus.ADDRESSED:
            screener = results[alert.screener_result_id]
            assert screener.instrument_code == "CSSRS_SCREENER"
            assert screener.patient_id == alert.patient_id
            assert alert.action and alert.addressed_at >= flagged.administered_at
    [open_alert] = [a for a in alerts if a.status is AlertStatus.OPEN]
    assert results[open_alert.scale_result_id].administered_at.date() >= TODAY - timedelta(days=3)
    amendments = [r for r in results.values() if r.supersedes_id is not None]
    for amendment in amendments:
        original = results[amendment.supersedes_id]
        assert (original.patient_id, original.instrument_code) == (
            amendment.patient_id,
            amendment.instrument_code,
        )
        assert amendment.amendment_reason and original.total != amendment.total


def test_the_demo_is_the_same_from_the_same_seed(tmp_path, audit_keys) -> None:
    from db.database import sqlite_url
    from db.migrate import upgrade_to_head

    totals = []
    for name in ("a", "b"):
        db = Database(sqlite_url(tmp_path / f"{name}.sqlite3"))
        upgrade_to_head(db)
        generate_demo_clinic(db, patients=12, seed=9, today=TODAY)
        totals.append(
            [(r.patient_id, r.instrument_code, r.total) for r in rows(db, ScaleResultRecord)]
        )
        db.dispose()
    assert totals[0] == totals[1]
