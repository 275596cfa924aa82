"""Archived letters as a table: newest first, with what identifies each copy."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from db.letters.views import ArchivedLetterView
from ui.letters.summary import versions, when
from ui.table_model import Index, RowTableModel


class LetterTableModel(RowTableModel[ArchivedLetterView]):
    """`with_patient`: the clinic-wide list names the patient of each letter."""

    PATIENT_COLUMNS = ("Patient", "MRN")
    LETTER_COLUMNS = ("Date", "Kind", "Title", "Author", "Template", "SHA-256")

    def __init__(self, with_patient: bool = False) -> None:
        super().__init__()
        self.with_patient = with_patient
        cols = self.LETTER_COLUMNS
        self.COLUMNS = (cols[0], *self.PATIENT_COLUMNS, *cols[1:]) if with_patient else cols

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        letter = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = [
                when(letter),
                letter.kind.label,
                letter.title,
                letter.author_name,
                versions(letter, short=True),
                letter.sha256[:12],
            ]
            if self.with_patient:
                cells[1:1] = [letter.patient_name, letter.mrn]
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"SHA-256 {letter.sha256}\n{letter.page_count} pages"
        return None


def letter_table(model: LetterTableModel, name: str, parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent, objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.COLUMNS.index("Title"), QHeaderView.ResizeMode.Stretch)
    return table
