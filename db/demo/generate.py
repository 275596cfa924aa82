"""Build a synthetic clinic quickly enough for 20,000 patients in well under a minute.

Rows go in through bulk inserts in one transaction: the workflows validate one entry at a
time, which is right for a clinician and far too slow for a generator.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from faker import Faker
from sqlalchemy import insert

from clinical.record.enums import AllergySeverity, PatientStatus, Sex, TrialOutcome
from db.base import utc_now
from db.database import Database
from db.demo.calendar import generate_demo_calendar
from db.demo.catalogue import (
    ALLERGIES,
    ANTIDEPRESSANTS,
    AUGMENTATION,
    DIAGNOSES,
    NAME_LOCALES,
    PAYERS,
    PRESCRIBERS,
    SECONDARY_DIAGNOSES,
    THERAPIES,
)
from db.demo.letters import generate_demo_letters
from db.demo.monitoring import generate_demo_monitoring
from db.demo.scores import PatientFacts, ScoreHistories
from db.demo.sessions import generate_demo_sessions
from db.models import Allergy, Diagnosis, MedicationTrial, Patient, PsychotherapyTrial

BATCH = 2000


@dataclass(frozen=True)
class DemoSummary:
    patients: int
    diagnoses: int
    medication_trials: int
    psychotherapy_trials: int
    allergies: int
    scale_results: int = 0
    safety_alerts: int = 0


class _ClinicFaker:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        locales = [locale for locale, _ in NAME_LOCALES]
        self._weights = [weight for _, weight in NAME_LOCALES]
        self._fakers = {locale: Faker(locale) for locale in locales}
        self._us = self._fakers["en_US"]
        for index, faker in enumerate(self._fakers.values()):
            faker.seed_instance(seed * 100 + index)

    def name(self, sex: Sex) -> tuple[str, str]:
        locale = self.random.choices(list(self._fakers), self._weights)[0]
        faker = self._fakers[locale]
        given = faker.first_name_female() if sex is Sex.FEMALE else faker.first_name_male()
        return faker.last_name(), given

    def patient_row(self, number: int, today: date) -> dict[str, Any]:
        r = self.random
        sex = r.choices([Sex.FEMALE, Sex.MALE, Sex.INTERSEX, Sex.UNKNOWN], [55, 43, 1, 1])[0]
        family, given = self.name(sex)
        age_days = r.randint(19 * 365, 78 * 365)
        payer, payer_address = r.choice(PAYERS)
        us = self._us
        now = utc_now()
        return {
            "mrn": f"BD-{number:06d}",
            "legal_family_name": family,
            "legal_given_names": given,
            "preferred_name": given.split()[0] if r.random() < 0.15 else "",
            "date_of_birth": today - timedelta(days=age_days),
            "sex": sex,
            "phone": f"555-{r.randint(100, 999):03d}-{r.randint(0, 9999):04d}",
            "email": f"patient{number}@example.org",
            "address_line1": us.street_address(),
            "address_line2": "",
            "city": us.city(),
            "region": us.state_abbr(),
            "postal_code": us.postcode(),
            "country": "USA",
            "emergency_contact_name": us.name(),
            "emergency_contact_relation": r.choice(["Spouse", "Parent", "Sibling", "Friend"]),
            "emergency_contact_phone": f"555-{r.randint(100, 999):03d}-{r.randint(0, 9999):04d}",
            "education_years": r.choice([10, 12, 12, 14, 16, 16, 18, 20]),
            "weight_kg": Decimal(r.randint(480, 1200)) / 10,
            "insurance_payer": payer,
            "insurance_member_id": f"{payer[:3].upper()}{r.randint(10**8, 10**9 - 1)}",
            "insurance_group_number": f"G{r.randint(1000, 99999)}",
            "insurance_payer_address": payer_address,
            "primary_prescriber": r.choice(PRESCRIBERS),
            "status": r.choices(list(PatientStatus), [85, 10, 5])[0],
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }


def _history(fake: _ClinicFaker, patient_id: int, today: date) -> dict[str, list[dict]]:
    r = fake.random
    code, text, _ = r.choices(DIAGNOSES, [weight for *_, weight in DIAGNOSES])[0]
    noted = today - timedelta(days=r.randint(200, 3000))
    diagnoses = [
        dict(
            patient_id=patient_id,
            icd10_code=code,
            description=text,
            is_primary=True,
            noted_on=noted,
            version=1,
        )
    ]
    if r.random() < 0.35:
        extra_code, extra_text = r.choice(SECONDARY_DIAGNOSES)
        if extra_code != code:
            diagnoses.append(
                dict(
                    patient_id=patient_id,
                    icd10_code=extra_code,
                    description=extra_text,
                    is_primary=False,
                    noted_on=noted + timedelta(days=r.randint(0, 300)),
                    version=1,
                )
            )

    trials = []
    start = noted - timedelta(days=r.randint(0, 200))
    drugs = r.sample(ANTIDEPRESSANTS, r.randint(2, 5))
    if r.random() < 0.4:
        drugs.append(r.choice(AUGMENTATION))
    for drug, drug_class, dose in drugs:
        weeks = r.randint(6, 16)
        end = min(start + timedelta(weeks=weeks + r.randint(0, 6)), today - timedelta(days=30))
        outcome = r.choices(
            [TrialOutcome.NO_RESPONSE, TrialOutcome.PARTIAL_RESPONSE, TrialOutcome.INTOLERANCE],
            [50, 30, 20],
        )[0]
        if outcome is TrialOutcome.INTOLERANCE:
            weeks = r.randint(1, 4)
            end = start + timedelta(weeks=weeks)
        trials.append(
            dict(
                patient_id=patient_id,
                drug=drug,
                drug_class=drug_class,
                dose_amount=dose,
                dose_unit="mg/day",
                start_date=start,
                end_date=end,
                weeks_at_adequate_dose=weeks,
                outcome=outcome,
                notes="Stopped for nausea and sweating"
                if outcome is TrialOutcome.INTOLERANCE
                else "",
                version=1,
            )
        )
        start = end + timedelta(days=r.randint(3, 60))

    therapies = []
    for _ in range(r.randint(0, 2)):
        begin = noted - timedelta(days=r.randint(0, 700))
        sessions = r.randint(8, 24)
        therapies.append(
            dict(
                patient_id=patient_id,
                modality=r.choice(THERAPIES),
                start_date=begin,
                end_date=begin + timedelta(weeks=sessions),
                sessions=sessions,
                outcome=r.choice([TrialOutcome.PARTIAL_RESPONSE, TrialOutcome.NO_RESPONSE]),
                notes="",
                version=1,
            )
        )

    allergies = []
    if r.random() < 0.2:
        substance, reaction = r.choice(ALLERGIES)
        allergies.append(
            dict(
                patient_id=patient_id,
                substance=substance,
                reaction=reaction,
                severity=r.choice(list(AllergySeverity)),
                version=1,
            )
        )
    return {
        "diagnoses": diagnoses,
        "trials": trials,
        "therapies": therapies,
        "allergies": allergies,
    }


def generate_demo_clinic(
    database: Database, patients: int, seed: int, today: date | None = None
) -> DemoSummary:
    """Add `patients` synthetic patients with their histories and rating-scale courses, in one
    transaction."""
    today = today or date.today()
    fake = _ClinicFaker(seed)
    counts = {"diagnoses": 0, "trials": 0, "therapies": 0, "allergies": 0}
    targets = {
        "diagnoses": Diagnosis,
        "trials": MedicationTrial,
        "therapies": PsychotherapyTrial,
        "allergies": Allergy,
    }
    with database.transaction() as session:
        scores = ScoreHistories(session, seed, today)
        for batch_start in range(1, patients + 1, BATCH):
            numbers = range(batch_start, min(batch_start + BATCH, patients + 1))
            rows = [fake.patient_row(number, today) for number in numbers]
            ids = session.scalars(insert(Patient).returning(Patient.id), rows).all()
            children: dict[str, list[dict]] = {key: [] for key in targets}
            for patient_id in ids:
                for key, values in _history(fake, patient_id, today).items():
                    children[key].extend(values)
            for key, model in targets.items():
                if children[key]:
                    session.execute(insert(model), children[key])
                    counts[key] += len(children[key])
            scores.add(
                session,
                [
                    PatientFacts(patient_id, row["education_years"], row["status"])
                    for patient_id, row in zip(ids, rows, strict=True)
                ],
            )
    generate_demo_calendar(database, seed, today)
    generate_demo_sessions(database, seed, today)
    generate_demo_monitoring(database, seed, today)
    generate_demo_letters(database, seed)
    return DemoSummary(
        patients=patients,
        diagnoses=counts["diagnoses"],
        medication_trials=counts["trials"],
        psychotherapy_trials=counts["therapies"],
        allergies=counts["allergies"],
        scale_results=scores.results,
        safety_alerts=scores.alerts,
    )
