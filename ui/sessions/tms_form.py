"""TMS: the session's number in the course, coil and target, motor threshold, intensity,
frequency, pulses, duration and who gave it."""

from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from clinical.sessions import ModalityDetails, TmsDetails
from ui.forms import DecimalLineEdit, IntegerLineEdit
from ui.sessions.form_parts import line, make_read_only, notify_changes
from ui.sessions.override_panel import OverridePanel

EditT = TypeVar("EditT", bound=QLineEdit)


def _sized(widget: EditT, name: str, width: int) -> EditT:
    widget.setObjectName(name)
    widget.setFixedWidth(width)
    return widget


class TmsForm(QWidget):
    changed = Signal()
    layout_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_number = _sized(IntegerLineEdit(3), "session_number", 50)
        self.coil = _sized(QLineEdit(), "coil", 160)
        self.coil.setPlaceholderText("e.g. Figure-8, H1")
        self.target = _sized(QLineEdit(), "target", 160)
        self.target.setPlaceholderText("e.g. Left DLPFC")
        self.motor_threshold_pct = _sized(DecimalLineEdit(1), "motor_threshold_pct", 56)
        self.intensity_pct_mt = _sized(DecimalLineEdit(1), "intensity_pct_mt", 56)
        self.frequency_hz = _sized(DecimalLineEdit(1), "frequency_hz", 56)
        self.pulses = _sized(IntegerLineEdit(5), "pulses", 64)
        self.duration_minutes = _sized(IntegerLineEdit(2), "duration_minutes", 50)
        self.treater = _sized(QLineEdit(), "treater", 220)
        self.treater.setMaxLength(120)
        for text in (self.coil, self.target):
            text.setMaxLength(80)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Session in the course", line("number", self.session_number))
        form.addRow("Coil", line(self.coil, "target", self.target))
        form.addRow(
            "Motor threshold",
            line(
                self.motor_threshold_pct,
                "% of machine output; intensity",
                self.intensity_pct_mt,
                "% of MT",
            ),
        )
        form.addRow(
            "Frequency",
            line(
                self.frequency_hz,
                "Hz;",
                self.pulses,
                "pulses over",
                self.duration_minutes,
                "minutes",
            ),
        )
        form.addRow("Treater", self.treater)
        for widget in self.inputs:
            notify_changes(widget, self.changed)

    @property
    def override_panels(self) -> list[OverridePanel]:
        return []

    @property
    def inputs(self) -> list[QWidget]:
        return [
            self.session_number,
            self.coil,
            self.target,
            self.motor_threshold_pct,
            self.intensity_pct_mt,
            self.frequency_hz,
            self.pulses,
            self.duration_minutes,
            self.treater,
        ]

    def fields(self) -> dict[str, QWidget]:
        return {widget.objectName(): widget for widget in self.inputs}

    def value(self) -> TmsDetails:
        return TmsDetails(
            session_number=self.session_number.value(),
            coil=self.coil.text().strip(),
            target=self.target.text().strip(),
            motor_threshold_pct=self.motor_threshold_pct.value(),
            intensity_pct_mt=self.intensity_pct_mt.value(),
            frequency_hz=self.frequency_hz.value(),
            pulses=self.pulses.value(),
            duration_minutes=self.duration_minutes.value(),
            treater=self.treater.text().strip(),
        )

    def set_value(self, details: ModalityDetails) -> None:
        assert isinstance(details, TmsDetails)
        self.session_number.set_value(details.session_number)
        self.coil.setText(details.coil)
        self.target.setText(details.target)
        self.motor_threshold_pct.set_value(details.motor_threshold_pct)
        self.intensity_pct_mt.set_value(details.intensity_pct_mt)
        self.frequency_hz.set_value(details.frequency_hz)
        self.pulses.set_value(details.pulses)
        self.duration_minutes.set_value(details.duration_minutes)
        self.treater.setText(details.treater)

    def set_read_only(self, read_only: bool) -> None:
        make_read_only(self.inputs, read_only)
