"""A clinician's keyboard and mouse, on the patient list, the chart and its dialogs."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from clinical.record.drafts import DiagnosisDraft
from clinical.record.enums import DrugClass, TrialOutcome
from db.accounts.roles import Role
from db.database import Database
from db.demo.generate import generate_demo_clinic
from db.patients import workflows
from db.patients.repository import list_patient_rows, load_chart
from tests.factories import make_patient_draft
from tests.qt_typing import type_text
from ui.main_window import MainWindow
from ui.patients.patient_dialog import PatientDialog
from ui.workspace import Workspace


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_save(qtbot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    click(qtbot, box.button(QDialogButtonBox.StandardButton.Save))


def type_new_patient(qtbot, dialog: PatientDialog, mrn: str, family: str, given: str) -> None:
    qtbot.keyClicks(dialog.mrn, mrn)
    type_text(dialog.legal_family_name, family)
    type_text(dialog.legal_given_names, given)
    qtbot.keyClicks(dialog.date_of_birth, "1984-02-29")
    qtbot.keyClicks(dialog.education_years, "12")
    qtbot.keyClicks(dialog.weight_kg, "72.5")


def test_create_a_patient_by_typing_then_find_them_by_search(
    qtbot, window: MainWindow, database: Database
) -> None:
    list_page = window.patients.list_page
    click(qtbot, list_page.new_button)
    dialog = list_page.dialog
    assert dialog is not None and dialog.isVisible()
    type_new_patient(qtbot, dialog, "bd-9001", "Nguyễn", "Zoë")
    click_save(qtbot, dialog)

    with database.reading() as session:
        rows = list_patient_rows(session)
    assert [(r.mrn, r.legal_family_name) for r in rows] == [("BD-9001", "Nguyễn")]
    assert window.patients.chart_page.header.name.text() == "Nguyễn, Zoë"
    with database.reading() as session:
        saved = load_chart(session, rows[0].id).patient
    assert saved.date_of_birth == date(1984, 2, 29)
    assert saved.weight_kg == Decimal("72.5")
    assert saved.education_years == 12

    click(qtbot, window.patients.back_button)
    qtbot.keyClicks(list_page.search, "nguyen zoe")  # typed without the accents
    assert list_page.proxy.rowCount() == 1
    qtbot.keyClicks(list_page.search, "x")
    assert list_page.proxy.rowCount() == 0


def test_search_finds_one_patient_among_many_by_mrn_name_or_birth_date(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    generate_demo_clinic(database, patients=300, seed=3)
    workflows.create_patient(
        database,
        workspace.actor,
        make_patient_draft(mrn="ZZ-42", legal_family_name="Ωmega", date_of_birth=date(1961, 7, 9)),
    )
    list_page = window.patients.list_page
    list_page.refresh()
    assert list_page.proxy.rowCount() == 301
    for query in ("zz-42", "ωmega", "1961-07-09 ada", "07/09/1961"):
        list_page.search.clear()
        type_text(list_page.search, query)
        mrns = {list_page.proxy.index(row, 1).data() for row in range(list_page.proxy.rowCount())}
        assert "ZZ-42" in mrns, query
        assert len(mrns) <= 2, query
    qtbot.keyClick(list_page.search, Qt.Key.Key_Return)
    assert window.patients.chart_page.header.name.text().startswith("Ωmega")


def test_duplicate_mrn_is_explained_in_the_dialog_and_nothing_is_lost(
    qtbot, database: Database, workspace: Workspace
) -> None:
    workflows.create_patient(database, workspace.actor, make_patient_draft(mrn="BD-1"))
    dialog = PatientDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    type_new_patient(qtbot, dialog, "bd-1", "Second", "Person")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "MRN BD-1 already belongs to another patient."
    assert dialog.mrn.styleSheet() != ""
    assert dialog.legal_family_name.text() == "Second"  # what was typed is still there
    with database.reading() as session:
        assert [r.legal_family_name for r in list_patient_rows(session)] == ["Testperson"]


def test_missing_required_fields_and_an_impossible_date_are_all_marked(
    qtbot, workspace: Workspace
) -> None:
    dialog = PatientDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.date_of_birth, "1990-02-30")
    click_save(qtbot, dialog)
    assert dialog.problem_label.text() == (
        "Date of birth: '1990-02-30' is not a date. Type it as YYYY-MM-DD."
    )
    dialog.date_of_birth.clear()
    qtbot.keyClicks(dialog.date_of_birth, "1990-01-01")
    click_save(qtbot, dialog)
    assert dialog.problem_label.text().splitlines() == [
        "Enter the medical record number (MRN).",
        "Enter the patient's legal family name.",
        "Enter the patient's legal given name.",
    ]


def test_add_diagnosis_and_medication_trial_from_the_chart(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = workflows.create_patient(database, workspace.actor, make_patient_draft())
    window.patients.open_patient(patient_id)
    chart = window.patients.chart_page

    click(qtbot, chart.diagnoses.add_button)
    dialog = chart.diagnoses.dialog
    qtbot.keyClicks(dialog.code, "F33.2")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Tab)  # leaving the field fills the description
    assert dialog.description.text().startswith("Major depressive disorder, recurrent")
    click_save(qtbot, dialog)
    assert chart.header.diagnosis.text() == (
        "Primary diagnosis: F33.2 Major depressive disorder, recurrent, severe without "
        "psychotic features"
    )

    click(qtbot, chart.medications.add_button)
    dialog = chart.medications.dialog
    qtbot.keyClicks(dialog.drug, "Sertraline")
    dialog.drug_class.setFocus()
    dialog.drug_class.setCurrentIndex(dialog.drug_class.findData(DrugClass.SSRI))
    qtbot.keyClicks(dialog.dose_amount, "150")
    qtbot.keyClicks(dialog.start_date, "2024-03-01")
    qtbot.keyClicks(dialog.end_date, "20240101")
    qtbot.keyClicks(dialog.weeks, "8")
    click_save(qtbot, dialog)
    assert "before the start date" in dialog.problem_label.text()  # refused, still open
    dialog.end_date.clear()
    qtbot.keyClicks(dialog.end_date, "2024-05-15")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(TrialOutcome.NO_RESPONSE))
    click_save(qtbot, dialog)
    table = chart.medications.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(7)] == [
        "Sertraline",
        "SSRI",
        "150 mg/day",
        "2024-03-01",
        "2024-05-15",
        "8",
        "No response",
    ]


def test_remove_entry_asks_first(
    qtbot, window: MainWindow, database: Database, workspace: Workspace, monkeypatch
) -> None:
    patient_id = workflows.create_patient(database, workspace.actor, make_patient_draft())
    workflows.save_diagnosis(database, workspace.actor, patient_id, DiagnosisDraft("F41.1", "GAD"))
    window.patients.open_patient(patient_id)
    diagnoses = window.patients.chart_page.diagnoses
    diagnoses.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    click(qtbot, diagnoses.remove_button)
    assert diagnoses.table.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    click(qtbot, diagnoses.remove_button)
    assert diagnoses.table.rowCount() == 0


def test_keyboard_shortcuts_reach_search_and_new_patient(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.patients.list_page.search
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.patients.list_page.dialog
    assert dialog is not None and dialog.windowTitle() == "New patient"
    dialog.reject()


def test_front_desk_sees_demographics_only(
    qtbot, database: Database, workspace: Workspace, staff, window_settings: QSettings
) -> None:
    patient_id = workflows.create_patient(database, workspace.actor, make_patient_draft())
    workflows.save_diagnosis(database, workspace.actor, patient_id, DiagnosisDraft("F33.2", "MDD"))
    workspace.signed_in = staff[Role.FRONT_DESK]
    window = MainWindow(workspace, window_settings)
    qtbot.addWidget(window)
    window.patients.open_patient(patient_id)
    chart = window.patients.chart_page
    visible = [
        chart.tabs.tabText(i) for i in range(chart.tabs.count()) if chart.tabs.isTabVisible(i)
    ]
    assert visible == ["Demographics"]
    assert not chart.header.diagnosis.isVisibleTo(window)
    window.idle.stop()


def test_window_geometry_is_remembered(qtbot, workspace: Workspace, tmp_path: Path) -> None:
    settings_file = str(tmp_path / "geometry.ini")
    first = MainWindow(workspace, QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 530)
    qtbot.waitUntil(lambda: (first.width(), first.height()) == (720, 530))
    first.close()
    workspace.signed_in = workspace.sign_in.attempt(
        "dr.okafor", "correct horse battery staple", "ws"
    )
    second = MainWindow(workspace, QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (720, 530)
    second.idle.stop()


def test_patient_model_filters_a_large_clinic() -> None:
    from db.patients.views import PatientRow
    from ui.patients.list_model import PatientFilterProxy, PatientTableModel

    rows = [
        PatientRow(n, f"BD-{n:06d}", f"Family{n}", "Given", "", date(1970, 1, 1), "active")
        for n in range(20000)
    ]
    proxy = PatientFilterProxy()
    proxy.setSourceModel(PatientTableModel(rows))
    proxy.set_query("family1999")
    found = {proxy.index(r, 1).data() for r in range(proxy.rowCount())}
    assert found == {"BD-001999", *(f"BD-0{n}" for n in range(19990, 20000))}


def test_chart_header_names_the_open_treatment_course(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    from tests.db.course_builders import new_course

    patient_id = workflows.create_patient(database, workspace.actor, make_patient_draft())
    window.patients.open_patient(patient_id)
    assert window.patients.chart_page.header.treatment.text() == "Treatment: no open course"
    new_course(database, workspace.actor, patient_id)
    window.patients.open_patient(patient_id)
    assert window.patients.chart_page.header.treatment.text() == (
        "Treatment: IV ketamine (induction)"
    )
