"""Batch letters: the patients due a kind of letter in a month, and all their letters
generated in the background with progress and Cancel; then printed in one go.

A patient whose chart lacks a fact is skipped with the reason, and the rest go on.
Double-click a row to open the letter, or to write it by hand when it was skipped.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.errors import ClinicError
from db.letters import LetterKind
from db.letters.archive import letter_pdf
from db.letters.batch import batch_candidates, month_bounds
from db.letters.ui_queries import writable_kinds
from db.letters.views import LetterPurpose
from db.letters.workflows import free_text_fields
from ui.letters.batch_model import BatchModel, BatchRow
from ui.letters.batch_run import BatchRun, LetterResult, Outcome
from ui.letters.output import LetterOutput
from ui.letters.patient_ref import PatientRef
from ui.workspace import Workspace

_CHOICES = {
    LetterKind.CONSENT_REAFFIRMATION: "Consent reaffirmations due",
    LetterKind.ANNUAL_REVIEW_SUMMARY: "Annual review summaries not yet printed",
    LetterKind.BOOSTER_SCHEDULE: "Booster schedules for patients booked",
    LetterKind.MEDICAL_NECESSITY: "Medical-necessity letters: authorizations running out",
}
_PROBLEM = "color: #b71c1c; font-weight: 600;"


class BatchPanel(QWidget):
    compose_requested = Signal(object, object)  # PatientRef, LetterKind
    open_requested = Signal(object)  # ArchivedLetterView
    letter_done = Signal(int)  # the row whose letter was just generated or skipped
    run_finished = Signal(bool)  # True when cancelled before the end

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batchPanel")
        self._workspace = workspace
        self.today = today
        self.run: BatchRun | None = None
        self._run_rows: list[int] = []  # the model row of each letter of the run
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

        self.kind = QComboBox(objectName="batchKind")
        for kind in writable_kinds(workspace.actor):
            self.kind.addItem(_CHOICES[kind], kind.value)
        self.month = QDateEdit(objectName="batchMonth")
        self.month.setDisplayFormat("MMMM yyyy")
        self.month.setDate(QDate(today().year, today().month, 1))
        self.month.setMinimumWidth(150)
        self.find_button = QPushButton("Find patients", objectName="findCandidates")
        self.find_button.clicked.connect(self.find)
        choose = QHBoxLayout()
        choose.addWidget(self.kind, 1)
        choose.addWidget(QLabel("in"))
        choose.addWidget(self.month)
        choose.addWidget(self.find_button)

        self.summary = QLabel(objectName="batchSummary")
        self.summary.setWordWrap(True)
        self.model = BatchModel()
        self.model.setParent(self)
        self.table = QTableView(objectName="batchTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Reasons and results are sentences: wrapped, each row as tall as it needs.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BatchModel.RESULT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 190), (1, 90)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_table_double_clicked)

        self.progress = QProgressBar(objectName="batchProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.generate_button = QPushButton("Generate letters", objectName="generateBatch")
        self.cancel_button = QPushButton("Cancel", objectName="cancelBatch")
        self.cancel_button.setToolTip("Stop after the letter being written now")
        self.print_button = QPushButton("Print generated…", objectName="printBatch")
        self.print_button.setToolTip("Every letter this run generated, as one print job")
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self.cancel)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.message = QLabel(objectName="batchMessage")
        self.message.setWordWrap(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.generate_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.print_button)
        self.output = LetterOutput(self)
        self.output.printed.connect(self._on_output_printed)
        self.output.failed.connect(self._on_output_failed)

        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(run_row)
        layout.addWidget(self.message)
        self._update_buttons()

    # Choosing ---------------------------------------------------------------------------

    @property
    def current_kind(self) -> LetterKind | None:
        data = self.kind.currentData()
        return LetterKind(data) if data is not None else None

    @property
    def chosen_month(self) -> date:
        chosen = self.month.date()
        return date(chosen.year(), chosen.month(), 1)

    def _needs_own_text(self) -> bool:
        kind = self.current_kind
        return kind is not None and any(f.required for f in free_text_fields(kind))

    def find(self) -> None:
        kind = self.current_kind
        if kind is None or self.running:
            return
        self.message.clear()
        try:
            found = batch_candidates(
                self._workspace.database, self._workspace.actor, kind, self.chosen_month
            )
        except ClinicError as refused:
            self._say(str(refused), _PROBLEM)
            return
        self.run = None
        self.progress.hide()
        self.model.set_rows([BatchRow(candidate) for candidate in found])
        self.summary.setText(self._found_text(kind, len(found)))
        self._update_buttons()

    def _found_text(self, kind: LetterKind, count: int) -> str:
        _first, last = month_bounds(self.chosen_month)
        what = _CHOICES[kind].lower()
        patients = f"{count} patient{'s' if count != 1 else ''}"
        text = f"{what.capitalize()} by {last:%d %B %Y}: {patients}."
        if not count:
            return text
        if self._needs_own_text():
            return (
                f"{text} Each of these letters needs its own illness history and rationale: "
                "double-click a patient to write theirs."
            )
        return f"{text} Generate writes and keeps each letter; then print them in one go."

    # Running ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.run is not None and self.run.running

    def _to_write(self) -> list[int]:
        """The rows still without their letter (all of them before the first run; after a
        cancelled run or fixed facts, the rest)."""
        return [
            index
            for index, row in enumerate(self.model.rows())
            if row.result.outcome is not Outcome.GENERATED
        ]

    def generate(self) -> None:
        kind = self.current_kind
        wanted = self._to_write()
        if kind is None or not wanted or self.running or self._needs_own_text():
            return
        for index in wanted:
            self.model.set_result(index, LetterResult(Outcome.WAITING))
        self._run_rows = wanted
        rows = self.model.rows()
        self.run = BatchRun(
            self._workspace.database,
            self._workspace.actor,
            kind,
            [rows[index].candidate for index in wanted],
            self.today(),
            self.pool,
            self,
        )
        self.run.letter_done.connect(self._on_run_letter_done)
        self.run.finished.connect(self._on_run_finished)
        self.progress.setRange(0, len(wanted))
        self.progress.setValue(0)
        self.progress.setFormat("%v of %m letters")
        self.progress.show()
        self._say(f"Writing {len(wanted)} letter{'s' if len(wanted) != 1 else ''}…")
        self.run.start()
        self._update_buttons()

    def cancel(self) -> None:
        if self.run is not None and self.running:
            self.run.cancel()
            self.cancel_button.setEnabled(False)
            self._say("Stopping after the letter being written now…")

    def _on_run_letter_done(self, run_index: int, result: LetterResult) -> None:
        index = self._run_rows[run_index]
        self.model.set_result(index, result)
        self.progress.setValue(self.progress.value() + 1)
        self.letter_done.emit(index)

    def _on_run_finished(self, cancelled: bool) -> None:
        if cancelled:
            for index, row in enumerate(self.model.rows()):
                if row.result.outcome is Outcome.WAITING:
                    self.model.set_result(index, LetterResult(Outcome.NOT_DONE))
        made = self.model.count(Outcome.GENERATED)
        parts = [f"{made} letter{'s' if made != 1 else ''} generated and kept"]
        if skipped := self.model.count(Outcome.SKIPPED):
            parts.append(f"{skipped} skipped for missing facts (double-click to see why)")
        if failed := self.model.count(Outcome.FAILED):
            parts.append(f"{failed} not generated")
        if not_done := self.model.count(Outcome.NOT_DONE):
            parts.append(f"{not_done} left for another run")
        head = "Cancelled" if cancelled else "Done"
        self._say(f"{head}: " + "; ".join(parts) + ".", "" if not failed else _PROBLEM)
        self._update_buttons()
        self.run_finished.emit(cancelled)

    def _update_buttons(self) -> None:
        running = self.running
        for widget in (self.kind, self.month, self.find_button):
            widget.setEnabled(not running)
        left = len(self._to_write())
        self.generate_button.setEnabled(not running and bool(left) and not self._needs_own_text())
        started = any(row.result.outcome is not Outcome.WAITING for row in self.model.rows())
        self.generate_button.setText(
            f"Generate the {left} left" if started and left and not running else "Generate letters"
        )
        self.cancel_button.setEnabled(running)
        self.print_button.setEnabled(not running and bool(self._generated()))

    def _generated(self) -> list[int]:
        return [
            row.result.letter.id
            for row in self.model.rows()
            if row.result.outcome is Outcome.GENERATED and row.result.letter is not None
        ]

    def wait_for_work(self) -> None:
        """Let the letter being written finish (before the program closes)."""
        if self.run is not None:
            self.run.cancel()
        self.pool.waitForDone()

    # After the run ----------------------------------------------------------------------

    def _on_print_button_clicked(self) -> None:
        ids = self._generated()
        if ids:
            self.output.ask_to_print(lambda: self._read_all(ids))

    def _read_all(self, ids: list[int]) -> list[bytes]:
        database, actor = self._workspace.database, self._workspace.actor
        return [letter_pdf(database, actor, letter_id, LetterPurpose.PRINT) for letter_id in ids]

    def _on_output_printed(self, pages: int) -> None:
        count = len(self._generated())
        self._say(f"Sent {count} letters ({pages} pages) to the printer.")

    def _on_output_failed(self, text: str) -> None:
        self._say(text, _PROBLEM)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row.result.letter is not None:
            self.open_requested.emit(row.result.letter)
            return
        if self.running:
            return
        candidate = row.candidate
        self.compose_requested.emit(
            PatientRef(candidate.patient_id, candidate.patient_name, candidate.mrn),
            candidate.kind,
        )

    def _say(self, text: str, style: str = "") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
