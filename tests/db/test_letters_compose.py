"""Each letter composed from a realistic synthetic patient, printed, archived and read back;
what is missing listed with where to enter it, and nothing printed."""

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import func, select

from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import AnnualReviewDraft
from db.annual_reviews.workflows import record_annual_review
from db.audit.verify import verify_chain
from db.database import Database
from db.errors import InvalidEntryError
from db.letters import FixPlace, LetterKind, MissingFactsError
from db.letters.archive import letter_pdf, patient_letters
from db.letters.views import LetterPurpose
from db.letters.workflows import (
    compose_letter,
    free_text_fields,
    generate_letter,
    kind_named,
    short_name,
)
from db.models import ArchivedLetter
from db.patients.workflows import create_patient
from reports.letters import consent_text_version
from tests.db.letter_builders import FASTING, NPI, TODAY, realistic_patient, set_up_clinic
from tests.factories import make_patient_draft
from tests.reports.pdf_probe import fonts, page_texts

NECESSITY_TEXT = {
    "illness_history": "Recurrent depression since 2009; current episode since March 2023.",
    "clinical_rationale": "Treatment-resistant depression after two adequate trials.",
    "risk_of_stopping": "Relapse within weeks, as after the 2024 taper.",
    "sessions_requested": "36",
}


def text_of(database: Database, actor: Actor, letter_id: int) -> str:
    pdf = letter_pdf(database, actor, letter_id, LetterPurpose.PREVIEW)
    return "\n".join(page_texts(pdf))


def flat(text: str) -> str:
    return " ".join(text.split())


def review(database: Database, actor: Actor, patient_id: int, **changes: object) -> None:
    values: dict[str, object] = {
        "reviewed_on": TODAY,
        "safety_assessment": "No urinary symptoms; blood pressure stable; LFTs normal.",
        "continuation_discussion": "Discussed tapering; the patient prefers to continue.",
        "decision": ReviewDecision.EXTEND_INTERVAL,
        "decision_reasoning": "Stable remission over the year; MADRS 7.",
        "consent_reaffirmed": True,
        "consent_reaffirmed_on": TODAY,
        "cognitive_note": "No cognitive complaints.",
    }
    values.update(changes)
    record_annual_review(
        database,
        actor,
        patient_id,
        AnnualReviewDraft(**values),
        today=TODAY,  # type: ignore[arg-type]
    )


@pytest.fixture
def clinic(database: Database, staff: dict[Role, Actor]) -> dict[Role, Actor]:
    set_up_clinic(database, staff)
    return staff


def test_consent_names_the_treatment_its_plan_and_the_text_version(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic)
    view = generate_letter(
        database, prescriber, built.patient_id, LetterKind.CONSENT_REAFFIRMATION, {}, TODAY
    )
    version = consent_text_version(Modality.IV_KETAMINE)
    assert view.content_version == version and view.template_version.startswith("consent-")
    assert view.signer_npi == NPI and view.title == "Consent reaffirmation: IV ketamine"
    text = flat(text_of(database, prescriber, view.id))
    for fact in (
        "Ada Testperson",
        "04/12/1980",
        "BD-2001",
        "IV ketamine",
        "Off-label",
        "Dose: 0.5 mg/kg IV over 40 min.",
        f"consent text {version}",
        "Witness's signature",
        "Riverside Mood Clinic",
    ):
        assert fact in text, fact
    assert "None" not in text


def test_consent_plan_may_be_written_on_the_form(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic)
    plan = "IV ketamine 0.5 mg/kg every 4 weeks, reviewed every quarter."
    draft = compose_letter(
        database,
        prescriber,
        built.patient_id,
        LetterKind.CONSENT_REAFFIRMATION,
        {"treatment_plan": plan, "witness_name": "Rosa Witness"},
        TODAY,
    )
    assert draft.letter is not None
    assert draft.letter.treatment_plan == plan and draft.letter.witness_name == "Rosa Witness"


def test_medical_necessity_for_tms_holds_what_a_payer_asks_for(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic, modality=Modality.TMS)
    view = generate_letter(
        database, prescriber, built.patient_id, LetterKind.MEDICAL_NECESSITY, NECESSITY_TEXT, TODAY
    )
    assert view.recipient.splitlines()[0] == "Synthetic Health Plan"
    text = flat(text_of(database, prescriber, view.id))
    for fact in (
        "SYN123456789",  # member ID
        "GRP-4421",  # group ID
        "F33.2",
        "Sertraline",
        "200 mg/day",
        "10 weeks",
        "Venlafaxine XR",
        "Partial response",
        "Cognitive behavioural therapy",
        "90867",
        "90868",
        "90869",
        "Sessions requested: 36",
        # HAM-D 24 -> 6 is a 75.0% reduction; BDI-II 38 -> 12 is 68.4% (clinical.scales).
        "75.0% reduction",
        "68.4% reduction",
        "The criterion is met",
        "4 sessions of TMS have been given, from 01/05/2026 to 10/05/2026",
        NPI,
        "Recurrent depression since 2009",
        "Relapse within weeks",
    ):
        assert fact in text, fact


def test_medical_necessity_for_esketamine_names_its_hcpcs_codes(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic, modality=Modality.ESKETAMINE)
    draft = compose_letter(
        database, prescriber, built.patient_id, LetterKind.MEDICAL_NECESSITY, NECESSITY_TEXT, TODAY
    )
    assert draft.letter is not None
    codes = [code.code for code in draft.letter.service.codes]
    assert codes == ["G2082", "G2083", "J0013"]


def test_ketamine_has_no_code_of_its_own_so_the_form_asks_for_one(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic)
    draft = compose_letter(
        database, prescriber, built.patient_id, LetterKind.MEDICAL_NECESSITY, NECESSITY_TEXT, TODAY
    )
    assert [fact.where for fact in draft.missing] == [FixPlace.LETTER_FORM]
    typed = {**NECESSITY_TEXT, "billing_codes": "96365 IV infusion, first hour\nJ3490 ketamine"}
    ready = compose_letter(
        database, prescriber, built.patient_id, LetterKind.MEDICAL_NECESSITY, typed, TODAY
    )
    assert ready.letter is not None
    assert [(c.code, c.description) for c in ready.letter.service.codes] == [
        ("96365", "IV infusion, first hour"),
        ("J3490", "ketamine"),
    ]


def test_annual_summary_holds_the_year_and_the_decision(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic)
    review(database, prescriber, built.patient_id)
    view = generate_letter(
        database, prescriber, built.patient_id, LetterKind.ANNUAL_REVIEW_SUMMARY, {}, TODAY
    )
    text = flat(text_of(database, prescriber, view.id))
    for fact in (
        "Review period 11/20/2025 to 11/20/2026",
        "4 treatments (IV ketamine)",
        "0.5 mg/kg",
        "78.1% reduction",  # MADRS 32 -> 7
        "Headache 3 Severe",
        "Nausea or vomiting 1 Moderate",
        "10/05/2026: Headache (severe)",
        "No urinary symptoms",
        "No cognitive complaints.",
        "Extend the interval between treatments",
        "Stable remission over the year",
        "Urinalysis",
        "Overdue since",
    ):
        assert fact in text, fact


def test_the_summary_covers_the_time_since_the_previous_review(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic)
    review(database, prescriber, built.patient_id, reviewed_on=date(2026, 5, 31))
    review(database, prescriber, built.patient_id)
    draft = compose_letter(
        database, prescriber, built.patient_id, LetterKind.ANNUAL_REVIEW_SUMMARY, {}, TODAY
    )
    assert draft.letter is not None
    assert (draft.letter.period_start, draft.letter.period_end) == (date(2026, 6, 1), TODAY)
    assert [s.on for s in draft.letter.sessions] == [date(2026, 7, 6), date(2026, 10, 5)]
    assert draft.letter.consent.reaffirmed_at_review is True
    assert draft.letter.consent.last_reaffirmed_on == TODAY


def test_booster_schedule_lists_the_sessions_booked_and_the_clinics_rules(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    nurse = clinic[Role.NURSE]
    built = realistic_patient(database, clinic)
    view = generate_letter(
        database,
        nurse,
        built.patient_id,
        LetterKind.BOOSTER_SCHEDULE,
        {"note": "Bring a snack."},
        TODAY,
    )
    assert view.signer_name == "" and view.author_name == nurse.display_name
    text = flat(text_of(database, nurse, view.id))
    for fact in (
        "November 30, 2026",
        "December 21, 2026",
        "January 11, 2027",
        "10:30 AM",
        FASTING,
        "Bring a snack.",
        "Do not drive",
        "(503) 555-0140",
    ):
        assert fact in text, fact


@pytest.mark.parametrize(
    ("family", "given"),
    [("Nguyễn", "Thị Zoë"), ("王", "小明"), ("Ωmega", "Zoë")],
)
def test_names_in_any_script_print_as_written(
    database: Database, clinic: dict[Role, Actor], family: str, given: str
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic, family=family, given=given)
    view = generate_letter(
        database, prescriber, built.patient_id, LetterKind.CONSENT_REAFFIRMATION, {}, TODAY
    )
    pdf = letter_pdf(database, prescriber, view.id, LetterPurpose.PREVIEW)
    first_page = flat(page_texts(pdf)[0])
    assert f"{given} {family}" in first_page
    embedded = [font for font in fonts(pdf) if "/FontFile2" in font.get("/FontDescriptor", {})]
    assert embedded  # the bundled font, not a viewer's substitute


def test_a_patient_with_nothing_on_file_gets_the_list_of_what_is_missing(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    patient_id = create_patient(database, prescriber, make_patient_draft(mrn="EMPTY-1"), TODAY)
    draft = compose_letter(
        database, prescriber, patient_id, LetterKind.MEDICAL_NECESSITY, {}, TODAY
    )
    assert not draft.ready
    places = [fact.where for fact in draft.missing]
    for place in (
        FixPlace.INSURANCE,
        FixPlace.DIAGNOSES,
        FixPlace.MEDICATION_TRIALS,
        FixPlace.COURSE,
        FixPlace.LETTER_FORM,
    ):
        assert place in places, place
    words = " ".join(fact.description for fact in draft.missing)
    assert "No failed medication trial is on file" in words
    assert "None" not in words

    with pytest.raises(MissingFactsError) as refused:
        generate_letter(database, prescriber, patient_id, LetterKind.MEDICAL_NECESSITY, {}, TODAY)
    assert refused.value.missing == draft.missing
    assert {p.field for p in refused.value.problems} == {f.where.value for f in draft.missing}
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(ArchivedLetter)) == 0


def test_each_kind_lists_its_own_missing_facts(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    patient_id = create_patient(database, prescriber, make_patient_draft(mrn="EMPTY-2"), TODAY)
    expected = {
        LetterKind.CONSENT_REAFFIRMATION: [FixPlace.COURSE],
        LetterKind.ANNUAL_REVIEW_SUMMARY: [FixPlace.ANNUAL_REVIEW],
        LetterKind.BOOSTER_SCHEDULE: [FixPlace.CALENDAR],
    }
    for kind, places in expected.items():
        draft = compose_letter(database, prescriber, patient_id, kind, {}, TODAY)
        assert [fact.where for fact in draft.missing] == places, kind


def test_no_letterhead_and_no_npi_point_to_their_settings(
    database: Database, staff: dict[Role, Actor]
) -> None:
    prescriber = staff[Role.PRESCRIBER]
    built = realistic_patient(database, staff, modality=Modality.TMS)
    draft = compose_letter(
        database, prescriber, built.patient_id, LetterKind.MEDICAL_NECESSITY, NECESSITY_TEXT, TODAY
    )
    assert [fact.where for fact in draft.missing] == [
        FixPlace.LETTERHEAD_SETTINGS,
        FixPlace.PRESCRIBER_DETAILS,
    ]


def test_a_bad_number_of_sessions_is_refused_naming_the_field(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic, modality=Modality.TMS)
    for typed in ("thirty", "0", "501"):
        with pytest.raises(InvalidEntryError) as refused:
            compose_letter(
                database,
                prescriber,
                built.patient_id,
                LetterKind.MEDICAL_NECESSITY,
                {**NECESSITY_TEXT, "sessions_requested": typed},
                TODAY,
            )
        assert [p.field for p in refused.value.problems] == ["sessions_requested"]
    ok = compose_letter(
        database,
        prescriber,
        built.patient_id,
        LetterKind.MEDICAL_NECESSITY,
        {**NECESSITY_TEXT, "sessions_requested": "500"},
        TODAY,
    )
    assert ok.letter is not None and ok.letter.service.sessions_requested == 500


def test_generating_twice_archives_two_letters_each_reprinting_its_own_bytes(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic)
    first = generate_letter(
        database, prescriber, built.patient_id, LetterKind.BOOSTER_SCHEDULE, {}, TODAY
    )
    second = generate_letter(
        database, prescriber, built.patient_id, LetterKind.BOOSTER_SCHEDULE, {"note": "x"}, TODAY
    )
    assert first.sha256 != second.sha256
    assert [v.id for v in patient_letters(database, prescriber, built.patient_id)] == [
        second.id,
        first.id,
    ]
    again = letter_pdf(database, prescriber, first.id, LetterPurpose.PRINT)
    assert hashlib.sha256(again).hexdigest() == first.sha256


def test_free_text_fields_and_names_of_each_kind() -> None:
    assert [f.key for f in free_text_fields(LetterKind.MEDICAL_NECESSITY)][:4] == [
        "illness_history",
        "clinical_rationale",
        "risk_of_stopping",
        "sessions_requested",
    ]
    for kind in LetterKind:
        assert kind_named(short_name(kind)) is kind and kind_named(kind.value) is kind
    with pytest.raises(ValueError, match="Not a letter kind"):
        kind_named("postcard")


def test_letters_generate_from_worker_threads_at_once(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    """The batch screen calls generate_letter from a thread pool: each call opens its own
    sessions on the shared Database, and the audit chain stays whole."""
    prescriber = clinic[Role.PRESCRIBER]
    ids = [realistic_patient(database, clinic, mrn=f"BD-30{n}").patient_id for n in range(3)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        views = list(
            pool.map(
                lambda pid: generate_letter(
                    database, prescriber, pid, LetterKind.CONSENT_REAFFIRMATION, {}, TODAY
                ),
                ids,
            )
        )
    assert sorted(v.patient_id for v in views) == sorted(ids)
    for view in views:
        pdf = letter_pdf(database, prescriber, view.id, LetterPurpose.PRINT)
        assert hashlib.sha256(pdf).hexdigest() == view.sha256
    assert verify_chain(database, database.audit.keys).intact


def test_a_part_the_letter_does_not_have_is_refused(
    database: Database, clinic: dict[Role, Actor]
) -> None:
    prescriber = clinic[Role.PRESCRIBER]
    built = realistic_patient(database, clinic)
    with pytest.raises(InvalidEntryError) as refused:
        compose_letter(
            database,
            prescriber,
            built.patient_id,
            LetterKind.BOOSTER_SCHEDULE,
            {"colour": "blue", "note": "ok"},
            TODAY,
        )
    (problem,) = refused.value.problems
    assert problem.field == "colour"
    assert problem.message == (
        "This letter has no part called colour (its parts: note, contact_phone)."
    )
