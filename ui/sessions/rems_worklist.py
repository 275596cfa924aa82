"""The Spravato REMS worklist: every signed esketamine session whose patient monitoring form
is not yet submitted (due within 7 days of the session), the most urgent first. Mark
submitted… records the day it went in; Print form… saves the session's form as a PDF to
transcribe or file; Open session shows the session itself."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.errors import ClinicError
from db.files import write_atomically
from db.letters.letterhead import load_letterhead
from db.sessions.views import RemsWorkItem
from db.sessions.workflows import mark_rems_submitted, rems_form_data, rems_worklist
from reports.model import Letterhead
from reports.rems_form import render_rems_form
from ui.sessions.look import QUIET, SERIOUS_COLOUR
from ui.sessions.opener import SessionOpener
from ui.sessions.rems_submitted_dialog import RemsSubmittedDialog
from ui.workspace import Workspace

COLUMNS = ("Patient", "MRN", "Session", "Form due by", "")
FALLBACK_LETTERHEAD = Letterhead(clinic_name="Booster Desk")


def urgency_text(item: RemsWorkItem) -> str:
    if item.overdue:
        days = -item.days_left
        return f"overdue by {days} day{'s' if days != 1 else ''}"
    if item.days_left == 0:
        return "due today"
    return f"due in {item.days_left} day{'s' if item.days_left != 1 else ''}"


class RemsWorklistPage(QWidget):
    patient_requested = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._today = today
        self.items: list[RemsWorkItem] = []
        self.dialog: RemsSubmittedDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.opener = SessionOpener(workspace, self, today)

        title = QLabel("Spravato REMS monitoring forms")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        intro = QLabel(
            "Each esketamine session's patient monitoring form is due within 7 days of the "
            "session. Sessions appear here once signed, until their form is marked submitted."
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(QUIET)
        self.table = QTableWidget(0, len(COLUMNS), objectName="remsWorklist")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.mark_button = QPushButton("Mark submitted…", objectName="markRemsSubmitted")
        self.print_button = QPushButton("Print form…", objectName="printRemsForm")
        self.open_button = QPushButton("Open session", objectName="openRemsSession")
        self.chart_button = QPushButton("Open chart", objectName="openRemsChart")
        self.mark_button.clicked.connect(self._on_mark_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.chart_button.clicked.connect(self._on_chart_button_clicked)
        buttons = QHBoxLayout()
        for button in (self.mark_button, self.print_button, self.open_button, self.chart_button):
            buttons.addWidget(button)
        buttons.addStretch()
        self.message = QLabel(objectName="remsMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._update_buttons()

    # Loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            self.items = rems_worklist(
                self._workspace.database, self._workspace.actor, today=self._today()
            )
        except ClinicError as refused:
            self._say(str(refused), problem=True)
            return
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = (
                item.patient_name,
                item.mrn,
                item.session_on.isoformat(),
                item.due_on.isoformat(),
                urgency_text(item),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.overdue and column == len(cells) - 1:
                    cell.setForeground(QBrush(QColor(SERIOUS_COLOUR)))
                self.table.setItem(row, column, cell)
        if not self.items:
            self.table.setRowCount(1)
            self.table.setSpan(0, 0, 1, len(COLUMNS))
            empty = QTableWidgetItem("No REMS monitoring forms waiting.")
            empty.setForeground(QBrush(QColor("gray")))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.table.setItem(0, 0, empty)
        else:
            self.table.clearSpans()
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> RemsWorkItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.items:
            return None
        return self.items[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.mark_button, self.print_button, self.open_button, self.chart_button):
            button.setEnabled(chosen)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setStyleSheet(f"color: {SERIOUS_COLOUR};" if problem else "color: #1b5e20;")
        self.message.setText(text)

    # Marking submitted ------------------------------------------------------------------

    def _on_mark_button_clicked(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = RemsSubmittedDialog(item, self._today(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.mark_submitted)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def mark_submitted(self, item: RemsWorkItem, submitted_on: date) -> None:
        try:
            mark_rems_submitted(
                self._workspace.database,
                self._workspace.actor,
                item.session_id,
                submitted_on,
                today=self._today(),
            )
        except ClinicError as refused:
            self._say(str(refused), problem=True)
            return
        self.refresh()
        self._say(
            f"{item.patient_name}'s form for {item.session_on:%Y-%m-%d} recorded as submitted "
            f"on {submitted_on:%Y-%m-%d}."
        )

    # Printing ---------------------------------------------------------------------------

    def _on_print_button_clicked(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = QFileDialog(self, "Save the REMS monitoring form")
        dialog.setObjectName("remsFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter("PDF (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"rems-form-{item.session_on.isoformat()}.pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path, chosen=item: self.save_form(chosen, Path(path)))
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def save_form(self, item: RemsWorkItem, path: Path) -> None:
        database, actor = self._workspace.database, self._workspace.actor
        try:
            letterhead = load_letterhead(database) or FALLBACK_LETTERHEAD
            data = rems_form_data(
                database, actor, item.session_id, setting_name=letterhead.clinic_name
            )
            write_atomically(path, render_rems_form(data, letterhead))
        except (ClinicError, OSError) as failed:
            self._say(f"The form was not saved: {failed}", problem=True)
            return
        self._say(f"REMS form saved to {path}.")

    # Opening ----------------------------------------------------------------------------

    def _on_open_button_clicked(self) -> None:
        if (item := self.selected()) is not None:
            self.opener.open_session(item.session_id)

    def _on_chart_button_clicked(self) -> None:
        if (item := self.selected()) is not None:
            self.patient_requested.emit(item.patient_id)

    def _on_table_double_clicked(self) -> None:
        self._on_open_button_clicked()
