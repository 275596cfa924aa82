"""The safety alert a positive suicide item raises, and the follow-up that addresses it.

It asks for the C-SSRS screener (answered here, or a note on why not), whether a safety plan
is in place, and the action taken. Recording closes every alert listed; "Later" leaves them
open, and the chart keeps showing them until someone addresses them.
"""

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinical.record.validation import Problem
from clinical.scales import AnswerKind, Item, get_instrument, score
from db.errors import ClinicError, InvalidEntryError
from db.scales.views import AlertFollowUp, SafetyAlertView
from db.scales.workflows import SCREENER_CODE, address_alerts
from ui.forms import ProblemDisplay
from ui.scales.items_form import INPUT_STYLE, ChoiceInput, ScaleItemsForm
from ui.workspace import Workspace

SAFETY_PLAN_ITEM = Item(
    key="safety_plan",
    label="Safety plan in place (made or reviewed today)",
    topic="safety plan",
    minimum=0,
    maximum=1,
    kind=AnswerKind.YES_NO,
)


def alert_heading(alerts: Sequence[SafetyAlertView]) -> str:
    first = alerts[0]
    given = first.administered_at.astimezone()
    lines = [f"{first.short_name} given {given:%Y-%m-%d %H:%M}:"]
    lines += [f"• {alert.message}" for alert in alerts]
    return "\n".join(lines)


class SafetyAlertDialog(QDialog):
    addressed = Signal(object)  # tuple[SafetyAlertView, ...]

    def __init__(
        self,
        workspace: Workspace,
        patient_id: int,
        alerts: Sequence[SafetyAlertView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_id = patient_id
        self.alerts = tuple(alerts)
        self.setWindowTitle("Safety alert: follow-up needed")
        self.setMinimumWidth(680)

        self.heading = QLabel(alert_heading(self.alerts), objectName="alertHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet(
            "background: #b71c1c; color: white; font-size: 12pt; font-weight: 600; "
            "padding: 10px; border-radius: 4px;"
        )
        self.intro = QLabel(
            "Before going on, record the follow-up: the C-SSRS screener, the safety plan and "
            "the action taken. Choose Later only if someone else is addressing it now; the "
            "alert stays on the chart until it is addressed."
        )
        self.intro.setWordWrap(True)

        self.screener_box = QGroupBox("C-SSRS screener")
        screener_layout = QVBoxLayout(self.screener_box)
        self.screened_by_alert = any(a.instrument_code == SCREENER_CODE for a in self.alerts)
        self.screener: ScaleItemsForm | None = None
        self.screener_note = QLineEdit(objectName="screenerNote")
        self.risk_label = QLabel(objectName="screenerRisk")
        self.risk_label.setWordWrap(True)
        if self.screened_by_alert:
            screener_layout.addWidget(
                QLabel(
                    "The C-SSRS screener that raised this alert is the screening; its "
                    "answers are in the chart."
                )
            )
        else:
            self.screener = ScaleItemsForm(get_instrument(SCREENER_CODE))
            self.screener.changed.connect(self._on_screener_changed)
            self.screener_note.setPlaceholderText(
                "or, if not answered here: done on paper, declined, done by …"
            )
            screener_layout.addWidget(self.screener)
            screener_layout.addWidget(self.risk_label)
            note_form = QFormLayout()
            note_form.addRow("Note instead", self.screener_note)
            screener_layout.addLayout(note_form)

        self.safety_plan = ChoiceInput(SAFETY_PLAN_ITEM)
        self.safety_plan.setStyleSheet(INPUT_STYLE)
        self.action = QPlainTextEdit(objectName="action")
        self.action.setTabChangesFocus(True)
        self.action.setPlaceholderText(
            "Who assessed the patient, who was told, what was agreed (e.g. seen by the "
            "prescriber before leaving; crisis line given; review brought forward)."
        )
        self.action.setFixedHeight(90)
        follow_up = QFormLayout()
        follow_up.addRow(SAFETY_PLAN_ITEM.label, self.safety_plan)
        follow_up.addRow("Action taken", self.action)

        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label,
            {"screener": self.screener_note, "action": self.action},
        )
        self.buttons = QDialogButtonBox()
        self.record_button = self.buttons.addButton(
            "Record follow-up", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = self.buttons.addButton(
            "Later (alert stays open)", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setAutoDefault(False)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.screener_box)
        layout.addLayout(follow_up)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        first = self.screener.first_input() if self.screener else self.safety_plan
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_screener_changed(self) -> None:
        assert self.screener is not None
        result = score(SCREENER_CODE, self.screener.answers())
        instrument = get_instrument(SCREENER_CODE)
        if result.risk_level is not None:
            self.risk_label.setText(
                f"Screener risk: {result.risk_level.value}. "
                f"{instrument.risk_action(result.risk_level).capitalize()}."
            )
            self.risk_label.setStyleSheet("color: #b71c1c; font-weight: 600;")
        elif result.complete:
            self.risk_label.setText("Screener: no positive answers.")
            self.risk_label.setStyleSheet("")
        else:
            self.risk_label.setText("")

    def follow_up(self) -> AlertFollowUp:
        answers = self.screener.answers() if self.screener else None
        plan = self.safety_plan.value()
        return AlertFollowUp(
            safety_plan=None if plan is None else bool(plan),
            action=self.action.toPlainText(),
            screener_answers=answers,
            screener_note=self.screener_note.text(),
        )

    def _on_buttons_accepted(self) -> None:
        try:
            done = address_alerts(
                self._workspace.database,
                self._workspace.actor,
                self._patient_id,
                [(alert.id, alert.version) for alert in self.alerts],
                self.follow_up(),
            )
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            if self.screener is not None and any(p.field == "screener" for p in refused.problems):
                self.screener.mark_missing(
                    [key for key, value in self.screener.answers().items() if value is None]
                )
            self.safety_plan.set_missing(self.safety_plan.value() is None)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.addressed.emit(done)
        self.accept()
