"""The patient list as a Qt model, and the filter that finds a patient in a few keystrokes.

Filtering runs inside Qt (a regular expression over a prepared search key per row) rather
than in a Python callback per row, so 20,000 patients filter without lag.
"""

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)

from db.patients.views import PatientRow
from ui.table_model import Index, RowTableModel

SEARCH_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PATIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def fold(text: str) -> str:
    """Lower case without accents, so 'nguyen' finds 'Nguyễn' and 'zoe' finds 'Zoë'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def search_key(row: PatientRow) -> str:
    parts = [
        row.mrn,
        row.legal_family_name,
        row.legal_given_names,
        row.preferred_name,
        row.date_of_birth.isoformat(),
        row.date_of_birth.strftime("%m/%d/%Y"),
    ]
    return fold(" ".join(parts))


class PatientTableModel(RowTableModel[PatientRow]):
    COLUMNS = ("Name", "MRN", "Date of birth", "Status")

    def _prepare(self, rows: Sequence[PatientRow]) -> None:
        super()._prepare(rows)
        self._keys = [search_key(row) for row in self._rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.display_name,
                row.mrn,
                row.date_of_birth.isoformat(),
                row.status.capitalize(),
            )[column]
        if role == Qt.ItemDataRole.UserRole:
            # Native values for sorting: dates as dates, names case-folded.
            return (fold(row.display_name), row.mrn, row.date_of_birth, row.status)[column]
        if role == SEARCH_KEY_ROLE:
            return self._keys[index.row()]
        if role == PATIENT_ID_ROLE:
            return row.id
        return None


class PatientFilterProxy(QSortFilterProxyModel):
    """Every word typed must appear somewhere in the row: name, MRN or date of birth."""

    def __init__(self) -> None:
        super().__init__()
        self.setFilterRole(SEARCH_KEY_ROLE)
        self.setFilterKeyColumn(0)
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        pattern = "".join(f"(?=.*{re.escape(word)})" for word in words)
        self.setFilterRegularExpression(QRegularExpression(f"^{pattern}" if words else ""))
