"""Induction series and the start of maintenance (seed 002 Phase 1; seeds 003-004; label; TMS)."""

from dataclasses import replace
from datetime import date

from clinical.protocols import (
    Action,
    Comparison,
    LadderPosition,
    Modality,
    Phase,
    ketamine_interval_extension,
    plan_induction,
    propose_next_booster,
    spravato_label,
    symptom_triggered,
    tms_acute_course,
)
from tests.clinical.protocols.protocol_builders import (
    COURSE_START,
    SETTINGS,
    course,
    given,
    missed,
    scores,
)

INDUCTION = plan_induction(
    ketamine_interval_extension().induction, COURSE_START, weekdays_only=True
)
LAST = INDUCTION[-1]  # Fri 2026-01-16


def induction_course(**changes: object):
    return course(phase=Phase.INDUCTION, **changes)


def test_a_new_course_starts_on_its_first_day() -> None:
    proposal = propose_next_booster(induction_course(), [], [], date(2026, 1, 2), SETTINGS)
    assert proposal.action is Action.START
    assert proposal.rule == "induction.start"
    assert proposal.proposed_date == COURSE_START
    assert proposal.reason == "Start induction on 2026-01-05: Induction: 6 infusions, 3 a week"
    late = propose_next_booster(induction_course(), [], [], date(2026, 1, 8), SETTINGS)
    assert late.proposed_date == date(2026, 1, 9)  # the next Mon/Wed/Fri day from today


def test_the_next_induction_treatment_follows_the_pattern() -> None:
    proposal = propose_next_booster(
        induction_course(), given(*INDUCTION[:2]), [], INDUCTION[1], SETTINGS
    )
    assert proposal.action is Action.CONTINUE
    assert proposal.rule == "induction.next"
    assert proposal.reason == "Continue induction: treatment 3 of 6 on 2026-01-09"
    assert proposal.interval_days == 2


def test_a_missed_induction_treatment_does_not_count() -> None:
    sessions = [*given(*INDUCTION[:2]), missed(INDUCTION[2])]  # Friday the 9th missed
    proposal = propose_next_booster(induction_course(), sessions, [], date(2026, 1, 10), SETTINGS)
    assert proposal.reason == "Continue induction: treatment 3 of 6 on 2026-01-12"
    assert proposal.anchor == INDUCTION[1]


def test_response_at_the_end_of_induction_starts_weekly_maintenance() -> None:
    proposal = propose_next_booster(
        induction_course(), given(*INDUCTION), scores((LAST, 12)), LAST, SETTINGS
    )
    assert proposal.action is Action.START
    assert proposal.rule == "induction.complete"
    assert proposal.reason == (
        "Start maintenance every 7 days (Weekly): induction complete (6 treatments, last on "
        "2026-01-16), MADRS 12 is 60% below the acute baseline of 30 (at least 50%)"
    )
    assert proposal.phase is Phase.MAINTENANCE
    assert proposal.position == LadderPosition(0, LAST)
    assert proposal.proposed_date == date(2026, 1, 23)


def test_no_response_at_the_end_of_induction_asks_for_review() -> None:
    proposal = propose_next_booster(
        induction_course(), given(*INDUCTION), scores((LAST, 16)), LAST, SETTINGS
    )
    assert proposal.action is Action.REVIEW
    assert proposal.rule == "induction.no_response"
    assert proposal.reason == (
        "Review: induction complete (6 treatments, last on 2026-01-16), but no response yet: "
        "MADRS 16 is above 10 and 47% below the acute baseline of 30 (less than 50%)"
    )
    assert proposal.notes == ("Seed 003 describes induction as 6-8 infusions over 3-6 weeks.",)


def test_remission_without_halving_the_baseline_counts_as_response() -> None:
    proposal = propose_next_booster(
        induction_course(baseline=18), given(*INDUCTION), scores((LAST, 10)), LAST, SETTINGS
    )
    assert proposal.action is Action.START
    assert proposal.reason.endswith("MADRS 10 ≤ 10")


def test_the_pre_treatment_score_is_not_read_as_the_response() -> None:
    proposal = propose_next_booster(
        induction_course(), given(*INDUCTION), scores((COURSE_START, 8)), LAST, SETTINGS
    )
    assert proposal.action is Action.REVIEW
    assert proposal.rule == "induction.no_score"
    assert proposal.reason == (
        "Review: induction complete (6 treatments, last on 2026-01-16); record a MADRS to "
        "confirm response"
    )


def test_spravato_induction_ends_after_8_doses_and_goes_weekly() -> None:
    template = spravato_label()
    doses = plan_induction(template.induction, COURSE_START, weekdays_only=True)
    c = induction_course(template=template, modality=Modality.ESKETAMINE)
    seven = propose_next_booster(c, given(*doses[:7]), [], doses[6], SETTINGS)
    assert seven.reason == "Continue induction: treatment 8 of 8 on 2026-01-29"
    done = propose_next_booster(c, given(*doses), scores((doses[-1], 9)), doses[-1], SETTINGS)
    assert done.action is Action.START
    assert done.interval_days == 7
    assert done.proposed_date == date(2026, 2, 5)
    assert done.step == template.ladder[0]


def test_tms_course_of_36_sessions_then_maintenance() -> None:
    template = tms_acute_course()
    sessions = plan_induction(template.induction, COURSE_START, weekdays_only=True)
    c = induction_course(
        template=template,
        modality=Modality.TMS,
        baseline=20,
        threshold=5,
        comparison=Comparison.BELOW,
        scale="PHQ-9",
    )
    before_taper = propose_next_booster(c, given(*sessions[:30]), [], sessions[29], SETTINGS)
    assert before_taper.reason == "Continue induction: treatment 31 of 36 on 2026-02-16"
    done = propose_next_booster(
        c, given(*sessions), scores((sessions[-1], 4)), sessions[-1], SETTINGS
    )
    assert done.action is Action.START
    assert done.reason == (
        "Start maintenance every 7 days (Weekly): induction complete (36 treatments, last on "
        "2026-03-02), PHQ-9 4 < 5"
    )
    no_response = propose_next_booster(
        c, given(*sessions), scores((sessions[-1], 12)), sessions[-1], SETTINGS
    )
    assert no_response.action is Action.REVIEW
    assert no_response.notes == ()  # the seed 003 infusion note is for ketamine only


def test_symptom_triggered_maintenance_starts_without_a_date() -> None:
    c = induction_course(template=symptom_triggered())
    proposal = propose_next_booster(c, given(*INDUCTION), scores((LAST, 6)), LAST, SETTINGS)
    assert proposal.action is Action.START
    assert proposal.proposed_date is None
    assert proposal.reason.startswith("Start symptom-triggered maintenance with a daily PHQ-2")


def test_a_template_without_induction_goes_straight_to_maintenance() -> None:
    template = replace(ketamine_interval_extension(), induction=())
    proposal = propose_next_booster(
        induction_course(template=template), [], [], date(2026, 1, 5), SETTINGS
    )
    assert proposal.action is Action.START
    assert proposal.rule == "induction.none"
    assert proposal.proposed_date == date(2026, 1, 5)
    assert proposal.position == LadderPosition(0, date(2026, 1, 5))
