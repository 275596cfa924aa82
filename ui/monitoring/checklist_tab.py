"""The chart's Checklist tab: every monitoring item of the patient, its state, window, last
result and why; one click on "Record…" records it. Defer or dismiss with a reason; enter an
event by hand. Loads when shown, for the chart's open patient."""

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.accounts.roles import Permission
from db.errors import ClinicError
from db.monitoring.views import ChecklistItem, PatientChecklist
from db.monitoring.workflows import patient_checklist
from ui.monitoring.models import ChecklistItemModel
from ui.monitoring.record_dialog import RecordItemDialog, open_dialog
from ui.monitoring.set_aside_dialogs import EventDialog, SetAsideDialog
from ui.workspace import Workspace


class ChecklistTab(QWidget):
    changed = Signal(int)  # patient id, after anything was recorded
    annual_review_requested = Signal()  # the yearly items are closed by the annual review form

    def __init__(
        self,
        workspace: Workspace,
        patient_id: Callable[[], int | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._follow = patient_id
        self._patient_id: int | None = None
        self.checklist: PatientChecklist | None = None
        self.dialog: RecordItemDialog | SetAsideDialog | EventDialog | None = None

        self.summary = QLabel(objectName="checklistSummary")
        self.summary.setWordWrap(True)
        self.record_button = QPushButton("Record…", objectName="recordItem")
        self.set_aside_button = QPushButton("Defer or dismiss…", objectName="setAsideItem")
        self.event_button = QPushButton("Record an event…", objectName="recordEvent")
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.set_aside_button.clicked.connect(self._on_set_aside_button_clicked)
        self.event_button.clicked.connect(self._on_event_button_clicked)
        self.annual_review_button = QPushButton("Annual review…", objectName="checklistReview")
        self.annual_review_button.setToolTip(
            "The annual review form records the safety assessment, the continuation "
            "discussion and the consent reaffirmation together"
        )
        self.annual_review_button.clicked.connect(self.annual_review_requested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.record_button)
        top.addWidget(self.set_aside_button)
        top.addWidget(self.event_button)
        top.addWidget(self.annual_review_button)

        self.model = ChecklistItemModel()
        self.model.setParent(self)
        self.table = QTableView(objectName="checklistTable")
        self.table.setModel(self.model)
        self.selection = self.table.selectionModel()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ChecklistItemModel.REASON, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 70), (1, 250), (2, 110), (3, 190), (4, 90), (5, 220)):
            self.table.setColumnWidth(column, width)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.selection.selectionChanged.connect(self._update_buttons)
        self.history = QTextBrowser(objectName="checklistHistory")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # Loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        wanted = self._follow() if self._follow is not None else self._patient_id
        if wanted is not None and (wanted != self._patient_id or self.checklist is None):
            self.show_patient(wanted)

    def show_patient(self, patient_id: int) -> None:
        self._patient_id = patient_id
        self.reload()

    def clear(self) -> None:
        self._patient_id = None
        self.checklist = None
        self.model.set_rows([])
        self.summary.clear()
        self.history.clear()

    def reload(self) -> None:
        if self._patient_id is None:
            return
        try:
            self.checklist = patient_checklist(
                self._workspace.database, self._workspace.actor, self._patient_id
            )
        except ClinicError as refused:
            self.summary.setText(str(refused))
            return
        selected = self.selected_item
        # What needs action first, in the rules' order; then the rest.
        items = sorted(self.checklist.items, key=lambda item: not item.state.needs_action)
        self.model.set_rows(items)
        self._show_summary(self.checklist)
        self._show_history(self.checklist)
        if selected is not None:
            self.select(selected.item_code)
        self._update_buttons()

    def _show_summary(self, checklist: PatientChecklist) -> None:
        if not checklist.items:
            self.summary.setText("No monitoring items: the patient has no active course.")
            return
        needing = checklist.needing_action
        overdue = sum(1 for item in needing if item.state.value == "overdue")
        if not needing:
            self.summary.setText("Nothing is due. Every-visit items are checked at each visit.")
            return
        parts = [f"{len(needing)} item{'s' if len(needing) != 1 else ''} need action"]
        if overdue:
            parts.append(f"{overdue} overdue")
        self.summary.setText(", ".join(parts) + ". Click Record… on a row to record it.")

    def _show_history(self, checklist: PatientChecklist) -> None:
        lines = ["<b>Recorded</b>"]
        for done in checklist.completions[:30]:
            flag = " <span style='color:#b71c1c'>⚠ abnormal</span>" if done.abnormal else ""
            lines.append(
                f"{done.done_on.isoformat()} · {done.title}: {done.summary}{flag} "
                f"<span style='color:gray'>({done.performed_by})</span>"
            )
        if not checklist.completions:
            lines.append("Nothing recorded yet.")
        if checklist.events:
            lines.append("<br><b>Events</b>")
            lines += [event.text for event in checklist.events]
        self.history.setHtml("<br>".join(lines))

    # Selection --------------------------------------------------------------------------

    @property
    def selected_item(self) -> ChecklistItem | None:
        rows = self.selection.selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, item_code: str) -> None:
        for row, item in enumerate(self.model.rows()):
            if item.item_code == item_code:
                self.table.selectRow(row)
                return

    def _update_buttons(self, *_args: object) -> None:
        may = self._workspace.may(Permission.RECORD_MONITORING)
        chosen = self.selected_item is not None
        self.record_button.setEnabled(may and chosen)
        self.set_aside_button.setEnabled(may and chosen)
        self.event_button.setEnabled(may and self._patient_id is not None)
        self.annual_review_button.setEnabled(
            self._patient_id is not None and self._workspace.may(Permission.PLAN_TREATMENT)
        )

    # Actions ----------------------------------------------------------------------------

    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.column() == ChecklistItemModel.RECORD:
            self.record(self.model.row_at(index.row()))

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != ChecklistItemModel.RECORD:
            self.record(self.model.row_at(index.row()))

    def _on_record_button_clicked(self) -> None:
        if (item := self.selected_item) is not None:
            self.record(item)

    def record(self, item: ChecklistItem) -> None:
        """Open the record dialog for `item` (one click on its Record… cell)."""
        if self._patient_id is None or self.checklist is None:
            return
        if not self._workspace.may(Permission.RECORD_MONITORING):
            return
        self.select(item.item_code)
        dialog = RecordItemDialog(
            self._workspace, self._patient_id, item, self.checklist.education_years, self
        )
        dialog.recorded.connect(self._on_saved)
        self._keep(dialog)

    def _on_set_aside_button_clicked(self) -> None:
        item = self.selected_item
        if item is None or self._patient_id is None:
            return
        dialog = SetAsideDialog(self._workspace, self._patient_id, item, self)
        dialog.saved.connect(self._on_saved)
        self._keep(dialog)

    def _on_event_button_clicked(self) -> None:
        if self._patient_id is None:
            return
        dialog = EventDialog(self._workspace, self._patient_id, self)
        dialog.saved.connect(self._on_saved)
        self._keep(dialog)

    def _keep(self, dialog: RecordItemDialog | SetAsideDialog | EventDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        open_dialog(dialog)

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None

    def _on_saved(self, *_args: object) -> None:
        self.reload()
        if self._patient_id is not None:
            self.changed.emit(self._patient_id)
