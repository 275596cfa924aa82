"""The clinic's calendar rules: why a slot cannot be booked, and the nearest one that can."""

from datetime import date, datetime, time

import pytest

from clinical.calendar import (
    Booking,
    ClinicCalendar,
    ClosedDay,
    DayHours,
    Resource,
    Slot,
    nearest_free_slot,
    peak_use,
    refusal,
)

MONDAY = date(2026, 11, 23)
CHAIR = Resource.INFUSION_CHAIR


def clinic(chairs: int = 2, **changes: object) -> ClinicCalendar:
    return ClinicCalendar(
        capacity={CHAIR: chairs, Resource.SPRAVATO_ROOM: 1, Resource.TMS_DEVICE: 0},
        **changes,  # type: ignore[arg-type]
    )


def chair(day: date, start: time, minutes: int = 90, key: int | None = None) -> Booking:
    return Booking(day, start, minutes, CHAIR, key)


def test_a_free_slot_inside_opening_hours_is_accepted() -> None:
    assert refusal(clinic(), [], Slot(MONDAY, time(9, 0), 90), CHAIR) is None


def test_a_closed_day_is_refused_with_its_reason() -> None:
    calendar = clinic(closed_days=(ClosedDay(MONDAY, "Thanksgiving"),))
    assert refusal(calendar, [], Slot(MONDAY, time(9, 0), 90), CHAIR) == (
        "The clinic is closed on Monday 2026-11-23 (Thanksgiving)."
    )


def test_a_weekday_without_hours_is_refused() -> None:
    assert refusal(clinic(), [], Slot(date(2026, 11, 22), time(9, 0), 90), CHAIR) == (
        "The clinic is closed on Sundays."
    )


@pytest.mark.parametrize(("start", "minutes"), [(time(7, 45), 90), (time(15, 45), 90)])
def test_a_booking_running_past_the_opening_hours_is_refused(start: time, minutes: int) -> None:
    reason = refusal(clinic(), [], Slot(MONDAY, start, minutes), CHAIR)
    assert reason is not None and "outside the opening hours (08:00-17:00 on Mondays)" in reason


def test_a_booking_ending_exactly_at_closing_time_fits() -> None:
    assert refusal(clinic(), [], Slot(MONDAY, time(15, 30), 90), CHAIR) is None


def test_capacity_counts_only_overlapping_bookings_of_the_same_resource() -> None:
    taken = [
        chair(MONDAY, time(9, 0)),
        chair(MONDAY, time(10, 0)),
        Booking(MONDAY, time(9, 0), 150, Resource.SPRAVATO_ROOM),
    ]
    # 10:30-12:00 overlaps only the 10:00 chair; one of two chairs is free.
    assert refusal(clinic(), taken, Slot(MONDAY, time(10, 30), 90), CHAIR) is None
    reason = refusal(clinic(), taken, Slot(MONDAY, time(10, 0), 30), CHAIR)
    assert reason == (
        "All 2 infusion chairs are taken at some time between 10:00 and 10:30 on Monday 2026-11-23."
    )


def test_a_booking_that_ends_when_another_starts_does_not_overlap_it() -> None:
    taken = [chair(MONDAY, time(9, 0)), chair(MONDAY, time(9, 0))]
    assert refusal(clinic(), taken, Slot(MONDAY, time(10, 30), 90), CHAIR) is None


def test_the_only_room_is_named_as_the_only_one() -> None:
    taken = [Booking(MONDAY, time(9, 0), 150, Resource.SPRAVATO_ROOM)]
    reason = refusal(clinic(), taken, Slot(MONDAY, time(10, 0), 150), Resource.SPRAVATO_ROOM)
    assert reason is not None and reason.startswith("The only Spravato monitoring room is taken")


def test_a_clinic_without_the_resource_says_so() -> None:
    reason = refusal(clinic(), [], Slot(MONDAY, time(9, 0), 45), Resource.TMS_DEVICE)
    assert reason == "The clinic has no TMS devices."
    tms = Slot(MONDAY, time(9, 0), 45)
    assert nearest_free_slot(clinic(), [], tms, Resource.TMS_DEVICE) is None


def test_a_move_leaves_its_own_booking_out() -> None:
    taken = [chair(MONDAY, time(9, 0), key=1)]
    wanted = Slot(MONDAY, time(9, 30), 90)
    assert refusal(clinic(chairs=1), taken, wanted, CHAIR) is not None
    assert refusal(clinic(chairs=1), taken, wanted, CHAIR, ignore=[1]) is None


def test_peak_use_is_the_most_at_once_not_the_number_overlapping() -> None:
    slot = Slot(MONDAY, time(9, 0), 240)
    back_to_back = [chair(MONDAY, time(9, 0)), chair(MONDAY, time(10, 30))]
    assert peak_use(back_to_back, slot) == 1
    assert peak_use([*back_to_back, chair(MONDAY, time(10, 0))], slot) == 2


def test_nearest_free_slot_is_the_closest_start_later_the_same_day() -> None:
    taken = [chair(MONDAY, time(9, 0), key=1)]
    found = nearest_free_slot(clinic(chairs=1), taken, Slot(MONDAY, time(9, 30), 90), CHAIR)
    assert found == Slot(MONDAY, time(10, 30), 90)


def test_on_a_tie_the_later_slot_wins() -> None:
    # 09:30 is taken; 09:15 would overlap, 08:00 (90 min earlier) and 11:00 (90 min later)
    # are equally near: the later one is offered so the patient is not asked to come early.
    taken = [chair(MONDAY, time(9, 30), key=1)]
    calendar = clinic(chairs=1)
    found = nearest_free_slot(calendar, taken, Slot(MONDAY, time(9, 30), 90), CHAIR)
    assert found == Slot(MONDAY, time(11, 0), 90)


def test_a_closed_day_offers_the_nearest_open_day_at_the_same_time_or_nearest() -> None:
    calendar = clinic(closed_days=(ClosedDay(MONDAY, "Staff training"),))
    found = nearest_free_slot(calendar, [], Slot(MONDAY, time(9, 0), 90), CHAIR)
    # Friday 15:30 is 65.5 hours earlier, Tuesday 08:00 is 23 hours later.
    assert found == Slot(date(2026, 11, 24), time(8, 0), 90)


def test_the_nearest_slot_is_never_before_not_before() -> None:
    calendar = clinic(chairs=1)
    taken = [chair(MONDAY, time(10, 0), key=1)]
    found = nearest_free_slot(
        calendar,
        taken,
        Slot(MONDAY, time(10, 0), 90),
        CHAIR,
        not_before=datetime(2026, 11, 23, 9, 0),
    )
    assert found == Slot(MONDAY, time(11, 30), 90)


def test_opening_hours_are_checked_when_made() -> None:
    with pytest.raises(ValueError, match="not after"):
        DayHours(time(17, 0), time(8, 0))
    with pytest.raises(ValueError, match="one entry per weekday"):
        ClinicCalendar(hours=(None,) * 6)
