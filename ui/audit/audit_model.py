"""Audit rows as a Qt model: text as the administrator reads it, native values to sort on."""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QSortFilterProxyModel,
    Qt,
    QTimeZone,
)

from db.accounts.roles import Role
from db.audit.queries import AuditRow
from ui.table_model import Index, RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def local_time(instant: datetime) -> str:
    """An instant as this computer's local wall-clock time, to the second."""
    return instant.astimezone().strftime(TIME_FORMAT)


def role_label(value: str) -> str:
    """The role's name as the accounts screen shows it; blank for someone not signed in."""
    try:
        return Role(value).label
    except ValueError:
        return value


def object_text(row: AuditRow) -> str:
    if row.object_id is None:
        return row.object_type
    return f"{row.object_type} #{row.object_id}" if row.object_type else f"#{row.object_id}"


def pretty_prior_version(text: str) -> str:
    """The record as it was before the change, one field a line."""
    if not text:
        return ""
    try:
        values = json.loads(text)
    except ValueError:
        return text
    return json.dumps(values, indent=2, sort_keys=True, ensure_ascii=False)


def _qt_instant(instant: datetime) -> QDateTime:
    """A QDateTime, which Qt compares natively (a Python datetime it cannot)."""
    return QDateTime.fromMSecsSinceEpoch(round(instant.timestamp() * 1000), QTimeZone.utc())


class AuditTableModel(RowTableModel[AuditRow]):
    COLUMNS = (
        "Time",
        "User",
        "Role",
        "Workstation",
        "Patient MRN",
        "Action",
        "Category",
        "Object",
        "Detail",
    )
    TIME, USER, ROLE, WORKSTATION, MRN, ACTION, CATEGORY, OBJECT, DETAIL = range(9)

    def _prepare(self, rows: Sequence[AuditRow]) -> None:
        # Worked out once per search, not once per paint or comparison.
        super()._prepare(rows)
        self._times = [local_time(row.occurred_at) for row in self._rows]
        self._instants = [_qt_instant(row.occurred_at) for row in self._rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), row, column)
        if role == SORT_ROLE:
            return self._sort_value(index.row(), row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TIME:
                return f"{row.occurred_at.isoformat(timespec='seconds')} (UTC), event {row.id}"
            # The whole text, for a cell too narrow to show it.
            return self._text(index.row(), row, column) or None
        if role == EVENT_ID_ROLE:
            return row.id
        return None

    def _text(self, number: int, row: AuditRow, column: int) -> str:
        if column == self.TIME:
            return self._times[number]
        if column == self.ROLE:
            return role_label(row.role)
        if column == self.OBJECT:
            return object_text(row)
        return (
            "",
            row.username,
            "",
            row.workstation,
            row.patient_mrn,
            row.action,
            row.category,
            "",
            row.detail,
        )[column]

    def _sort_value(self, number: int, row: AuditRow, column: int) -> Any:
        if column == self.TIME:
            return self._instants[number]
        if column == self.OBJECT:
            return f"{row.object_type.casefold()}\x00{row.object_id or 0:012d}"
        return self._text(number, row, column).casefold()


class AuditSortProxy(QSortFilterProxyModel):
    """Sorts on native values: time as an instant, objects by type then number.

    Sorting is stable, so events within one millisecond keep the trail's own order.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)
