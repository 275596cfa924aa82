"""A chart tab that lists one kind of entry, with Add, Edit and Remove."""

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.errors import ClinicError
from db.patients import workflows
from db.patients.views import Saved
from ui.patients.entry_dialog import EntryDialog
from ui.workspace import Workspace

DraftT = TypeVar("DraftT")


class EntryTable(QWidget, Generic[DraftT]):
    """Rows are plain saved entries; editing opens the kind's own dialog."""

    changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        draft_class: type[DraftT],
        dialog_class: type[EntryDialog[DraftT]],
        columns: Sequence[tuple[str, Callable[[DraftT], Any]]],
        noun: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.dialog: EntryDialog[DraftT] | None = None
        self._draft_class = draft_class
        self._dialog_class = dialog_class
        self._columns = columns
        self._noun = noun
        self._patient_id: int | None = None
        self._entries: tuple[Saved[DraftT], ...] = ()

        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([title for title, _ in columns])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.add_button = QPushButton(f"Add {noun}…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_entries(self, patient_id: int, entries: tuple[Saved[DraftT], ...]) -> None:
        self._patient_id = patient_id
        self._entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, (_, value_of) in enumerate(self._columns):
                item = QTableWidgetItem(text_of(value_of(entry.draft)))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def _selected(self) -> Saved[DraftT] | None:
        rows = self.table.selectionModel().selectedRows()
        return self._entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        has_selection = self._selected() is not None
        self.edit_button.setEnabled(has_selection)
        self.remove_button.setEnabled(has_selection)

    def _open_dialog(self, existing: Saved[DraftT] | None) -> None:
        assert self._patient_id is not None
        # Window-modal but not a nested event loop: a locked screen can hide it and bring
        # it back with what was typed.
        self.dialog = self._dialog_class(self._workspace, self._patient_id, existing, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.accepted.connect(self.changed)
        self.dialog.open()

    def _on_add_button_clicked(self) -> None:
        self._open_dialog(None)

    def _on_edit_button_clicked(self) -> None:
        if (entry := self._selected()) is not None:
            self._open_dialog(entry)

    def _on_table_double_clicked(self) -> None:
        self._on_edit_button_clicked()

    def _on_remove_button_clicked(self) -> None:
        entry = self._selected()
        if entry is None or self._patient_id is None:
            return
        answer = QMessageBox.question(
            self, "Remove entry", f"Remove this {self._noun} from the chart?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            workflows.delete_entry(
                self._workspace.database,
                self._workspace.actor,
                self._patient_id,
                self._draft_class,
                entry.id,
                entry.version,
            )
        except ClinicError as refused:
            QMessageBox.warning(self, "Not removed", str(refused))
        self.changed.emit()


def text_of(value: Any) -> str:
    """Enum labels, ISO dates and blanks for a table cell."""
    if value is None:
        return ""
    label = getattr(value, "label", None)
    if label is not None:
        return str(label)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
