"""The four letters of issue 7 as PDF bytes: consent reaffirmation, medical necessity,
annual review summary, and the patient's booster schedule.

Build the letter's data (``reports.letters.model``), ask ``missing_facts(letter)`` what is
still to be entered, then ``render_letter(letter)`` (or the kind's own ``render_*``). A
renderer refuses with ``MissingFactsError`` rather than print a blank. The same letter
always gives the same bytes, so an archived letter reprints identically; store
``template_version(kind)`` (and, for consent, ``consent_text_version(modality)``) with it.
"""

from reports.letters.annual_review import render_annual_review_summary
from reports.letters.codes import standard_codes
from reports.letters.consent import render_consent_reaffirmation
from reports.letters.consent_text import ConsentFamily, consent_family, consent_text_version
from reports.letters.dispatch import kind_of, missing_facts, render_letter, template_version
from reports.letters.model import (
    AnnualReviewSummary,
    BoosterSchedule,
    CodeSystem,
    ConsentReaffirmation,
    ConsentStatus,
    DatedScore,
    Diagnosis,
    InsuranceIds,
    Letter,
    LetterKind,
    LetterPatient,
    MedicalNecessityLetter,
    MedicationTrial,
    MissingFactsError,
    MonitoringLine,
    PsychotherapyTrial,
    RequestedService,
    ReviewDecision,
    ScoreSeries,
    SeriousEvent,
    ServiceCode,
    SessionEntry,
    SessionsGiven,
    SideEffectTally,
    UpcomingSession,
)
from reports.letters.necessity import render_medical_necessity
from reports.letters.schedule import DEFAULT_FASTING_INSTRUCTIONS, render_booster_schedule

__all__ = [
    "DEFAULT_FASTING_INSTRUCTIONS",
    "AnnualReviewSummary",
    "BoosterSchedule",
    "CodeSystem",
    "ConsentFamily",
    "ConsentReaffirmation",
    "ConsentStatus",
    "DatedScore",
    "Diagnosis",
    "InsuranceIds",
    "Letter",
    "LetterKind",
    "LetterPatient",
    "MedicalNecessityLetter",
    "MedicationTrial",
    "MissingFactsError",
    "MonitoringLine",
    "PsychotherapyTrial",
    "RequestedService",
    "ReviewDecision",
    "ScoreSeries",
    "SeriousEvent",
    "ServiceCode",
    "SessionEntry",
    "SessionsGiven",
    "SideEffectTally",
    "UpcomingSession",
    "consent_family",
    "consent_text_version",
    "kind_of",
    "missing_facts",
    "render_annual_review_summary",
    "render_booster_schedule",
    "render_consent_reaffirmation",
    "render_letter",
    "render_medical_necessity",
    "standard_codes",
    "template_version",
]
