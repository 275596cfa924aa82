"""The patients of a batch run and what became of each one's letter."""

from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from db.letters.views import BatchCandidate
from ui.letters.batch_run import LetterResult, Outcome
from ui.table_model import Index, RowTableModel

_COLOURS = {
    Outcome.GENERATED: "#e8f5e9",
    Outcome.SKIPPED: "#fff8e1",
    Outcome.FAILED: "#ffcdd2",
    Outcome.NOT_DONE: "#eceff1",
}


@dataclass(frozen=True)
class BatchRow:
    candidate: BatchCandidate
    result: LetterResult = field(default_factory=lambda: LetterResult(Outcome.WAITING))


class BatchModel(RowTableModel[BatchRow]):
    COLUMNS = ("Patient", "MRN", "Why now", "Letter")
    RESULT = 3

    def set_result(self, index: int, result: LetterResult) -> None:
        self._rows[index] = replace(self._rows[index], result=result)
        self.dataChanged.emit(self.index(index, 0), self.index(index, self.RESULT))

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self._rows if row.result.outcome is outcome)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                row.candidate.patient_name,
                row.candidate.mrn,
                row.candidate.reason,
                row.result.text,
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == self.RESULT:
            colour = _COLOURS.get(row.result.outcome)
            return QBrush(QColor(colour)) if colour else None
        return None
