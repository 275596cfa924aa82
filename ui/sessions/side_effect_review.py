"""The structured side-effect review: each effect none, mild, moderate or severe, with a
note. A serious answer (`clinical.sessions.serious`) turns its line red and asks for a
description. "Nothing else to report" answers every question not yet answered with None.

Keyboard: Tab moves from answer to answer; the note of an effect joins the Tab order once
the effect is present (a note can always be clicked into)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clinical.modality import Modality
from clinical.sessions import (
    Severity,
    SideEffect,
    SideEffectAnswer,
    SideEffectReview,
    effects_for,
    serious,
)
from ui.sessions.inputs import ChoiceBox, enum_choices
from ui.sessions.look import SERIOUS_COLOUR


class EffectRow:
    def __init__(self, effect: SideEffect) -> None:
        self.effect = effect
        self.label = QLabel(effect.label)
        self.severity = ChoiceBox[Severity](enum_choices(list(Severity)))  # type: ignore[arg-type]
        self.severity.setObjectName(f"side_effects.{effect.value}")
        self.severity.setAccessibleName(effect.label)
        self.severity.setMinimumWidth(100)
        self.note = QLineEdit(objectName=f"side_effects.{effect.value}.note")
        self.note.setMaxLength(2000)
        self.note.setMinimumWidth(150)
        self.flag = QLabel()
        self.flag.setStyleSheet(f"color: {SERIOUS_COLOUR}; font-weight: 700;")

    def answer(self) -> SideEffectAnswer | None:
        severity = self.severity.value()
        if severity is None:
            return None
        return SideEffectAnswer(self.effect, severity, self.note.text().strip())

    def show_state(self) -> None:
        answer = self.answer()
        present = answer is not None and answer.severity.present
        grave = answer is not None and serious(answer)
        self.label.setStyleSheet(
            f"color: {SERIOUS_COLOUR}; font-weight: 700;"
            if grave
            else ("font-weight: 600;" if present else "")
        )
        self.flag.setText("⚠ serious" if grave else "")
        self.note.setPlaceholderText(
            "Serious: describe it and what was done"
            if grave
            else ("What happened, what was done" if present else "")
        )
        self.note.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if present else Qt.FocusPolicy.ClickFocus
        )


class SideEffectReviewForm(QWidget):
    changed = Signal()

    def __init__(self, modality: Modality, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = {effect: EffectRow(effect) for effect in effects_for(modality)}
        self.all_none_button = QPushButton("Nothing else to report", objectName="sideEffectsNone")
        self.all_none_button.setToolTip("Answer None to every effect not answered yet")
        self.all_none_button.clicked.connect(self._on_all_none_button_clicked)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        for line, row in enumerate(self.rows.values()):
            grid.addWidget(row.label, line, 0)
            grid.addWidget(row.severity, line, 1)
            grid.addWidget(row.note, line, 2)
            grid.addWidget(row.flag, line, 3)
            row.severity.currentIndexChanged.connect(lambda _i, r=row: self._on_row_changed(r))
            row.note.textChanged.connect(self.changed)
            row.show_state()
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.all_none_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(grid)

    @property
    def inputs(self) -> list[QWidget]:
        chain: list[QWidget] = [self.all_none_button]
        for row in self.rows.values():
            chain += [row.severity, row.note]
        return chain

    def fields(self) -> dict[str, QWidget]:
        fields: dict[str, QWidget] = {}
        for row in self.rows.values():
            fields[row.severity.objectName()] = row.severity
            fields[row.note.objectName()] = row.note
        return fields

    def _on_row_changed(self, row: EffectRow) -> None:
        row.show_state()
        self.changed.emit()

    def _on_all_none_button_clicked(self) -> None:
        for row in self.rows.values():
            if row.severity.value() is None:
                row.severity.set_value(Severity.NONE)
        first_row = next(iter(self.rows.values()))
        first_row.severity.setFocus(Qt.FocusReason.TabFocusReason)

    def value(self) -> SideEffectReview:
        return SideEffectReview(
            tuple(answer for row in self.rows.values() if (answer := row.answer()) is not None)
        )

    def set_value(self, review: SideEffectReview) -> None:
        for effect, row in self.rows.items():
            answer = review.answer(effect)
            row.severity.set_value(None if answer is None else answer.severity)
            row.note.setText("" if answer is None else answer.note)
            row.show_state()

    def set_read_only(self, read_only: bool) -> None:
        self.all_none_button.setVisible(not read_only)
        for row in self.rows.values():
            row.severity.setEnabled(not read_only)
            row.note.setReadOnly(read_only)
