"""The letterhead (Settings, for administrators) and a prescriber's signing details (the
Users page, or from a letter that lacks them), typed and chosen as a person does."""

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.database import Database
from db.letters import FixPlace, LetterKind
from db.letters.letterhead import (
    letterhead_settings,
    prescriber_identity,
    save_prescriber_details,
)
from reports.model import PageSize
from tests.db.letter_builders import realistic_patient, set_up_clinic
from tests.factories import WORKSTATION
from tests.ui.letter_screens import shoot
from ui.letters.composer_dialog import LetterComposerDialog
from ui.letters.letterhead_dialog import LetterheadDialog
from ui.letters.patient_ref import PatientRef
from ui.letters.prescriber_details_dialog import PrescriberDetailsDialog
from ui.main_window import MainWindow
from ui.workspace import Workspace

NPI = "1234567893"  # CMS's example NPI: passes the check digit


def picture(path: Path, width: int, height: int, colour: str) -> Path:
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).rectangle((4, 4, height - 4, height - 4), fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def admin_window(
    qtbot, database: Database, passwords, staff: dict[Role, Actor], window_settings: QSettings
) -> MainWindow:
    workspace = Workspace(
        database, SignIn(database, passwords), passwords, WORKSTATION, staff[Role.ADMINISTRATOR]
    )
    window = MainWindow(workspace, window_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.idle.stop()


def click_save(qtbot, dialog: LetterheadDialog | PrescriberDetailsDialog) -> None:
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def choose_file(qtbot, picker, path: Path) -> None:
    qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    picker.file_dialog.selectFile(str(path))
    picker.file_dialog.accept()


def test_the_administrator_sets_up_the_letterhead(
    qtbot, admin_window: MainWindow, database: Database, tmp_path: Path
) -> None:
    assert admin_window.show_area("Settings")
    settings = admin_window.areas.currentWidget()
    box = settings.letterhead
    assert box.summary.text().startswith("<b>Not set up yet.</b>")
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert isinstance(dialog, LetterheadDialog)
    qtbot.keyClicks(dialog.clinic_name, "Riverside Mood Clinic")
    qtbot.keyClicks(dialog.address, "12 Weir Road, Suite 310")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.address, "Millbrook, OR 97000")
    qtbot.keyClicks(dialog.phone, "(503) 555-0140")
    qtbot.keyClicks(dialog.fax, "(503) 555-0141")
    dialog.paper.setFocus()
    qtbot.keyClick(dialog.paper, Qt.Key.Key_Down)  # A4
    choose_file(qtbot, dialog.logo, picture(tmp_path / "logo.png", 180, 60, "teal"))
    assert dialog.logo.thumbnail.pixmap().height() == 40
    qtbot.keyClicks(dialog.fasting, "Nothing to eat for 2 hours before your session.")
    shoot(qtbot, dialog, "letterhead_settings")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )  # Save

    saved = letterhead_settings(database)
    assert saved.clinic_name == "Riverside Mood Clinic"
    assert saved.address_lines == ("12 Weir Road, Suite 310", "Millbrook, OR 97000")
    assert (saved.phone, saved.fax) == ("(503) 555-0140", "(503) 555-0141")
    assert saved.page_size is PageSize.A4
    assert saved.logo == (tmp_path / "logo.png").read_bytes()
    assert saved.fasting_wording == "Nothing to eat for 2 hours before your session."
    assert "Riverside Mood Clinic" in box.summary.text() and "A4 paper" in box.summary.text()
    shoot(qtbot, settings, "settings_with_letterhead")


def test_a_letterhead_without_a_name_or_with_a_bad_logo_is_refused(
    qtbot, admin_window: MainWindow, database: Database, tmp_path: Path
) -> None:
    admin_window.show_area("Settings")
    box = admin_window.areas.currentWidget().letterhead
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    not_a_picture = tmp_path / "logo.png"
    not_a_picture.write_bytes(b"plain text, not a picture")
    choose_file(qtbot, dialog.logo, not_a_picture)
    assert dialog.logo.image is None
    assert dialog.problems.text() == "The logo must be a PNG or JPEG picture."
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert dialog.problems.text() == "Enter the clinic's name as letters print it."
    assert letterhead_settings(database).clinic_name == ""


def test_the_administrator_enters_a_prescribers_signing_details(
    qtbot, admin_window: MainWindow, database: Database, staff: dict[Role, Actor], tmp_path: Path
) -> None:
    prescriber = staff[Role.PRESCRIBER]
    admin_window.show_area("Users")
    users = admin_window.areas.currentWidget()
    users.select_account(staff[Role.NURSE].user_id)
    assert not users.signing_button.isEnabled()
    users.select_account(prescriber.user_id)
    qtbot.mouseClick(users.signing_button, Qt.MouseButton.LeftButton)
    dialog = users.dialog
    assert isinstance(dialog, PrescriberDetailsDialog)
    qtbot.keyClicks(dialog.credentials, "MD")
    qtbot.keyClicks(dialog.npi, "1234567890")  # the check digit is wrong
    choose_file(qtbot, dialog.signature, picture(tmp_path / "signature.png", 240, 70, "navy"))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert "check digit" in dialog.problems.text()
    dialog.npi.clear()
    qtbot.keyClicks(dialog.npi, NPI)
    shoot(qtbot, dialog, "prescriber_signing_details")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    signer = prescriber_identity(database, prescriber.user_id)
    assert (signer.credentials, signer.npi) == ("MD", NPI)
    assert signer.signature == (tmp_path / "signature.png").read_bytes()
    assert users.selected().npi == NPI


def test_a_letter_lacking_the_npi_lets_the_prescriber_enter_it_there(
    qtbot, database: Database, staff: dict[Role, Actor], workspace: Workspace
) -> None:
    set_up_clinic(database, staff)
    prescriber = staff[Role.PRESCRIBER]
    save_prescriber_details(database, prescriber, prescriber.user_id, "MD", "", None)
    built = realistic_patient(database, staff)
    composer = LetterComposerDialog(
        workspace, PatientRef(built.patient_id, "Testperson, Ada", "BD-2001"),
        LetterKind.MEDICAL_NECESSITY,
    )  # fmt: skip
    qtbot.addWidget(composer)
    composer.show()
    assert FixPlace.PRESCRIBER_DETAILS in [fact.where for fact in composer.missing_facts]
    qtbot.mouseClick(
        composer.missing.link_for(FixPlace.PRESCRIBER_DETAILS), Qt.MouseButton.LeftButton
    )
    details = composer.dialog
    assert isinstance(details, PrescriberDetailsDialog)
    assert composer.isVisible()  # the letter waits while the details are entered
    details.npi.clear()
    qtbot.keyClicks(details.npi, NPI)
    qtbot.mouseClick(
        details.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert FixPlace.PRESCRIBER_DETAILS not in [fact.where for fact in composer.missing_facts]
    assert QApplication.activeModalWidget() is not details
