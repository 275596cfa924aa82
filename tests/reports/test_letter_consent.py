"""The consent reaffirmation: what it must say for each family of treatment, its
versions, the signature lines, and its refusal when a fact is missing."""

import pytest

from clinical.modality import Modality
from reports.letters import (
    ConsentFamily,
    LetterPatient,
    MissingFactsError,
    consent_family,
    consent_text_version,
    missing_facts,
    render_consent_reaffirmation,
)
from reports.letters.consent import TEMPLATE_VERSION
from tests.reports.letter_samples import consent, flat_text, long_text
from tests.reports.pdf_probe import page_texts, reader

KETAMINE_RISKS = (
    "Dissociation",
    "blood pressure",
    "Nausea",
    "Sleepiness",
    "bladder and urinary tract problems",
    "memory and concentration",
    "Misuse",
)
MONITORING = (
    "Blood pressure and heart rate at every visit",
    "bladder and urinary symptoms",
    "urinalysis) at the start and every 3 to 6 months",
    "Liver blood tests at the start and every 3 to 6 months",
    "(MoCA or similar) at the start and every 6 months",
    "An ECG (heart tracing) once a year",
    "Symptom questionnaires (rating scales)",
)


@pytest.fixture(scope="module")
def ketamine_text() -> str:
    return flat_text(render_consent_reaffirmation(consent(Modality.IV_KETAMINE)))


def test_consent_names_the_patient_the_treatment_the_plan_and_the_date(ketamine_text):
    for fact in (
        "Consent to continue treatment: IV ketamine",
        "Zoë Nguyễn",
        "Date of birth 03/14/1980",
        "MRN BD-0417",
        "Date 04/02/2026",
        "Maintenance IV ketamine 0.5 mg/kg over 40 minutes every 3 weeks",
    ):
        assert fact in ketamine_text, fact


def test_ketamine_consent_explains_off_label_use_risks_monitoring_and_alternatives(
    ketamine_text,
):
    assert "Off-label use" in ketamine_text
    assert 'Using it for depression is "off-label"' in ketamine_text
    assert "does not mean that a treatment is unsafe or does not work" in ketamine_text
    assert "the FDA has not reviewed ketamine for depression" in ketamine_text
    for risk in KETAMINE_RISKS:
        assert risk in ketamine_text, risk
    for item in MONITORING:
        assert item in ketamine_text, item
    assert "Do not drive, cycle or operate machinery until the next day" in ketamine_text
    assert "Alternatives" in ketamine_text
    assert "Psychotherapy" in ketamine_text


def test_consent_says_it_is_voluntary_and_can_be_withdrawn(ketamine_text):
    assert "Your consent is voluntary." in ketamine_text
    assert "You may withdraw it at any time" in ketamine_text
    assert "will not affect the other care you receive" in ketamine_text


def test_signature_and_date_lines_for_patient_prescriber_and_witness(ketamine_text):
    for role in ("Patient", "Prescriber", "Witness"):
        assert f"{role}'s signature Date" in ketamine_text, role
    assert "Printed name: Zoë Nguyễn" in ketamine_text
    assert "Printed name: Maria Okafor, MD" in ketamine_text
    assert "Printed name: Priya Raman, RN" in ketamine_text


def test_the_signature_lines_share_a_page_with_the_choice_to_withdraw():
    pdf = render_consent_reaffirmation(consent())
    last = " ".join(page_texts(pdf)[-1].split())
    assert "Your choice" in last
    assert "Witness's signature" in last


def test_without_a_witness_name_a_line_is_left_to_print_it():
    text = flat_text(render_consent_reaffirmation(consent(witness_name="")))
    assert "Witness's signature Date Printed name: ____" in text
    assert "None" not in text


def test_consent_text_version_and_template_version_are_printed(ketamine_text):
    assert f"consent text ketamine-2026.1 · form {TEMPLATE_VERSION}" in ketamine_text
    assert TEMPLATE_VERSION == "consent-2026.1"


@pytest.mark.parametrize(
    ("modality", "family", "version"),
    [
        (Modality.IV_KETAMINE, ConsentFamily.KETAMINE, "ketamine-2026.1"),
        (Modality.IM_KETAMINE, ConsentFamily.KETAMINE, "ketamine-2026.1"),
        (Modality.ESKETAMINE, ConsentFamily.ESKETAMINE, "esketamine-2026.1"),
        (Modality.TMS, ConsentFamily.TMS, "tms-2026.1"),
    ],
)
def test_each_modality_prints_its_familys_text_version(modality, family, version):
    assert consent_family(modality) is family
    assert consent_text_version(modality) == version
    text = flat_text(render_consent_reaffirmation(consent(modality)))
    assert f"consent text {version}" in text
    assert f"Consent to continue treatment: {modality.label}" in text


def test_im_ketamine_is_also_off_label():
    text = flat_text(render_consent_reaffirmation(consent(Modality.IM_KETAMINE)))
    assert "Off-label use" in text
    assert "intramuscular" in text


def test_esketamine_consent_has_rems_monitoring_and_no_off_label_section():
    text = flat_text(render_consent_reaffirmation(consent(Modality.ESKETAMINE)))
    assert "Off-label use" not in text
    assert "REMS" in text
    assert "you stay under observation for at least 2 hours after each dose" in text
    assert "until the next day, after a restful sleep" in text
    for risk in ("Sedation", "Dissociation", "blood pressure", "Misuse", "bladder"):
        assert risk in text, risk
    assert "Liver blood tests at the start and every 3 to 6 months" in text


def test_tms_consent_has_its_own_risks_and_lets_the_patient_drive():
    text = flat_text(render_consent_reaffirmation(consent(Modality.TMS)))
    for risk in ("Headache", "Scalp pain", "Seizure: rare"):
        assert risk in text, risk
    assert "Off-label use" not in text
    assert "You may drive yourself" in text
    assert "Do not drive" not in text
    assert "Remove metal items" in text
    assert "Dissociation" not in text


def test_a_complete_consent_lacks_nothing():
    assert missing_facts(consent()) == ()


def test_missing_facts_are_listed_in_a_clinicians_words():
    letter = consent(
        modality=None,
        treatment_plan="  ",
        patient=LetterPatient("", None, ""),
    )
    expected = (
        "the patient's name",
        "the patient's date of birth",
        "the patient's medical record number (MRN)",
        "the treatment the patient receives (IV or IM ketamine, esketamine or TMS)",
        "the current treatment plan",
    )
    assert missing_facts(letter) == expected
    with pytest.raises(MissingFactsError) as refused:
        render_consent_reaffirmation(letter)
    assert refused.value.missing == expected
    assert "the current treatment plan" in str(refused.value)


def test_one_missing_fact_alone_is_refused():
    with pytest.raises(MissingFactsError) as refused:
        render_consent_reaffirmation(consent(treatment_plan=""))
    assert refused.value.missing == ("the current treatment plan",)


def test_a_long_plan_breaks_across_pages_and_every_page_is_numbered():
    pdf = render_consent_reaffirmation(consent(treatment_plan=long_text(3)))
    pages = page_texts(pdf)
    assert len(pages) >= 5
    text = flat_text(pdf)
    assert "Paragraph 1." in text and "Paragraph 15." in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert len(reader(pdf).pages) == len(pages)
