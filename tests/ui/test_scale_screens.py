"""Rating scales on the chart: keyboard entry, live totals, the safety alert, history, chart."""

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtWidgets import QApplication

from db.accounts.roles import Role
from db.database import Database
from db.demo.generate import generate_demo_clinic
from db.patients import workflows
from db.scales import workflows as scales
from db.scales.views import ScaleEntry
from tests.factories import make_patient_draft
from ui.main_window import MainWindow
from ui.patients.chart_page import ChartPage
from ui.scales.record_scale_dialog import RecordScaleDialog
from ui.scales.scales_tab import ScalesTab
from ui.workspace import Workspace

RETURN, TAB = Qt.Key.Key_Return, Qt.Key.Key_Tab


def press(qtbot, *keys: str | Qt.Key) -> int:
    """Type into whichever widget has the focus, as a keyboard does; returns keys pressed."""
    count = 0
    for key in keys:
        widget = QApplication.focusWidget()
        assert widget is not None, f"nothing has the focus before {key!r}"
        if isinstance(key, str):
            qtbot.keyClicks(widget, key)
            count += len(key)
        else:
            qtbot.keyClick(widget, key)
            count += 1
    return count


def answer_items(qtbot, digits: str) -> int:
    """A digit and Tab per item."""
    return sum(press(qtbot, digit, TAB) for digit in digits)


def open_scales_tab(window: MainWindow, patient_id: int) -> ChartPage:
    window.patients.open_patient(patient_id)
    chart = window.patients.chart_page
    chart.tabs.setCurrentWidget(chart.scales)
    return chart


def open_record_dialog(qtbot, tab: ScalesTab) -> RecordScaleDialog:
    tab.record_button.setFocus()
    qtbot.keyClick(tab.record_button, Qt.Key.Key_Space)
    dialog = tab.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.instrument)
    return dialog


def new_patient(database: Database, workspace: Workspace, **overrides) -> int:
    return workflows.create_patient(database, workspace.actor, make_patient_draft(**overrides))


def test_a_full_madrs_by_keyboard_alone_with_the_live_total(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = new_patient(database, workspace)
    tab = open_scales_tab(window, patient_id).scales
    dialog = open_record_dialog(qtbot, tab)

    keys = press(qtbot, "MA", RETURN)
    assert dialog.current_instrument.code == "MADRS"
    assert QApplication.focusWidget() is dialog.items.inputs["1"]
    keys += answer_items(qtbot, "453")
    assert dialog.total_label.text() == "Total so far 12 / 60"
    assert dialog.severity_label.text() == "at least mild"
    keys += press(qtbot, "7")  # above the item's 0-6: refused, nothing changes
    assert dialog.items.inputs["4"].value() is None
    keys += answer_items(qtbot, "4323120")
    assert dialog.total_label.text() == "Total 27 / 60"
    assert dialog.severity_label.text() == "moderate"
    assert QApplication.focusWidget() is dialog.save_button
    keys += press(qtbot, RETURN)

    assert keys == 25  # "MA", Enter, 11 digits (one refused) and 10 Tabs, Enter
    assert not dialog.isVisible()
    history = scales.scale_history(database, workspace.actor, patient_id)
    [point] = history.instrument("MADRS").points
    assert (point.total, point.result.band_label) == (27, "moderate")
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "27" and tab.table.item(0, 2).text() == "moderate"
    assert tab.chart.totals is not None and tab.chart.totals.count() == 1


def test_phq9_by_keyboard_asks_the_difficulty_question_only_once_a_problem_is_checked(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = new_patient(database, workspace)
    tab = open_scales_tab(window, patient_id).scales
    dialog = open_record_dialog(qtbot, tab)
    assert dialog.current_instrument.code == "PHQ9"  # the default for an empty history
    assert dialog.completed_by.currentData() == "self"
    press(qtbot, RETURN)
    assert not dialog.items.is_asked("10")
    answer_items(qtbot, "0")
    assert not dialog.items.is_asked("10")
    answer_items(qtbot, "233")
    assert dialog.items.is_asked("10")
    assert dialog.total_label.text() == "Total so far 8 / 27"
    assert dialog.severity_label.text() == "at least mild"
    answer_items(qtbot, "3")
    assert dialog.severity_label.text() == "at least moderate"
    answer_items(qtbot, "1100")
    assert (dialog.total_label.text(), dialog.severity_label.text()) == (
        "Total 13 / 27",
        "moderate",
    )
    assert dialog.flags_label.isHidden()
    answer_items(qtbot, "2")
    press(qtbot, RETURN)

    [result] = [
        p.result
        for p in scales.scale_history(database, workspace.actor, patient_id)
        .instrument("PHQ9")
        .points
    ]
    assert result.answer_map == {
        "1": 0,
        "2": 2,
        "3": 3,
        "4": 3,
        "5": 3,
        "6": 1,
        "7": 1,
        "8": 0,
        "9": 0,
        "10": 2,
    }
    assert result.self_report and tab.alert_dialog is None


def test_unanswered_items_are_outlined_and_an_incomplete_form_is_not_saved(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = new_patient(database, workspace)
    tab = open_scales_tab(window, patient_id).scales
    dialog = open_record_dialog(qtbot, tab)
    press(qtbot, RETURN)
    answer_items(qtbot, "1")
    press(qtbot, TAB)  # item 2 skipped
    assert not dialog.items.inputs["2"].is_missing
    answer_items(qtbot, "2")
    assert dialog.items.inputs["2"].is_missing  # skipped over: outlined at once
    assert not dialog.items.inputs["4"].is_missing  # not reached yet

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem_label.text() == (
        "The PHQ-9 is incomplete: item 2 (feeling down, depressed or hopeless), item 4 "
        "(tiredness or little energy), item 5 (appetite) and 4 more are unanswered."
    )
    outlined = [key for key, answer in dialog.items.inputs.items() if answer.is_missing]
    assert outlined == ["2", "4", "5", "6", "7", "8", "9"]
    assert QApplication.focusWidget() is dialog.items.inputs["2"]
    assert scales.scale_history(database, workspace.actor, patient_id).instruments == ()

    press(qtbot, "2")
    assert not dialog.items.inputs["2"].is_missing


def test_item_9_stops_the_flow_with_the_alert_and_the_follow_up_clears_the_banner(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = new_patient(database, workspace)
    chart = open_scales_tab(window, patient_id)
    tab = chart.scales
    dialog = open_record_dialog(qtbot, tab)
    press(qtbot, RETURN)
    answer_items(qtbot, "11000000")
    press(qtbot, "1")
    assert dialog.flags_label.text() == (
        "Safety: PHQ-9 item 9 (thoughts of death or self-harm) scored 1: same-day safety "
        "follow-up needed"
    )
    press(qtbot, TAB, TAB, RETURN)  # past the optional difficulty question to Save

    alert = tab.alert_dialog
    assert alert is not None and alert.isVisible() and not dialog.isVisible()
    assert "PHQ-9 item 9 (thoughts of death or self-harm) scored 1" in alert.heading.text()
    assert chart.header.alert_banner.isVisibleTo(window)
    assert "Open safety alert: PHQ-9 item 9" in chart.header.alert_label.text()
    assert "open alert" in tab.table.item(0, 7).text()

    alert.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is alert.screener.inputs["1"])
    press(qtbot, "y", TAB, "n", TAB)  # questions 3-5 are not asked after a no to 2
    assert not alert.screener.is_asked("3")
    press(qtbot, "n", TAB)
    assert alert.risk_label.text().startswith("Screener risk: low.")
    press(qtbot, TAB)  # past the note: the screener was answered here
    press(qtbot, "y", TAB)
    press(qtbot, "Seen by the prescriber before leaving; safety plan reviewed.")
    qtbot.mouseClick(alert.record_button, Qt.MouseButton.LeftButton)

    assert not alert.isVisible()
    assert not chart.header.alert_banner.isVisibleTo(window)
    assert scales.open_alerts(database, workspace.actor, patient_id) == ()
    assert tab.table.item(0, 7).text() == "⚠ item 9: addressed"
    [done] = scales.scale_history(database, workspace.actor, patient_id).addressed_alerts
    assert (done.safety_plan, done.action) == (
        True,
        "Seen by the prescriber before leaving; safety plan reviewed.",
    )
    assert done.screener_summary.startswith("C-SSRS screener: low risk")


def test_a_deferred_alert_stays_on_the_chart_until_addressed(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = new_patient(database, workspace)
    answers = {str(n): 0 for n in range(1, 10)} | {"9": 2, "10": 1}
    scales.record_scale(
        database,
        workspace.actor,
        patient_id,
        ScaleEntry("PHQ9", datetime.now(UTC) - timedelta(hours=1), answers, self_report=True),
    )
    chart = open_scales_tab(window, patient_id)
    assert chart.header.alert_banner.isVisibleTo(window)
    qtbot.mouseClick(chart.header.alert_button, Qt.MouseButton.LeftButton)
    alert = chart.scales.alert_dialog
    assert alert is not None and alert.isVisible()

    qtbot.mouseClick(alert.record_button, Qt.MouseButton.LeftButton)
    assert alert.isVisible()
    assert alert.problem_label.text().splitlines() == [
        "Answer the C-SSRS screener, or note why it was not done here (on paper, declined, "
        "done by another clinician).",
        "Say whether a safety plan is in place.",
        "Document the action taken (who was told, what was done).",
    ]
    assert alert.safety_plan.is_missing

    qtbot.mouseClick(alert.later_button, Qt.MouseButton.LeftButton)
    assert not alert.isVisible()
    assert chart.header.alert_banner.isVisibleTo(window)
    assert len(scales.open_alerts(database, workspace.actor, patient_id)) == 1


def test_cssrs_questions_3_to_5_appear_only_after_a_yes_to_question_2(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = new_patient(database, workspace)
    tab = open_scales_tab(window, patient_id).scales
    dialog = open_record_dialog(qtbot, tab)
    press(qtbot, "C-", RETURN)
    assert dialog.current_instrument.code == "CSSRS_SCREENER"
    assert [k for k in dialog.items.inputs if dialog.items.is_asked(k)] == ["1", "2", "6"]
    press(qtbot, "n", TAB, "y", TAB)
    assert [k for k in dialog.items.inputs if dialog.items.is_asked(k)] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
    ]
    assert QApplication.focusWidget() is dialog.items.inputs["3"]
    press(qtbot, "y")
    assert dialog.total_label.text() == "Risk: moderate"
    dialog.items.inputs["2"].setFocus()
    press(qtbot, "n")
    assert not dialog.items.is_asked("3")
    assert dialog.items.inputs["3"].value() is None  # cleared with the question
    assert dialog.total_label.text() == ""


def test_moca_takes_education_from_the_chart_and_mixes_radio_buttons_with_spin_boxes(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = new_patient(database, workspace, education_years=11)
    tab = open_scales_tab(window, patient_id).scales
    dialog = open_record_dialog(qtbot, tab)
    press(qtbot, "MO", RETURN)
    assert dialog.current_instrument.code == "MOCA"
    assert dialog.education.text() == "11" and dialog.education.isVisibleTo(dialog)
    assert type(dialog.items.inputs["naming"]).__name__ == "ChoiceInput"
    assert type(dialog.items.inputs["attention"]).__name__ == "SpinInput"
    answer_items(qtbot, "4352253")
    assert dialog.total_label.text() == "Total 25 / 30  (raw 24 + education point)"
    assert dialog.severity_label.text() == "below the normal range"
    press(qtbot, RETURN)
    result = tab.history.instrument("MOCA").points[0].result
    assert (result.total, result.raw_total, result.education_years) == (25, 24, 11)


def test_amending_keeps_the_original_beside_the_correction(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    patient_id = new_patient(database, workspace)
    given = (datetime.now(UTC) - timedelta(days=2)).replace(second=0, microsecond=0)
    scales.record_scale(
        database,
        workspace.actor,
        patient_id,
        ScaleEntry("MADRS", given, {str(n): 3 for n in range(1, 11)}),
    )
    tab = open_scales_tab(window, patient_id).scales
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.amend_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and dialog.windowTitle() == "Amend scale result"
    assert not dialog.instrument.isEnabled()
    assert dialog.items.given() == {str(n): 3 for n in range(1, 11)}
    assert dialog.total_label.text() == "Total 30 / 60"
    dialog.activateWindow()
    dialog.items.inputs["4"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.items.inputs["4"])
    press(qtbot, "0")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.problem_label.text().startswith("Say why the result is being amended")
    qtbot.keyClicks(dialog.reason, "Item 4 keyed as 3, rated 0 on the form")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "27"
    assert tab.table.item(0, 8).text().startswith("amended ")
    tab.show_originals.setChecked(True)
    assert tab.table.rowCount() == 2
    assert [tab.table.item(r, 8).text() for r in range(2)][1] == "superseded by an amendment"
    assert tab.table.item(1, 1).text() == "30"
    tab.table.selectRow(1)
    assert not tab.amend_button.isEnabled()  # an original is amended through its amendment
    assert tab.chart.totals is not None and tab.chart.totals.count() == 1


def test_a_demo_patient_with_a_year_of_history_shows_the_course_and_its_chart(
    qtbot, window: MainWindow, database: Database, workspace: Workspace
) -> None:
    generate_demo_clinic(database, patients=4, seed=7)
    chart = open_scales_tab(window, 1)
    tab = chart.scales
    assert chart.header.alert_banner.isVisibleTo(window)  # the demo's one open alert
    codes = [tab.picker.itemData(i) for i in range(tab.picker.count())]
    assert {"PHQ9", "MADRS"} <= set(codes)
    tab.picker.setCurrentIndex(tab.picker.findData("PHQ9"))

    course = scales.scale_history(database, workspace.actor, 1).instrument("PHQ9")
    points = course.points
    assert (points[-1].on - points[0].on).days >= 365
    assert tab.table.rowCount() == len(points)
    assert tab.chart.totals.count() == len(points)
    assert tab.chart.markers.count() == len(points)
    assert tab.chart.flagged.count() == sum(p.result.safety_flagged for p in points)
    assert len(tab.chart.bands) == 5
    assert {p.y() for p in tab.chart.baseline.points()} == {course.baseline}
    assert tab.summary.text().startswith(f"Baseline {course.baseline} on {points[0].on}")

    first = tab.chart.markers.at(0)
    with qtbot.waitSignal(tab.chart.point_hovered) as hovered:
        tab.chart.markers.hovered.emit(QPointF(first.x() + 3_600_000, first.y()), True)
    assert hovered.args[0] == tab.chart.hover_text
    assert tab.chart.hover_text.startswith(
        f"{points[0].result.administered_at.astimezone():%Y-%m-%d}: PHQ-9 {course.baseline}"
    )
    assert tab.chart.hover_text.endswith(", baseline")
    newest = tab.table.item(0, 0).text()
    assert newest == f"{points[-1].result.administered_at.astimezone():%Y-%m-%d %H:%M}"


def test_front_desk_sees_no_scales_and_no_alert(
    qtbot, database: Database, workspace: Workspace, staff, window_settings: QSettings
) -> None:
    patient_id = new_patient(database, workspace)
    answers = {str(n): 0 for n in range(1, 10)} | {"9": 1, "10": 0}
    scales.record_scale(
        database,
        workspace.actor,
        patient_id,
        ScaleEntry("PHQ9", datetime.now(UTC) - timedelta(hours=1), answers),
    )
    workspace.signed_in = staff[Role.FRONT_DESK]
    window = MainWindow(workspace, window_settings)
    qtbot.addWidget(window)
    window.patients.open_patient(patient_id)
    chart = window.patients.chart_page
    assert not chart.tabs.isTabVisible(chart.tabs.indexOf(chart.scales))
    assert not chart.header.alert_banner.isVisibleTo(window)
    assert chart.scales.history is None
    window.idle.stop()
