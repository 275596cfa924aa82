"""The administrator's audit screen: filter the trail, read an event, export the matches.

Every search is itself recorded in the trail (by `search_audit`), so the page never searches
on its own: the main window calls `refresh()` when the page is shown, and the administrator
presses Search (or Return in any filter).
"""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinical.record.validation import Problem
from db.audit import queries
from db.audit.queries import AuditFilter, AuditRow
from db.errors import ClinicError
from ui.audit.audit_model import (
    AuditSortProxy,
    AuditTableModel,
    local_time,
    object_text,
    pretty_prior_version,
    role_label,
)
from ui.forms import DateLineEdit, ProblemDisplay
from ui.workspace import Workspace

ANY = "Any"

# The most characters each narrow column grows to; Detail takes the rest, and a cell too
# long for its column shows whole in its tooltip and under the table when selected.
_MAX_WIDTHS = {
    AuditTableModel.USER: 16,
    AuditTableModel.ROLE: 15,
    AuditTableModel.WORKSTATION: 16,
    AuditTableModel.MRN: 11,
    AuditTableModel.ACTION: 15,
    AuditTableModel.CATEGORY: 14,
    AuditTableModel.OBJECT: 17,
}

_NOT_SEARCHED = "Choose filters, then press Search (or Return) to see events."
_NO_SELECTION = "Select an event to read its detail and the record as it was before the change."


def count_text(shown: int) -> str:
    if shown == 0:
        return "No events match these filters."
    if shown >= queries.MAX_ROWS_SHOWN:
        return (
            f"Showing the newest {shown:,} matching events; older ones may also match. "
            "Narrow the filters to see them, or Export CSV for every match."
        )
    return f"{shown:,} event" + ("" if shown == 1 else "s")


class AuditPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setObjectName("auditPage")
        self.last_filter: AuditFilter | None = None
        self._sized = False

        title = QLabel("Audit trail")
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")

        # Filters.
        self.from_date = DateLineEdit("From")
        self.from_date.setObjectName("fromDate")
        self.to_date = DateLineEdit("To")
        self.to_date.setObjectName("toDate")
        self.username = QLineEdit(objectName="usernameFilter")
        self.username.setPlaceholderText("any user")
        self.username.setClearButtonEnabled(True)
        self.patient_mrn = QLineEdit(objectName="mrnFilter")
        self.patient_mrn.setPlaceholderText("any patient")
        self.patient_mrn.setClearButtonEnabled(True)
        self.action = QComboBox(objectName="actionFilter")
        self.action.addItem(ANY, "")
        for action in queries.ACTIONS:
            self.action.addItem(action, action)
        self.category = QComboBox(objectName="categoryFilter")
        self.category.addItem(ANY, "")
        for category in queries.CATEGORIES:
            self.category.addItem(category, category)
        self.search_button = QPushButton("Search", objectName="searchAudit")
        self.search_button.clicked.connect(self._on_search_button_clicked)
        self.clear_button = QPushButton("Clear filters", objectName="clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)

        self.filters = QWidget(objectName="auditFilters")
        grid = QGridLayout(self.filters)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        # Three label-field pairs a row, aligned in columns, the buttons right after them.
        rows = (
            (("From", self.from_date), ("To", self.to_date), ("User", self.username)),
            (
                ("Action", self.action),
                ("Category", self.category),
                ("Patient MRN", self.patient_mrn),
            ),
        )
        for row, pairs in enumerate(rows):
            for pair, (label, widget) in enumerate(pairs):
                grid.addWidget(_buddy(label, widget), row, pair * 2)
                grid.addWidget(widget, row, pair * 2 + 1)
        characters = self.fontMetrics().averageCharWidth()
        for field in (self.from_date, self.to_date, self.action, self.category):
            field.setMinimumWidth(characters * 18)
        for field in (self.username, self.patient_mrn):
            field.setMinimumWidth(characters * 22)
        grid.addWidget(self.search_button, 0, 6)
        grid.addWidget(self.clear_button, 1, 6)
        grid.setColumnStretch(7, 1)
        # Return in any filter field searches; Return in the table does not.
        self.filters.installEventFilter(self)

        self.problem_label = QLabel(objectName="filterProblems")
        self.problems = ProblemDisplay(
            self.problem_label, {"start": self.from_date, "end": self.to_date}
        )

        # Results.
        self.model = AuditTableModel()
        self.proxy = AuditSortProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(objectName="auditTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AuditTableModel.TIME, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self._set_start_widths()
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.count = QLabel(_NOT_SEARCHED, objectName="auditCount")
        self.export_button = QPushButton("Export CSV…", objectName="exportAudit")
        self.export_button.setToolTip(
            f"Write every event matching the last search to a CSV file, beyond the "
            f"{queries.MAX_ROWS_SHOWN:,} shown"
        )
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.message = QLabel(objectName="auditMessage")
        self.message.setWordWrap(True)
        results_bar = QHBoxLayout()
        results_bar.addWidget(self.count, 1)
        results_bar.addWidget(self.export_button)

        # The selected event.
        self.event_heading = QLabel(_NO_SELECTION, objectName="eventHeading")
        self.event_heading.setWordWrap(True)
        self.event_heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_view = QPlainTextEdit(objectName="eventDetail")
        self.detail_view.setReadOnly(True)
        self.detail_view.setPlaceholderText("No detail recorded.")
        self.prior_view = QPlainTextEdit(objectName="priorVersion")
        self.prior_view.setReadOnly(True)
        self.prior_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.prior_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.prior_view.setPlaceholderText(
            "No prior version: this event changed no existing record."
        )
        detail_box = _titled("Detail", self.detail_view)
        prior_box = _titled("Record before the change", self.prior_view)
        panes = QSplitter(Qt.Orientation.Horizontal)
        panes.addWidget(detail_box)
        panes.addWidget(prior_box)
        panes.setStretchFactor(0, 1)
        panes.setStretchFactor(1, 2)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.event_heading)
        details_layout.addWidget(panes, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.filters)
        layout.addWidget(self.problem_label)
        layout.addLayout(results_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)

    # What the main window and tests use.

    def refresh(self) -> None:
        """Search again with the filters as they stand (recorded in the trail)."""
        self.search()

    def search(self) -> bool:
        """Run the filters; False when they could not be read or the search was refused."""
        audit_filter = self.current_filter()
        if audit_filter is None:
            return False
        try:
            rows = queries.search_audit(
                self._workspace.database, self._workspace.actor, audit_filter
            )
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return False
        self.last_filter = audit_filter
        self.show_rows(rows)
        self.export_button.setEnabled(True)
        return True

    def current_filter(self) -> AuditFilter | None:
        """The filters as typed, or None after showing why they cannot be read."""
        problems = [
            problem
            for problem in (self.from_date.problem("start"), self.to_date.problem("end"))
            if problem is not None
        ]
        start, end = self.from_date.value(), self.to_date.value()
        if not problems and start and end and start > end:
            problems.append(
                Problem("end", "The 'To' date is before the 'From' date. Swap them or fix one.")
            )
        if problems:
            self.problems.show(problems)
            return None
        self.problems.clear()
        # Show the dates as they are read, whichever way they were typed.
        self.from_date.set_value(start)
        self.to_date.set_value(end)
        return AuditFilter(
            start=start,
            end=end,
            username=self.username.text().strip(),
            patient_mrn=self.patient_mrn.text().strip(),
            action=self.action.currentData(),
            category=self.category.currentData(),
        )

    def show_rows(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        self.proxy.sort(
            self.table.horizontalHeader().sortIndicatorSection(),
            self.table.horizontalHeader().sortIndicatorOrder(),
        )
        self.count.setText(count_text(len(rows)))
        self.message.clear()
        if rows and not self._sized:
            self._sized = True
            self._fit_columns()
        self._show_event(None)

    def clear(self) -> None:
        """Forget every event shown and the filters, as on signing out."""
        self.clear_filters()
        self.model.set_rows([])
        self._show_event(None)
        self.last_filter = None
        self.export_button.setEnabled(False)
        self.count.setText(_NOT_SEARCHED)
        self.message.clear()

    def clear_filters(self) -> None:
        for field in (self.from_date, self.to_date, self.username, self.patient_mrn):
            field.clear()
        self.action.setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        self.problems.clear()

    def selected_event(self) -> AuditRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def export_csv(self, target: Path) -> int | None:
        """Every event matching the last search, to `target`; the number written."""
        if self.last_filter is None:
            return None
        try:
            written = queries.export_audit(
                self._workspace.database, self._workspace.actor, self.last_filter, target
            )
        except ClinicError as refused:
            self._show_message(str(refused), problem=True)
            return None
        except OSError as error:
            self._show_message(
                f"Could not write {target}: {error.strerror or error}. Choose another folder.",
                problem=True,
            )
            return None
        self._show_message(f"Wrote {written:,} event{'' if written == 1 else 's'} to {target}.")
        return written

    # Layout helpers.

    def _set_start_widths(self) -> None:
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(
            AuditTableModel.TIME, metrics.horizontalAdvance("0000-00-00 00:00:00") + 24
        )
        for column, characters in _MAX_WIDTHS.items():
            self.table.setColumnWidth(column, metrics.averageCharWidth() * characters + 16)

    def _fit_columns(self) -> None:
        """Fit the narrow columns to what the first search found, within their limits."""
        header = self.table.horizontalHeader()
        width_of = self.table.fontMetrics().averageCharWidth()
        for column, characters in _MAX_WIDTHS.items():
            wanted = self.table.sizeHintForColumn(column) + 8
            floor = header.sectionSizeFromContents(column).width()
            self.table.setColumnWidth(column, max(floor, min(wanted, width_of * characters + 16)))

    def _show_message(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c; font-weight: 600;" if problem else "")

    def _show_event(self, row: AuditRow | None) -> None:
        if row is None:
            self.event_heading.setText(_NO_SELECTION)
            self.detail_view.clear()
            self.prior_view.clear()
            return
        who = row.username + (f" ({role_label(row.role)})" if row.role else "")
        parts = [local_time(row.occurred_at), who, row.action, row.category]
        if row.patient_mrn:
            parts.append(f"patient {row.patient_mrn}")
        if row.object_type or row.object_id is not None:
            parts.append(object_text(row))
        parts.append(f"at {row.workstation}")
        self.event_heading.setText(f"Event {row.id}: " + ", ".join(parts))
        self.detail_view.setPlainText(row.detail)
        self.prior_view.setPlainText(pretty_prior_version(row.prior_version))

    # Slots.

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.filters
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.search()
            return True
        return super().eventFilter(watched, event)

    def _on_search_button_clicked(self) -> None:
        self.search()

    def _on_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._show_event(self.selected_event())

    def _on_export_button_clicked(self) -> None:
        suggested = Path.home() / f"audit-trail-{date.today().isoformat()}.csv"
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export the audit trail as CSV", str(suggested), "CSV files (*.csv)"
        )
        if not chosen:
            return
        target = Path(chosen)
        if not target.suffix:
            target = target.with_suffix(".csv")
        self.export_csv(target)


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    heading = QLabel(title)
    heading.setStyleSheet("font-weight: 600;")
    layout.addWidget(heading)
    layout.addWidget(widget)
    return box
