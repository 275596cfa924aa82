"""The patient's own copy of a protocol: the induction blocks and the ladder's steps, edited
in two small tables, starting from one of the seed templates."""

from dataclasses import replace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinical.protocols import (
    LadderStep,
    Modality,
    ProtocolKind,
    ProtocolTemplate,
    WeeklyBlock,
    custom_ladder,
    hybrid,
    ketamine_interval_extension,
    spravato_label,
    symptom_triggered,
    tms_acute_course,
)


def templates_for(modality: Modality) -> list[ProtocolTemplate]:
    """The seed templates a course of this modality may start from, the usual one first."""
    if modality is Modality.ESKETAMINE:
        base = spravato_label()
        return [base, _custom_from(base)]
    if modality is Modality.TMS:
        base = tms_acute_course()
        return [base, _custom_from(base)]
    base = ketamine_interval_extension(modality)
    return [base, hybrid(modality), symptom_triggered(modality), _custom_from(base)]


def _custom_from(template: ProtocolTemplate) -> ProtocolTemplate:
    return custom_ladder("Custom ladder", template.modality, template.ladder, template.induction)


def _cell(value: object) -> QTableWidgetItem:
    return QTableWidgetItem("" if value is None else str(value))


def _number(table: QTableWidget, row: int, column: int) -> int | None:
    item = table.item(row, column)
    text = item.text().strip() if item else ""
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"Row {row + 1}: '{text}' is not a whole number.")
    return int(text)


def _label(table: QTableWidget, row: int) -> str:
    item = table.item(row, 0)
    return item.text().strip() if item and item.text().strip() else f"Step {row + 1}"


class ProtocolEditor(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Protocol", parent)
        self._base: ProtocolTemplate | None = None
        self.template_choice = QComboBox(objectName="protocolTemplate")
        self.template_choice.currentIndexChanged.connect(self._on_template_chosen)
        self.source = QLabel(objectName="protocolSource")
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #555;")
        self.induction = self._table(("Induction block", "Sessions", "Per week"), "inductionTable")
        self.ladder = self._table(
            ("Step", "Every (days)", "Treatments before extending", "Months"), "ladderTable"
        )
        self.weekdays_only = QCheckBox("Plan treatments on weekdays only")
        self.needs_stability = QCheckBox(
            "Extend only when stable (remission, or at least 50% below baseline)"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.template_choice)
        layout.addWidget(self.source)
        layout.addLayout(self._with_buttons(self.induction, "block"))
        layout.addLayout(self._with_buttons(self.ladder, "step"))
        layout.addWidget(self.weekdays_only)
        layout.addWidget(self.needs_stability)

    def _table(self, headers: tuple[str, ...], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), objectName=name)
        table.setHorizontalHeaderLabels(list(headers))
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setMaximumHeight(150)
        return table

    def _with_buttons(self, table: QTableWidget, noun: str) -> QHBoxLayout:
        add = QPushButton(f"Add {noun}")
        remove = QPushButton(f"Remove {noun}")
        add.clicked.connect(lambda: table.insertRow(table.rowCount()))
        remove.clicked.connect(
            lambda: table.removeRow(table.currentRow()) if table.currentRow() >= 0 else None
        )
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        row = QHBoxLayout()
        row.addWidget(table, 1)
        row.addLayout(buttons)
        return row

    def offer(self, modality: Modality, current: ProtocolTemplate | None = None) -> None:
        """List the templates for `modality`; show `current` (the course's own) if given."""
        self.template_choice.blockSignals(True)
        self.template_choice.clear()
        for template in templates_for(modality):
            self.template_choice.addItem(template.name, template)
        if current is not None:
            self.template_choice.insertItem(0, f"This course's protocol: {current.name}", current)
        self.template_choice.setCurrentIndex(0)
        self.template_choice.blockSignals(False)
        self._on_template_chosen()

    def _on_template_chosen(self) -> None:
        template = self.template_choice.currentData()
        if template is not None:
            self.load(template)

    def load(self, template: ProtocolTemplate) -> None:
        self._base = template
        self.source.setText(template.source)
        self.induction.setRowCount(len(template.induction))
        for row, block in enumerate(template.induction):
            for column, value in enumerate((block.label, block.sessions, block.per_week)):
                self.induction.setItem(row, column, _cell(value))
        self.ladder.setRowCount(len(template.ladder))
        for row, step in enumerate(template.ladder):
            values = (step.label, step.interval_days, step.treatments_required, step.months)
            for column, value in enumerate(values):
                self.ladder.setItem(row, column, _cell(value))
        self.weekdays_only.setChecked(template.weekdays_only)
        self.needs_stability.setChecked(template.extend_requires_stability)
        self.ladder.setEnabled(template.kind is not ProtocolKind.SYMPTOM_TRIGGERED)

    def template(self) -> ProtocolTemplate:
        """The edited protocol; ValueError with a clinician's message if a row is wrong."""
        assert self._base is not None
        blocks = []
        for row in range(self.induction.rowCount()):
            sessions = _number(self.induction, row, 1)
            per_week = _number(self.induction, row, 2)
            if sessions is None or per_week is None:
                raise ValueError(f"Induction row {row + 1}: give the sessions and how many a week.")
            blocks.append(WeeklyBlock(_label(self.induction, row), sessions, per_week))
        steps = []
        for row in range(self.ladder.rowCount()):
            interval = _number(self.ladder, row, 1)
            if interval is None:
                raise ValueError(f"Step {row + 1}: give the interval in days.")
            steps.append(
                LadderStep(
                    _label(self.ladder, row),
                    interval,
                    treatments_required=_number(self.ladder, row, 2),
                    months=_number(self.ladder, row, 3),
                )
            )
        edited = replace(
            self._base,
            induction=tuple(blocks),
            ladder=tuple(steps),
            weekdays_only=self.weekdays_only.isChecked(),
            extend_requires_stability=self.needs_stability.isChecked(),
        )
        suffix = " (edited for this patient)"
        if (
            edited != self._base
            and self._base.kind is not ProtocolKind.CUSTOM
            and not self._base.name.endswith(suffix)
        ):
            edited = replace(edited, name=self._base.name + suffix)
        return edited
