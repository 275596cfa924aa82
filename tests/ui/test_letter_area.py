"""The Letters area of the window: the clinic's recent letters with a kind filter, a new
letter for a patient found by name or MRN, and the links from a letter to the chart."""

import hashlib

from PySide6.QtCore import QSettings, Qt

from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.database import Database
from db.letters import FixPlace, LetterKind
from db.letters.workflows import generate_letter
from db.patients.workflows import create_patient
from tests.db.letter_builders import TODAY, realistic_patient, set_up_clinic
from tests.factories import WORKSTATION, make_patient_draft
from tests.ui.letter_screens import double_click_row, shoot
from ui.letters.composer_dialog import LetterComposerDialog
from ui.letters.letters_area import LettersArea
from ui.letters.patient_picker_dialog import PatientPickerDialog
from ui.main_window import MainWindow
from ui.workspace import Workspace


def letters_area(window: MainWindow) -> LettersArea:
    assert window.show_area("Letters")
    area = window.areas.currentWidget()
    assert isinstance(area, LettersArea)
    return area


def test_recent_letters_filtered_by_kind_opened_and_their_chart(
    qtbot, window: MainWindow, database: Database, staff: dict[Role, Actor]
) -> None:
    set_up_clinic(database, staff)
    prescriber = staff[Role.PRESCRIBER]
    built = realistic_patient(database, staff)
    consent = generate_letter(
        database, prescriber, built.patient_id, LetterKind.CONSENT_REAFFIRMATION, {}, TODAY
    )
    schedule = generate_letter(
        database, prescriber, built.patient_id, LetterKind.BOOSTER_SCHEDULE, {}, TODAY
    )
    area = letters_area(window)
    recent = area.recent
    assert [row.id for row in recent.model.rows()] == [schedule.id, consent.id]
    assert recent.model.data(recent.model.index(0, 1)) == "Testperson, Ada"
    assert recent.count.text() == "2 letters"
    shoot(qtbot, area, "letters_area_recent", settle_ms=0)
    recent.kind.setFocus()
    qtbot.keyClicks(recent.kind, "Consent")
    assert [row.id for row in recent.model.rows()] == [consent.id]

    double_click_row(qtbot, recent.table, 0)
    viewer = recent.actions.dialog
    assert viewer is not None and viewer.letter.id == consent.id
    assert hashlib.sha256(viewer.pdf.pdf).hexdigest() == consent.sha256
    viewer.close()
    qtbot.mouseClick(recent.chart_button, Qt.MouseButton.LeftButton)
    assert window.areas.currentWidget() is window.patients
    assert window.patients.chart_page.patient_id == built.patient_id


def test_a_new_letter_for_a_patient_found_by_mrn_links_to_their_chart(
    qtbot, window: MainWindow, database: Database, staff: dict[Role, Actor]
) -> None:
    set_up_clinic(database, staff)
    create_patient(database, staff[Role.PRESCRIBER], make_patient_draft(mrn="BD-5001"))
    patient_id = create_patient(
        database,
        staff[Role.PRESCRIBER],
        make_patient_draft(mrn="BD-5002", legal_family_name="Nguyen", legal_given_names="Linh"),
    )
    area = letters_area(window)
    qtbot.mouseClick(area.recent.new_button, Qt.MouseButton.LeftButton)
    picker = area.dialog
    assert isinstance(picker, PatientPickerDialog)
    qtbot.keyClicks(picker.search, "5002")
    assert picker.count.text().startswith("1 of 2")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    composer = area.dialog
    assert isinstance(composer, LetterComposerDialog)
    assert composer.patient.patient_id == patient_id
    assert composer.windowTitle() == "New letter: Nguyen, Linh (MRN BD-5002)"
    composer.kind.setFocus()
    qtbot.keyClicks(composer.kind, "Medical")
    assert composer.current_kind is LetterKind.MEDICAL_NECESSITY
    qtbot.mouseClick(composer.missing.link_for(FixPlace.DIAGNOSES), Qt.MouseButton.LeftButton)
    chart = window.patients.chart_page
    assert window.areas.currentWidget() is window.patients
    assert chart.patient_id == patient_id
    assert chart.tabs.currentWidget() is chart.diagnoses


def test_the_front_desk_has_no_letters_area(
    qtbot, database: Database, passwords, staff: dict[Role, Actor], window_settings: QSettings
) -> None:
    workspace = Workspace(
        database, SignIn(database, passwords), passwords, WORKSTATION, staff[Role.FRONT_DESK]
    )
    window = MainWindow(workspace, window_settings)
    qtbot.addWidget(window)
    assert not window.show_area("Letters")
    window.idle.stop()
