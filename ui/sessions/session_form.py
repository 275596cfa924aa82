"""The whole session record of one modality, in two columns: vital signs and the treatment on
the left; the scale due, the side-effect review, the substance-use screen, the response and
a note on the right. Reads back a `SessionContent` and the override reasons typed.

Warnings that need a reason (`clinical.sessions.required_overrides`) appear as the values
are typed, next to what raised them. Fields new each session are tinted; a weight carried
from the last session is tinted to confirm. Every input says when it changed (`changed`) and
when focus left it (`field_left`), so the window can save the draft at once.
"""

import itertools
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinical.modality import Modality
from clinical.sessions import (
    CommonContent,
    OverrideKey,
    SessionContent,
    VitalsPoint,
    required_overrides,
)
from db.sessions.views import SessionView
from ui.sessions.assessment_form import ResponseForm, SubstanceForm, note_edit
from ui.sessions.esketamine_form import EsketamineForm
from ui.sessions.form_parts import mark_fields, notify_changes
from ui.sessions.ketamine_form import KetamineForm
from ui.sessions.look import QUIET
from ui.sessions.override_panel import OverridePanel
from ui.sessions.side_effect_review import SideEffectReviewForm
from ui.sessions.tms_form import TmsForm
from ui.sessions.vitals_grid import VitalsGrid

DetailsForm = KetamineForm | EsketamineForm | TmsForm
READ_ONLY_CHOICES = "QComboBox:disabled, QCheckBox:disabled { color: #212121; }"
VITALS_KEYS = (OverrideKey.BLOOD_PRESSURE, OverrideKey.HEART_RATE, OverrideKey.SPO2)


def details_form(modality: Modality) -> DetailsForm:
    if modality is Modality.ESKETAMINE:
        return EsketamineForm()
    if modality is Modality.TMS:
        return TmsForm()
    return KetamineForm(modality)


def _box(title: str, *parts: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for part in parts:
        layout.addWidget(part)
    return box


class ScaleDueBox(QGroupBox):
    """The scale due at this visit, a button to record it, and what was recorded."""

    record_requested = Signal()

    def __init__(self, scale_name: str, parent: QWidget | None = None) -> None:
        super().__init__("Rating scale", parent)
        self.due = QLabel(
            f"{scale_name} is due at this visit." if scale_name else "No scale set for the course."
        )
        self.record_button = QPushButton("Record scale…", objectName="recordSessionScale")
        self.record_button.clicked.connect(self.record_requested)
        self.recorded = QLabel(objectName="scalesRecorded")
        self.recorded.setStyleSheet(QUIET)
        self.recorded.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.due)
        top.addStretch()
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.recorded)

    def set_signed(self, scale_name: str, signed: bool) -> None:
        if scale_name:
            self.due.setText(f"{scale_name} {'was' if signed else 'is'} due at this visit.")

    def show_recorded(self, lines: list[str]) -> None:
        self.recorded.setText(
            "Recorded at this session: " + "; ".join(lines) if lines else "None recorded yet."
        )


class SessionForm(QWidget):
    changed = Signal()
    field_left = Signal()
    layout_changed = Signal()

    def __init__(self, view: SessionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._loading = False
        modality = view.modality
        self.vitals = VitalsGrid(modality)
        self.vitals_overrides = OverridePanel(VITALS_KEYS)
        self.details = details_form(modality)
        self.scale = ScaleDueBox(view.scale_name)
        self.side_effects = SideEffectReviewForm(modality)
        self.substance = SubstanceForm()
        self.response = ResponseForm(view.scale_name)
        self.note = note_edit()
        notify_changes(self.note, self.changed)

        treatment = "Treatment" if modality is Modality.TMS else "Treatment and dose"
        left = QVBoxLayout()
        left.addWidget(_box("Vital signs", self.vitals, self.vitals_overrides))
        left.addWidget(_box(f"{treatment}: {modality.label}", self.details))
        left.addWidget(_box("Substance-use screen", self.substance))
        left.addWidget(_box("Response to treatment", self.response))
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(self.scale)
        right.addWidget(_box("Side-effect review", self.side_effects))
        right.addWidget(_box("Note", self.note))
        right.addStretch()
        columns = QHBoxLayout(self)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        for part in (
            self.vitals,
            self.vitals_overrides,
            self.details,
            self.side_effects,
            self.substance,
            self.response,
        ):
            part.changed.connect(self._on_part_changed)
        self.note.textChanged.connect(self._on_part_changed)
        self.details.layout_changed.connect(self._on_details_layout_changed)
        self._watch_focus()

    # Inputs, in the order Tab visits them ------------------------------------------------

    @property
    def inputs(self) -> list[QWidget]:
        return [
            *self.vitals.inputs,
            *self.vitals_overrides.inputs,
            *self.details.inputs,
            *self.substance.inputs,
            *self.response.inputs,
            self.scale.record_button,
            *self.side_effects.inputs,
            self.note,
        ]

    def fields(self) -> dict[str, QWidget]:
        """Problem field names (`clinical.sessions.signing`) to the inputs that hold them."""
        return {
            **self.vitals.fields(),
            **self.vitals_overrides.fields(),
            **self.details.fields(),
            **self.side_effects.fields(),
            **self.substance.fields(),
            **self.response.fields(),
            "note": self.note,
        }

    def set_tab_order(self, after: list[QWidget]) -> None:
        chain = [w for w in self.inputs if w.focusPolicy() != Qt.FocusPolicy.NoFocus] + after
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _watch_focus(self) -> None:
        for widget in self.inputs:
            widget.removeEventFilter(self)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FocusOut and not self._loading:
            self.field_left.emit()
        return False

    def _on_details_layout_changed(self) -> None:
        self._watch_focus()
        self.layout_changed.emit()

    # Reading and showing -----------------------------------------------------------------

    def content(self) -> SessionContent:
        stored = self._view.content.common
        common = CommonContent(
            vitals_before=self.vitals.value(VitalsPoint.BEFORE),
            vitals_during=self.vitals.value(VitalsPoint.DURING),
            vitals_after=self.vitals.value(VitalsPoint.AFTER),
            side_effects=self.side_effects.value(),
            substance_screen=self.substance.screen.value(),
            substance_note=self.substance.note.text().strip(),
            response=self.response.value(),
            scale_due=stored.scale_due,
            note=self.note.toPlainText().strip(),
        )
        return SessionContent(common, self.details.value())

    def overrides(self) -> dict[OverrideKey, str]:
        reasons = self.vitals_overrides.reasons()
        for panel in self.details.override_panels:
            reasons.update(panel.reasons())
        return reasons

    def load(self, view: SessionView) -> None:
        """Show the view's content without counting it as an edit."""
        self._view = view
        self._loading = True
        try:
            common = view.content.common
            for point in VitalsPoint:
                self.vitals.set_value(point, common.vitals(point))
            self.details.set_value(view.content.details)
            self.side_effects.set_value(common.side_effects)
            self.substance.screen.set_value(common.substance_screen)
            self.substance.note.setText(common.substance_note)
            self.response.set_value(common.response)
            self.note.setPlainText(common.note)
            self._set_reasons(view.overrides)
        finally:
            self._loading = False
        self._watch_focus()
        self.mark(view.must_change, view.to_confirm)
        self.show_warnings()
        for widget in self.fields().values():
            if isinstance(widget, QLineEdit):
                widget.setCursorPosition(0)  # a long note shows from its start

    def _set_reasons(self, reasons: Mapping[OverrideKey, str]) -> None:
        self.vitals_overrides.set_reasons(reasons)
        for panel in self.details.override_panels:
            panel.set_reasons(reasons)

    def mark(self, new: frozenset[str], confirm: frozenset[str]) -> None:
        if self._view.modality is Modality.TMS:
            new = new - {"vitals_during"}  # taken only when needed during TMS
        mark_fields(self.fields(), new, confirm)

    def show_warnings(self) -> None:
        requests = required_overrides(
            self.content(),
            self._view.modality,
            self._view.thresholds,
            self._view.ceiling_mg_per_kg,
            first_esketamine_session=self._view.first_esketamine_session,
        )
        self.vitals_overrides.show_requests(requests)
        for panel in self.details.override_panels:
            panel.show_requests(requests)

    @property
    def warnings(self) -> list[str]:
        """The warnings shown now, as the clinician reads them."""
        panels = [self.vitals_overrides, *self.details.override_panels]
        return [text for panel in panels for text in panel.active_messages]

    def _on_part_changed(self) -> None:
        if self._loading:
            return
        self.show_warnings()
        self.changed.emit()

    def set_read_only(self, read_only: bool, vitals_editable: bool = False) -> None:
        """Signed: everything read-only. A nurse's draft: only the vital signs editable."""
        for widget in self.vitals.inputs:
            widget.setReadOnly(read_only and not vitals_editable)  # type: ignore[attr-defined]
        self.vitals_overrides.set_read_only(read_only)
        self.details.set_read_only(read_only)
        self.side_effects.set_read_only(read_only)
        self.substance.set_read_only(read_only)
        self.response.set_read_only(read_only)
        self.note.setReadOnly(read_only)
        # A signed record stays easy to read: frozen choices keep their normal ink.
        self.setStyleSheet(READ_ONLY_CHOICES if read_only else "")
