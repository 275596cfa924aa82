"""The consent reaffirmation: the open course's treatment and plan, for the patient to
sign again each year (seed 002 "Annually"; clinical-reference.md §4)."""

from collections.abc import Mapping
from datetime import date

from sqlalchemy.orm import Session

from db.letters.compose.common import (
    FreeTextField,
    Gathered,
    check_free_text,
    finish,
    letter_patient,
    open_course,
)
from db.letters.compose.plan import plan_text
from db.letters.draft import FixPlace, LetterDraft
from db.models import Patient
from reports.letters import ConsentReaffirmation, missing_facts
from reports.model import Letterhead, Prescriber

FIELDS = (
    FreeTextField(
        "treatment_plan",
        "Treatment plan",
        multiline=True,
        hint="Leave empty to print the plan of the open course.",
    ),
    FreeTextField("witness_name", "Witness", hint="Leave empty to leave a line for it."),
)


def compose_consent(
    session: Session,
    patient: Patient,
    letterhead: Letterhead | None,
    prescriber: Prescriber,
    free_text: Mapping[str, str],
    today: date,
) -> LetterDraft[ConsentReaffirmation]:
    text = check_free_text(free_text, FIELDS)
    gathered = Gathered()
    if letterhead is None:
        gathered.lack("The clinic's letterhead is not set up.", FixPlace.LETTERHEAD_SETTINGS)
    course = open_course(session, patient.id)
    if course is None:
        gathered.lack(
            "No open treatment course: the consent names the treatment and its plan.",
            FixPlace.COURSE,
        )
    plan = text["treatment_plan"] or (plan_text(course) if course is not None else "")

    def build() -> ConsentReaffirmation:
        assert letterhead is not None and course is not None
        return ConsentReaffirmation(
            letterhead=letterhead,
            prescriber=prescriber,
            patient=letter_patient(patient),
            modality=course.modality,
            treatment_plan=plan,
            letter_date=today,
            witness_name=text["witness_name"],
        )

    return finish(gathered, build, missing_facts, FixPlace.COURSE)
