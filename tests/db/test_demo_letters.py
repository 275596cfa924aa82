"""The demo clinic prints letters: a letterhead with its logo, each prescriber's signature
and NPI, and annual reviews that close their checklist items."""

from datetime import date

from sqlalchemy import select

from clinical.monitoring import ItemState
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.database import Database
from db.demo.generate import generate_demo_clinic
from db.demo.letterhead import demo_logo, demo_signature
from db.letters import LetterKind
from db.letters.letterhead import load_fasting_wording, load_letterhead, prescriber_identity
from db.letters.npi import npi_problem
from db.letters.workflows import compose_letter
from db.models import AnnualReview, TreatmentCourse, UserAccount
from db.monitoring.workflows import patient_checklist
from reports.model import image_kind

TODAY = date(2026, 11, 23)


def test_demo_images_are_pngs_and_signatures_differ() -> None:
    assert image_kind(demo_logo()) == "png"
    assert demo_signature(1) != demo_signature(2)
    assert image_kind(demo_signature(1)) == "png"


def test_the_demo_clinic_has_a_letterhead_and_prescribers_who_can_sign(
    database: Database, staff: dict[Role, Actor]
) -> None:
    generate_demo_clinic(database, patients=40, seed=3, today=TODAY)
    letterhead = load_letterhead(database)
    assert letterhead is not None and letterhead.clinic_name == "Riverside Mood Clinic"
    assert letterhead.logo is not None and load_fasting_wording(database)
    signer = prescriber_identity(database, staff[Role.PRESCRIBER].user_id)
    assert signer.signature is not None
    with database.reading() as session:
        npis = session.scalars(select(UserAccount.npi).where(UserAccount.npi != "")).all()
    assert all(npi_problem(npi) is None for npi in npis)


def test_demo_reviews_close_their_items_and_their_summary_composes(
    database: Database, staff: dict[Role, Actor]
) -> None:
    prescriber = staff[Role.PRESCRIBER]
    generate_demo_clinic(database, patients=40, seed=3, today=TODAY)
    with database.reading() as session:
        reviews = session.execute(select(AnnualReview.patient_id, AnnualReview.reviewed_on)).all()
        open_course = session.scalar(
            select(TreatmentCourse.patient_id).where(TreatmentCourse.closed_on.is_(None))
        )
    assert reviews
    for patient_id, reviewed_on in reviews:
        checklist = patient_checklist(database, prescriber, patient_id, TODAY)
        for code in (
            "annual_safety_assessment",
            "continuation_discussion",
            "consent_reaffirmation",
        ):
            last_done = checklist.item(code).last_done
            assert last_done is not None and last_done >= reviewed_on, (patient_id, code)
            assert checklist.item(code).state is ItemState.DONE
    ready = [
        compose_letter(database, prescriber, pid, LetterKind.ANNUAL_REVIEW_SUMMARY, {}, TODAY).ready
        for pid, _ in reviews
    ]
    assert any(ready)
    consent = compose_letter(
        database, prescriber, open_course, LetterKind.CONSENT_REAFFIRMATION, {}, TODAY
    )
    assert consent.ready, consent.missing
