"""Writing each letter from the chart's Letters tab by clicks and typing: the preview in the
program, printing through the print dialog, the archived copy and its reprint."""

import hashlib
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import AnnualReviewDraft
from db.annual_reviews.workflows import record_annual_review
from db.database import Database
from db.letters import FixPlace, LetterKind
from db.letters.archive import pdf_page_count
from db.letters.workflows import generate_letter
from db.models import AuditEvent
from db.patients.workflows import create_patient
from tests.db.letter_builders import TODAY, realistic_patient, set_up_clinic
from tests.factories import make_patient_draft
from tests.ui.letter_screens import click_tab, pdf_printer, shoot
from ui.letters.composer_dialog import LetterComposerDialog
from ui.patients.chart_page import ChartPage
from ui.workspace import Workspace


@pytest.fixture
def chart(qtbot, database: Database, staff: dict[Role, Actor], workspace: Workspace) -> ChartPage:
    set_up_clinic(database, staff)
    built = realistic_patient(database, staff)
    page = ChartPage(workspace)
    page.letters.today = lambda: TODAY
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.open_patient(built.patient_id)
    return page


def audit_after(database: Database, start: int) -> list[tuple[str, str]]:
    with database.reading() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.category)
            .where(AuditEvent.id > start)
            .order_by(AuditEvent.id)
        ).all()
    return [tuple(row) for row in rows]


def last_audit_id(database: Database) -> int:
    with database.reading() as session:
        return session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))


def open_composer(qtbot, chart: ChartPage) -> LetterComposerDialog:
    click_tab(qtbot, chart.tabs, chart.letters)
    qtbot.mouseClick(chart.letters.new_button, Qt.MouseButton.LeftButton)
    composer = chart.letters.dialog
    assert isinstance(composer, LetterComposerDialog)
    qtbot.waitExposed(composer)
    return composer


def test_consent_reaffirmation_previewed_printed_archived_and_reprinted_identically(
    qtbot, chart: ChartPage, database: Database, tmp_path: Path
) -> None:
    composer = open_composer(qtbot, chart)
    assert composer.current_kind is LetterKind.CONSENT_REAFFIRMATION
    assert composer.missing_facts == ()
    assert not composer.print_button.isEnabled()
    qtbot.keyClicks(composer.form.widget("witness_name"), "Sam Witness")
    qtbot.mouseClick(composer.preview_button, Qt.MouseButton.LeftButton)
    pages = composer.pdf.page_count
    assert pages == pdf_page_count(composer.pdf.pdf) and pages >= 2
    assert composer.print_button.isEnabled()
    shoot(qtbot, composer, "composer_consent_preview")

    composer.output.printer = pdf_printer(tmp_path / "printed.pdf")
    start = last_audit_id(database)
    qtbot.mouseClick(composer.print_button, Qt.MouseButton.LeftButton)
    composer.output.print_dialog.accept()
    printed = pypdf.PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == pages
    assert audit_after(database, start) == [
        ("letter", "letters"),
        ("print", "letters"),
        ("read", "letters"),  # the Letters tab lists the new letter
    ]
    archived = composer.archived
    assert archived is not None and archived.page_count == pages
    assert hashlib.sha256(composer.pdf.pdf).hexdigest() == archived.sha256
    assert "printer" in composer.message.text()
    composer.close()

    letters = chart.letters
    assert [row.id for row in letters.model.rows()] == [archived.id]
    assert letters.selected_letter == archived
    shoot(qtbot, chart, "chart_letters_tab", settle_ms=0)
    qtbot.mouseClick(letters.open_button, Qt.MouseButton.LeftButton)
    viewer = letters.actions.dialog
    qtbot.waitExposed(viewer)
    assert hashlib.sha256(viewer.pdf.pdf).hexdigest() == archived.sha256
    assert viewer.pdf.page_count == pages
    shoot(qtbot, viewer, "archived_letter")


NECESSITY_TEXT = {
    "illness_history": "Recurrent depression since 2009; current episode since March 2023.",
    "clinical_rationale": "Treatment-resistant depression after two adequate trials.",
    "risk_of_stopping": "Relapse within weeks, as after the 2024 taper.",
    "sessions_requested": "36",
}


def choose_kind(qtbot, composer: LetterComposerDialog, kind: LetterKind) -> None:
    """Down the Letter list by keyboard until `kind` is chosen."""
    composer.kind.setFocus()
    for _ in range(composer.kind.count()):
        if composer.current_kind is kind:
            return
        qtbot.keyClick(composer.kind, Qt.Key.Key_Down)
    assert composer.current_kind is kind


@pytest.mark.parametrize(
    ("kind", "modality", "typed"),
    [
        (LetterKind.MEDICAL_NECESSITY, Modality.TMS, NECESSITY_TEXT),
        (LetterKind.ANNUAL_REVIEW_SUMMARY, Modality.IV_KETAMINE, {}),
        (LetterKind.BOOSTER_SCHEDULE, Modality.IV_KETAMINE, {"note": "Bring your glasses."}),
    ],
)
def test_each_kind_is_written_previewed_and_kept(
    qtbot,
    database: Database,
    staff: dict[Role, Actor],
    workspace: Workspace,
    tmp_path: Path,
    kind: LetterKind,
    modality: Modality,
    typed: dict[str, str],
) -> None:
    set_up_clinic(database, staff)
    built = realistic_patient(database, staff, modality=modality, mrn="BD-2002")
    if kind is LetterKind.ANNUAL_REVIEW_SUMMARY:
        record_annual_review(database, staff[Role.PRESCRIBER], built.patient_id, REVIEW, TODAY)
    chart = ChartPage(workspace)
    chart.letters.today = lambda: TODAY
    qtbot.addWidget(chart)
    chart.resize(1200, 800)
    chart.show()
    chart.open_patient(built.patient_id)
    composer = open_composer(qtbot, chart)
    choose_kind(qtbot, composer, kind)
    # Only what is written on the form is still missing: the chart holds the rest.
    assert {fact.where for fact in composer.missing_facts} <= {FixPlace.LETTER_FORM}
    assert not composer.missing.isVisible() and composer.preview_button.isEnabled()
    for key, text in typed.items():
        qtbot.keyClicks(composer.form.widget(key), text)
    qtbot.mouseClick(composer.preview_button, Qt.MouseButton.LeftButton)
    assert composer.missing_facts == ()
    pages = composer.pdf.page_count
    assert pages >= 1 and pages == pdf_page_count(composer.pdf.pdf)
    shoot(qtbot, composer, f"composer_{kind.value}_preview")

    composer.output.printer = pdf_printer(tmp_path / "printed.pdf")
    qtbot.mouseClick(composer.print_button, Qt.MouseButton.LeftButton)
    composer.output.print_dialog.accept()
    assert len(pypdf.PdfReader(tmp_path / "printed.pdf").pages) == pages
    archived = composer.archived
    assert archived is not None and archived.kind is kind and archived.page_count == pages
    previewed = hashlib.sha256(composer.pdf.pdf).hexdigest()
    composer.close()

    (row,) = chart.letters.model.rows()
    assert row.id == archived.id and row.sha256 == previewed
    qtbot.mouseClick(chart.letters.open_button, Qt.MouseButton.LeftButton)
    assert hashlib.sha256(chart.letters.actions.dialog.pdf.pdf).hexdigest() == previewed


REVIEW = AnnualReviewDraft(
    reviewed_on=TODAY,
    safety_assessment="No urinary symptoms; blood pressure stable; LFTs normal.",
    continuation_discussion="Discussed tapering; the patient prefers to continue.",
    decision=ReviewDecision.EXTEND_INTERVAL,
    decision_reasoning="Stable remission over the year; MADRS 7.",
    consent_reaffirmed=True,
    consent_reaffirmed_on=TODAY,
    cognitive_note="No cognitive complaints.",
)


def test_missing_facts_are_listed_with_links_and_nothing_can_be_previewed(
    qtbot, database: Database, staff: dict[Role, Actor], workspace: Workspace
) -> None:
    set_up_clinic(database, staff)
    patient_id = create_patient(database, staff[Role.PRESCRIBER], make_patient_draft(mrn="BD-3001"))
    chart = ChartPage(workspace)
    qtbot.addWidget(chart)
    chart.resize(1200, 800)
    chart.show()
    chart.open_patient(patient_id)
    composer = open_composer(qtbot, chart)
    choose_kind(qtbot, composer, LetterKind.MEDICAL_NECESSITY)
    places = [fact.where for fact in composer.missing_facts]
    assert FixPlace.MEDICATION_TRIALS in places and FixPlace.DIAGNOSES in places
    texts = [label.text() for label in composer.missing.findChildren(QLabel)]
    assert any("No failed medication trial is on file" in text for text in texts)
    assert composer.missing.isVisible()
    assert not composer.preview_button.isEnabled()
    assert not composer.print_button.isEnabled() and not composer.save_button.isEnabled()
    shoot(qtbot, composer, "composer_missing_facts")

    # Typing every free-text part does not make the record's facts appear.
    for key, text in NECESSITY_TEXT.items():
        qtbot.keyClicks(composer.form.widget(key), text)
    qtbot.mouseClick(composer.missing.check_button, Qt.MouseButton.LeftButton)
    assert FixPlace.MEDICATION_TRIALS in [fact.where for fact in composer.missing_facts]
    assert not composer.preview_button.isEnabled()

    qtbot.mouseClick(
        composer.missing.link_for(FixPlace.MEDICATION_TRIALS), Qt.MouseButton.LeftButton
    )
    assert not composer.isVisible()
    assert chart.tabs.currentWidget() is chart.medications
    # What was typed waits for the next letter of this kind to this patient.
    qtbot.waitUntil(lambda: chart.letters.dialog is None)
    click_tab(qtbot, chart.tabs, chart.letters)
    qtbot.mouseClick(chart.letters.new_button, Qt.MouseButton.LeftButton)
    again = chart.letters.dialog
    choose_kind(qtbot, again, LetterKind.MEDICAL_NECESSITY)
    assert again.free_text()["sessions_requested"] == "36"


def test_the_letterhead_link_tells_a_prescriber_who_enters_it(
    qtbot, database: Database, staff: dict[Role, Actor], workspace: Workspace
) -> None:
    built = realistic_patient(database, staff)  # no letterhead set up
    chart = ChartPage(workspace)
    qtbot.addWidget(chart)
    chart.show()
    chart.open_patient(built.patient_id)
    composer = open_composer(qtbot, chart)
    assert [fact.where for fact in composer.missing_facts] == [FixPlace.LETTERHEAD_SETTINGS]
    assert composer.missing.link_for(FixPlace.LETTERHEAD_SETTINGS) is None
    texts = [label.text() for label in composer.missing.findChildren(QLabel)]
    assert "An administrator enters the letterhead, under Settings." in texts
    assert not composer.preview_button.isEnabled()


def test_a_changed_text_asks_for_a_new_preview_before_printing(qtbot, chart: ChartPage) -> None:
    composer = open_composer(qtbot, chart)
    qtbot.mouseClick(composer.preview_button, Qt.MouseButton.LeftButton)
    assert composer.print_button.isEnabled()
    qtbot.keyClicks(composer.form.widget("witness_name"), "Sam")
    assert not composer.print_button.isEnabled() and not composer.save_button.isEnabled()
    assert composer.pdf.pdf is None
    qtbot.mouseClick(composer.preview_button, Qt.MouseButton.LeftButton)
    assert composer.print_button.isEnabled()


def test_saving_archives_once_and_writes_the_archived_bytes(
    qtbot, chart: ChartPage, database: Database, tmp_path: Path
) -> None:
    composer = open_composer(qtbot, chart)
    qtbot.mouseClick(composer.preview_button, Qt.MouseButton.LeftButton)
    start = last_audit_id(database)
    qtbot.mouseClick(composer.save_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "consent.pdf"
    composer.output.file_dialog.selectFile(str(target))
    composer.output.file_dialog.accept()
    archived = composer.archived
    assert archived is not None
    assert hashlib.sha256(target.read_bytes()).hexdigest() == archived.sha256
    assert str(target) in composer.message.text()
    # Printing afterwards prints the same archived letter; nothing new is archived.
    composer.output.printer = pdf_printer(tmp_path / "printed.pdf")
    qtbot.mouseClick(composer.print_button, Qt.MouseButton.LeftButton)
    composer.output.print_dialog.accept()
    assert audit_after(database, start) == [
        ("letter", "letters"),
        ("export", "letters"),
        ("read", "letters"),
        ("print", "letters"),
    ]
    assert [row.id for row in chart.letters.model.rows()] == [archived.id]


def test_an_archived_letter_prints_again_from_the_tab(
    qtbot, chart: ChartPage, database: Database, tmp_path: Path
) -> None:
    composer = open_composer(qtbot, chart)
    qtbot.mouseClick(composer.preview_button, Qt.MouseButton.LeftButton)
    composer.output.printer = pdf_printer(tmp_path / "first.pdf")
    qtbot.mouseClick(composer.print_button, Qt.MouseButton.LeftButton)
    composer.output.print_dialog.accept()
    pages = composer.archived.page_count
    composer.close()

    letters = chart.letters
    start = last_audit_id(database)
    letters.actions.output.printer = pdf_printer(tmp_path / "again.pdf")
    qtbot.mouseClick(letters.print_button, Qt.MouseButton.LeftButton)
    letters.actions.output.print_dialog.accept()
    assert len(pypdf.PdfReader(tmp_path / "again.pdf").pages) == pages
    assert audit_after(database, start) == [("print", "letters")]
    assert letters.message.text() == f"Sent {pages} pages to the printer."


def test_the_tab_in_view_follows_the_chart_to_another_patient(
    qtbot, chart: ChartPage, database: Database, staff: dict[Role, Actor]
) -> None:
    click_tab(qtbot, chart.tabs, chart.letters)
    first = chart.patient_id
    generate_letter(
        database, staff[Role.PRESCRIBER], first, LetterKind.CONSENT_REAFFIRMATION, {}, TODAY
    )
    other = realistic_patient(database, staff, mrn="BD-2003", family="Okonkwo").patient_id
    chart.open_patient(other)
    assert chart.letters.patient.patient_id == other
    assert chart.letters.model.rows() == []
    chart.open_patient(first)  # a letter made elsewhere since: listed
    assert [row.patient_id for row in chart.letters.model.rows()] == [first]


def test_a_number_of_sessions_that_is_not_a_number_is_named_on_the_form(
    qtbot, database: Database, staff: dict[Role, Actor], workspace: Workspace
) -> None:
    set_up_clinic(database, staff)
    built = realistic_patient(database, staff, modality=Modality.TMS)
    chart = ChartPage(workspace)
    chart.letters.today = lambda: TODAY
    qtbot.addWidget(chart)
    chart.show()
    chart.open_patient(built.patient_id)
    composer = open_composer(qtbot, chart)
    choose_kind(qtbot, composer, LetterKind.MEDICAL_NECESSITY)
    for key, text in {**NECESSITY_TEXT, "sessions_requested": "0"}.items():
        qtbot.keyClicks(composer.form.widget(key), text)
    qtbot.mouseClick(composer.preview_button, Qt.MouseButton.LeftButton)
    assert composer.pdf.pdf is None and not composer.print_button.isEnabled()
    assert "number of sessions requested is a whole number from 1" in composer.message.text()
    assert "c62828" in composer.form.widget("sessions_requested").styleSheet()
