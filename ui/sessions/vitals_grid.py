"""Vital signs before, during and after the treatment: one row each, typed left to right."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from clinical.modality import Modality
from clinical.sessions import VitalSigns, VitalsPoint
from ui.forms import IntegerLineEdit
from ui.sessions.inputs import TimeInput

# (attribute, column title, digits, width)
_READINGS = (
    ("systolic", "Systolic", 3, 56),
    ("diastolic", "Diastolic", 3, 56),
    ("heart_rate", "Heart rate", 3, 56),
    ("spo2", "SpO₂ %", 3, 56),
    ("respiratory_rate", "Resp. rate", 2, 56),
)


def point_label(modality: Modality, point: VitalsPoint) -> str:
    """Esketamine names its readings as the REMS form does."""
    if modality is Modality.ESKETAMINE:
        return {
            VitalsPoint.BEFORE: "Before dosing",
            VitalsPoint.DURING: "About 40 min after",
            VitalsPoint.AFTER: "Before leaving",
        }[point]
    if modality is Modality.TMS and point is VitalsPoint.DURING:
        return "During (if taken)"
    return {
        VitalsPoint.BEFORE: "Before dosing" if modality is not Modality.TMS else "Before",
        VitalsPoint.DURING: "During treatment",
        VitalsPoint.AFTER: "Before leaving",
    }[point]


class VitalsRow:
    def __init__(self, point: VitalsPoint) -> None:
        self.point = point
        self.taken_at = TimeInput()
        self.taken_at.setObjectName(f"vitals_{point.value}.taken_at")
        self.readings: dict[str, IntegerLineEdit] = {}
        for attribute, title, digits, width in _READINGS:
            edit = IntegerLineEdit(digits)
            edit.setObjectName(f"vitals_{point.value}.{attribute}")
            edit.setFixedWidth(width)
            edit.setAccessibleName(title)
            self.readings[attribute] = edit

    @property
    def inputs(self) -> list[QWidget]:
        return [self.taken_at, *self.readings.values()]

    def value(self) -> VitalSigns:
        values = {name: edit.value() for name, edit in self.readings.items()}
        return VitalSigns(taken_at=self.taken_at.value(), **values)

    def set_value(self, vitals: VitalSigns) -> None:
        self.taken_at.set_value(vitals.taken_at)
        for name, edit in self.readings.items():
            edit.set_value(getattr(vitals, name))


class VitalsGrid(QWidget):
    changed = Signal()

    def __init__(self, modality: Modality, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = {point: VitalsRow(point) for point in VitalsPoint}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for column, title in enumerate(("", "Time", *(r[1] for r in _READINGS))):
            header = QLabel(title)
            header.setStyleSheet("color: #616161;")
            grid.addWidget(header, 0, column)
        for row_number, row in enumerate(self.rows.values(), start=1):
            grid.addWidget(QLabel(point_label(modality, row.point)), row_number, 0)
            for column, widget in enumerate(row.inputs, start=1):
                grid.addWidget(widget, row_number, column, Qt.AlignmentFlag.AlignLeft)
                widget.textChanged.connect(self.changed)  # type: ignore[attr-defined]
        grid.setColumnStretch(len(_READINGS) + 2, 1)

    @property
    def inputs(self) -> list[QWidget]:
        return [widget for row in self.rows.values() for widget in row.inputs]

    def fields(self) -> dict[str, QWidget]:
        """Problem field names ('vitals_before.systolic') to their inputs."""
        return {widget.objectName(): widget for widget in self.inputs}

    def point_inputs(self, point: VitalsPoint) -> list[QWidget]:
        return self.rows[point].inputs

    def value(self, point: VitalsPoint) -> VitalSigns:
        return self.rows[point].value()

    def set_value(self, point: VitalsPoint, vitals: VitalSigns) -> None:
        self.rows[point].set_value(vitals)
