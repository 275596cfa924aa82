"""The letterhead settings, prescribers' signing details and the NPI check digit."""

import io
import json

import pytest
from PIL import Image
from sqlalchemy import select

from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.database import Database
from db.errors import InvalidEntryError
from db.letters.letterhead import (
    LetterheadDraft,
    letterhead_settings,
    load_fasting_wording,
    load_letterhead,
    prescriber_details,
    prescriber_identity,
    save_letterhead,
    save_prescriber_details,
)
from db.letters.npi import luhn_check_digit, npi_problem
from db.models import AuditEvent
from reports.model import PageSize


def png(width: int = 40, height: int = 20) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 10), "navy").save(out, "JPEG")
    return out.getvalue()


DRAFT = LetterheadDraft(
    clinic_name="Riverside Mood Clinic",
    address_lines=("12 Weir Road", "Suite 310", "Millbrook, OR 97000"),
    phone="(503) 555-0140",
    fax="(503) 555-0141",
    logo=png(),
    page_size=PageSize.A4,
    fasting_wording="Nothing to eat for 2 hours before your session.",
)


def settings_changes(database: Database) -> list[tuple[str, str | None]]:
    with database.reading() as session:
        return [
            (row.detail, row.prior_version)
            for row in session.scalars(
                select(AuditEvent).where(AuditEvent.action == "setting change")
            )
        ]


# NPI -------------------------------------------------------------------------------------


def test_cms_example_npi_passes_and_every_other_check_digit_fails() -> None:
    # CMS, NPI check digit: 123456789 with the implied 80840 prefix takes check digit 3.
    assert luhn_check_digit("80840123456789") == 3
    assert npi_problem("1234567893") is None
    for wrong in "012456789":
        assert npi_problem(f"123456789{wrong}") is not None, wrong


@pytest.mark.parametrize("npi", ["123456789", "12345678931", "12345678x3", "１２３４５６７８９３"])
def test_an_npi_of_the_wrong_shape_is_refused_with_its_rule(npi: str) -> None:
    assert npi_problem(npi) == "The NPI is 10 digits."


def test_a_mistyped_npi_says_a_digit_is_probably_wrong() -> None:
    problem = npi_problem("1234567839")  # two digits swapped
    assert problem is not None and "check digit" in problem


# Letterhead ------------------------------------------------------------------------------


def test_no_letterhead_until_the_clinic_name_is_set(database: Database) -> None:
    assert load_letterhead(database) is None
    assert letterhead_settings(database) == LetterheadDraft()
    assert load_fasting_wording(database) == ""


def test_letterhead_saved_and_loaded_whole(database: Database, staff: dict[Role, Actor]) -> None:
    save_letterhead(database, staff[Role.ADMINISTRATOR], DRAFT)
    letterhead = load_letterhead(database)
    assert letterhead is not None
    assert letterhead.clinic_name == "Riverside Mood Clinic"
    assert letterhead.address_lines == ("12 Weir Road", "Suite 310", "Millbrook, OR 97000")
    assert (letterhead.phone, letterhead.fax) == ("(503) 555-0140", "(503) 555-0141")
    assert letterhead.logo == DRAFT.logo
    assert letterhead.page_size is PageSize.A4
    assert load_fasting_wording(database) == "Nothing to eat for 2 hours before your session."
    assert letterhead_settings(database) == DRAFT


def test_each_change_is_audited_with_the_value_before_and_the_logo_by_its_hash(
    database: Database, staff: dict[Role, Actor]
) -> None:
    admin = staff[Role.ADMINISTRATOR]
    save_letterhead(database, admin, DRAFT)
    first = settings_changes(database)
    # Six parts changed from their defaults (page size was Letter), and the logo.
    assert len(first) == 7
    logo_rows = [detail for detail, _ in first if detail.startswith("letterhead logo")]
    assert len(logo_rows) == 1 and "none -> sha256 " in logo_rows[0]
    assert all("iVBOR" not in detail for detail, _ in first)  # no picture in the trail

    save_letterhead(
        database, admin, LetterheadDraft(**{**DRAFT.__dict__, "phone": "(503) 555-0199"})
    )
    second = settings_changes(database)[len(first) :]
    assert len(second) == 1
    detail, prior = second[0]
    assert detail == 'letterhead_phone = "(503) 555-0199"'
    assert prior is not None and json.loads(json.loads(prior)["value_json"]) == "(503) 555-0140"

    save_letterhead(database, admin, LetterheadDraft(**{**DRAFT.__dict__, "logo": None}))
    assert load_letterhead(database).logo is None  # type: ignore[union-attr]
    assert settings_changes(database)[-1][0].endswith("-> none")


def test_only_the_administrator_changes_the_letterhead(
    database: Database, staff: dict[Role, Actor]
) -> None:
    with pytest.raises(PermissionDeniedError):
        save_letterhead(database, staff[Role.PRESCRIBER], DRAFT)
    assert load_letterhead(database) is None


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"clinic_name": "  "}, "clinic_name", "clinic's name"),
        ({"clinic_name": "x" * 121}, "clinic_name", "120 characters"),
        ({"address_lines": ("a", "b", "c", "d", "e")}, "address_lines", "4 lines"),
        ({"address_lines": ("x" * 81,)}, "address_lines", "80 characters"),
        ({"phone": "5" * 41}, "phone", "phone number"),
        ({"logo": b"GIF89a..."}, "logo", "PNG or JPEG"),
        ({"logo": b"\x89PNG\r\n\x1a\nnot really"}, "logo", "could not be read"),
        ({"fasting_wording": "x" * 1001}, "fasting_wording", "1000 characters"),
    ],
)
def test_a_bad_letterhead_is_refused_naming_the_field(
    database: Database, staff: dict[Role, Actor], change: dict, field: str, words: str
) -> None:
    with pytest.raises(InvalidEntryError) as refused:
        save_letterhead(
            database, staff[Role.ADMINISTRATOR], LetterheadDraft(**{**DRAFT.__dict__, **change})
        )
    assert [p.field for p in refused.value.problems] == [field]
    assert words in refused.value.problems[0].message
    assert load_letterhead(database) is None


def test_limits_hold_on_their_boundaries(database: Database, staff: dict[Role, Actor]) -> None:
    at_limit = LetterheadDraft(
        clinic_name="x" * 120,
        address_lines=("y" * 80,) * 4,
        phone="5" * 40,
        fasting_wording="z" * 1000,
        logo=jpeg(),
    )
    save_letterhead(database, staff[Role.ADMINISTRATOR], at_limit)
    assert letterhead_settings(database) == at_limit


# Prescriber details ----------------------------------------------------------------------


def test_a_prescriber_keeps_their_own_details_and_signature(
    database: Database, staff: dict[Role, Actor]
) -> None:
    me = staff[Role.PRESCRIBER]
    signature = png(120, 40)
    save_prescriber_details(database, me, me.user_id, "MD", "1234567893", signature)
    identity = prescriber_identity(database, me.user_id)
    assert (identity.name, identity.credentials, identity.npi) == (
        me.display_name,
        "MD",
        "1234567893",
    )
    assert identity.signature == signature
    details = prescriber_details(database, me, me.user_id)
    assert details.signature == signature and details.role is Role.PRESCRIBER
    with database.reading() as session:
        details_rows = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.category == "accounts")
        ).all()
    assert "credentials and NPI" in details_rows
    assert any(d.startswith("signature image: none -> sha256 ") for d in details_rows)


def test_the_administrator_may_set_anyones_details_others_may_not(
    database: Database, staff: dict[Role, Actor]
) -> None:
    prescriber = staff[Role.PRESCRIBER]
    save_prescriber_details(
        database, staff[Role.ADMINISTRATOR], prescriber.user_id, "DO", "1234567893", None
    )
    assert prescriber_identity(database, prescriber.user_id).credentials == "DO"
    for role in (Role.CLINICIAN, Role.NURSE, Role.FRONT_DESK):
        with pytest.raises(PermissionDeniedError):
            save_prescriber_details(
                database, staff[role], prescriber.user_id, "MD", "1234567893", None
            )
    # A clinician is not a prescriber: not even their own signing details.
    clinician = staff[Role.CLINICIAN]
    with pytest.raises(PermissionDeniedError):
        save_prescriber_details(database, clinician, clinician.user_id, "RN", "", None)


def test_a_bad_npi_is_refused_with_a_clear_message(
    database: Database, staff: dict[Role, Actor]
) -> None:
    me = staff[Role.PRESCRIBER]
    with pytest.raises(InvalidEntryError) as refused:
        save_prescriber_details(database, me, me.user_id, "MD", "1234567890", None)
    (problem,) = refused.value.problems
    assert problem.field == "npi" and "check digit" in problem.message
    assert prescriber_identity(database, me.user_id).npi == ""


def test_removing_the_signature(database: Database, staff: dict[Role, Actor]) -> None:
    me = staff[Role.PRESCRIBER]
    save_prescriber_details(database, me, me.user_id, "MD", "1234567893", png())
    save_prescriber_details(database, me, me.user_id, "MD", "1234567893", None)
    assert prescriber_identity(database, me.user_id).signature is None
