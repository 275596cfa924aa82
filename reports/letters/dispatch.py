"""One entry point for any letter: its kind, what it still lacks, its bytes, and the
template version to archive with them."""

from reports.letters import annual_review, consent, necessity, schedule
from reports.letters.model import (
    AnnualReviewSummary,
    BoosterSchedule,
    ConsentReaffirmation,
    Letter,
    LetterKind,
    MedicalNecessityLetter,
)

_TEMPLATE_VERSIONS = {
    LetterKind.CONSENT_REAFFIRMATION: consent.TEMPLATE_VERSION,
    LetterKind.MEDICAL_NECESSITY: necessity.TEMPLATE_VERSION,
    LetterKind.ANNUAL_REVIEW_SUMMARY: annual_review.TEMPLATE_VERSION,
    LetterKind.BOOSTER_SCHEDULE: schedule.TEMPLATE_VERSION,
}


def kind_of(letter: Letter) -> LetterKind:
    match letter:
        case ConsentReaffirmation():
            return LetterKind.CONSENT_REAFFIRMATION
        case MedicalNecessityLetter():
            return LetterKind.MEDICAL_NECESSITY
        case AnnualReviewSummary():
            return LetterKind.ANNUAL_REVIEW_SUMMARY
        case BoosterSchedule():
            return LetterKind.BOOSTER_SCHEDULE
    raise TypeError(f"Not a letter: {type(letter).__name__}")


def template_version(kind: LetterKind) -> str:
    """The version of the kind's layout and wording, printed on the letter."""
    return _TEMPLATE_VERSIONS[kind]


def missing_facts(letter: Letter) -> tuple[str, ...]:
    """What must still be entered before ``letter`` can be printed; empty when complete."""
    match letter:
        case ConsentReaffirmation():
            return consent.missing_facts(letter)
        case MedicalNecessityLetter():
            return necessity.missing_facts(letter)
        case AnnualReviewSummary():
            return annual_review.missing_facts(letter)
        case BoosterSchedule():
            return schedule.missing_facts(letter)
    raise TypeError(f"Not a letter: {type(letter).__name__}")


def render_letter(letter: Letter) -> bytes:
    """The letter as PDF bytes; ``MissingFactsError`` when a required fact is absent."""
    match letter:
        case ConsentReaffirmation():
            return consent.render_consent_reaffirmation(letter)
        case MedicalNecessityLetter():
            return necessity.render_medical_necessity(letter)
        case AnnualReviewSummary():
            return annual_review.render_annual_review_summary(letter)
        case BoosterSchedule():
            return schedule.render_booster_schedule(letter)
    raise TypeError(f"Not a letter: {type(letter).__name__}")
