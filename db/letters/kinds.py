"""The letters the program writes, and the words a clinician sees for each."""

from enum import StrEnum


class LetterKind(StrEnum):
    CONSENT_REAFFIRMATION = "consent_reaffirmation"
    MEDICAL_NECESSITY = "medical_necessity"
    ANNUAL_REVIEW_SUMMARY = "annual_review_summary"
    BOOSTER_SCHEDULE = "booster_schedule"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def signed(self) -> bool:
        """Signed by the prescriber (consent, payer letter, annual summary); the booster
        schedule is a handout anyone caring for the patient may print."""
        return self is not LetterKind.BOOSTER_SCHEDULE


_LABELS = {
    LetterKind.CONSENT_REAFFIRMATION: "Consent reaffirmation",
    LetterKind.MEDICAL_NECESSITY: "Medical-necessity letter",
    LetterKind.ANNUAL_REVIEW_SUMMARY: "Annual review summary",
    LetterKind.BOOSTER_SCHEDULE: "Booster schedule handout",
}
