"""An administrator reading and exporting the audit trail, by keyboard and mouse."""

import csv
import json
import time
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from db.accounts.actor import Actor
from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.audit import queries
from db.audit.queries import AuditRow
from db.database import Database
from db.models import AuditEvent
from db.patients.workflows import create_patient, open_chart, update_patient
from tests.factories import STAFF_USERNAMES, WORKSTATION, make_patient_draft
from ui.audit.audit_model import AuditSortProxy, AuditTableModel, local_time
from ui.audit.audit_page import AuditPage
from ui.workspace import Workspace

PRESCRIBER = STAFF_USERNAMES[Role.PRESCRIBER]
NURSE = STAFF_USERNAMES[Role.NURSE]


@pytest.fixture
def workspace(database: Database, passwords: Passwords, staff: dict[Role, Actor]) -> Workspace:
    return Workspace(
        database, SignIn(database, passwords), passwords, WORKSTATION, staff[Role.ADMINISTRATOR]
    )


@pytest.fixture
def activity(database: Database, staff: dict[Role, Actor]) -> dict[str, int]:
    """Two patients created by the prescriber, one renamed, charts opened by the nurse."""
    prescriber, nurse = staff[Role.PRESCRIBER], staff[Role.NURSE]
    first = create_patient(database, prescriber, make_patient_draft(mrn="BD-0001"))
    second = create_patient(
        database, prescriber, make_patient_draft(mrn="BD-0002", legal_family_name="Second")
    )
    chart = open_chart(database, prescriber, first)
    update_patient(
        database,
        prescriber,
        first,
        chart.version,
        make_patient_draft(mrn="BD-0001", legal_family_name="Renamed"),
    )
    open_chart(database, nurse, first)
    open_chart(database, nurse, second)
    open_chart(database, nurse, second)
    return {"BD-0001": first, "BD-0002": second}


@pytest.fixture
def page(qtbot, workspace: Workspace) -> AuditPage:
    audit = AuditPage(workspace)
    qtbot.addWidget(audit)
    audit.resize(1280, 760)
    audit.show()
    qtbot.waitExposed(audit)
    return audit


def column(page: AuditPage, name: str) -> list[str]:
    number = AuditTableModel.COLUMNS.index(name)
    return [page.proxy.index(row, number).data() for row in range(page.proxy.rowCount())]


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_row(qtbot, page: AuditPage, row: int) -> None:
    rect = page.table.visualRect(page.proxy.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def retype(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def stored_actions(database: Database) -> list[str]:
    with database.reading() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_the_page_does_not_search_until_asked(
    qtbot, page: AuditPage, database: Database, activity
) -> None:
    assert "view audit" not in stored_actions(database)
    assert page.model.rowCount() == 0
    assert not page.export_button.isEnabled()
    page.refresh()  # what the main window does when the page is shown
    assert stored_actions(database)[-1] == "view audit"
    assert page.proxy.rowCount() > 0
    assert page.export_button.isEnabled()


def test_every_event_shows_newest_first_with_local_time_role_and_object(
    qtbot, page: AuditPage, activity
) -> None:
    click(qtbot, page.search_button)
    times = column(page, "Time")
    assert times == sorted(times, reverse=True)
    assert all(len(text) == 19 and text[4] == "-" and text[13] == ":" for text in times)
    assert page.count.text() == f"{page.proxy.rowCount()} events"
    first = column(page, "User").index(PRESCRIBER)
    assert column(page, "Role")[first] == "Prescriber"
    assert column(page, "Workstation")[first] == WORKSTATION
    objects = set(column(page, "Object"))
    assert f"patient #{activity['BD-0001']}" in objects
    assert "user account #1" in objects


def test_filter_by_user_typing_and_pressing_return(
    qtbot, page: AuditPage, database: Database, activity
) -> None:
    qtbot.keyClicks(page.username, NURSE.upper())  # any case
    qtbot.keyClick(page.username, Qt.Key.Key_Return)
    assert set(column(page, "User")) == {NURSE}
    assert column(page, "Action") == ["read", "read", "read"]
    assert column(page, "Patient MRN") == ["BD-0002", "BD-0002", "BD-0001"]
    assert page.count.text() == "3 events"
    assert stored_actions(database).count("view audit") == 1  # one Return, one search
    # Return in the table does not search again.
    click_row(qtbot, page, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert stored_actions(database).count("view audit") == 1


def test_filter_by_action_chosen_from_the_list(qtbot, page: AuditPage, activity) -> None:
    page.action.setFocus()
    qtbot.keyClicks(page.action, "update")
    assert page.action.currentText() == "update"
    qtbot.keyClick(page.action, Qt.Key.Key_Return)  # Return in the list searches too
    assert column(page, "Action") == ["update"]
    assert column(page, "User") == [PRESCRIBER]

    page.category.setFocus()
    page.action.setCurrentIndex(0)
    qtbot.keyClicks(page.category, "chart")
    click(qtbot, page.search_button)
    assert set(column(page, "Category")) == {"chart"}
    assert len(column(page, "Category")) == 4  # four charts opened


def test_filter_by_patient_mrn(qtbot, page: AuditPage, activity) -> None:
    qtbot.keyClicks(page.patient_mrn, "bd-0002")
    qtbot.keyClick(page.patient_mrn, Qt.Key.Key_Return)
    assert set(column(page, "Patient MRN")) == {"BD-0002"}
    assert sorted(column(page, "Action")) == ["create", "read", "read"]


def test_filter_by_date_range(qtbot, page: AuditPage, activity) -> None:
    # The filter works on UTC days (see the report); the activity happened just now.
    today = datetime.now(UTC).date()
    qtbot.keyClicks(page.from_date, today.isoformat())
    qtbot.keyClicks(page.to_date, today.isoformat())
    qtbot.keyClick(page.to_date, Qt.Key.Key_Return)
    everything_today = page.proxy.rowCount()
    assert everything_today > 10

    retype(qtbot, page.from_date, (today + timedelta(days=1)).isoformat())
    retype(qtbot, page.to_date, (today + timedelta(days=7)).isoformat())
    qtbot.keyClick(page.from_date, Qt.Key.Key_Return)
    assert page.proxy.rowCount() == 0
    assert page.count.text() == "No events match these filters."

    retype(qtbot, page.from_date, "20200101")  # digits only are read as a date
    retype(qtbot, page.to_date, (today - timedelta(days=1)).isoformat())
    qtbot.keyClick(page.to_date, Qt.Key.Key_Return)
    assert page.from_date.text() == "2020-01-01"
    assert page.proxy.rowCount() == 0


def test_unreadable_or_reversed_dates_are_explained_and_nothing_is_searched(
    qtbot, page: AuditPage, database: Database, activity
) -> None:
    qtbot.keyClicks(page.from_date, "2026-13-45")
    qtbot.keyClick(page.from_date, Qt.Key.Key_Return)
    assert page.problem_label.isVisible()
    assert page.problem_label.text() == "From: '2026-13-45' is not a date. Type it as YYYY-MM-DD."
    assert page.from_date.styleSheet() != ""
    assert "view audit" not in stored_actions(database)

    retype(qtbot, page.from_date, "2026-03-10")
    qtbot.keyClicks(page.to_date, "2026-03-01")
    click(qtbot, page.search_button)
    assert "before the 'From' date" in page.problem_label.text()
    assert page.to_date.styleSheet() != ""
    assert "view audit" not in stored_actions(database)

    click(qtbot, page.clear_button)
    assert page.from_date.text() == page.to_date.text() == ""
    assert not page.problem_label.isVisible()
    click(qtbot, page.search_button)
    assert page.proxy.rowCount() > 0


def test_selecting_an_update_shows_the_record_before_the_change(
    qtbot, page: AuditPage, activity
) -> None:
    assert "Select an event" in page.event_heading.text()
    page.action.setCurrentIndex(page.action.findData("update"))
    click(qtbot, page.search_button)
    click_row(qtbot, page, 0)
    prior = page.prior_view.toPlainText()
    assert json.loads(prior)["legal_family_name"] == "Testperson"
    assert '\n  "legal_family_name": "Testperson",\n' in prior  # one field a line
    assert "patient BD-0001" in page.event_heading.text()
    assert PRESCRIBER in page.event_heading.text()

    # A read changed nothing: no prior version, and the detail says what was seen.
    page.action.setCurrentIndex(page.action.findData("read"))
    click(qtbot, page.search_button)
    assert "Select an event" in page.event_heading.text()
    click_row(qtbot, page, 0)
    assert page.prior_view.toPlainText() == ""
    assert "demographics" in page.detail_view.toPlainText()

    page.clear()  # as on signing out: nothing of the trail stays on screen
    assert page.model.rowCount() == 0
    assert page.detail_view.toPlainText() == ""
    assert page.action.currentText() == "Any"
    assert not page.export_button.isEnabled()


def test_sorting_by_a_column_click_uses_native_values(qtbot, page: AuditPage, activity) -> None:
    click(qtbot, page.search_button)
    header = page.table.horizontalHeader()
    time_x = header.sectionViewportPosition(AuditTableModel.TIME) + 10
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(time_x, header.height() // 2)
    )
    times = column(page, "Time")
    assert times == sorted(times)  # now oldest first
    assert page.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).endswith("event 1")


def test_export_writes_every_matching_row_and_is_itself_audited(
    qtbot, page: AuditPage, database: Database, activity, tmp_path: Path, monkeypatch
) -> None:
    chosen = tmp_path / "exports" / "trail"
    chosen.parent.mkdir()
    asked = []

    def fake_get_save_file_name(parent, caption, directory, file_filter):
        asked.append(directory)
        return str(chosen), "CSV files (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_get_save_file_name)
    qtbot.keyClicks(page.username, PRESCRIBER)
    click(qtbot, page.search_button)
    shown = page.proxy.rowCount()
    click(qtbot, page.export_button)

    written = chosen.with_suffix(".csv")  # the suffix is added when left off
    assert asked and asked[0].endswith(".csv")
    with written.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [f.name for f in fields(AuditRow)]
    assert len(rows) - 1 == shown
    assert {row[2] for row in rows[1:]} == {PRESCRIBER}
    assert page.message.text() == f"Wrote {shown} events to {written}."

    assert stored_actions(database)[-2:] == ["view audit", "export"]
    # Both show up when the administrator looks at the audit category.
    page.username.clear()
    page.category.setCurrentIndex(page.category.findData("audit trail"))
    click(qtbot, page.search_button)
    # This search is recorded after it reads, so it shows next time.
    assert column(page, "Action") == ["export", "view audit"]
    assert column(page, "Detail")[0] == f"{shown} rows to CSV (username={PRESCRIBER})"
    assert column(page, "Detail")[1] == f"username={PRESCRIBER}"


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot, page: AuditPage, database: Database, activity, monkeypatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    click(qtbot, page.search_button)
    click(qtbot, page.export_button)
    assert "export" not in stored_actions(database)
    assert page.message.text() == ""


def test_an_unwritable_place_is_explained(
    qtbot, page: AuditPage, activity, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "no such folder" / "trail.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    click(qtbot, page.search_button)
    click(qtbot, page.export_button)
    assert page.message.text().startswith(f"Could not write {target}")


def test_the_display_limit_is_stated(qtbot, page: AuditPage, activity, monkeypatch) -> None:
    monkeypatch.setattr(queries, "MAX_ROWS_SHOWN", 5)
    click(qtbot, page.search_button)
    assert page.proxy.rowCount() == 5
    assert page.count.text().startswith("Showing the newest 5 matching events")


def test_a_role_without_the_permission_is_refused_in_words(
    qtbot, workspace: Workspace, staff: dict[Role, Actor], database: Database
) -> None:
    workspace.signed_in = staff[Role.PRESCRIBER]
    audit = AuditPage(workspace)
    qtbot.addWidget(audit)
    audit.show()
    click(qtbot, audit.search_button)
    assert "may not view the audit trail" in audit.problem_label.text()
    assert audit.model.rowCount() == 0
    assert stored_actions(database)[-1] == "permission denied"


def test_times_show_in_local_time(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # UTC+05:30 all year
    time.tzset()
    try:
        instant = datetime(2026, 11, 21, 20, 45, 7, tzinfo=UTC)
        assert local_time(instant) == "2026-11-22 02:15:07"
    finally:
        monkeypatch.undo()
        time.tzset()


def _row(event_id: int, when: datetime, object_id: int | None, **values: str) -> AuditRow:
    base = {
        "username": "admin",
        "role": "administrator",
        "workstation": "front-1",
        "patient_mrn": "",
        "action": "update",
        "category": "accounts",
        "object_type": "user account",
        "detail": "",
        "prior_version": "",
    }
    base.update(values)
    return AuditRow(id=event_id, occurred_at=when, object_id=object_id, **base)


def test_the_model_is_well_behaved_and_sorts_on_native_values(qtmodeltester) -> None:
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    rows = [
        _row(3, start + timedelta(hours=2), 10),
        _row(2, start + timedelta(minutes=5, milliseconds=1), 2, role="", username="ghost"),
        _row(1, start + timedelta(minutes=5), None, object_type=""),
    ]
    model = AuditTableModel(rows)
    qtmodeltester.check(model)
    proxy = AuditSortProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)

    proxy.sort(AuditTableModel.TIME, Qt.SortOrder.AscendingOrder)
    order = [proxy.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) for r in range(3)]
    assert [text.rsplit(" ", 1)[-1] for text in order] == ["1", "2", "3"]  # a millisecond apart
    proxy.sort(AuditTableModel.OBJECT, Qt.SortOrder.AscendingOrder)
    # Object numbers sort as numbers: #2 before #10.
    assert [proxy.index(r, AuditTableModel.OBJECT).data() for r in range(3)] == [
        "",
        "user account #2",
        "user account #10",
    ]
    assert model.index(1, AuditTableModel.ROLE).data() == ""
    assert model.index(0, AuditTableModel.ROLE).data() == "Administrator"

    model.set_rows([])
    qtmodeltester.check(model)
