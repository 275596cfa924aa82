"""The chart's Scales tab: each instrument's course as a table and a trend chart.

Record scale… opens the entry dialog; a result with a positive suicide item goes straight on
to the safety alert. Amend… corrects the selected result by an amendment that keeps the
original (shown with "Show amended originals").
"""

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinical.scales import get_instrument
from clinical.scales.change import INSURER_TMS_INSTRUMENTS
from db.accounts.roles import Permission
from db.scales.views import (
    HistoryPoint,
    InstrumentHistory,
    RecordedScale,
    SafetyAlertView,
    ScaleHistory,
    ScaleResultView,
)
from db.scales.workflows import scale_history
from db.sessions.ui_queries import patient_session_days
from ui.scales.alert_dialog import SafetyAlertDialog
from ui.scales.look import band_colours
from ui.scales.record_scale_dialog import RecordScaleDialog
from ui.scales.trend_chart import ScaleTrendChart
from ui.workspace import Workspace

COLUMNS = (
    "Date given",
    "Total",
    "Severity",
    "Change from baseline",
    "Response",
    "Remission",
    "Completed by",
    "Safety",
    "Amended",
)
DATE, TOTAL, SEVERITY, CHANGE, RESPONSE, REMISSION, RATER, SAFETY, AMENDED = range(len(COLUMNS))


def change_text(history: InstrumentHistory, point: HistoryPoint) -> str:
    if point.is_baseline:
        return "baseline"
    if history.change_unit == "percent":
        if point.percent_change is None:
            return "—"
        if point.percent_change == 0:
            return "no change"
        direction = "lower" if point.percent_change > 0 else "higher"
        return f"{abs(point.percent_change)}% {direction}"
    if point.points_change is None:
        return ""
    if point.points_change == 0:
        return "no change"
    return f"{point.points_change:+d} points"


def total_text(result: ScaleResultView) -> str:
    if result.total is None:
        return f"{result.risk_level} risk" if result.risk_level else "no positive answers"
    if result.raw_total is not None and result.raw_total != result.total:
        return f"{result.total} (raw {result.raw_total})"
    return str(result.total)


def yes_or_blank(value: bool | None) -> str:
    if value is None:
        return "—"
    return "yes" if value else ""


class ScalesTab(QWidget):
    alerts_changed = Signal(object)  # tuple[SafetyAlertView, ...]

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_id: int | None = None
        self._education_years: int | None = None
        self.history: ScaleHistory | None = None
        self.session_days: list[date] = []  # marked on the trend chart's time axis
        self.dialog: RecordScaleDialog | None = None
        self.alert_dialog: SafetyAlertDialog | None = None
        self._rows: list[ScaleResultView] = []

        self.record_button = QPushButton("Record scale…", objectName="recordScale")
        self.amend_button = QPushButton("Amend…", objectName="amendScale")
        self.amend_button.setToolTip("Correct the selected result; the original is kept")
        self.picker = QComboBox(objectName="scalePicker")
        self.picker.setMinimumWidth(180)
        self.show_originals = QCheckBox("Show amended originals")
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.amend_button.clicked.connect(self._on_amend_button_clicked)
        self.picker.currentIndexChanged.connect(self._on_picker_current_index_changed)
        self.show_originals.toggled.connect(self._on_show_originals_toggled)
        top = QHBoxLayout()
        top.addWidget(self.record_button)
        top.addWidget(self.amend_button)
        top.addSpacing(20)
        top.addWidget(QLabel("Scale"))
        top.addWidget(self.picker)
        top.addWidget(self.show_originals)
        top.addStretch()

        self.summary = QLabel(objectName="scaleSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = ScaleTrendChart()
        self.table = QTableWidget(0, len(COLUMNS), objectName="scaleHistory")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(AMENDED, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([420, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    # Loading ----------------------------------------------------------------------------

    def show_patient(self, patient_id: int, education_years: int | None = None) -> None:
        self._patient_id = patient_id
        self._education_years = education_years
        self.reload()

    def clear(self) -> None:
        self._patient_id = None
        self.history = None
        self.session_days = []
        self.picker.clear()
        self.table.setRowCount(0)
        self.chart.show_history(None)
        self.summary.clear()
        self.alerts_changed.emit(())

    def reload(self, select: str | None = None) -> None:
        if self._patient_id is None:
            return
        self.history = scale_history(
            self._workspace.database, self._workspace.actor, self._patient_id
        )
        self.session_days = patient_session_days(
            self._workspace.database, self._workspace.actor, self._patient_id
        )
        wanted = select or self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        for course in self.history.instruments:
            count = len(course.points)
            self.picker.addItem(f"{course.short_name} ({count})", course.instrument_code)
        index = self.picker.findData(wanted) if wanted else -1
        if index < 0:
            index = self._default_index()
        self.picker.setCurrentIndex(index)
        self.picker.blockSignals(False)
        self._show_selected()
        self.alerts_changed.emit(self.history.open_alerts)

    def _default_index(self) -> int:
        """The instrument given most recently."""
        courses = [c for c in (self.history.instruments if self.history else ()) if c.points]
        if not courses:
            return -1
        latest = max(courses, key=lambda course: course.points[-1].result.administered_at)
        return self.picker.findData(latest.instrument_code)

    @property
    def selected_history(self) -> InstrumentHistory | None:
        code = self.picker.currentData()
        if self.history is None or code is None:
            return None
        return self.history.instrument(code)

    def _on_picker_current_index_changed(self, _index: int) -> None:
        self._show_selected()

    def _on_show_originals_toggled(self, _checked: bool) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        course = self.selected_history
        if course is None:
            self.table.setRowCount(0)
            self._rows = []
            self.summary.setText("No rating scales recorded yet. Record scale… adds the first.")
            self.chart.show_history(None)
            self._update_buttons()
            return
        self.summary.setText(self._summary(course))
        self.chart.show_history(
            course,
            note=f"The {course.short_name} has no total to chart: see the risk level below.",
            session_days=self.session_days,
        )
        self._fill_table(course)

    def _summary(self, course: InstrumentHistory) -> str:
        latest = course.latest
        if latest is None:
            return ""
        when = f"{latest.on:%Y-%m-%d}"
        if not course.has_total:
            return f"{course.name}. Latest {when}: {total_text(latest.result)}."
        first = course.points[0]
        parts = [f"Baseline {course.baseline} on {first.on:%Y-%m-%d}"]
        if latest is not first:
            parts.append(f"latest {latest.total} on {when} ({change_text(course, latest)})")
        if course.follows_response:
            if course.first_response_on:
                parts.append(f"response first on {course.first_response_on:%Y-%m-%d}")
            else:
                parts.append("no response (≥ 50% lower) yet")
            if course.remission_rule and course.first_remission_on:
                parts.append(
                    f"remission ({course.remission_rule}) first on "
                    f"{course.first_remission_on:%Y-%m-%d}"
                )
        text = " · ".join(parts)
        criterion = self.history.insurer_criterion if self.history else ""
        if course.instrument_code in INSURER_TMS_INSTRUMENTS and criterion:
            text += f"\nFurther TMS (insurer criterion): {criterion}"
        return text

    def _alerts_by_result(self) -> dict[int, list[SafetyAlertView]]:
        found: dict[int, list[SafetyAlertView]] = {}
        if self.history is not None:
            for alert in (*self.history.open_alerts, *self.history.addressed_alerts):
                found.setdefault(alert.scale_result_id, []).append(alert)
        return found

    def _fill_table(self, course: InstrumentHistory) -> None:
        entries: list[tuple[ScaleResultView, HistoryPoint | None]] = [
            (point.result, point) for point in course.points
        ]
        if self.show_originals.isChecked():
            entries += [(result, None) for result in course.superseded]
        entries.sort(key=lambda entry: (entry[0].administered_at, entry[0].id), reverse=True)
        alerts = self._alerts_by_result()
        colours = dict(
            zip(
                [band.label for band in course.bands],
                band_colours(course.instrument_code, len(course.bands)),
                strict=True,
            )
        )
        self._rows = [result for result, _ in entries]
        self.table.setRowCount(len(entries))
        self.table.setColumnHidden(RESPONSE, not course.follows_response)
        has_remission = course.follows_response and bool(course.remission_rule)
        self.table.setColumnHidden(REMISSION, not has_remission)
        self.table.setColumnHidden(CHANGE, not course.has_total)
        for row, (result, point) in enumerate(entries):
            cells = self._cells(course, result, point, alerts.get(result.id, []))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == SEVERITY and result.band_label in colours:
                    tint = QColor(colours[result.band_label])
                    tint.setAlpha(90)
                    item.setBackground(QBrush(tint))
                if column == SAFETY and text:
                    item.setForeground(QBrush(QColor("#b71c1c")))
                if point is None:  # a superseded original
                    font = QFont()
                    font.setItalic(True)
                    font.setStrikeOut(column in (TOTAL, SEVERITY))
                    item.setFont(font)
                    item.setForeground(QBrush(QColor("#757575")))
                item.setToolTip(self._tooltip(result))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AMENDED, QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(AMENDED, QHeaderView.ResizeMode.Stretch)  # fill the rest
        self._update_buttons()

    def _cells(
        self,
        course: InstrumentHistory,
        result: ScaleResultView,
        point: HistoryPoint | None,
        alerts: list[SafetyAlertView],
    ) -> list[str]:
        safety = ""
        if alerts:
            items = ", ".join(sorted({a.item_key for a in alerts}))
            state = "open alert" if any(a.is_open for a in alerts) else "addressed"
            safety = f"⚠ {get_instrument(result.instrument_code).item_noun} {items}: {state}"
        elif result.safety_flagged:
            safety = "⚠ flagged"
        if point is None:
            amended = "superseded by an amendment"
        elif result.is_amendment:
            amended = f"amended {result.entered_at.astimezone():%Y-%m-%d}"
        else:
            amended = ""
        return [
            f"{result.administered_at.astimezone():%Y-%m-%d %H:%M}",
            total_text(result),
            result.band_label,
            change_text(course, point) if point else "",
            yes_or_blank(point.response) if point and course.follows_response else "",
            yes_or_blank(point.remission) if point and course.remission_rule else "",
            result.rater_label,
            safety,
            amended,
        ]

    def _tooltip(self, result: ScaleResultView) -> str:
        entered = f"{result.entered_at.astimezone():%Y-%m-%d %H:%M}"
        lines = [
            result.summary,
            f"Rule version {result.rule_version}",
            f"Entered by {result.entered_by_name} on {entered}",
        ]
        if result.is_amendment:
            lines.append(f"Amendment: {result.amendment_reason}")
        answers = ", ".join(
            f"{key}: {'yes' if value is True else 'no' if value is False else value}"
            for key, value in result.answers
        )
        lines.append(f"Answers: {answers}")
        return "\n".join(lines)

    # Actions ----------------------------------------------------------------------------

    def selected_result(self) -> ScaleResultView | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        may_record = self._workspace.may(Permission.RECORD_SCALES)
        self.record_button.setEnabled(may_record and self._patient_id is not None)
        selected = self.selected_result()
        self.amend_button.setEnabled(
            may_record and selected is not None and not selected.is_superseded
        )

    def open_record_dialog(self, instrument_code: str | None = None) -> None:
        assert self._patient_id is not None
        code = instrument_code or self.picker.currentData() or "PHQ9"
        self._open_dialog(
            RecordScaleDialog(
                self._workspace,
                self._patient_id,
                instrument_code=code,
                education_years=self._education_years,
                parent=self,
            )
        )

    def open_amend_dialog(self, result: ScaleResultView) -> None:
        assert self._patient_id is not None
        self._open_dialog(
            RecordScaleDialog(
                self._workspace,
                self._patient_id,
                education_years=self._education_years,
                amending=result,
                parent=self,
            )
        )

    def _open_dialog(self, dialog: RecordScaleDialog) -> None:
        # Window-modal but not a nested event loop, like every dialog of the chart.
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._on_dialog_recorded)
        dialog.open()

    def _on_record_button_clicked(self) -> None:
        self.open_record_dialog()

    def _on_amend_button_clicked(self) -> None:
        if (result := self.selected_result()) is not None:
            self.open_amend_dialog(result)

    def _on_table_double_clicked(self) -> None:
        if self.amend_button.isEnabled():
            self._on_amend_button_clicked()

    def _on_dialog_recorded(self, recorded: RecordedScale) -> None:
        self.reload(select=recorded.result.instrument_code)
        if recorded.alerts:
            self.open_alert_dialog(recorded.alerts)

    def open_alert_dialog(self, alerts: tuple[SafetyAlertView, ...] | None = None) -> None:
        """The alerts given, or the open alerts of the oldest result that still has some."""
        if alerts is None:
            open_now = self.history.open_alerts if self.history else ()
            if not open_now:
                return
            oldest = open_now[0].scale_result_id
            alerts = tuple(a for a in open_now if a.scale_result_id == oldest)
        assert self._patient_id is not None
        dialog = SafetyAlertDialog(self._workspace, self._patient_id, alerts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_alert_dialog_finished)
        self.alert_dialog = dialog
        dialog.open()

    def _on_alert_dialog_finished(self, _result: int) -> None:
        self.reload()
