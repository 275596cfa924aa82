"""Table models of the checklist screens, over the plain rows the workflows return."""

from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from db.monitoring.exports import state_text
from db.monitoring.views import ChecklistItem, DueRow
from ui.monitoring.look import ABNORMAL_COLOUR, state_brush
from ui.table_model import RowTableModel

LINK_COLOUR = QColor("#1565c0")


class ChecklistItemModel(RowTableModel[ChecklistItem]):
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "",
        "Item",
        "State",
        "Window",
        "Last done",
        "Last result",
        "Why",
    )
    RECORD, ITEM, STATE, WINDOW, LAST, RESULT, REASON = range(7)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # type: ignore[override]
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.STATE:
            return state_brush(item.state)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT and item.last_abnormal:
            return ABNORMAL_COLOUR
        if column == self.RECORD and role == Qt.ItemDataRole.ForegroundRole:
            return LINK_COLOUR
        if column == self.RECORD and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.RECORD:
                return f"Record {item.title.lower()} done"
            return item.reason
        return None

    def _text(self, item: ChecklistItem, column: int) -> str:
        match column:
            case self.RECORD:
                return "Record…"
            case self.ITEM:
                return item.title
            case self.STATE:
                return item.state.label
            case self.WINDOW:
                return item.window_text or item.schedule
            case self.LAST:
                return item.last_done.isoformat() if item.last_done else ""
            case self.RESULT:
                flag = "⚠ " if item.last_abnormal else ""
                return flag + item.last_result
        return item.reason_detail


class DueRowModel(RowTableModel[DueRow]):
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "Patient",
        "MRN",
        "Item",
        "State",
        "Window",
        "Why",
        "Modality",
        "Prescriber",
    )
    PATIENT, MRN, ITEM, STATE, WINDOW, REASON, MODALITY, PRESCRIBER = range(8)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # type: ignore[override]
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.STATE:
            return state_brush(row.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.reason
        return None

    def _text(self, row: DueRow, column: int) -> str:
        match column:
            case self.PATIENT:
                return row.patient_name
            case self.MRN:
                return row.mrn
            case self.ITEM:
                return row.title
            case self.STATE:
                return state_text(row)
            case self.WINDOW:
                return row.window_text
            case self.REASON:
                return row.reason_detail
            case self.MODALITY:
                return row.modality.label
        return row.prescriber
