"""Plain-data fixtures for the report tests: a clinic, a signing prescriber (``signer``;
``prescriber`` is the database fixture), a payer, a patient, and images made in memory."""

from datetime import date

import pytest

from reports import Letterhead, PageSize, PatientIdentity, Prescriber, Recipient
from tests.reports.samples import CLINIC, png


@pytest.fixture
def letterhead() -> Letterhead:
    return Letterhead(
        clinic_name=CLINIC,
        address_lines=("1200 Harbor Boulevard, Suite 310", "Long Beach, CA 90802"),
        phone="(562) 555-0143",
        fax="(562) 555-0199",
        page_size=PageSize.LETTER,
    )


@pytest.fixture
def recipient() -> Recipient:
    return Recipient(
        "Utilization Management",
        ("Blue Harbor Health Plan", "PO Box 4455", "Sacramento, CA 95812-4455"),
    )


@pytest.fixture
def patient() -> PatientIdentity:
    return PatientIdentity("Nguyễn Thị Lan", date(1980, 3, 14))


@pytest.fixture
def signer() -> Prescriber:
    return Prescriber("Maria Okafor", "MD", "1234567893", signature=png(600, 160, "navy"))
