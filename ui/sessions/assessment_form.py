"""The rest of every visit (seed 002): the substance-use screen, the treatment-response
assessment, and a free note."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from clinical.sessions import Response, ResponseAssessment, SubstanceScreen
from ui.forms import DecimalLineEdit, IntegerLineEdit
from ui.sessions.form_parts import line, make_read_only, notify_changes
from ui.sessions.inputs import ChoiceBox, enum_choices


class SubstanceForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.screen = ChoiceBox[SubstanceScreen](enum_choices(list(SubstanceScreen)))  # type: ignore[arg-type]
        self.screen.setObjectName("substance_screen")
        self.screen.setMinimumWidth(110)
        self.note = QLineEdit(objectName="substance_note")
        self.note.setPlaceholderText("What was asked or found")
        self.note.setMaxLength(2000)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Screen", line(self.screen, self.note, stretch=False))
        for widget in self.inputs:
            notify_changes(widget, self.changed)

    @property
    def inputs(self) -> list[QWidget]:
        return [self.screen, self.note]

    def fields(self) -> dict[str, QWidget]:
        return {widget.objectName(): widget for widget in self.inputs}

    def set_read_only(self, read_only: bool) -> None:
        make_read_only(self.inputs, read_only)


class ResponseForm(QWidget):
    changed = Signal()

    def __init__(self, scale_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.response = ChoiceBox[Response](enum_choices(list(Response)))  # type: ignore[arg-type]
        self.response.setObjectName("response.response")
        self.response.setMinimumWidth(90)
        self.days_of_benefit = IntegerLineEdit(3)
        self.days_of_benefit.setObjectName("response.days_of_benefit")
        self.days_of_benefit.setFixedWidth(50)
        self.peak_score = DecimalLineEdit(1)
        self.peak_score.setObjectName("response.peak_score")
        self.peak_score.setFixedWidth(50)
        self.functional_note = QLineEdit(objectName="response.functional_note")
        self.functional_note.setPlaceholderText("Function: work, home, sleep…")
        self.functional_note.setMaxLength(2000)
        scale = scale_name or "scale"
        self.peak_label = QLabel(f"best {scale} since the last session")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Since the last session", line(self.response))
        form.addRow(
            "Benefit lasted",
            line(self.days_of_benefit, "days;", self.peak_label, self.peak_score),
        )
        form.addRow("How they manage", self.functional_note)
        for widget in self.inputs:
            notify_changes(widget, self.changed)

    @property
    def inputs(self) -> list[QWidget]:
        return [self.response, self.days_of_benefit, self.peak_score, self.functional_note]

    def fields(self) -> dict[str, QWidget]:
        return {widget.objectName(): widget for widget in self.inputs}

    def value(self) -> ResponseAssessment:
        return ResponseAssessment(
            response=self.response.value(),
            days_of_benefit=self.days_of_benefit.value(),
            peak_score=self.peak_score.value(),
            functional_note=self.functional_note.text().strip(),
        )

    def set_value(self, assessment: ResponseAssessment) -> None:
        self.response.set_value(assessment.response)
        self.days_of_benefit.set_value(assessment.days_of_benefit)
        self.peak_score.set_value(assessment.peak_score)
        self.functional_note.setText(assessment.functional_note)

    def set_read_only(self, read_only: bool) -> None:
        make_read_only(self.inputs, read_only)


def note_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit(objectName="note")
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText("Anything else about this session")
    edit.setFixedHeight(60)
    return edit
