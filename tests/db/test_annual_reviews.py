"""The annual review: kept once, closing its checklist items in the same transaction."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from clinical.monitoring import ItemResult, ItemState
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import AnnualReviewDraft, CognitiveScreenLink, ScreenSource
from db.annual_reviews.workflows import (
    cognitive_screen_choices,
    patient_annual_reviews,
    record_annual_review,
)
from db.database import Database
from db.errors import InvalidEntryError
from db.models import AuditEvent, MonitoringCompletion
from db.monitoring.workflows import patient_checklist, record_completion
from db.scales.views import ScaleEntry
from db.scales.workflows import record_scale
from tests.db.monitoring_builders import patient_on_course

REVIEW_DAY = date(2026, 12, 14)  # 11 months after the first treatment: the items are due
ANNUAL = ("annual_safety_assessment", "continuation_discussion", "consent_reaffirmation")


def draft(**changes: object) -> AnnualReviewDraft:
    values: dict[str, object] = {
        "reviewed_on": REVIEW_DAY,
        "safety_assessment": "No urinary symptoms; BP stable; LFTs normal in October.",
        "continuation_discussion": "Discussed tapering versus continuing; patient prefers "
        "to continue while working full time.",
        "decision": ReviewDecision.CONTINUE,
        "decision_reasoning": "Stable remission at 3-weekly infusions; MADRS 6.",
        "consent_reaffirmed": True,
        "consent_reaffirmed_on": REVIEW_DAY,
        "cognitive_note": "No cognitive complaints.",
    }
    values.update(changes)
    return AnnualReviewDraft(**values)  # type: ignore[arg-type]


def states(database: Database, actor: Actor, patient_id: int, day: date) -> dict[str, ItemState]:
    checklist = patient_checklist(database, actor, patient_id, day)
    return {item.item_code: checklist.item(item.item_code).state for item in checklist.items}


def test_recording_a_review_closes_its_three_checklist_items(
    database: Database, prescriber: Actor
) -> None:
    patient_id, course_id = patient_on_course(database, prescriber)
    before = states(database, prescriber, patient_id, REVIEW_DAY)
    assert {before[code] for code in ANNUAL} == {ItemState.DUE}

    view = record_annual_review(
        database, prescriber, patient_id, draft(course_id=course_id), today=REVIEW_DAY
    )

    after = states(database, prescriber, patient_id, REVIEW_DAY)
    assert {code: after[code] for code in ANNUAL} == dict.fromkeys(ANNUAL, ItemState.DONE)
    assert view.closed_items == ANNUAL
    assert view.decision is ReviewDecision.CONTINUE and view.course_id == course_id
    assert view.reviewer == prescriber.display_name
    with database.reading() as session:
        done = session.execute(
            select(MonitoringCompletion.item_code, MonitoringCompletion.done_on).where(
                MonitoringCompletion.patient_id == patient_id
            )
        ).all()
    assert sorted(done) == sorted((code, REVIEW_DAY) for code in ANNUAL)


def test_without_consent_the_reaffirmation_stays_open(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    view = record_annual_review(
        database,
        prescriber,
        patient_id,
        draft(consent_reaffirmed=False, consent_reaffirmed_on=None),
        today=REVIEW_DAY,
    )
    assert view.closed_items == ANNUAL[:2]
    after = states(database, prescriber, patient_id, REVIEW_DAY)
    assert after["annual_safety_assessment"] is ItemState.DONE
    assert after["consent_reaffirmation"] is ItemState.DUE


def test_the_consent_item_is_done_on_the_day_consent_was_reaffirmed(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    signed = date(2026, 12, 10)
    record_annual_review(
        database, prescriber, patient_id, draft(consent_reaffirmed_on=signed), today=REVIEW_DAY
    )
    checklist = patient_checklist(database, prescriber, patient_id, REVIEW_DAY)
    assert checklist.item("consent_reaffirmation").last_done == signed
    assert checklist.item("annual_safety_assessment").last_done == REVIEW_DAY


def test_a_refused_review_leaves_no_completion_behind(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    with pytest.raises(InvalidEntryError):
        record_annual_review(
            database, prescriber, patient_id, draft(safety_assessment=" "), today=REVIEW_DAY
        )
    with database.reading() as session:
        assert session.scalar(select(MonitoringCompletion.id)) is None
    assert patient_annual_reviews(database, prescriber, patient_id) == ()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"safety_assessment": ""}, "safety_assessment"),
        ({"continuation_discussion": "  "}, "continuation_discussion"),
        ({"decision_reasoning": ""}, "decision_reasoning"),
        ({"reviewed_on": date(2026, 12, 15)}, "reviewed_on"),  # tomorrow
        ({"reviewed_on": date(1980, 4, 11)}, "reviewed_on"),  # the day before birth
        ({"consent_reaffirmed_on": None}, "consent_reaffirmed_on"),
        ({"consent_reaffirmed_on": date(2026, 12, 15)}, "consent_reaffirmed_on"),
        ({"consent_reaffirmed": False}, "consent_reaffirmed_on"),  # a date without consent
        ({"cognitive_note": ""}, "cognitive_screen"),  # neither a screen nor a note
        ({"cognitive_screen": CognitiveScreenLink(ScreenSource.SCALE, 999)}, "cognitive_screen"),
        ({"course_id": 999}, "course_id"),
        ({"safety_assessment": "x" * 8001}, "safety_assessment"),
    ],
)
def test_a_bad_review_is_refused_naming_the_field(
    database: Database, prescriber: Actor, changes: dict, field: str
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    with pytest.raises(InvalidEntryError) as refused:
        record_annual_review(database, prescriber, patient_id, draft(**changes), today=REVIEW_DAY)
    assert field in [problem.field for problem in refused.value.problems]


def test_boundaries_that_are_accepted(database: Database, prescriber: Actor) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    view = record_annual_review(
        database,
        prescriber,
        patient_id,
        draft(safety_assessment="x" * 8000, reviewed_on=REVIEW_DAY),  # today, at the limit
        today=REVIEW_DAY,
    )
    assert len(view.safety_assessment) == 8000


def test_the_review_links_the_latest_moca_from_either_place(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    record_completion(
        database,
        prescriber,
        patient_id,
        "cognitive_screen",
        date(2026, 6, 1),
        ItemResult(moca_raw=27),
        today=REVIEW_DAY,
    )
    moca_answers = {
        "visuospatial_executive": 5,
        "naming": 3,
        "attention": 6,
        "language": 2,
        "abstraction": 2,
        "delayed_recall": 4,
        "orientation": 6,
    }
    recorded = record_scale(
        database,
        prescriber,
        patient_id,
        ScaleEntry("MOCA", datetime(2026, 11, 30, 15, tzinfo=UTC), moca_answers),
        now=datetime(2026, 12, 14, 9, tzinfo=UTC),
    )
    choices = cognitive_screen_choices(database, prescriber, patient_id)
    assert [c.link.source for c in choices] == [ScreenSource.SCALE, ScreenSource.CHECKLIST]
    assert choices[0].link.record_id == recorded.result.id
    assert choices[0].text.startswith(f"MoCA {recorded.result.total}/30")

    view = record_annual_review(
        database,
        prescriber,
        patient_id,
        draft(cognitive_screen=choices[1].link, cognitive_note=""),
        today=REVIEW_DAY,
    )
    assert view.cognitive_screen == choices[1].link
    assert view.cognitive_screen_text.endswith(", 06/01/2026")


def test_a_correction_is_a_new_review_and_the_latest_stands(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    first = record_annual_review(database, prescriber, patient_id, draft(), today=REVIEW_DAY)
    second = record_annual_review(
        database,
        prescriber,
        patient_id,
        draft(decision=ReviewDecision.TAPER, decision_reasoning="Corrected: taper agreed."),
        today=REVIEW_DAY,
    )
    reviews = patient_annual_reviews(database, prescriber, patient_id)
    assert [r.id for r in reviews] == [second.id, first.id]
    assert reviews[0].decision is ReviewDecision.TAPER
    assert reviews[1].decision is ReviewDecision.CONTINUE


def test_the_database_refuses_to_change_or_remove_a_review(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _ = patient_on_course(database, prescriber)
    view = record_annual_review(database, prescriber, patient_id, draft(), today=REVIEW_DAY)
    for statement in (
        "UPDATE annual_review SET decision = 'stop' WHERE id = :id",
        "DELETE FROM annual_review WHERE id = :id",
    ):
        with (
            pytest.raises(DBAPIError, match="annual reviews cannot be changed"),
            database.engine.begin() as connection,
        ):
            connection.execute(text(statement), {"id": view.id})
    assert patient_annual_reviews(database, prescriber, patient_id)[0].decision is (
        ReviewDecision.CONTINUE
    )


def test_recording_is_audited_and_refused_to_others(
    database: Database, staff: dict[Role, Actor]
) -> None:
    prescriber = staff[Role.PRESCRIBER]
    patient_id, _ = patient_on_course(database, prescriber)
    view = record_annual_review(database, prescriber, patient_id, draft(), today=REVIEW_DAY)
    with database.reading() as session:
        row = session.execute(
            select(
                AuditEvent.action, AuditEvent.category, AuditEvent.object_id, AuditEvent.patient_id
            ).where(AuditEvent.object_type == "annual review")
        ).one()
    assert tuple(row) == ("create", "annual reviews", view.id, patient_id)
    for role in (Role.NURSE, Role.FRONT_DESK, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDeniedError):
            record_annual_review(database, staff[role], patient_id, draft(), today=REVIEW_DAY)
    # Clinicians plan treatment (PLAN_TREATMENT) and may record it.
    record_annual_review(database, staff[Role.CLINICIAN], patient_id, draft(), today=REVIEW_DAY)


def test_the_items_were_not_yet_due_a_month_earlier(database: Database, prescriber: Actor) -> None:
    # Guards the premise of the other tests: the items open 11 months after the first
    # treatment (2026-01-05).
    patient_id, _ = patient_on_course(database, prescriber)
    early = states(database, prescriber, patient_id, date(2026, 12, 4))
    assert early["annual_safety_assessment"] is ItemState.NOT_YET_DUE
