"""Batch letters from the Letters area: the patients due, every letter generated off the
GUI thread with progress, Cancel stopping after the letter being written, skipped patients
with their reason, and the generated letters printed as one job."""

from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt

from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import AnnualReviewDraft
from db.annual_reviews.workflows import record_annual_review
from db.courses.workflows import record_authorization
from db.database import Database
from db.letters import FixPlace, LetterKind
from db.letters.archive import recent_letters
from tests.db.letter_builders import TODAY, realistic_patient, set_up_clinic
from tests.ui.letter_screens import double_click_row, pdf_printer, shoot
from ui.letters.batch_panel import BatchPanel
from ui.letters.batch_run import Outcome
from ui.letters.composer_dialog import LetterComposerDialog
from ui.letters.letters_area import LettersArea
from ui.workspace import Workspace

NAMES = ("Abara", "Brennan", "Castellanos", "Dubois")


@pytest.fixture
def area(qtbot, workspace: Workspace) -> LettersArea:
    widget = LettersArea(workspace, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.batch.wait_for_work()


def patients(database: Database, staff: dict[Role, Actor], count: int) -> list[int]:
    set_up_clinic(database, staff)
    return [
        realistic_patient(database, staff, mrn=f"BD-40{n}", family=NAMES[n]).patient_id
        for n in range(count)
    ]


def find_consents_due_in_december(qtbot, panel: BatchPanel) -> None:
    assert panel.current_kind is LetterKind.CONSENT_REAFFIRMATION
    assert panel.month.date().toString("MMMM yyyy") == "November 2026"
    panel.month.setFocus()
    qtbot.keyClick(panel.month, Qt.Key.Key_Up)  # the month: December
    assert panel.chosen_month.isoformat() == "2026-12-01"
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)


def archived_kinds(database: Database, actor: Actor) -> list[LetterKind]:
    return [letter.kind for letter in recent_letters(database, actor)]


def test_a_full_batch_generates_every_letter(
    qtbot, area: LettersArea, database: Database, staff: dict[Role, Actor]
) -> None:
    patients(database, staff, 3)
    panel = area.batch
    area.tabs.setCurrentWidget(panel)
    find_consents_due_in_december(qtbot, panel)
    assert [row.candidate.mrn for row in panel.model.rows()] == ["BD-400", "BD-401", "BD-402"]
    assert panel.summary.text().startswith("Consent reaffirmations due by 31 December 2026: 3")
    with qtbot.waitSignal(panel.run_finished, timeout=60_000):
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert [row.result.outcome for row in panel.model.rows()] == [Outcome.GENERATED] * 3
    assert panel.progress.value() == 3
    assert panel.message.text() == "Done: 3 letters generated and kept."
    assert (
        archived_kinds(database, staff[Role.PRESCRIBER]) == [LetterKind.CONSENT_REAFFIRMATION] * 3
    )
    # Nothing is left to write; the letters can be printed.
    assert not panel.generate_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.print_button.isEnabled()


def test_cancel_stops_after_the_letter_being_written(
    qtbot, area: LettersArea, database: Database, staff: dict[Role, Actor], tmp_path: Path
) -> None:
    patients(database, staff, 4)
    panel = area.batch
    area.tabs.setCurrentWidget(panel)
    find_consents_due_in_december(qtbot, panel)
    assert panel.model.rowCount() == 4
    with qtbot.waitSignal(panel.letter_done, timeout=60_000):
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert panel.running and panel.cancel_button.isEnabled()
    assert not panel.generate_button.isEnabled() and not panel.find_button.isEnabled()
    shoot(qtbot, area, "batch_mid_run", settle_ms=0)
    with qtbot.waitSignal(panel.run_finished, timeout=60_000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    # The first letter was done when Cancel was clicked, the second being written: it is
    # finished, and nothing after it is started.
    outcomes = [row.result.outcome for row in panel.model.rows()]
    assert outcomes == [Outcome.GENERATED, Outcome.GENERATED, Outcome.NOT_DONE, Outcome.NOT_DONE]
    assert len(archived_kinds(database, staff[Role.PRESCRIBER])) == 2
    assert panel.message.text() == (
        "Cancelled: 2 letters generated and kept; 2 left for another run."
    )
    assert panel.model.row_at(3).result.text == "Not generated: the run was cancelled"
    assert panel.generate_button.text() == "Generate the 2 left"
    shoot(qtbot, area, "batch_cancelled")

    generated = [row.result.letter for row in panel.model.rows()[:2]]
    panel.output.printer = pdf_printer(tmp_path / "batch.pdf")
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    panel.output.print_dialog.accept()
    pages = sum(letter.page_count for letter in generated)
    assert len(pypdf.PdfReader(tmp_path / "batch.pdf").pages) == pages
    assert panel.message.text() == f"Sent 2 letters ({pages} pages) to the printer."

    # Generating again writes only the two left, not the two already kept.
    with qtbot.waitSignal(panel.run_finished, timeout=60_000):
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert [row.result.outcome for row in panel.model.rows()] == [Outcome.GENERATED] * 4
    assert len(archived_kinds(database, staff[Role.PRESCRIBER])) == 4
    assert not panel.generate_button.isEnabled()


def test_a_patient_missing_a_fact_is_skipped_with_the_reason_and_the_rest_go_on(
    qtbot, area: LettersArea, database: Database, staff: dict[Role, Actor]
) -> None:
    first, second = patients(database, staff, 2)
    prescriber = staff[Role.PRESCRIBER]
    for patient_id, consented in ((first, True), (second, False)):
        record_annual_review(
            database,
            prescriber,
            patient_id,
            AnnualReviewDraft(
                reviewed_on=TODAY,
                safety_assessment="Blood pressure stable; no urinary symptoms.",
                continuation_discussion="Continuing discussed with the patient.",
                decision=ReviewDecision.CONTINUE,
                decision_reasoning="Sustained remission.",
                consent_reaffirmed=consented,
                consent_reaffirmed_on=TODAY if consented else None,
                cognitive_note="No complaints.",
            ),
            TODAY,
        )
    panel = area.batch
    area.tabs.setCurrentWidget(panel)
    panel.kind.setFocus()
    qtbot.keyClicks(panel.kind, "Annual")
    assert panel.current_kind is LetterKind.ANNUAL_REVIEW_SUMMARY
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 2
    with qtbot.waitSignal(panel.run_finished, timeout=60_000):
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    done, skipped = panel.model.rows()
    assert done.result.outcome is Outcome.GENERATED
    assert skipped.result.outcome is Outcome.SKIPPED
    assert skipped.result.text == (
        "Skipped: No consent reaffirmation is recorded: record it on the checklist or the "
        "annual review."
    )
    assert panel.message.text() == (
        "Done: 1 letter generated and kept; 1 skipped for missing facts (double-click to see why)."
    )
    assert archived_kinds(database, prescriber) == [LetterKind.ANNUAL_REVIEW_SUMMARY]
    # Double-clicking the skipped patient opens their letter, with what it lacks.
    double_click_row(qtbot, panel.table, 1)
    composer = area.dialog
    assert isinstance(composer, LetterComposerDialog)
    assert composer.patient.patient_id == second
    assert composer.current_kind is LetterKind.ANNUAL_REVIEW_SUMMARY
    assert [fact.where for fact in composer.missing_facts] == [FixPlace.CHECKLIST]


def test_medical_necessity_letters_are_listed_but_written_one_by_one(
    qtbot, area: LettersArea, database: Database, staff: dict[Role, Actor]
) -> None:
    set_up_clinic(database, staff)
    prescriber = staff[Role.PRESCRIBER]
    built = realistic_patient(database, staff, modality=Modality.TMS)
    # 4 given and 2 booked by December's end: the 6 authorized are used up.
    record_authorization(database, prescriber, built.course_id, 6, "PA-77", date(2026, 1, 1))
    panel = area.batch
    panel.kind.setFocus()
    qtbot.keyClicks(panel.kind, "Medical")
    assert panel.current_kind is LetterKind.MEDICAL_NECESSITY
    panel.month.setFocus()
    qtbot.keyClick(panel.month, Qt.Key.Key_Up)
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    (row,) = panel.model.rows()
    assert row.candidate.reason == "6 sessions given or booked by 2026-12-31; 6 authorized"
    assert "double-click a patient to write theirs" in panel.summary.text()
    assert not panel.generate_button.isEnabled()
    double_click_row(qtbot, panel.table, 0)
    composer = area.dialog
    assert isinstance(composer, LetterComposerDialog)
    assert composer.current_kind is LetterKind.MEDICAL_NECESSITY
    assert composer.form.widget("illness_history") is not None
