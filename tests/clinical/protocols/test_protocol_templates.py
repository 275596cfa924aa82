"""The catalogue of seed templates, editing them per patient, and their validation."""

import dataclasses
from dataclasses import replace
from datetime import date

import pytest

from clinical.protocols import (
    Action,
    Comparison,
    LadderPosition,
    LadderStep,
    Modality,
    ProtocolKind,
    ProtocolTemplate,
    WeeklyBlock,
    custom_ladder,
    gradual_taper,
    ketamine_interval_extension,
    propose_next_booster,
    spravato_label,
    symptom_triggered,
    tms_acute_course,
)
from tests.clinical.protocols.protocol_builders import SETTINGS, course, every, given, scores


def shape(template: ProtocolTemplate) -> list[tuple[int, int | None, int | None]]:
    return [(s.interval_days, s.treatments_required, s.months) for s in template.ladder]


def test_interval_extension_ladder_is_seed_002_exactly() -> None:
    template = ketamine_interval_extension()
    assert shape(template) == [
        (7, 4, None),
        (10, 3, None),
        (14, 4, None),
        (21, 3, None),
        (28, None, None),
    ]
    assert template.induction == (WeeklyBlock("Induction: 6 infusions, 3 a week", 6, 3),)
    assert template.kind is ProtocolKind.INTERVAL_EXTENSION
    assert template.ladder[-1].open_ended


def test_spravato_and_tms_templates() -> None:
    spravato = spravato_label()
    assert [(b.sessions, b.per_week) for b in spravato.induction] == [(8, 2)]
    assert shape(spravato) == [(7, 4, None), (14, None, None)]
    assert spravato.modality is Modality.ESKETAMINE
    tms = tms_acute_course()
    assert [(b.sessions, b.per_week) for b in tms.induction] == [(30, 5), (3, 3), (2, 2), (1, 1)]
    assert tms.induction_sessions == 36
    assert shape(tms) == [(7, None, 1), (14, None, 2), (28, None, 3), (28, None, None)]


def test_symptom_triggered_template_has_no_schedule() -> None:
    template = symptom_triggered()
    assert template.ladder == ()
    assert template.tracking_every_days == 1


def test_templates_are_frozen_and_each_call_is_a_fresh_copy() -> None:
    template = ketamine_interval_extension()
    with pytest.raises(dataclasses.FrozenInstanceError):
        template.weekdays_only = False  # type: ignore[misc]
    edited = template.with_step(0, treatments_required=2)
    assert edited.ladder[0].treatments_required == 2
    assert template.ladder[0].treatments_required == 4
    assert ketamine_interval_extension() == template


def test_invalid_steps_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        LadderStep("x", 14, treatments_required=3, months=3)
    with pytest.raises(ValueError, match="at least 1 day"):
        LadderStep("x", 0)
    with pytest.raises(ValueError, match="at least 1 treatment"):
        LadderStep("x", 7, treatments_required=0)
    with pytest.raises(ValueError, match="only the last step"):
        custom_ladder("x", Modality.IV_KETAMINE, (LadderStep("a", 7), LadderStep("b", 14)))
    with pytest.raises(ValueError, match="at least one step"):
        custom_ladder("x", Modality.IV_KETAMINE, ())


def test_a_course_refuses_a_zero_baseline_and_a_step_off_the_ladder() -> None:
    with pytest.raises(ValueError, match="baseline"):
        course(baseline=0)
    with pytest.raises(ValueError, match="not on the ladder"):
        course(position=LadderPosition(5, date(2026, 1, 1)))


def test_a_taper_template_is_not_a_maintenance_protocol() -> None:
    c = course(template=gradual_taper(), position=LadderPosition(0, date(2026, 1, 1)))
    with pytest.raises(ValueError, match="taper"):
        propose_next_booster(c, [], [], date(2026, 1, 2), SETTINGS)


# --- TMS maintenance: time-based steps with the stability condition ----------------------------

TMS_START = date(2026, 3, 2)  # the last taper session


def tms_course():
    return course(
        template=replace(tms_acute_course(), weekdays_only=False),
        modality=Modality.TMS,
        position=LadderPosition(0, TMS_START),
        baseline=20,
        threshold=5,
        comparison=Comparison.BELOW,
        scale="PHQ-9",
    )


def test_tms_weekly_month_continues_until_a_session_on_or_after_its_end() -> None:
    weekly = every(TMS_START, 7, 4)  # last Mar 30, before Apr 2
    proposal = propose_next_booster(
        tms_course(),
        given(*weekly),
        scores((date(2026, 2, 1), 4), (weekly[-1], 4)),
        weekly[-1],
        SETTINGS,
    )
    assert proposal.action is Action.CONTINUE
    assert proposal.reason == (
        "Continue every 7 days: 1 month at 7 days are complete with the first treatment on or "
        "after 2026-04-02"
    )


def test_tms_extends_after_the_month_when_in_remission() -> None:
    weekly = every(TMS_START, 7, 5)  # Apr 6
    points = scores((date(2026, 2, 1), 4), (weekly[-1], 4))
    proposal = propose_next_booster(tms_course(), given(*weekly), points, weekly[-1], SETTINGS)
    assert proposal.action is Action.EXTEND
    assert (
        proposal.reason
        == "Extend to every 14 days: 1 month at 7 days since 2026-03-02, PHQ-9 4 < 5"
    )
    worse = scores((date(2026, 2, 1), 4), (weekly[-1], 11))
    held = propose_next_booster(tms_course(), given(*weekly), worse, weekly[-1], SETTINGS)
    assert held.rule == "seed002.step_back.at_first_step"


def test_tms_month_boundary_is_the_same_date_a_month_on() -> None:
    points = scores((date(2026, 2, 1), 4), (date(2026, 4, 2), 4))
    on_the_day = given(*every(TMS_START, 7, 4), date(2026, 4, 2))
    assert (
        propose_next_booster(tms_course(), on_the_day, points, date(2026, 4, 2), SETTINGS).action
        is Action.EXTEND
    )
    day_before = given(*every(TMS_START, 7, 4), date(2026, 4, 1))
    points = scores((date(2026, 2, 1), 4), (date(2026, 4, 1), 4))
    assert (
        propose_next_booster(tms_course(), day_before, points, date(2026, 4, 1), SETTINGS).action
        is Action.CONTINUE
    )
