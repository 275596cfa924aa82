"""Warnings that need a reason to go ahead (a pre-dose reading past the clinic's limit, a
dose above its ceiling...), shown next to the readings that raised them, each with the
reason typed under it. A reason typed is kept while its warning comes and goes."""

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from clinical.sessions import OverrideKey, OverrideRequest
from ui.sessions.look import WARNING_BANNER

_ADVICE = {
    OverrideKey.BLOOD_PRESSURE: "Consider delaying the dose.",
    OverrideKey.HEART_RATE: "Consider delaying the dose.",
    OverrideKey.SPO2: "Consider delaying the dose.",
    OverrideKey.DOSE_CEILING: "Go ahead only when clearly indicated.",
    OverrideKey.FIRST_ESKETAMINE_DOSE: "",
    OverrideKey.SHORT_MONITORING: "",
}


class OverrideWarning(QFrame):
    def __init__(self, key: OverrideKey, parent: QWidget | None = None) -> None:
        name = f"warning_{key.value}"
        super().__init__(parent, objectName=name)
        self.key = key
        self.setStyleSheet(WARNING_BANNER.format(name=name))
        self.message = QLabel(objectName=f"{name}_message")
        self.message.setWordWrap(True)
        self.reason = QLineEdit(objectName=key.field)
        self.reason.setPlaceholderText("Reason to go ahead (recorded with the session)")
        self.reason.setMaxLength(500)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.message)
        layout.addWidget(self.reason)
        self.hide()

    def show_request(self, request: OverrideRequest) -> None:
        advice = _ADVICE.get(self.key, "")
        self.message.setText(f"⚠ {request.message} {advice}".strip())
        self.show()


class OverridePanel(QWidget):
    changed = Signal()

    def __init__(self, keys: Iterable[OverrideKey], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warnings = {key: OverrideWarning(key) for key in keys}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for warning in self.warnings.values():
            layout.addWidget(warning)
            warning.reason.textChanged.connect(self.changed)
        self.hide()

    @property
    def inputs(self) -> list[QWidget]:
        return [warning.reason for warning in self.warnings.values()]

    def fields(self) -> dict[str, QWidget]:
        return {key.field: warning.reason for key, warning in self.warnings.items()}

    def show_requests(self, requests: Iterable[OverrideRequest]) -> None:
        active = {request.key: request for request in requests if request.key in self.warnings}
        for key, warning in self.warnings.items():
            if key in active:
                warning.show_request(active[key])
            else:
                warning.hide()
        self.setVisible(bool(active))

    @property
    def active_messages(self) -> list[str]:
        return [w.message.text() for w in self.warnings.values() if not w.isHidden()]

    def reasons(self) -> dict[OverrideKey, str]:
        """Every reason typed, shown or not: the rules decide which ones are needed."""
        return {
            key: warning.reason.text().strip()
            for key, warning in self.warnings.items()
            if warning.reason.text().strip()
        }

    def set_reasons(self, reasons: Mapping[OverrideKey, str]) -> None:
        for key, warning in self.warnings.items():
            warning.reason.setText(reasons.get(key, ""))

    def set_read_only(self, read_only: bool) -> None:
        for warning in self.warnings.values():
            warning.reason.setReadOnly(read_only)
