"""The annual review summary: the year's treatments, the score trajectory charted, side
effects, monitoring done and outstanding, consent status and the decision."""

from datetime import date

import pytest

from reports.letters import (
    ConsentStatus,
    DatedScore,
    MissingFactsError,
    ReviewDecision,
    ScoreSeries,
    missing_facts,
    render_annual_review_summary,
)
from reports.letters.annual_review import TEMPLATE_VERSION
from tests.reports.letter_samples import annual_review, flat_text, long_text
from tests.reports.pdf_probe import page_texts


@pytest.fixture(scope="module")
def text() -> str:
    return flat_text(render_annual_review_summary(annual_review()))


def test_the_header_names_patient_period_and_decision(text):
    for fact in (
        "Annual review summary",
        "Patient Zoë Nguyễn",
        "Date of birth 03/14/1980",
        "MRN BD-0417",
        "Treatment IV ketamine",
        "Review period 04/01/2025 to 03/31/2026",
        "Reviewed on 04/02/2026",
        "Prescriber Maria Okafor, MD",
        "Decision Extend the interval between treatments",
    ):
        assert fact in text, fact


def test_the_years_treatments_by_month_with_doses(text):
    assert "17 treatments (IV ketamine), from 04/04/2025 to 03/06/2026." in text
    assert "April 2025 2 4, 25 0.55 mg/kg ×1, 0.5 mg/kg ×1" in text
    assert "May 2025 1 16 0.5 mg/kg" in text
    assert "March 2026 1 6 0.55 mg/kg" in text


def test_scores_with_change_from_baseline_and_status(text):
    assert (
        "MADRS 36 10/01/2024 6 03/06/2026 5-12 (17 scores) 83.3% reduction Response; remission"
    ) in text
    assert (
        "PHQ-9 22 10/01/2024 4 03/06/2026 3-8 (9 scores) 81.8% reduction Response; remission"
        in text
    )


def test_the_trajectory_is_charted_per_scale_with_bands_and_baseline(text):
    assert "MADRS total" in text
    assert "PHQ-9 total" in text
    assert "Baseline 36" in text
    assert "Baseline 22" in text
    assert "50% below baseline" in text
    assert "moderately severe" in text  # a PHQ-9 band label beside the chart


def test_side_effects_and_serious_events(text):
    assert "Dissociation 15 Moderate" in text
    assert "Nausea 4 Mild" in text
    assert "09/09/2025: Vasovagal syncope after infusion; observed 2 hours." in text


def test_monitoring_outstanding_before_done(text):
    assert (
        "Outstanding Item Last done Status Liver function tests 08/04/2025 Overdue since 02/04/2026"
        in text
    )
    assert "ECG Never Never done; due now" in text
    assert (
        "Up to date Item Last done Status Urological symptom inquiry 03/24/2026 Up to date" in text
    )
    assert text.index("Liver function tests") < text.index("Urinalysis")


def test_consent_status_and_the_current_text_version(text):
    assert (
        "Consent last given or reaffirmed on 04/03/2025 (consent text ketamine-2025.1). "
        "Consent was reaffirmed at this review. The current consent text is ketamine-2026.1."
    ) in text


def test_consent_on_the_current_version_not_reaffirmed():
    letter = annual_review(consent=ConsentStatus(date(2025, 12, 1), "ketamine-2026.1", False))
    text = flat_text(render_annual_review_summary(letter))
    assert "Consent was not reaffirmed at this review." in text
    assert "The current consent text" not in text


def test_decision_reasoning_assessments_signature_and_version(text):
    assert "Decision: Extend the interval between treatments." in text
    assert "Extend to every 4 weeks per the interval-extension protocol." in text
    assert "Liver tests overdue: ordered today." in text
    assert "MoCA 28/30 on 03/24/2026" in text
    assert "Maria Okafor, MD NPI 1234567893 Date: 04/02/2026" in text
    assert f"template {TEMPLATE_VERSION}" in text


@pytest.mark.parametrize("decision", list(ReviewDecision))
def test_every_decision_prints_its_label(decision):
    text = flat_text(render_annual_review_summary(annual_review(decision=decision)))
    assert f"Decision: {decision.label}." in text


def test_a_year_without_treatments_or_side_effects_says_so():
    text = flat_text(
        render_annual_review_summary(annual_review(sessions=(), side_effects=(), serious_events=()))
    )
    assert "No treatments were given in this period." in text
    assert "No side effects were recorded in this period." in text
    assert "Serious adverse events None in this period." in text
    assert "None." not in text.replace("None in this period.", "")


def test_scores_outside_the_period_are_not_counted():
    madrs = ScoreSeries(
        "MADRS",
        DatedScore(date(2024, 10, 1), 30),
        (DatedScore(date(2025, 3, 31), 20), DatedScore(date(2025, 4, 1), 12)),
    )
    text = flat_text(render_annual_review_summary(annual_review(scores=(madrs,))))
    assert "MADRS 30 10/01/2024 12 04/01/2025 12-12 (1 scores) 60.0% reduction Response" in text


def test_a_complete_review_lacks_nothing():
    assert missing_facts(annual_review()) == ()


def test_missing_facts_are_refused():
    letter = annual_review(
        modality=None,
        decision=None,
        reasoning="",
        safety_assessment=" ",
        cognitive_screen="",
        monitoring=(),
        consent=ConsentStatus(None),
        scores=(),
    )
    expected = (
        "the treatment under review",
        "a baseline score",
        "at least one rating scale score in the review period",
        "the monitoring checklist",
        "the date consent was last given or reaffirmed",
        "the safety assessment",
        "the cognitive screen",
        "the decision (continue, extend the interval, taper or transition)",
        "the reasoning for the decision",
    )
    assert missing_facts(letter) == expected
    with pytest.raises(MissingFactsError) as refused:
        render_annual_review_summary(letter)
    assert refused.value.missing == expected


def test_a_period_that_ends_before_it_starts_is_refused():
    letter = annual_review(period_start=date(2026, 3, 31), period_end=date(2026, 3, 31))
    assert "a review period that ends after it starts" in missing_facts(letter)


def test_long_reasoning_breaks_across_pages():
    pdf = render_annual_review_summary(annual_review(reasoning=long_text(3)))
    pages = page_texts(pdf)
    text = flat_text(pdf)
    assert len(pages) >= 5
    assert "Paragraph 1. The episode" in text and "Paragraph 15. The episode" in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
