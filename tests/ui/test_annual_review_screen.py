"""The annual review form from the chart, filled by keyboard: saving closes the yearly
checklist items and offers the consent reaffirmation and the summary for printing."""

from datetime import UTC, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import ScreenSource
from db.annual_reviews.workflows import patient_annual_reviews
from db.database import Database
from db.letters import LetterKind
from db.models import ScaleResultRecord
from tests.db.letter_builders import TODAY, realistic_patient, set_up_clinic
from tests.ui.letter_screens import click_tab, shoot
from ui.letters.annual_review_dialog import AnnualReviewDialog
from ui.letters.composer_dialog import LetterComposerDialog
from ui.patients.chart_page import ChartPage
from ui.workspace import Workspace

ANNUAL_ITEMS = ("annual_safety_assessment", "continuation_discussion", "consent_reaffirmation")


def moca(database: Database, patient_id: int, total: int) -> int:
    with database.transaction() as session:
        row = ScaleResultRecord(
            patient_id=patient_id,
            instrument_code="MOCA",
            rule_version="test",
            administered_at=datetime.combine(TODAY, time(9, 30)).astimezone(UTC),
            answers_json="{}",
            total=total,
            band_label="Normal",
            complete=True,
        )
        session.add(row)
        session.flush()
        return row.id


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


def type_and_tab(qtbot, text: str = "") -> None:
    widget = QApplication.focusWidget()
    if text:
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def test_the_review_filled_by_keyboard_closes_the_yearly_checklist_items(
    qtbot, chart: ChartPage, database: Database, staff: dict[Role, Actor]
) -> None:
    patient_id = chart.patient_id
    screen_id = moca(database, patient_id, 27)
    click_tab(qtbot, chart.tabs, chart.letters)
    qtbot.mouseClick(chart.letters.review_button, Qt.MouseButton.LeftButton)
    dialog = chart.letters.dialog
    assert isinstance(dialog, AnnualReviewDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reviewed_on)
    assert dialog.reviewed_on.text() == TODAY.isoformat()
    chosen = dialog.screen.currentText()
    assert chosen.startswith("MoCA 27/30 (normal), ") and chosen.endswith(" (latest)")

    type_and_tab(qtbot)  # the review date stays today
    type_and_tab(qtbot, "BP 128/80; no urinary symptoms; LFTs normal; no misuse.")
    type_and_tab(qtbot)  # the latest MoCA, already chosen
    type_and_tab(qtbot)  # past Record a MoCA…
    type_and_tab(qtbot, "No cognitive complaints.")
    type_and_tab(qtbot, "Discussed spacing out and TMS; the patient prefers to continue.")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # Extend the interval
    type_and_tab(qtbot)
    type_and_tab(qtbot, "Stable remission all year; MADRS 7.")
    assert QApplication.focusWidget() is dialog.consent
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
    assert dialog.consent_on.text() == TODAY.isoformat()
    shoot(qtbot, dialog, "annual_review_form")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.pages.currentIndex() == 1
    assert dialog.saved_heading.text() == f"Annual review of {TODAY.isoformat()} saved"
    assert "Full safety assessment" in dialog.saved_text.text()
    shoot(qtbot, dialog, "annual_review_saved")
    (review,) = patient_annual_reviews(database, staff[Role.PRESCRIBER], patient_id)
    assert review.decision is ReviewDecision.EXTEND_INTERVAL
    assert review.safety_assessment.startswith("BP 128/80")
    assert review.cognitive_screen is not None
    assert review.cognitive_screen.source is ScreenSource.SCALE
    assert review.cognitive_screen.record_id == screen_id
    assert review.consent_reaffirmed_on == TODAY

    # The summary and the reaffirmation are offered for printing.
    qtbot.mouseClick(dialog.summary_letter_button, Qt.MouseButton.LeftButton)
    composer = dialog.dialog
    assert isinstance(composer, LetterComposerDialog)
    assert composer.current_kind is LetterKind.ANNUAL_REVIEW_SUMMARY
    assert composer.missing_facts == () and composer.preview_button.isEnabled()
    composer.close()
    qtbot.mouseClick(dialog.consent_letter_button, Qt.MouseButton.LeftButton)
    assert dialog.dialog.current_kind is LetterKind.CONSENT_REAFFIRMATION
    dialog.dialog.close()
    dialog.close()

    click_tab(qtbot, chart.tabs, chart.checklist)
    items = {item.item_code: item for item in chart.checklist.model.rows()}
    for code in ANNUAL_ITEMS:
        assert items[code].last_done == TODAY, code
        assert not items[code].state.needs_action, code


def test_a_review_without_consent_or_text_is_refused_with_the_fields_named(
    qtbot, chart: ChartPage, database: Database, staff: dict[Role, Actor]
) -> None:
    click_tab(qtbot, chart.tabs, chart.letters)
    chart.letters.open_annual_review()
    dialog = chart.letters.dialog
    assert dialog.screen.currentText() == "None linked: say why in the note below"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 0
    problems = dialog.problems.text()
    assert "The safety assessment is needed for the annual review." in problems
    assert "Link the latest cognitive screen (MoCA), or note why there is none." in problems
    assert patient_annual_reviews(database, staff[Role.PRESCRIBER], chart.patient_id) == ()


def test_the_checklist_opens_the_annual_review(qtbot, chart: ChartPage) -> None:
    click_tab(qtbot, chart.tabs, chart.checklist)
    qtbot.mouseClick(chart.checklist.annual_review_button, Qt.MouseButton.LeftButton)
    assert chart.tabs.currentWidget() is chart.letters
    assert isinstance(chart.letters.dialog, AnnualReviewDialog)
