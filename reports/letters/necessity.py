"""The letter of medical necessity to the patient's payer (clinical-reference.md §4): who
the patient is, diagnoses with ICD-10-CM codes, the illness history, every failed
medication trial and psychotherapy, scores with percent change and response (and, for TMS,
the 50% criterion of seed 000), sessions so far, the service requested with its codes and
frequency, the rationale and the risk of stopping, signed with the prescriber's NPI.

The letter states facts; the payer applies its own criteria."""

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable, KeepTogether

from clinical.modality import Modality
from reports.flowables import data_table, para, signature_block
from reports.layout import geometry
from reports.letters.common import (
    blank,
    bold_lead,
    build_letter,
    date_range,
    dose_text,
    heading,
    paragraphs,
    patient_gaps,
    refuse_if_missing,
    version_note,
)
from reports.letters.model import (
    MedicalNecessityLetter,
    MedicationTrial,
    PsychotherapyTrial,
    ServiceCode,
)
from reports.letters.scores import (
    TMS_CRITERION_LEAD,
    change_text,
    response_text,
    scale_name,
    score_cell,
    tms_criterion,
)
from reports.model import PageSetup
from reports.styles import stylesheet
from reports.text import format_date

TEMPLATE_VERSION = "necessity-2026.1"
TITLE = "Letter of medical necessity"


def _trial_name(trial: MedicationTrial) -> str:
    return trial.drug.strip() or "an unnamed"


def missing_facts(letter: MedicalNecessityLetter) -> tuple[str, ...]:
    missing = []
    if letter.recipient is None:
        missing.append("the payer's name and address")
    missing += patient_gaps(letter.patient)
    if blank(letter.insurance.member_id):
        missing.append("the patient's insurance member ID")
    if not letter.diagnoses:
        missing.append("at least one diagnosis with its ICD-10-CM code")
    for diagnosis in letter.diagnoses:
        if blank(diagnosis.icd10_code):
            missing.append(f'the ICD-10-CM code of the diagnosis "{diagnosis.description}"')
        if blank(diagnosis.description):
            missing.append(f"the description of diagnosis {diagnosis.icd10_code}")
    if blank(letter.illness_history):
        missing.append("the illness history (onset and duration of the episode)")
    failed = [trial for trial in letter.medication_trials if trial.outcome.counts_as_failed]
    if not failed:
        missing.append("at least one failed medication trial")
    for trial in failed:
        if trial.dose_amount is None:
            missing.append(f"the dose of the {_trial_name(trial)} trial")
        if trial.weeks_at_adequate_dose is None and trial.start_date is None:
            missing.append(f"the duration of the {_trial_name(trial)} trial")
    if letter.service.modality is Modality.TMS and not letter.psychotherapy_trials:
        missing.append("at least one psychotherapy trial")
    for therapy in letter.psychotherapy_trials:
        if therapy.start_date is None and therapy.sessions is None:
            missing.append(
                f"the dates or number of sessions of the {therapy.modality.label} course"
            )
    if not any(series.baseline is not None for series in letter.scores):
        missing.append("a baseline score")
    elif letter.sessions_given.count > 0 and not any(
        series.baseline is not None and series.current is not None for series in letter.scores
    ):
        missing.append("a current score since treatment began")
    given = letter.sessions_given
    if given.count > 0 and (given.first_on is None or given.last_on is None):
        missing.append("the dates of the first and latest sessions given")
    missing += _service_gaps(letter)
    if blank(letter.clinical_rationale):
        missing.append("the clinical rationale")
    if blank(letter.risk_of_stopping):
        missing.append("the risk of stopping treatment")
    if blank(letter.prescriber.npi):
        missing.append("the prescriber's NPI")
    return tuple(missing)


def _service_gaps(letter: MedicalNecessityLetter) -> list[str]:
    service = letter.service
    missing = []
    if service.modality is None:
        missing.append("the treatment requested (TMS, esketamine or a ketamine course)")
    if blank(service.description):
        missing.append("a description of the service requested")
    if not service.codes:
        missing.append("the billing codes of the service requested")
    if blank(service.frequency):
        missing.append("the frequency of the service requested")
    if service.sessions_requested is None:
        missing.append("the number of sessions requested")
    return missing


def render_medical_necessity(letter: MedicalNecessityLetter) -> bytes:
    """The letter as PDF bytes; ``MissingFactsError`` when a fact is absent."""
    refuse_if_missing(missing_facts(letter))
    styles = stylesheet()
    width = geometry(letter.letterhead.page_size).body_width
    assert letter.service.modality is not None and letter.patient.date_of_birth is not None
    title = f"{TITLE}: {letter.service.modality.label}"
    story: list[Flowable] = [
        para(title, styles["title"]),
        para(letter.salutation, styles["body"]),
        para(_opening(letter), styles["body"]),
        *_diagnoses(letter, styles, width),
        heading("History of the present illness", styles),
        *paragraphs(letter.illness_history, styles),
        *_medication_trials(letter, styles, width),
        *_psychotherapy(letter, styles, width),
        *_scores(letter, styles, width),
        heading("Treatment so far", styles),
        para(_sessions_text(letter), styles["body"]),
        *_service(letter, styles, width),
        heading("Clinical rationale", styles),
        *paragraphs(letter.clinical_rationale, styles),
        heading("Risk of stopping treatment", styles),
        *paragraphs(letter.risk_of_stopping, styles),
        # The closing sentence rides in the signature block, which keeps itself together,
        # so the signature never stands alone on the last page.
        signature_block(
            letter.prescriber,
            styles,
            letter.letter_date,
            f"{_closing(letter)}\n\nSincerely,",
            trailer=[version_note((f"template {TEMPLATE_VERSION}",), styles)],
        ),
    ]
    setup = PageSetup(
        letterhead=letter.letterhead,
        title=title,
        recipient=letter.recipient,
        patient=letter.patient.identity,
        reference_lines=_reference_lines(letter),
        author=letter.prescriber.name,
    )
    return build_letter(setup, story)


def _reference_lines(letter: MedicalNecessityLetter) -> tuple[tuple[str, str], ...]:
    patient = letter.patient
    assert patient.date_of_birth is not None
    insurance = letter.insurance
    lines = [
        ("Date", format_date(letter.letter_date)),
        ("Patient", patient.name),
        ("Date of birth", format_date(patient.date_of_birth)),
        ("Member ID", insurance.member_id),
    ]
    if not blank(insurance.group_id):
        lines.append(("Group ID", insurance.group_id))
    if not blank(insurance.authorization_reference):
        lines.append(("Reference", insurance.authorization_reference))
    return tuple(lines)


def _opening(letter: MedicalNecessityLetter) -> str:
    patient = letter.patient
    assert patient.date_of_birth is not None
    ids = f"member ID {letter.insurance.member_id}"
    if not blank(letter.insurance.group_id):
        ids += f", group ID {letter.insurance.group_id}"
    return (
        f"I am writing on behalf of my patient, {patient.name} (date of birth "
        f"{format_date(patient.date_of_birth)}, {ids}), to request coverage of "
        f"{_lower_first(letter.service.description)}. The facts below are taken from the "
        "patient's record at this clinic."
    )


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    # Keep acronyms ("TMS ...") as written; lower an ordinary capitalised first word.
    first = text.split(" ", 1)[0]
    acronym = len(first) > 1 and first.isupper()
    if first[:1].isupper() and not acronym:
        return text[:1].lower() + text[1:]
    return text


def _diagnoses(letter: MedicalNecessityLetter, styles: StyleSheet1, width: float) -> list[Flowable]:
    ordered = sorted(letter.diagnoses, key=lambda d: not d.is_primary)
    rows = [
        (d.icd10_code.strip(), d.description + (" (primary)" if d.is_primary else ""))
        for d in ordered
    ]
    return [
        heading("Diagnoses", styles),
        data_table(("ICD-10-CM", "Diagnosis"), rows, styles, width, (1, 5)),
    ]


def _duration(trial: MedicationTrial) -> str:
    dates = ""
    if trial.start_date and trial.end_date:
        dates = f"{format_date(trial.start_date)} to {format_date(trial.end_date)}"
    elif trial.start_date:
        dates = f"since {format_date(trial.start_date)}"
    if trial.weeks_at_adequate_dose is not None:
        weeks = trial.weeks_at_adequate_dose
        text = f"{weeks} week{'s' if weeks != 1 else ''} at adequate dose"
        return f"{text}\n{dates}" if dates else text
    if trial.start_date and trial.end_date:
        weeks = (trial.end_date - trial.start_date).days // 7
        return f"{weeks} week{'s' if weeks != 1 else ''}\n{dates}"
    return dates


def _outcome(outcome_label: str, notes: str) -> str:
    return f"{outcome_label}. {notes.strip()}" if not blank(notes) else outcome_label


def _trial_row(trial: MedicationTrial) -> tuple[str, str, str, str]:
    name = trial.drug
    if trial.drug_class is not None:
        name += f"\n{trial.drug_class.label}"
    dose = dose_text(trial.dose_amount, trial.dose_unit) if trial.dose_amount else ""
    return (
        name,
        dose or "Not recorded",
        _duration(trial),
        _outcome(trial.outcome.label, trial.notes),
    )


def _medication_trials(
    letter: MedicalNecessityLetter, styles: StyleSheet1, width: float
) -> list[Flowable]:
    failed = [t for t in letter.medication_trials if t.outcome.counts_as_failed]
    classes = sorted({t.drug_class.label for t in failed if t.drug_class is not None})
    count = len(failed)
    summary = (
        f"{count} medication trial{'s' if count != 1 else ''} failed (no response or a partial "
        "response) or could not be tolerated"
    )
    if classes:
        summary += f", from {len(classes)} drug class{'es' if len(classes) != 1 else ''}"
        summary += f" ({', '.join(classes)})"
    rows = [_trial_row(trial) for trial in letter.medication_trials]
    return [
        heading("Medication trials", styles),
        para(summary + ":", styles["body"]),
        data_table(
            ("Medication", "Dose", "Duration", "Outcome"), rows, styles, width, (1.5, 1.0, 2.2, 2.4)
        ),
    ]


def _therapy_row(therapy: PsychotherapyTrial) -> tuple[str, str, str, str]:
    if therapy.start_date and therapy.end_date:
        dates = f"{format_date(therapy.start_date)} to {format_date(therapy.end_date)}"
    elif therapy.start_date:
        dates = f"Since {format_date(therapy.start_date)}"
    else:
        dates = "Dates not recorded"
    sessions = str(therapy.sessions) if therapy.sessions is not None else "Not recorded"
    return (
        therapy.modality.label,
        dates,
        sessions,
        _outcome(therapy.outcome.label, therapy.notes),
    )


def _psychotherapy(
    letter: MedicalNecessityLetter, styles: StyleSheet1, width: float
) -> list[Flowable]:
    story: list[Flowable] = [heading("Psychotherapy", styles)]
    if not letter.psychotherapy_trials:
        story.append(para("No course of psychotherapy is recorded.", styles["body"]))
        return story
    rows = [_therapy_row(therapy) for therapy in letter.psychotherapy_trials]
    story.append(
        data_table(
            ("Therapy", "Dates", "Sessions", "Outcome"), rows, styles, width, (2, 1.8, 0.8, 2.5)
        )
    )
    return story


def _scores(letter: MedicalNecessityLetter, styles: StyleSheet1, width: float) -> list[Flowable]:
    settings = letter.scale_settings
    with_baseline = [series for series in letter.scores if series.baseline is not None]
    if all(series.current is None for series in with_baseline):
        return _baseline_scores(letter, styles, width)
    rows = []
    for series in with_baseline:
        assert series.baseline is not None
        baseline = score_cell(series, series.baseline, settings)
        current = series.current
        if current is None:
            rows.append(
                (
                    scale_name(series),
                    baseline,
                    "Not measured since baseline",
                    "Not applicable",
                    "Not applicable",
                )
            )
            continue
        rows.append(
            (
                scale_name(series),
                baseline,
                score_cell(series, current, settings),
                change_text(series.baseline.total, current.total),
                response_text(series, current.total, settings),
            )
        )
    story: list[Flowable] = [
        heading("Rating scale scores", styles),
        data_table(
            ("Scale", "Baseline", "Current", "Change from baseline", "Response (≥ 50% reduction)"),
            rows,
            styles,
            width,
            (1, 1.3, 1.3, 1.5, 1.7),
        ),
    ]
    if letter.service.modality is Modality.TMS and letter.sessions_given.count > 0:
        statement = tms_criterion(letter.scores)
        if statement:
            story.append(bold_lead(TMS_CRITERION_LEAD, statement, "body", styles))
    return story


def _baseline_scores(
    letter: MedicalNecessityLetter, styles: StyleSheet1, width: float
) -> list[Flowable]:
    """Before treatment: the baseline scores alone."""
    rows = [
        (scale_name(series), score_cell(series, series.baseline, letter.scale_settings))
        for series in letter.scores
        if series.baseline is not None
    ]
    return [
        heading("Rating scale scores", styles),
        data_table(("Scale", "Baseline score"), rows, styles, width, (1, 2)),
    ]


def _sessions_text(letter: MedicalNecessityLetter) -> str:
    given = letter.sessions_given
    assert letter.service.modality is not None
    treatment = letter.service.modality.label
    if given.count == 0:
        return f"No sessions of {treatment} have been given yet: this is a request to begin."
    assert given.first_on is not None and given.last_on is not None
    noun, verb = ("session", "has") if given.count == 1 else ("sessions", "have")
    when = date_range(given.first_on, given.last_on)
    return f"{given.count} {noun} of {treatment} {verb} been given, {when}."


def _code_row(code: ServiceCode) -> tuple[str, str, str]:
    label = f"{code.system.value} {code.code}".strip()
    return (label, code.description, code.units)


def _service(letter: MedicalNecessityLetter, styles: StyleSheet1, width: float) -> list[Flowable]:
    service = letter.service
    story: list[Flowable] = [
        heading("Service requested", styles),
        para(service.description.strip(), styles["body"]),
        bold_lead("Frequency:", service.frequency, "body", styles),
        bold_lead("Sessions requested:", str(service.sessions_requested), "body", styles),
    ]
    if service.start_on is not None:
        story.append(bold_lead("Starting:", format_date(service.start_on), "body", styles))
    rows = [_code_row(code) for code in service.codes]
    story.append(
        data_table(("Code", "Description", "Units"), rows, styles, width, (1.15, 3.6, 1.85))
    )
    # The request reads as one piece: never its codes on a page apart from its frequency.
    return [KeepTogether(story)]


def _closing(letter: MedicalNecessityLetter) -> str:
    phone = letter.letterhead.phone.strip()
    contact = f" at {phone}" if phone else ""
    return f"Please contact me{contact} with any questions. Thank you for reviewing this request."
