"""The patient's booster schedule: sessions in large type in the clinic's local time, the
rules before and after each kind of session, and the phone number to call."""

from datetime import UTC, datetime

import pytest

from clinical.modality import Modality
from reports.letters import (
    DEFAULT_FASTING_INSTRUCTIONS,
    LetterPatient,
    MissingFactsError,
    UpcomingSession,
    missing_facts,
    render_booster_schedule,
)
from reports.letters.schedule import TEMPLATE_VERSION
from reports.model import Letterhead
from tests.reports.letter_samples import PACIFIC, flat_text, letterhead, schedule
from tests.reports.pdf_probe import placed_text


@pytest.fixture(scope="module")
def text() -> str:
    return flat_text(render_booster_schedule(schedule()))


def _at(hour: int, minute: int, modality: Modality = Modality.IV_KETAMINE) -> UpcomingSession:
    return UpcomingSession(datetime(2026, 4, 14, hour, minute, tzinfo=PACIFIC), modality)


def test_sessions_with_date_weekday_time_treatment_and_place(text):
    assert "For Zoë Nguyễn, born 03/14/1980. Printed April 2, 2026." in text
    assert "Tuesday April 14, 2026 9:30 AM IV ketamine Suite 310" in text
    assert "Tuesday May 12, 2026 2:15 PM TMS Suite 312" in text


def test_a_time_prints_in_its_own_zone():
    # 16:00 UTC is 9:00 AM in the clinic's zone: the clinic passes its own zone.
    moment = datetime(2026, 5, 5, 16, 0, tzinfo=UTC)
    letter = schedule(sessions=(UpcomingSession(moment.astimezone(PACIFIC), Modality.TMS),))
    text = flat_text(render_booster_schedule(letter))
    assert "Tuesday May 5, 2026 9:00 AM TMS At the clinic" in text


@pytest.mark.parametrize(
    ("hour", "minute", "shown"),
    [(0, 0, "12:00 AM"), (11, 59, "11:59 AM"), (12, 0, "12:00 PM"), (13, 5, "1:05 PM")],
)
def test_clock_times_around_midnight_and_noon(hour, minute, shown):
    text = flat_text(render_booster_schedule(schedule(sessions=(_at(hour, minute),))))
    assert f"April 14, 2026 {shown} IV ketamine" in text


def test_ketamine_rules_fasting_ride_home_and_no_driving(text):
    assert "Before and after ketamine" in text
    assert f"Eating and drinking: {DEFAULT_FASTING_INSTRUCTIONS}" in text
    assert "Arrange for an adult to take you home." in text
    assert "Do not drive, cycle or use machinery until the next day, after a restful sleep." in text


def test_tms_rules_you_may_drive_and_remove_metal(text):
    assert "Before and after TMS" in text
    assert "You may drive yourself to and from your session." in text
    assert "Remove metal items before the session" in text


def test_the_clinics_own_fasting_wording_replaces_the_default():
    wording = "Nothing to eat for 4 hours before your infusion."
    text = flat_text(render_booster_schedule(schedule(fasting_instructions=wording)))
    assert f"Eating and drinking: {wording}" in text
    assert DEFAULT_FASTING_INSTRUCTIONS not in text


def test_esketamine_adds_the_two_hours_of_observation():
    letter = schedule(sessions=(_at(10, 0, Modality.ESKETAMINE),))
    text = flat_text(render_booster_schedule(letter))
    assert "Before and after esketamine (Spravato)" in text
    assert "Plan to stay at the clinic for at least 2 hours after your dose." in text
    assert "Before and after TMS" not in text
    assert "Before and after ketamine" not in text


def test_tms_only_has_no_drug_rules():
    text = flat_text(render_booster_schedule(schedule(sessions=(_at(10, 0, Modality.TMS),))))
    assert "Do not drive" not in text
    assert "Eating and drinking" not in text


def test_phone_number_and_version(text):
    assert "call us on (562) 555-0144." in text
    assert f"template {TEMPLATE_VERSION}" in text


def test_the_letterhead_phone_is_used_when_no_contact_phone_is_given():
    text = flat_text(render_booster_schedule(schedule(contact_phone="")))
    assert "call us on (562) 555-0143." in text


def test_the_handout_is_in_large_type():
    pdf = render_booster_schedule(schedule())
    cells = ("Tuesday", "9:30 AM", "IV ketamine")
    session_cells = [p for p in placed_text(pdf, 0) if p.text.strip() in cells]
    assert session_cells
    assert all(p.size >= 12 for p in session_cells)


def test_a_complete_schedule_lacks_nothing():
    assert missing_facts(schedule()) == ()


def test_missing_facts_are_refused():
    no_phone = Letterhead("Riverside Interventional Psychiatry")
    letter = schedule(
        sessions=(), contact_phone="", letterhead=no_phone, patient=LetterPatient(" ", None)
    )
    expected = (
        "the patient's name",
        "the patient's date of birth",
        "at least one upcoming session",
        "the clinic's phone number",
    )
    assert missing_facts(letter) == expected
    with pytest.raises(MissingFactsError) as refused:
        render_booster_schedule(letter)
    assert refused.value.missing == expected


def test_a_time_without_a_zone_is_refused():
    naive = UpcomingSession(datetime(2026, 4, 14, 9, 30), Modality.TMS)
    assert missing_facts(schedule(sessions=(naive,))) == (
        "the time zone of every session's start time",
    )


def test_a_long_schedule_repeats_its_header_on_the_next_page():
    sessions = tuple(
        UpcomingSession(
            datetime(2026, 1 + n // 4, 1 + 7 * (n % 4), 9, 0, tzinfo=PACIFIC), Modality.TMS
        )
        for n in range(40)
    )
    pdf = render_booster_schedule(schedule(sessions=sessions, letterhead=letterhead()))
    from tests.reports.pdf_probe import page_texts

    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert "Date Time Treatment Where" in " ".join(pages[1].split())
