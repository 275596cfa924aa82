"""The monitoring screens: a patient's checklist, the clinic-wide list, Today, the rules."""

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.database import Database
from db.scales import workflows as scales
from db.scales.views import ScaleEntry
from tests.db.course_builders import clinic
from tests.db.monitoring_builders import book, patient_on_course
from ui.monitoring.checklist_area import ChecklistArea
from ui.monitoring.checklist_tab import ChecklistTab
from ui.monitoring.models import ChecklistItemModel
from ui.monitoring.record_dialog import RecordItemDialog
from ui.monitoring.rules_panel import RulesPanel
from ui.today.today_area import TodayArea
from ui.workspace import Workspace

TODAY = date.today()
STARTED = TODAY - timedelta(days=200)


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def setup_patient(database: Database, staff: dict[Role, Actor], mrn: str = "BD-0001") -> int:
    clinic(database, staff[Role.ADMINISTRATOR])
    patient_id, _ = patient_on_course(
        database, staff[Role.PRESCRIBER], mrn=mrn, first_treatment=_weekday(STARTED)
    )
    return patient_id


def overdue_items(area: ChecklistArea, patient_id: int) -> set[str]:
    return {
        row.item_code
        for row in area.model.rows()
        if row.patient_id == patient_id and row.days_overdue > 0
    }


def test_recording_an_item_on_the_chart_takes_it_off_the_overdue_list(
    qtbot, workspace: Workspace, database: Database, staff: dict[Role, Actor]
) -> None:
    patient_id = setup_patient(database, staff)
    area = ChecklistArea(workspace)
    qtbot.addWidget(area)
    area.refresh()
    assert "urinalysis" in overdue_items(area, patient_id)
    assert "overdue" in area.title.text()

    tab = ChecklistTab(workspace, lambda: patient_id)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.checklist is not None)
    row = next(r for r, item in enumerate(tab.model.rows()) if item.item_code == "urinalysis")
    cell = tab.table.visualRect(tab.model.index(row, ChecklistItemModel.RECORD)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = tab.dialog
    assert isinstance(dialog, RecordItemDialog) and dialog.item.item_code == "urinalysis"
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.dipstick["blood"].isVisible() and not dialog.moca.isVisible()
    qtbot.mouseClick(dialog.dipstick["blood"], Qt.MouseButton.LeftButton)
    assert dialog.flag.text().startswith("⚠ Abnormal: Urinalysis positive: blood")
    qtbot.mouseClick(dialog.dipstick["blood"], Qt.MouseButton.LeftButton)
    dialog.findings.setText("clear, no microscopy findings")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert tab.checklist is not None
    assert tab.checklist.item("urinalysis").state.value == "done"
    assert "dipstick negative" in tab.checklist.item("urinalysis").last_result

    area.refresh()
    assert "urinalysis" not in overdue_items(area, patient_id)
    assert "liver_function_tests" in overdue_items(area, patient_id)


def test_the_clinic_list_filters_opens_the_patient_and_prints(
    qtbot, workspace: Workspace, database: Database, staff: dict[Role, Actor], tmp_path: Path
) -> None:
    first = setup_patient(database, staff)
    area = ChecklistArea(workspace)
    qtbot.addWidget(area)
    area.refresh()
    everything = len(area.model.rows())
    area.item_filter.setCurrentIndex(area.item_filter.findData("urinalysis"))
    assert [row.item_code for row in area.model.rows()] == ["urinalysis"]
    area.item_filter.setCurrentIndex(0)
    area.modality_filter.setCurrentIndex(area.modality_filter.findData(Modality.TMS.value))
    assert area.model.rows() == []
    area.modality_filter.setCurrentIndex(0)
    assert len(area.model.rows()) == everything
    days = [row.days_overdue for row in area.model.rows()]
    assert days == sorted(days, reverse=True)
    with qtbot.waitSignal(area.patient_requested) as requested:
        area.table.doubleClicked.emit(area.model.index(0, 0))
    assert requested.args == [first]
    target = tmp_path / "due.pdf"
    area.save_pdf(target)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Testperson" in text and "Urinalysis" in text


def test_today_shows_the_bookings_with_what_is_due_and_the_open_alerts(
    qtbot, workspace: Workspace, database: Database, staff: dict[Role, Actor]
) -> None:
    prescriber = staff[Role.PRESCRIBER]
    patient_id = setup_patient(database, staff)
    day = _weekday(TODAY + timedelta(days=1))
    book(database, prescriber, patient_id, day, at=time(10, 30))
    answers = {str(n): 0 for n in range(1, 10)} | {"9": 2}
    scales.record_scale(
        database,
        prescriber,
        patient_id,
        ScaleEntry("PHQ9", datetime.now(UTC) - timedelta(hours=1), answers, self_report=True),
    )
    area = TodayArea(workspace)
    qtbot.addWidget(area)
    area.day = day
    area.refresh()
    assert area.bookings.rowCount() == 1
    assert area.bookings.item(0, 0).text().startswith("10:30")
    assert "Testperson" in area.bookings.item(0, 1).text()
    assert "Urinalysis (overdue" in area.bookings.item(0, 4).text()
    assert area.alerts.count() == 1 and "Testperson" in area.alerts.item(0).text()
    assert area.alerts_box.isVisibleTo(area)
    with qtbot.waitSignal(area.patient_requested) as requested:
        area.bookings.cellDoubleClicked.emit(0, 1)
    assert requested.args == [patient_id]

    desk = Workspace(database, workspace.sign_in, workspace.passwords, "w", staff[Role.FRONT_DESK])
    front = TodayArea(desk)
    qtbot.addWidget(front)
    front.day = day
    front.refresh()
    assert front.bookings.rowCount() == 1 and front.bookings.isColumnHidden(4)
    assert front.view is not None and front.view.bookings[0].due == ()
    assert not front.alerts_box.isVisibleTo(front)


def test_a_rule_changed_in_settings_shows_at_once_in_the_list(
    qtbot, workspace: Workspace, database: Database, staff: dict[Role, Actor]
) -> None:
    patient_id = setup_patient(database, staff)
    admin = Workspace(
        database, workspace.sign_in, workspace.passwords, "w", staff[Role.ADMINISTRATOR]
    )
    panel = RulesPanel(admin)
    qtbot.addWidget(panel)
    panel.refresh()
    panel.select("urinalysis")
    panel.in_use.setChecked(False)
    panel.save()
    assert "Saved" in panel.message.text()
    area = ChecklistArea(workspace)
    qtbot.addWidget(area)
    area.refresh()
    assert "urinalysis" not in overdue_items(area, patient_id)
    panel.select("liver_function_tests")
    panel.earliest.setValue(1)
    panel.latest.setValue(2)
    assert panel.rules()[
        [r.code for r in panel.rules()].index("liver_function_tests")
    ].schedule.text == ("every 1-2 months")
    panel.restore_defaults()
    area.refresh()
    assert "urinalysis" in overdue_items(area, patient_id)


def test_the_chart_has_a_checklist_tab_for_the_open_patient(
    qtbot, window, database: Database, staff: dict[Role, Actor]
) -> None:
    first = setup_patient(database, staff)
    second, _ = patient_on_course(
        database, staff[Role.PRESCRIBER], mrn="BD-0002", first_treatment=None
    )
    window.patients.open_patient(first)
    chart = window.patients.chart_page
    chart.tabs.setCurrentWidget(chart.checklist)
    qtbot.waitUntil(lambda: chart.checklist.checklist is not None)
    assert chart.checklist.checklist.patient_id == first
    assert chart.checklist.model.row_at(0).state.value == "overdue"
    window.patients.show_list()
    window.patients.open_patient(second)
    qtbot.waitUntil(lambda: chart.checklist.checklist.patient_id == second)
    assert chart.checklist.model.row_at(0).state.value == "baseline_missing"
