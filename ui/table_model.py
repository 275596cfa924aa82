"""The part every read-only table model shares: a list of plain rows and column titles."""

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

RowT = TypeVar("RowT")
Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Subclasses name their COLUMNS and answer `data()`; rows are replaced whole."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, rows: Sequence[RowT] = ()) -> None:
        super().__init__()
        self._rows: list[RowT] = []
        self._prepare(rows)

    def _prepare(self, rows: Sequence[RowT]) -> None:
        """Keep the rows; subclasses also work out per-row values once here."""
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._prepare(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None
