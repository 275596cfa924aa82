"""The yearly consent reaffirmation (seed 002 "Annually"), signed in ink by the patient,
the prescriber and a witness. The wording comes from ``consent_text`` for the modality's
family; its version and this template's are printed at the end."""

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable, KeepTogether

from reports.bullets import bullet_list
from reports.flowables import para
from reports.key_values import key_value_table
from reports.layout import geometry
from reports.letters.common import (
    blank,
    build_letter,
    heading,
    paragraphs,
    patient_gaps,
    refuse_if_missing,
    version_note,
)
from reports.letters.consent_text import ConsentText, consent_text
from reports.letters.model import ConsentReaffirmation
from reports.model import PageSetup
from reports.signing_lines import Signer, signing_lines
from reports.styles import stylesheet
from reports.text import format_date

TEMPLATE_VERSION = "consent-2026.1"
TITLE = "Consent to continue treatment"


def missing_facts(letter: ConsentReaffirmation) -> tuple[str, ...]:
    missing = patient_gaps(letter.patient, mrn=True)
    if letter.modality is None:
        missing.append("the treatment the patient receives (IV or IM ketamine, esketamine or TMS)")
    if blank(letter.treatment_plan):
        missing.append("the current treatment plan")
    return tuple(missing)


def render_consent_reaffirmation(letter: ConsentReaffirmation) -> bytes:
    """The consent form as PDF bytes; ``MissingFactsError`` when a fact is absent."""
    refuse_if_missing(missing_facts(letter))
    assert letter.modality is not None  # checked by missing_facts
    text = consent_text(letter.modality)
    styles = stylesheet()
    width = geometry(letter.letterhead.page_size).body_width
    patient = letter.patient
    assert patient.date_of_birth is not None
    prescriber = letter.prescriber
    signer_name = prescriber.name
    if not blank(prescriber.credentials):
        signer_name += f", {prescriber.credentials}"

    story: list[Flowable] = [
        para(f"{TITLE}: {letter.modality.label}", styles["title"]),
        key_value_table(
            [
                ("Patient", patient.name),
                ("Date of birth", format_date(patient.date_of_birth)),
                ("MRN", patient.mrn),
                ("Treatment", letter.modality.label),
                ("Date", format_date(letter.letter_date)),
            ],
            styles,
            width,
            label_share=0.22,
        ),
        *paragraphs(
            "Once a year we review your treatment with you and ask you to confirm that you "
            "wish to continue. Please read this form carefully and ask us about anything "
            "that is unclear before you sign it.",
            styles,
        ),
        heading("Your treatment plan", styles),
        *paragraphs(letter.treatment_plan, styles),
        *_sections(text, styles),
        # The patient's choice stays on the page they sign.
        KeepTogether(
            [
                heading("Your choice", styles),
                *[part for paragraph in text.voluntary for part in paragraphs(paragraph, styles)],
                heading("Agreement", styles),
                *paragraphs(text.agreement, styles),
                signing_lines(
                    [
                        Signer("Patient", patient.name),
                        Signer("Prescriber", signer_name),
                        Signer("Witness", letter.witness_name),
                    ],
                    styles,
                    width,
                ),
                version_note((f"consent text {text.version}", f"form {TEMPLATE_VERSION}"), styles),
            ]
        ),
    ]
    setup = PageSetup(
        letterhead=letter.letterhead,
        title=f"{TITLE}: {letter.modality.label}",
        patient=patient.identity,
        author=prescriber.name,
    )
    return build_letter(setup, story)


def _sections(text: ConsentText, styles: StyleSheet1) -> list[Flowable]:
    body = styles["body"]
    story: list[Flowable] = [heading("What the treatment is", styles)]
    for paragraph in text.what_it_is:
        story += paragraphs(paragraph, styles)
    story.append(heading(text.approval_heading, styles))
    for paragraph in text.approval:
        story += paragraphs(paragraph, styles)
    story += [heading("Risks and side effects", styles), *paragraphs(text.risks_intro, styles)]
    story += bullet_list(text.risks, body)
    story.append(heading("On treatment days", styles))
    story += bullet_list(text.on_treatment_days, body)
    story += [heading("Monitoring", styles), *paragraphs(text.monitoring_intro, styles)]
    story += bullet_list(text.monitoring, body)
    story += [heading("Alternatives", styles), *paragraphs("Other options include:", styles)]
    story += bullet_list(text.alternatives, body)
    return story
