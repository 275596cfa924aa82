"""Settings: the clinic's monitoring rules. For each item: which modalities it applies to,
its interval (or, for the REMS form, the days allowed), whether a baseline is needed, and
whether the clinic uses it at all. Save applies the rules at once to every patient; Restore
defaults brings back the rules the program ships with. Dismissals of a changed rule lapse."""

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinical.modality import Modality
from clinical.monitoring import Interval, MonitoringRule, PerSession
from db.errors import ClinicError
from db.monitoring.views import RuleSet
from db.monitoring.workflows import monitoring_rules, restore_default_rules, save_rules
from ui.workspace import Workspace

COLUMNS = ("Item", "Applies to", "When", "Baseline", "In use", "")


def _modalities_text(rule: MonitoringRule) -> str:
    if rule.modalities == frozenset(Modality):
        return "all"
    return ", ".join(m.label for m in Modality if m in rule.modalities)


class RulesPanel(QWidget):
    saved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.rule_set: RuleSet | None = None
        self._rules: list[MonitoringRule] = []
        self._in_use: dict[str, bool] = {}
        self._defaults: dict[str, MonitoringRule | None] = {}
        self.confirm: QMessageBox | None = None
        self._loading = False

        intro = QLabel(
            "What the monitoring checklist asks for, and when. Changes apply to every patient "
            "as soon as they are saved; an item deferred or dismissed for a patient comes "
            "back when its rule changes.",
            wordWrap=True,
        )
        self.table = QTableWidget(0, len(COLUMNS), objectName="rulesTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)

        self.editor = QGroupBox("Selected item", objectName="ruleEditor")
        self.modality_boxes = {
            modality: QCheckBox(modality.label, objectName=f"rule_{modality.value}")
            for modality in Modality
        }
        self.earliest = QSpinBox(objectName="earliestMonths", minimum=1, maximum=60)
        self.latest = QSpinBox(objectName="latestMonths", minimum=2, maximum=72)
        self.within_days = QSpinBox(objectName="withinDays", minimum=0, maximum=60)
        self.baseline = QCheckBox("Needed before the first treatment", objectName="ruleBaseline")
        self.in_use = QCheckBox("The clinic uses this item", objectName="ruleInUse")
        self.schedule_label = QLabel(objectName="ruleSchedule")
        self.source = QLabel(objectName="ruleSource")
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: gray;")
        modality_row = QWidget()
        boxes = QHBoxLayout(modality_row)
        boxes.setContentsMargins(0, 0, 0, 0)
        for box in self.modality_boxes.values():
            boxes.addWidget(box)
            box.toggled.connect(self._on_editor_changed)
        interval_row = QWidget()
        months = QHBoxLayout(interval_row)
        months.setContentsMargins(0, 0, 0, 0)
        months.addWidget(QLabel("due from"))
        months.addWidget(self.earliest)
        months.addWidget(QLabel("months, overdue after"))
        months.addWidget(self.latest)
        months.addWidget(QLabel("months"))
        months.addStretch()
        self.interval_row = interval_row
        self.days_row = QWidget()
        days = QHBoxLayout(self.days_row)
        days.setContentsMargins(0, 0, 0, 0)
        days.addWidget(QLabel("within"))
        days.addWidget(self.within_days)
        days.addWidget(QLabel("days of each session"))
        days.addStretch()
        for widget in (self.earliest, self.latest, self.within_days):
            widget.valueChanged.connect(self._on_editor_changed)
        for box in (self.baseline, self.in_use):
            box.toggled.connect(self._on_editor_changed)
        form = QFormLayout(self.editor)
        form.addRow("Applies to", modality_row)
        form.addRow("When", self.schedule_label)
        form.addRow("", interval_row)
        form.addRow("", self.days_row)
        form.addRow("", self.baseline)
        form.addRow("", self.in_use)
        form.addRow("", self.source)

        self.message = QLabel(objectName="rulesMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("Save rules", objectName="saveRules")
        self.restore_button = QPushButton("Restore defaults…", objectName="restoreRules")
        self.save_button.clicked.connect(self.save)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        self.editor.setEnabled(False)

    # Loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            self.rule_set = monitoring_rules(self._workspace.database, self._workspace.actor)
        except ClinicError as refused:
            self.message.setText(str(refused))
            return
        self._rules = [entry.rule for entry in self.rule_set.entries]
        self._in_use = {entry.rule.code: entry.in_use for entry in self.rule_set.entries}
        self._defaults = {entry.rule.code: entry.default for entry in self.rule_set.entries}
        self._fill_table()
        if self._rules:
            self.table.selectRow(0)

    def _fill_table(self) -> None:
        selected = self.current_row
        self.table.setRowCount(len(self._rules))
        for row, rule in enumerate(self._rules):
            default = self._defaults.get(rule.code)
            changed = "changed" if default is not None and default != rule else ""
            if default is None:
                changed = "clinic's own"
            cells = (
                rule.title,
                _modalities_text(rule),
                rule.schedule.text,
                "yes" if rule.baseline_required else "",
                "yes" if self._in_use.get(rule.code, True) else "no",
                changed,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if selected is not None and selected < len(self._rules):
            self.table.selectRow(selected)

    @property
    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def rules(self) -> list[MonitoringRule]:
        return list(self._rules)

    def select(self, code: str) -> None:
        for row, rule in enumerate(self._rules):
            if rule.code == code:
                self.table.selectRow(row)

    def _on_table_selection_changed(self) -> None:
        row = self.current_row
        self.editor.setEnabled(row is not None)
        if row is None:
            return
        rule = self._rules[row]
        self._loading = True
        for modality, box in self.modality_boxes.items():
            box.setChecked(modality in rule.modalities)
            box.setEnabled(not isinstance(rule.schedule, PerSession))
        schedule = rule.schedule
        self.interval_row.setVisible(isinstance(schedule, Interval))
        self.days_row.setVisible(isinstance(schedule, PerSession))
        if isinstance(schedule, Interval):
            self.earliest.setValue(schedule.earliest_months)
            self.latest.setValue(schedule.latest_months)
        if isinstance(schedule, PerSession):
            self.within_days.setValue(schedule.within_days)
        self.schedule_label.setText(schedule.text)
        self.baseline.setChecked(rule.baseline_required)
        self.baseline.setEnabled(isinstance(schedule, Interval))
        self.in_use.setChecked(self._in_use.get(rule.code, True))
        self.source.setText(rule.source)
        self._loading = False

    def _on_editor_changed(self, *_args: object) -> None:
        row = self.current_row
        if self._loading or row is None:
            return
        rule = self._rules[row]
        schedule = rule.schedule
        try:
            if isinstance(rule.schedule, Interval):
                schedule = Interval(self.earliest.value(), self.latest.value())
            elif isinstance(rule.schedule, PerSession):
                schedule = PerSession(self.within_days.value())
            changed = dataclasses.replace(
                rule,
                modalities=frozenset(
                    m for m, box in self.modality_boxes.items() if box.isChecked()
                ),
                schedule=schedule,
                baseline_required=self.baseline.isChecked()
                if isinstance(rule.schedule, Interval)
                else rule.baseline_required,
            )
        except ValueError as refused:
            self.message.setText(f"Not yet valid: {refused}")
            self.message.setStyleSheet("color: #b71c1c;")
            return
        self.message.setText("Changed; not saved yet.")
        self.message.setStyleSheet("")
        self._rules[row] = changed
        self._in_use[rule.code] = self.in_use.isChecked()
        self.schedule_label.setText(changed.schedule.text)
        self._fill_table()

    # Saving -----------------------------------------------------------------------------

    def save(self) -> None:
        not_in_use = [code for code, used in self._in_use.items() if not used]
        try:
            save_rules(self._workspace.database, self._workspace.actor, self._rules, not_in_use)
        except ClinicError as refused:
            self.message.setText(str(refused))
            self.message.setStyleSheet("color: #b71c1c;")
            return
        self.refresh()
        self.message.setText("Saved. Every patient's checklist follows the new rules.")
        self.message.setStyleSheet("color: #1b5e20;")
        self.saved.emit()

    def _on_restore_button_clicked(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore the default rules",
            "Drop the clinic's changes and use the rules Booster Desk ships with?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("restoreRulesConfirm")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._on_confirm_finished)
        self.confirm = box
        box.open()

    def _on_confirm_finished(self, result: int) -> None:
        self.confirm = None
        if result == QMessageBox.StandardButton.Yes:
            self.restore_defaults()

    def restore_defaults(self) -> None:
        try:
            restore_default_rules(self._workspace.database, self._workspace.actor)
        except ClinicError as refused:
            self.message.setText(str(refused))
            return
        self.refresh()
        self.message.setText("The default rules are back in force.")
        self.message.setStyleSheet("color: #1b5e20;")
        self.saved.emit()
