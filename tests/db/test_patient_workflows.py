from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from clinical.record.drafts import (
    AllergyDraft,
    DiagnosisDraft,
    MedicationTrialDraft,
    PsychotherapyTrialDraft,
)
from clinical.record.enums import DrugClass, PsychotherapyModality, TrialOutcome
from db.accounts.actor import Actor
from db.database import Database
from db.errors import InvalidEntryError, StaleEditError
from db.patients import workflows
from db.patients.repository import count_patients, list_patient_rows, load_chart
from tests.factories import make_patient_draft

TODAY = date(2026, 11, 21)


def chart(database: Database, patient_id: int):
    with database.reading() as session:
        return load_chart(session, patient_id)


def test_create_patient_stores_every_field(database: Database, prescriber: Actor) -> None:
    draft = make_patient_draft(
        mrn=" bd-77 ",
        legal_family_name="Nguyễn",
        legal_given_names="Thị Lan",
        preferred_name="Lan",
        weight_kg=Decimal("61.5"),
        insurance_member_id="XJ-9",
    )
    patient_id = workflows.create_patient(database, prescriber, draft, TODAY)
    saved = chart(database, patient_id)
    assert saved.patient.mrn == "BD-77"
    assert saved.patient.legal_family_name == "Nguyễn"
    assert saved.patient.weight_kg == Decimal("61.5")
    assert saved.patient.insurance_member_id == "XJ-9"
    assert saved.version == 1


def test_duplicate_mrn_differing_only_in_case_is_refused_and_first_kept(
    database: Database, prescriber: Actor
) -> None:
    workflows.create_patient(database, prescriber, make_patient_draft(mrn="BD-1"), TODAY)
    with pytest.raises(InvalidEntryError) as refused:
        workflows.create_patient(
            database, prescriber, make_patient_draft(mrn="bd-1", legal_family_name="Other"), TODAY
        )
    assert str(refused.value) == "MRN BD-1 already belongs to another patient."
    with database.reading() as session:
        rows = list_patient_rows(session)
    assert [(r.mrn, r.legal_family_name) for r in rows] == [("BD-1", "Testperson")]


def test_future_birth_date_saves_nothing(database: Database, prescriber: Actor) -> None:
    with pytest.raises(InvalidEntryError, match="in the future"):
        workflows.create_patient(
            database, prescriber, make_patient_draft(date_of_birth=date(2030, 1, 1)), TODAY
        )
    with database.reading() as session:
        assert count_patients(session) == 0


def test_update_against_stale_version_is_refused_and_the_newer_edit_survives(
    database: Database, prescriber: Actor
) -> None:
    patient_id = workflows.create_patient(database, prescriber, make_patient_draft(), TODAY)
    opened = chart(database, patient_id)
    workflows.update_patient(
        database,
        prescriber,
        patient_id,
        opened.version,
        replace(opened.patient, phone="555-0101"),
        TODAY,
    )
    with pytest.raises(
        StaleEditError, match=r"changed by Synthetic Prescriber at \d{4}-\d\d-\d\d \d\d:\d\d"
    ):
        workflows.update_patient(
            database,
            prescriber,
            patient_id,
            opened.version,
            replace(opened.patient, phone="555-9999"),
            TODAY,
        )
    assert chart(database, patient_id).patient.phone == "555-0101"


def test_changing_mrn_to_anothers_is_refused(database: Database, prescriber: Actor) -> None:
    workflows.create_patient(database, prescriber, make_patient_draft(mrn="A-1"), TODAY)
    second = workflows.create_patient(database, prescriber, make_patient_draft(mrn="A-2"), TODAY)
    opened = chart(database, second)
    with pytest.raises(InvalidEntryError, match="already belongs"):
        workflows.update_patient(
            database, prescriber, second, opened.version, replace(opened.patient, mrn="a-1"), TODAY
        )
    assert chart(database, second).patient.mrn == "A-2"


def test_first_diagnosis_becomes_primary_and_a_new_primary_demotes_the_old(
    database: Database, prescriber: Actor
) -> None:
    patient_id = workflows.create_patient(database, prescriber, make_patient_draft(), TODAY)
    workflows.save_diagnosis(
        database,
        prescriber,
        patient_id,
        DiagnosisDraft("f332", "MDD, recurrent, severe"),
        today=TODAY,
    )
    assert chart(database, patient_id).primary_diagnosis.icd10_code == "F33.2"
    workflows.save_diagnosis(
        database,
        prescriber,
        patient_id,
        DiagnosisDraft("F41.1", "GAD", is_primary=False),
        today=TODAY,
    )
    assert chart(database, patient_id).primary_diagnosis.icd10_code == "F33.2"
    workflows.save_diagnosis(
        database,
        prescriber,
        patient_id,
        DiagnosisDraft("F43.12", "PTSD, chronic", is_primary=True),
        today=TODAY,
    )
    saved = chart(database, patient_id)
    assert [d.draft.is_primary for d in saved.diagnoses] == [False, False, True]


def test_invalid_icd10_code_is_refused_and_existing_diagnoses_kept(
    database: Database, prescriber: Actor
) -> None:
    patient_id = workflows.create_patient(database, prescriber, make_patient_draft(), TODAY)
    workflows.save_diagnosis(
        database, prescriber, patient_id, DiagnosisDraft("F33.2", "MDD"), today=TODAY
    )
    with pytest.raises(InvalidEntryError, match="not an ICD-10-CM code"):
        workflows.save_diagnosis(
            database, prescriber, patient_id, DiagnosisDraft("33.2", "x"), today=TODAY
        )
    assert [d.draft.icd10_code for d in chart(database, patient_id).diagnoses] == ["F33.2"]


def test_trials_and_allergies_round_trip_edit_and_delete(
    database: Database, prescriber: Actor
) -> None:
    patient_id = workflows.create_patient(database, prescriber, make_patient_draft(), TODAY)
    trial = MedicationTrialDraft(
        "Sertraline",
        DrugClass.SSRI,
        Decimal("150"),
        "mg/day",
        date(2023, 1, 1),
        date(2023, 4, 1),
        10,
        TrialOutcome.NO_RESPONSE,
        "no change in PHQ-9",
    )
    trial_id = workflows.save_medication_trial(database, prescriber, patient_id, trial, today=TODAY)
    workflows.save_psychotherapy_trial(
        database,
        prescriber,
        patient_id,
        PsychotherapyTrialDraft(
            PsychotherapyModality.CBT,
            date(2022, 1, 1),
            date(2022, 6, 1),
            16,
            TrialOutcome.PARTIAL_RESPONSE,
        ),
        today=TODAY,
    )
    workflows.save_allergy(database, prescriber, patient_id, AllergyDraft("Penicillin", "rash"))
    saved = chart(database, patient_id)
    assert saved.medication_trials[0].draft == trial
    assert saved.psychotherapy_trials[0].draft.sessions == 16
    assert saved.allergies[0].draft.substance == "Penicillin"

    workflows.save_medication_trial(
        database,
        prescriber,
        patient_id,
        replace(trial, outcome=TrialOutcome.INTOLERANCE),
        record_id=trial_id,
        expected_version=1,
        today=TODAY,
    )
    assert chart(database, patient_id).medication_trials[0].draft.outcome is (
        TrialOutcome.INTOLERANCE
    )
    with pytest.raises(StaleEditError):
        workflows.delete_entry(database, prescriber, patient_id, MedicationTrialDraft, trial_id, 1)
    workflows.delete_entry(database, prescriber, patient_id, MedicationTrialDraft, trial_id, 2)
    assert chart(database, patient_id).medication_trials == ()


def test_end_date_before_start_date_saves_nothing(database: Database, prescriber: Actor) -> None:
    patient_id = workflows.create_patient(database, prescriber, make_patient_draft(), TODAY)
    bad = MedicationTrialDraft(
        "Bupropion",
        DrugClass.ATYPICAL,
        Decimal("300"),
        "mg/day",
        date(2023, 5, 1),
        date(2023, 4, 1),
        None,
        TrialOutcome.NO_RESPONSE,
    )
    with pytest.raises(InvalidEntryError, match="before the start date"):
        workflows.save_medication_trial(database, prescriber, patient_id, bad, today=TODAY)
    assert chart(database, patient_id).medication_trials == ()


def test_a_failure_midway_rolls_back_the_whole_save(database: Database, prescriber: Actor) -> None:
    """The unit of work commits whole or not at all."""
    from db.models import Patient

    with pytest.raises(RuntimeError), database.transaction() as session:
        session.add(Patient(**vars(make_patient_draft(mrn="ROLLBACK-1")) | {}))
        session.flush()
        raise RuntimeError("power cut")
    with database.reading() as session:
        assert count_patients(session) == 0
