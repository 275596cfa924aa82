"""The Spravato REMS monitoring form PDF: every field the reference lists, read back."""

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from clinical.sessions import REMS_FORM_VERSION
from reports import Letterhead
from reports.rems_form import RemsFormData, render_rems_form, yes_no
from tests.reports.pdf_probe import STANDARD_14, base_font, fonts, page_texts

FORM = RemsFormData(
    form_version=REMS_FORM_VERSION,
    patient_name="Nguyễn, Thị Lan",
    mrn="BD-0042",
    date_of_birth=date(1980, 3, 14),
    setting_name="Harbor Ketamine Clinic",
    monitoring_provider="Sam Rivera, RN",
    prescriber_on_site="Maya Okafor, MD",
    session_on=date(2026, 1, 5),
    dose_mg=84,
    devices=3,
    lot_number="LOT-24A17",
    administered_at=time(9, 2),
    concomitant_medications=("Benzodiazepines", "Opioids"),
    monitoring_minutes=135,
    minutes_until_ready=128,
    vitals_acceptable_before=True,
    vitals_acceptable_at_end=False,
    bp_before="128/82 at 09:00",
    bp_about_40_minutes="146/92 at 09:42",
    bp_before_leaving="130/84 at 11:10",
    sedation=True,
    dissociation=False,
    respiratory_depression=None,
    lowest_spo2=95,
    adverse_effects=("Nausea or vomiting: mild",),
    due_on=date(2026, 1, 12),
    submitted_on=None,
    signed_by="Maya Okafor, MD",
    signed_at=datetime(2026, 1, 5, 17, 30, tzinfo=UTC),
    printed_by="Sam Rivera, RN",
    printed_at=datetime(2026, 1, 6, 15, 0, tzinfo=UTC),
)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.split()) for page in page_texts(pdf))


def test_every_field_of_the_form_is_printed(letterhead: Letterhead) -> None:
    pdf = render_rems_form(FORM, letterhead)
    assert 1 <= len(page_texts(pdf)) <= 2
    text = _text(pdf)
    for expected in (
        "Spravato REMS patient monitoring form",
        REMS_FORM_VERSION,
        "Nguyễn, Thị Lan",
        "BD-0042",
        "03/14/1980",
        "Harbor Ketamine Clinic",
        "Sam Rivera, RN",
        "Maya Okafor, MD",
        "01/05/2026",
        "LOT-24A17",
        "09:02",
        "135 minutes",
        "128 minutes",
        "128/82 at 09:00",
        "146/92 at 09:42",
        "130/84 at 11:10",
        "95%",
        "Nausea or vomiting: mild",
        "Not yet submitted: due by 01/12/2026",
        "(3 devices of 28 mg)",
    ):
        assert expected in text, expected


def test_answers_are_ticked_boxes(letterhead: Letterhead) -> None:
    text = _text(render_rems_form(FORM, letterhead))
    assert "☐ 56 mg ☒ 84 mg ☐ Other" in text
    assert "Benzodiazepines ☒ Yes ☐ No" in text
    assert "Psychostimulants ☐ Yes ☒ No" in text
    assert "Opioids ☒ Yes ☐ No" in text
    assert "Sedation ☒ Yes ☐ No" in text
    assert "Dissociation ☐ Yes ☒ No" in text
    assert "Respiratory depression ☐ Yes ☐ No (not recorded)" in text


@pytest.mark.parametrize(
    ("answer", "printed"),
    [(True, "☒ Yes  ☐ No"), (False, "☐ Yes  ☒ No"), (None, "☐ Yes  ☐ No  (not recorded)")],
)
def test_yes_no(answer: bool | None, printed: str) -> None:
    assert yes_no(answer) == printed


def test_another_dose_a_submitted_form_and_missing_values(letterhead: Letterhead) -> None:
    form = replace(
        FORM,
        dose_mg=28,
        devices=1,
        submitted_on=date(2026, 1, 7),
        lot_number="",
        monitoring_minutes=None,
        concomitant_medications=(),
        adverse_effects=(),
        signed_at=None,
    )
    text = _text(render_rems_form(form, letterhead))
    assert "☐ 56 mg ☐ 84 mg ☒ Other: 28 mg" in text
    assert "Submitted 01/07/2026" in text
    assert "Lot number not recorded" in text
    assert "Total monitoring time not recorded" in text
    assert "Other effects reported None" in text
    assert "Not signed: this session is still a draft." in text


def test_only_the_bundled_fonts_are_used(letterhead: Letterhead) -> None:
    used = {base_font(font) for font in fonts(render_rems_form(FORM, letterhead))}
    assert used and not used & STANDARD_14
