"""Record (or amend) one administration of a rating scale.

Keyboard first: type the instrument's first letters and press Enter to reach item 1, then
a digit and Tab (or Enter) per item, and Enter on Save. The total and severity follow every
answer; unanswered items skipped over are outlined. Scoring is `clinical.scales`; saving is
`db.scales.workflows`, which scores again and decides.
"""

import itertools
from datetime import date, datetime, time

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinical.record.validation import Problem
from clinical.scales import (
    Instrument,
    ScaleInputError,
    ScaleResult,
    get_instrument,
    list_instruments,
    missing_items,
    partial_total,
    score,
)
from db.errors import ClinicError, InvalidEntryError
from db.scales.views import RecordedScale, ScaleEntry, ScaleResultView
from db.scales.workflows import amend_scale, record_scale
from ui.forms import DateLineEdit, IntegerLineEdit, ProblemDisplay
from ui.scales.items_form import ScaleItemsForm
from ui.scales.look import band_colour
from ui.workspace import Workspace

# Completed by the patient unless the clinician says otherwise (a default, not a rule).
SELF_REPORT_INSTRUMENTS = frozenset({"PHQ9", "PHQ2", "GAD7", "BDI2", "QIDSSR16", "PCL5"})
CLINICIAN_RATED = "clinician"
SELF_REPORT = "self"


def picker_text(instrument: Instrument) -> str:
    """ "MADRS: Montgomery-Åsberg Depression Rating Scale": typing MA finds it."""
    name = instrument.name
    if name.endswith(")") and " (" in name:
        name = name.rsplit(" (", 1)[0]  # the short name again, already in front
    return f"{instrument.short_name}: {name}"


class TimeLineEdit(QLineEdit):
    """A time of day typed as HH:MM (or HHMM)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("HH:MM")
        self.setMaxLength(5)
        self.setFixedWidth(70)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[0-9]{0,2}:?[0-9]{0,2}$"), self)
        )
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> time | None:
        digits = self.text().replace(":", "")
        if len(digits) not in (3, 4):
            return None
        try:
            return time(int(digits[:-2]), int(digits[-2:]))
        except ValueError:
            return None

    def set_value(self, value: time) -> None:
        self.setText(f"{value:%H:%M}")

    def _on_editing_finished(self) -> None:
        if (value := self.value()) is not None:
            self.set_value(value)


class RecordScaleDialog(QDialog):
    """New result, or with `amending` a correction of that result (a reason is required)."""

    recorded = Signal(object)  # RecordedScale

    def __init__(
        self,
        workspace: Workspace,
        patient_id: int,
        *,
        instrument_code: str = "PHQ9",
        education_years: int | None = None,
        amending: ScaleResultView | None = None,
        session_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_id = patient_id
        self._amending = amending
        self._session_id = session_id  # the treatment session it is given at, if any
        self.result: ScaleResult | None = None
        self.saved: RecordedScale | None = None
        self.setWindowTitle("Amend scale result" if amending else "Record scale")
        self.setMinimumSize(880, 640)

        self.instrument = QComboBox(objectName="instrument")
        for instrument in list_instruments():
            self.instrument.addItem(picker_text(instrument), instrument.code)
        self.administered_on = DateLineEdit("Date given")
        self.administered_on.setFixedWidth(110)
        self.administered_at = TimeLineEdit()
        when = QHBoxLayout()
        when.addWidget(self.administered_on)
        when.addWidget(self.administered_at)
        when.addStretch()
        self.completed_by = QComboBox(objectName="completedBy")
        self.completed_by.addItem("Clinician-rated", CLINICIAN_RATED)
        self.completed_by.addItem("Self-report (the patient completed it)", SELF_REPORT)
        self.rater = QLineEdit(objectName="rater")
        self.rater.setPlaceholderText("who rated it")
        self.rater_label = QLabel("Rater")
        self.education = IntegerLineEdit(2)
        self.education.setFixedWidth(50)
        self.education_label = QLabel("Education (years)")
        self.reason = QLineEdit(objectName="reason")
        self.reason.setPlaceholderText("why the result is corrected, e.g. item 4 keyed as 5")
        self.reason_label = QLabel("Reason for amendment")
        form = QFormLayout()
        form.addRow("Scale", self.instrument)
        form.addRow("Given on", when)
        form.addRow("Completed", self.completed_by)
        form.addRow(self.rater_label, self.rater)
        form.addRow(self.education_label, self.education)
        form.addRow(self.reason_label, self.reason)

        self.licence = QLabel(objectName="licence")
        self.licence.setWordWrap(True)
        self.licence.setStyleSheet("color: #616161; font-size: 9pt;")
        self.items: ScaleItemsForm | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)

        self.total_label = QLabel(objectName="liveTotal")
        self.total_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.severity_label = QLabel(objectName="liveSeverity")
        self.severity_label.setStyleSheet("font-size: 13pt;")
        self.unanswered_label = QLabel(objectName="unanswered")
        self.unanswered_label.setStyleSheet("color: #616161;")
        live = QHBoxLayout()
        live.addWidget(self.total_label)
        live.addSpacing(16)
        live.addWidget(self.severity_label)
        live.addStretch()
        live.addWidget(self.unanswered_label)
        self.flags_label = QLabel(objectName="liveFlags")
        self.flags_label.setWordWrap(True)
        self.flags_label.setStyleSheet(
            "background: #ffebee; color: #b71c1c; font-weight: 600; padding: 6px; "
            "border: 1px solid #e57373; border-radius: 4px;"
        )
        self.flags_label.hide()
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label,
            {
                "administered_at": self.administered_on,
                "rater_name": self.rater,
                "reason": self.reason,
                "instrument_code": self.instrument,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_buttons_accepted)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_buttons_accepted)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.licence)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(live)
        layout.addWidget(self.flags_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self._chart_education = education_years
        self.instrument.currentIndexChanged.connect(self._on_instrument_current_index_changed)
        self.completed_by.currentIndexChanged.connect(self._on_completed_by_current_index_changed)
        self.education.textChanged.connect(self._update_live)

        now = datetime.now().astimezone()
        self.administered_on.set_value(now.date())
        self.administered_at.set_value(now.time().replace(second=0, microsecond=0))
        self.rater.setText(workspace.actor.display_name)
        self._select(amending.instrument_code if amending else instrument_code)
        self._show_instrument()
        if amending is not None:
            self._load(amending)
        self.instrument.setEnabled(amending is None)
        self.reason_label.setVisible(amending is not None)
        self.reason.setVisible(amending is not None)
        self.instrument.setFocus()

    # The instrument ---------------------------------------------------------------------

    @property
    def current_instrument(self) -> Instrument:
        return get_instrument(self.instrument.currentData())

    def _select(self, code: str) -> None:
        index = self.instrument.findData(code)
        self.instrument.blockSignals(True)
        self.instrument.setCurrentIndex(max(index, 0))
        self.instrument.blockSignals(False)

    def _on_instrument_current_index_changed(self, _index: int) -> None:
        self._show_instrument()

    def _show_instrument(self) -> None:
        instrument = self.current_instrument
        self.items = None  # the old form's answers belong to the old instrument
        self.licence.setText(f"{instrument.name}. {instrument.licence}")
        self.completed_by.blockSignals(True)
        self.completed_by.setCurrentIndex(
            self.completed_by.findData(
                SELF_REPORT if instrument.code in SELF_REPORT_INSTRUMENTS else CLINICIAN_RATED
            )
        )
        self.completed_by.blockSignals(False)
        self._show_rater()
        needs_education = instrument.education_bonus is not None
        self.education_label.setVisible(needs_education)
        self.education.setVisible(needs_education)
        if needs_education and not self.education.text():
            self.education.set_value(self._chart_education)
        self.items = ScaleItemsForm(instrument)
        self.items.changed.connect(self._update_live)
        self.items.input_focused.connect(self._on_items_input_focused)
        self.scroll.setWidget(self.items)  # the previous form is deleted with its answers
        self._set_tab_order()
        self.problems.clear()
        self._update_live()

    def _set_tab_order(self) -> None:
        assert self.items is not None
        chain: list[QWidget] = [
            self.instrument,
            self.administered_on,
            self.administered_at,
            self.completed_by,
            self.rater,
            self.education,
            self.reason,
            *self.items.inputs.values(),
            self.save_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _on_completed_by_current_index_changed(self, _index: int) -> None:
        self._show_rater()

    def _show_rater(self) -> None:
        clinician = self.completed_by.currentData() == CLINICIAN_RATED
        self.rater.setVisible(clinician)
        self.rater_label.setVisible(clinician)

    def _load(self, result: ScaleResultView) -> None:
        local = result.administered_at.astimezone()
        self.administered_on.set_value(local.date())
        self.administered_at.set_value(local.time())
        self.completed_by.setCurrentIndex(
            self.completed_by.findData(SELF_REPORT if result.self_report else CLINICIAN_RATED)
        )
        if not result.self_report:
            self.rater.setText(result.rater_name)
        if result.education_years is not None:
            self.education.set_value(result.education_years)
        assert self.items is not None
        self.items.set_answers(result.answer_map)

    # Live total -------------------------------------------------------------------------

    def _education_years(self) -> int | None:
        if self.current_instrument.education_bonus is None:
            return None
        return self.education.value()

    def _update_live(self) -> None:
        if self.items is None:
            return  # still being built
        instrument = self.current_instrument
        answers = self.items.answers()
        try:
            result = score(instrument, answers, education_years=self._education_years())
        except ScaleInputError:
            result = None  # the MoCA before its education years: a partial sum only
        self.result = result
        unanswered = len(missing_items(instrument, answers))
        self.unanswered_label.setText(
            f"{unanswered} unanswered" if unanswered else "all items answered"
        )
        if not instrument.has_total:
            self._show_risk(result)
        else:
            self._show_total(instrument, result, partial_total(instrument, answers) or 0)
        flags = result.safety_flags if result else ()
        self.flags_label.setText("\n".join(f"Safety: {flag.message}" for flag in flags))
        self.flags_label.setVisible(bool(flags))

    def _show_total(self, instrument: Instrument, result: ScaleResult | None, so_far: int) -> None:
        maximum = instrument.max_total
        if result is not None and result.complete:
            total = f"Total {result.total} / {maximum}"
            if result.raw_total is not None and result.raw_total != result.total:
                total += f"  (raw {result.raw_total} + education point)"
            self.total_label.setText(total)
            parts = [result.band.label] if result.band else []
            parts += [outcome.text for outcome in result.screens]
            if result.remission:
                parts.append("remission")
            self.severity_label.setText(" · ".join(parts))
            self._colour_severity(instrument, result.total)
            return
        self.total_label.setText(f"Total so far {so_far} / {maximum}")
        floor = next((b for b in instrument.bands if b.contains(so_far)), None)
        above_lowest = floor is not None and floor != instrument.bands[0]
        if floor is not None and above_lowest and instrument.education_bonus is None:
            self.severity_label.setText(f"at least {floor.label}")
            self._colour_severity(instrument, so_far)
        else:
            self.severity_label.setText("")

    def _show_risk(self, result: ScaleResult | None) -> None:
        if result is None or result.risk_level is None:
            self.total_label.setText("No positive answers" if result and result.complete else "")
            self.severity_label.setText("")
            return
        self.total_label.setText(f"Risk: {result.risk_level.value}")
        action = self.current_instrument.risk_action(result.risk_level)
        self.severity_label.setText(action)
        colours = {"low": "#f9a825", "moderate": "#ef6c00", "high": "#c62828"}
        self.severity_label.setStyleSheet(
            f"font-size: 13pt; color: {colours[result.risk_level.value]}; font-weight: 600;"
        )

    def _colour_severity(self, instrument: Instrument, total: int | None) -> None:
        colour = band_colour(instrument, total)
        self.severity_label.setStyleSheet(
            f"font-size: 13pt; font-weight: 600; color: {colour.darker(150).name()};"
        )

    def _on_items_input_focused(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 0, 40)

    # Keys -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            focus = QApplication.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
            elif focus is self.instrument and self.items and self.items.first_input():
                self.items.first_input().setFocus(Qt.FocusReason.TabFocusReason)  # type: ignore[union-attr]
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    # Saving -----------------------------------------------------------------------------

    def _administered(self) -> datetime | None:
        on: date | None = self.administered_on.value()
        at = self.administered_at.value()
        if on is None or at is None:
            return None
        return datetime.combine(on, at).astimezone()

    def entry(self) -> ScaleEntry | None:
        assert self.items is not None
        administered = self._administered()
        if administered is None:
            return None
        self_report = self.completed_by.currentData() == SELF_REPORT
        return ScaleEntry(
            instrument_code=self.current_instrument.code,
            administered_at=administered,
            answers=self.items.answers(),
            self_report=self_report,
            rater_name=None if self_report else self.rater.text().strip(),
            education_years=self._education_years(),
        )

    def _on_buttons_accepted(self) -> None:
        assert self.items is not None
        entry = self.entry()
        if entry is None:
            self.problems.show(
                [Problem("administered_at", "Enter the date (YYYY-MM-DD) and time (HH:MM) given.")]
            )
            return
        try:
            if self._amending is not None:
                saved = amend_scale(
                    self._workspace.database,
                    self._workspace.actor,
                    self._patient_id,
                    self._amending.id,
                    entry,
                    self.reason.text(),
                )
            else:
                saved = record_scale(
                    self._workspace.database,
                    self._workspace.actor,
                    self._patient_id,
                    entry,
                    session_id=self._session_id,
                )
        except InvalidEntryError as refused:
            self._show_refusal(refused)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.saved = saved
        self.recorded.emit(saved)
        self.accept()

    def _show_refusal(self, refused: InvalidEntryError) -> None:
        assert self.items is not None
        self.problems.show(refused.problems)
        missing = missing_items(self.current_instrument, self.items.answers())
        self.items.mark_missing(missing)
        if missing and any(problem.field == "answers" for problem in refused.problems):
            first = self.items.inputs[missing[0]]
            first.setFocus(Qt.FocusReason.OtherFocusReason)
