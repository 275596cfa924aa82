"""The letter of medical necessity: identifiers, codes, trials, scores with percent change
and response, the 50% criterion for further TMS, the payer in the envelope window, and
its refusal when a fact is missing."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from clinical.modality import Modality
from clinical.record.enums import TrialOutcome
from reports.layout import geometry
from reports.letters import (
    CodeSystem,
    DatedScore,
    InsuranceIds,
    LetterPatient,
    MedicationTrial,
    MissingFactsError,
    RequestedService,
    ScoreSeries,
    ServiceCode,
    SessionsGiven,
    missing_facts,
    render_medical_necessity,
    standard_codes,
)
from reports.letters.necessity import TEMPLATE_VERSION
from reports.model import PageSize
from tests.reports.letter_samples import flat_text, letterhead, long_text, necessity
from tests.reports.pdf_probe import image_count, page_texts, placed_text, reader

CRITERION = (
    "Criterion for further TMS: A reduction of at least 50% from baseline on the BDI-II or "
    "the HAM-D."
)


@pytest.fixture(scope="module")
def tms_pdf() -> bytes:
    return render_medical_necessity(necessity())


@pytest.fixture(scope="module")
def tms_text(tms_pdf) -> str:
    return flat_text(tms_pdf)


def test_patient_and_plan_identifiers(tms_text):
    for fact in (
        "Letter of medical necessity: TMS",
        "Zoë Nguyễn (date of birth 03/14/1980, member ID XKH448812901, group ID GRP-20931)",
        "Member ID XKH448812901",
        "Group ID GRP-20931",
        "Reference PA-2026-118",
        "Date 04/02/2026",
    ):
        assert fact in tms_text, fact


def test_diagnoses_with_icd10_codes_primary_first(tms_text):
    assert (
        "F33.2 Major depressive disorder, recurrent, severe without psychotic features "
        "(primary) F41.1 Generalized anxiety disorder"
    ) in tms_text


def test_every_medication_trial_with_dose_duration_and_outcome(tms_text):
    assert (
        "3 medication trials failed (no response or a partial response) or could not be "
        "tolerated, from 3 drug classes (Augmentation agent, SNRI, SSRI):"
    ) in tms_text
    for fact in (
        "Sertraline SSRI 200 mg/day 12 weeks at adequate dose 04/01/2024 to 07/15/2024",
        "No response. No improvement at maximum dose.",
        "Venlafaxine XR SNRI 225 mg/day 8 weeks at adequate dose",
        "Intolerance. Stopped for hypertension.",
        # No weeks at an adequate dose recorded: the weeks between the dates.
        "Aripiprazole Augmentation agent 5 mg/day 13 weeks 11/01/2024 to 02/01/2025",
        "Partial response. Added to bupropion.",
    ):
        assert fact in tms_text, fact


def test_psychotherapy_trials(tms_text):
    assert "Cognitive behavioural therapy (CBT)" in tms_text
    assert "05/01/2024 to 11/01/2024" in tms_text
    assert "Partial response. Weekly sessions; some benefit for anxiety." in tms_text


def test_baseline_and_current_scores_with_percent_change_and_response(tms_text):
    assert (
        "BDI-II 38 (severe) 01/05/2026 14 (mild) 03/02/2026 63.2% reduction Response"
    ) in tms_text
    assert (
        "HAM-D 24 (very severe) 01/05/2026 13 (mild) 03/02/2026 45.8% reduction No response"
    ) in tms_text
    assert "PHQ-9 21 (severe) 01/05/2026 9 (mild) 03/02/2026 57.1% reduction Response" in tms_text


def test_tms_letter_states_the_50_percent_criterion_and_its_finding(tms_text):
    assert CRITERION in tms_text
    assert (
        "The BDI-II went from 38 on 01/05/2026 to 14 on 03/02/2026 (63.2% reduction)."
    ) in tms_text
    assert "The HAM-D went from 24 on 01/05/2026 to 13 on 03/02/2026 (45.8% reduction)." in (
        tms_text
    )
    assert "The criterion is met on the BDI-II." in tms_text


def _series(code: str, baseline: int, current: int) -> ScoreSeries:
    return ScoreSeries(
        code, DatedScore(date(2026, 1, 5), baseline), (DatedScore(date(2026, 3, 2), current),)
    )


@pytest.mark.parametrize(
    ("current", "change", "response", "verdict"),
    [
        (10, "50.0% reduction", "Response", "The criterion is met on the BDI-II."),
        (11, "45.0% reduction", "No response", "The criterion is not met on either scale."),
        (20, "No change", "No response", "The criterion is not met on either scale."),
        (24, "20.0% increase", "No response", "The criterion is not met on either scale."),
    ],
)
def test_the_50_percent_boundary_on_both_sides(current, change, response, verdict):
    text = flat_text(render_medical_necessity(necessity(scores=(_series("BDI2", 20, current),))))
    assert f"{change} {response}" in text
    assert verdict in text


def test_the_criterion_met_on_both_scales_names_both():
    scores = (_series("BDI2", 30, 12), _series("HAMD17", 20, 10))
    text = flat_text(render_medical_necessity(necessity(scores=scores)))
    assert "The criterion is met on the BDI-II and the HAM-D." in text


def test_no_criterion_sentence_without_bdi_or_hamd_scores():
    text = flat_text(render_medical_necessity(necessity(scores=(_series("PHQ9", 20, 8),))))
    assert "Criterion for further TMS" not in text
    assert "60.0% reduction Response" in text


def test_sessions_given_and_service_requested_with_cpt_codes(tms_text):
    assert "30 sessions of TMS have been given, from 01/12/2026 to 03/20/2026." in tms_text
    assert "Frequency: 3 sessions a week for 2 weeks" in tms_text
    assert "Sessions requested: 12" in tms_text
    assert "Starting: 04/06/2026" in tms_text
    for code in ("CPT 90867", "CPT 90868", "CPT 90869"):
        assert code in tms_text, code


def test_rationale_risk_of_stopping_and_signature_with_npi(tms_pdf, tms_text):
    assert "A taper consolidates the response." in tms_text
    assert "two earlier episodes relapsed within weeks of stopping treatment" in tms_text
    assert "Please contact me at (562) 555-0143 with any questions." in tms_text
    assert "Sincerely, Maria Okafor, MD NPI 1234567893 Date: 04/02/2026" in tms_text
    last = len(reader(tms_pdf).pages) - 1
    assert image_count(tms_pdf, last) == 1  # the signature image
    assert f"template {TEMPLATE_VERSION}" in tms_text
    assert TEMPLATE_VERSION == "necessity-2026.1"


@pytest.mark.parametrize("page_size", list(PageSize))
def test_the_payer_is_inside_the_envelope_window(page_size):
    pdf = render_medical_necessity(necessity(letterhead=letterhead(page_size)))
    zone = geometry(page_size).address_zone
    lines = ("Blue Harbor Health Plan", "Attn: Utilization Management", "PO Box 4455")
    placed = {p.text.strip(): p for p in placed_text(pdf, 0)}
    for line in lines:
        assert zone.contains(placed[line].x, placed[line].y), line


def test_a_first_request_states_that_no_session_has_been_given_and_no_criterion():
    scores = (ScoreSeries("BDI2", DatedScore(date(2026, 1, 5), 38)),)
    letter = necessity(scores=scores, sessions_given=SessionsGiven(0))
    text = flat_text(render_medical_necessity(letter))
    assert "No sessions of TMS have been given yet: this is a request to begin." in text
    assert "Scale Baseline score BDI-II 38 (severe) 01/05/2026" in text
    assert "Criterion for further TMS" not in text


def test_one_session_is_singular():
    letter = necessity(sessions_given=SessionsGiven(1, date(2026, 3, 2), date(2026, 3, 2)))
    assert "1 session of TMS has been given, on 03/02/2026." in flat_text(
        render_medical_necessity(letter)
    )


@pytest.mark.parametrize(
    ("on", "drug_code"), [(date(2025, 12, 31), "S0013"), (date(2026, 1, 1), "J0013")]
)
def test_esketamine_codes_change_on_2026_01_01(on, drug_code):
    codes = standard_codes(Modality.ESKETAMINE, on)
    assert [code.code for code in codes] == ["G2082", "G2083", drug_code]
    assert all(code.system is CodeSystem.HCPCS for code in codes)


def test_standard_codes_for_tms_and_none_for_ketamine():
    assert [c.code for c in standard_codes(Modality.TMS, date(2026, 1, 1))] == [
        "90867",
        "90868",
        "90869",
    ]
    assert standard_codes(Modality.IV_KETAMINE, date(2026, 1, 1)) == ()
    assert standard_codes(Modality.IM_KETAMINE, date(2026, 1, 1)) == ()


def test_an_esketamine_letter_prints_its_hcpcs_codes_and_no_tms_criterion():
    service = RequestedService(
        Modality.ESKETAMINE,
        "Esketamine (Spravato) maintenance every 2 weeks",
        standard_codes(Modality.ESKETAMINE, date(2026, 4, 2)),
        "Every 2 weeks",
        13,
    )
    text = flat_text(render_medical_necessity(necessity(service=service, psychotherapy_trials=())))
    assert "Letter of medical necessity: Esketamine (Spravato)" in text
    for code in ("HCPCS G2082", "HCPCS G2083", "HCPCS J0013"):
        assert code in text, code
    assert "Criterion for further TMS" not in text
    assert "No course of psychotherapy is recorded." in text


def test_a_ketamine_course_prints_the_codes_the_clinic_entered():
    service = RequestedService(
        Modality.IV_KETAMINE,
        "A course of 6 IV ketamine infusions",
        (ServiceCode(CodeSystem.OTHER, "96365", "IV infusion, first hour", "1 per infusion"),),
        "2 infusions a week for 3 weeks",
        6,
    )
    text = flat_text(render_medical_necessity(necessity(service=service)))
    assert "96365 IV infusion, first hour 1 per infusion" in text
    assert "CPT 96365" not in text


def test_a_complete_letter_lacks_nothing():
    assert missing_facts(necessity()) == ()


def _refused(**changes: object) -> tuple[str, ...]:
    letter = necessity(**changes)
    with pytest.raises(MissingFactsError) as refused:
        render_medical_necessity(letter)
    assert refused.value.missing == missing_facts(letter)
    return refused.value.missing


def test_refused_without_a_failed_medication_trial():
    responded = tuple(
        replace(trial, outcome=TrialOutcome.RESPONSE) for trial in necessity().medication_trials
    )
    assert _refused(medication_trials=responded) == ("at least one failed medication trial",)
    assert _refused(medication_trials=()) == ("at least one failed medication trial",)


def test_refused_without_a_baseline_score():
    no_baseline = (ScoreSeries("BDI2", None, (DatedScore(date(2026, 3, 2), 14),)),)
    assert _refused(scores=no_baseline) == ("a baseline score",)
    assert _refused(scores=()) == ("a baseline score",)


def test_refused_without_a_current_score_once_treatment_has_begun():
    baseline_only = (ScoreSeries("BDI2", DatedScore(date(2026, 1, 5), 38)),)
    assert _refused(scores=baseline_only) == ("a current score since treatment began",)


def test_refused_without_identifiers_payer_and_npi():
    from reports.model import Prescriber

    missing = _refused(
        recipient=None,
        patient=LetterPatient("", None),
        insurance=InsuranceIds(""),
        prescriber=Prescriber("Maria Okafor", "MD", ""),
    )
    assert missing == (
        "the payer's name and address",
        "the patient's name",
        "the patient's date of birth",
        "the patient's insurance member ID",
        "the prescriber's NPI",
    )


def test_refused_without_diagnoses_history_rationale_and_service_details():
    service = RequestedService(None, "", (), "", None)
    missing = _refused(
        diagnoses=(),
        illness_history=" ",
        clinical_rationale="",
        risk_of_stopping="",
        service=service,
        psychotherapy_trials=(),
    )
    assert missing == (
        "at least one diagnosis with its ICD-10-CM code",
        "the illness history (onset and duration of the episode)",
        "the treatment requested (TMS, esketamine or a ketamine course)",
        "a description of the service requested",
        "the billing codes of the service requested",
        "the frequency of the service requested",
        "the number of sessions requested",
        "the clinical rationale",
        "the risk of stopping treatment",
    )


def test_tms_needs_a_psychotherapy_trial_and_failed_trials_need_dose_and_duration():
    vague = MedicationTrial("Fluoxetine", TrialOutcome.NO_RESPONSE)
    assert _refused(psychotherapy_trials=(), medication_trials=(vague,)) == (
        "the dose of the Fluoxetine trial",
        "the duration of the Fluoxetine trial",
        "at least one psychotherapy trial",
    )


def test_a_trial_with_a_dose_and_a_start_date_is_enough():
    trial = MedicationTrial(
        "Fluoxetine",
        TrialOutcome.NO_RESPONSE,
        dose_amount=Decimal("40"),
        start_date=date(2025, 1, 6),
    )
    letter = necessity(medication_trials=(trial,))
    assert missing_facts(letter) == ()
    assert "Fluoxetine 40 mg/day since 01/06/2025" in flat_text(render_medical_necessity(letter))


def test_a_three_page_history_breaks_cleanly_with_headers_on_later_pages():
    pdf = render_medical_necessity(necessity(illness_history=long_text(3)))
    pages = page_texts(pdf)
    assert len(pages) >= 5
    text = flat_text(pdf)
    for n in (1, 8, 15):
        assert f"Paragraph {n}. The episode deepened" in text
    assert "Paragraph 16." not in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        if number > 1:
            assert "Letter of medical necessity: TMS" in page
            assert "Zoë Nguyễn" in page
    assert "Risk of stopping treatment" in text
    assert text.index("Paragraph 15.") < text.index("Medication trials")


@pytest.mark.parametrize(
    ("description", "in_sentence"),
    [
        ("A course of 6 IV ketamine infusions", "coverage of a course of 6 IV ketamine infusions."),
        ("Continuation of TMS.", "coverage of continuation of TMS."),
        ("TMS taper sessions", "coverage of TMS taper sessions."),
    ],
)
def test_the_service_reads_as_part_of_the_opening_sentence(description, in_sentence):
    service = replace(necessity().service, description=description)
    assert in_sentence in flat_text(render_medical_necessity(necessity(service=service)))
