"""From an accepted proposal to the course's new state and the dates to book."""

from datetime import date, timedelta
from decimal import Decimal

from clinical.calendar.course_plan import (
    apply_proposal,
    dates_to_book,
    remission_for,
    rest_of_plan,
)
from clinical.protocols import (
    Action,
    Comparison,
    LadderPosition,
    Phase,
    ProtocolSettings,
    Session,
    SessionStatus,
    propose_next_booster,
)
from tests.clinical.protocols.protocol_builders import COURSE_START, course, every, given, scores

SETTINGS = ProtocolSettings()


def test_starting_induction_books_every_induction_treatment() -> None:
    start = course(phase=Phase.INDUCTION)
    proposal = propose_next_booster(start, [], [], COURSE_START, SETTINGS)
    assert proposal.action is Action.START
    booked = dates_to_book(apply_proposal(start, proposal, COURSE_START), [], proposal)
    # 6 infusions, Monday, Wednesday, Friday over two weeks.
    assert booked == tuple(COURSE_START + timedelta(days=d) for d in (0, 2, 4, 7, 9, 11))


def test_extending_moves_the_course_up_and_books_the_new_steps_treatments() -> None:
    step_start = date(2026, 2, 2)
    weekly = course(position=LadderPosition(0, step_start))
    treatments = given(*every(step_start, 7, 4))
    last = treatments[-1].on
    proposal = propose_next_booster(weekly, treatments, scores((last, 8)), last, SETTINGS)
    assert proposal.action is Action.EXTEND
    after = apply_proposal(weekly, proposal, last)
    assert after.position == LadderPosition(1, last)
    booked = dates_to_book(after, treatments, proposal)
    # Every 10 days x 3 from Monday 3/2: Thursday, then Sunday moved to Monday, then Wednesday.
    assert [(d - last).days for d in booked] == [10, 21, 30]


def test_a_hold_books_nothing_and_a_holiday_keeps_the_last_treatment() -> None:
    holiday = course(
        phase=Phase.DRUG_HOLIDAY,
        position=LadderPosition(2, date(2026, 3, 1)),
        holiday_started_on=date(2026, 4, 1),
    )
    proposal = propose_next_booster(holiday, [], [], date(2026, 4, 10), SETTINGS)
    assert proposal.action is Action.HOLD
    assert dates_to_book(apply_proposal(holiday, proposal, date(2026, 4, 10)), [], proposal) == ()


def test_restarting_after_a_holiday_returns_to_maintenance_and_clears_the_holiday() -> None:
    holiday = course(
        phase=Phase.DRUG_HOLIDAY,
        position=LadderPosition(2, date(2026, 3, 1)),
        holiday_started_on=date(2026, 4, 1),
    )
    day = date(2026, 5, 4)
    proposal = propose_next_booster(holiday, [], [], day, SETTINGS)
    assert proposal.action is Action.RESTART_MAINTENANCE
    after = apply_proposal(holiday, proposal, day)
    assert (after.phase, after.holiday_started_on, after.position) == (
        Phase.MAINTENANCE,
        None,
        LadderPosition(2, date(2026, 4, 1)),
    )
    assert dates_to_book(after, [], proposal)[0] == day


def test_a_missed_treatment_is_made_up_and_the_rest_follows_the_real_dates() -> None:
    step_start = date(2026, 2, 2)
    weekly = course(position=LadderPosition(0, step_start))
    # Given on 2/9, missed on 2/16: three more weekly treatments are still needed.
    treatments = [Session(date(2026, 2, 9)), Session(date(2026, 2, 16), SessionStatus.MISSED)]
    rest = rest_of_plan(weekly, treatments, date(2026, 2, 17))
    assert rest == (date(2026, 2, 17), date(2026, 2, 24), date(2026, 3, 3))


def test_a_moved_treatment_carries_the_rest_with_it() -> None:
    step_start = date(2026, 2, 2)
    weekly = course(position=LadderPosition(0, step_start))
    treatments = given(date(2026, 2, 9))
    # The next one moved from 2/16 to Thursday 2/19: the two after it follow from there.
    assert rest_of_plan(weekly, treatments, date(2026, 2, 10), pivot=date(2026, 2, 19)) == (
        date(2026, 2, 26),
        date(2026, 3, 5),
    )


def test_remission_comes_from_the_instrument() -> None:
    assert remission_for("MADRS") == (Decimal(10), Comparison.AT_OR_BELOW)
    assert remission_for("PHQ9") == (Decimal(5), Comparison.BELOW)
    assert remission_for("MOCA") is None
