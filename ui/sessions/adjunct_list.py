"""Medications given with a ketamine treatment (e.g. ondansetron 4 mg IV): a small table of
rows typed left to right. A row left wholly empty is not kept."""

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clinical.sessions import AdjunctMedication
from ui.forms import DecimalLineEdit
from ui.sessions.inputs import TimeInput


class AdjunctRow:
    def __init__(self, index: int) -> None:
        self.name = QLineEdit(objectName=f"adjuncts.{index}")
        self.name.setPlaceholderText("e.g. Ondansetron")
        self.name.setMinimumWidth(140)
        self.dose = DecimalLineEdit(2)
        self.dose.setObjectName(f"adjuncts.{index}.dose")
        self.dose.setFixedWidth(60)
        self.unit = QLineEdit("mg", objectName=f"adjuncts.{index}.unit")
        self.unit.setFixedWidth(44)
        self.unit.setMaxLength(10)
        self.route = QLineEdit(objectName=f"adjuncts.{index}.route")
        self.route.setPlaceholderText("IV, PO…")
        self.route.setFixedWidth(64)
        self.route.setMaxLength(20)
        self.given_at = TimeInput()
        self.given_at.setObjectName(f"adjuncts.{index}.given_at")
        self.remove = QPushButton("✕")
        self.remove.setToolTip("Remove this medication")
        self.remove.setFixedWidth(28)
        # The mouse removes a row; by keyboard, emptying its fields does the same.
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    @property
    def inputs(self) -> list[QWidget]:
        return [self.name, self.dose, self.unit, self.route, self.given_at]

    @property
    def widgets(self) -> list[QWidget]:
        return [*self.inputs, self.remove]

    def value(self) -> AdjunctMedication | None:
        name = self.name.text().strip()
        dose = self.dose.value()
        route = self.route.text().strip()
        at = self.given_at.value()
        if not name and dose is None and not route and at is None:
            return None
        return AdjunctMedication(name, dose, self.unit.text().strip() or "mg", route, at)

    def set_value(self, adjunct: AdjunctMedication) -> None:
        self.name.setText(adjunct.name)
        self.dose.set_value(adjunct.dose_amount)
        self.unit.setText(adjunct.dose_unit)
        self.route.setText(adjunct.route)
        self.given_at.set_value(adjunct.given_at)


class AdjunctList(QWidget):
    changed = Signal()
    rows_changed = Signal()  # a row was added or removed: the tab order is set again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AdjunctRow] = []
        self._read_only = False
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        for column, title in enumerate(("Medication", "Dose", "Unit", "Route", "Time")):
            header = QLabel(title)
            header.setStyleSheet("color: #616161;")
            self.grid.addWidget(header, 0, column)
        self.headers_shown = False
        self.add_button = QPushButton("Add a medication given", objectName="addAdjunct")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.none_label = QLabel("None given.")
        self.none_label.setStyleSheet("color: #616161;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.none_label)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._show_headers()

    @property
    def inputs(self) -> list[QWidget]:
        return [widget for row in self.rows for widget in row.inputs] + [self.add_button]

    def fields(self) -> dict[str, QWidget]:
        return {row.name.objectName(): row.name for row in self.rows}

    def _show_headers(self) -> None:
        for column in range(5):
            item = self.grid.itemAtPosition(0, column)
            if item is not None and item.widget() is not None:
                item.widget().setVisible(bool(self.rows))
        self.none_label.setVisible(not self.rows and self._read_only)

    def _add_row(self) -> AdjunctRow:
        row = AdjunctRow(len(self.rows))
        line = len(self.rows) + 1
        for column, widget in enumerate(row.widgets):
            self.grid.addWidget(widget, line, column)
            widget.setVisible(widget is not row.remove or not self._read_only)
        for edit in row.inputs:
            edit.textChanged.connect(self.changed)  # type: ignore[attr-defined]
        row.remove.clicked.connect(lambda _=False, r=row: self._remove(r))
        self.rows.append(row)
        self._show_headers()
        return row

    def _remove(self, row: AdjunctRow) -> None:
        kept = [r.value() for r in self.rows if r is not row]
        self.set_value([value for value in kept if value is not None])
        self.rows_changed.emit()
        self.changed.emit()

    def _on_add_button_clicked(self) -> None:
        row = self._add_row()
        self.rows_changed.emit()
        row.name.setFocus()

    def value(self) -> tuple[AdjunctMedication, ...]:
        return tuple(v for row in self.rows if (v := row.value()) is not None)

    def set_value(self, adjuncts: Sequence[AdjunctMedication]) -> None:
        for row in self.rows:
            for widget in row.widgets:
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        for adjunct in adjuncts:
            self._add_row().set_value(adjunct)
        self._show_headers()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for row in self.rows:
            for edit in row.inputs:
                edit.setReadOnly(read_only)  # type: ignore[attr-defined]
            row.remove.setVisible(not read_only)
        self.add_button.setVisible(not read_only)
        self._show_headers()
