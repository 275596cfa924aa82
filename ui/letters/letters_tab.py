"""The chart's Letters tab: the patient's archived letters, newest first; a new letter; the
annual review form. Loads when shown, for the chart's open patient."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.accounts.roles import Permission
from db.errors import ClinicError
from db.letters import FixPlace, LetterKind
from db.letters.archive import patient_letters
from db.letters.ui_queries import writable_kinds
from db.letters.views import ArchivedLetterView
from db.patients.views import PatientChart
from ui.letters.annual_review_dialog import AnnualReviewDialog
from ui.letters.archive_actions import ArchiveActions
from ui.letters.composer_dialog import Drafts, LetterComposerDialog
from ui.letters.letter_table import LetterTableModel, letter_table
from ui.letters.patient_ref import PatientRef, patient_ref_of
from ui.workspace import Workspace


class LettersTab(QWidget):
    place_requested = Signal(str)  # a FixPlace value: where a missing fact is entered
    changed = Signal(int)  # patient id, after an annual review was saved

    def __init__(
        self,
        workspace: Workspace,
        chart: Callable[[], PatientChart | None],
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lettersTab")
        self._workspace = workspace
        self._chart = chart
        self.today = today
        self.patient: PatientRef | None = None
        self.letters: tuple[ArchivedLetterView, ...] = ()
        self.dialog: QDialog | None = None
        self._drafts: dict[int, Drafts] = {}
        self._review_after_dialog = False

        self.new_button = QPushButton("New letter…", objectName="newLetter")
        self.review_button = QPushButton("Annual review…", objectName="annualReview")
        self.review_button.setToolTip(
            "Record the yearly review: safety, cognition, continuing or not, consent"
        )
        self.open_button = QPushButton("Open", objectName="openLetter")
        self.open_button.setToolTip("Show the letter exactly as it was printed")
        self.print_button = QPushButton("Print…", objectName="printLetterAgain")
        self.save_button = QPushButton("Save as…", objectName="saveLetterAs")
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.review_button.clicked.connect(self.open_annual_review)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        top = QHBoxLayout()
        for button in (self.new_button, self.review_button):
            top.addWidget(button)
        top.addSpacing(24)
        for button in (self.open_button, self.print_button, self.save_button):
            top.addWidget(button)
        top.addStretch()

        self.model = LetterTableModel()
        self.model.setParent(self)
        self.table = letter_table(self.model, "patientLetters")
        self.table.doubleClicked.connect(self._on_open_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.summary = QLabel(objectName="lettersSummary")
        self.summary.setWordWrap(True)
        self.message = QLabel(objectName="lettersMessage")
        self.message.setWordWrap(True)
        self.actions = ArchiveActions(workspace, self)
        self.actions.said.connect(self._say)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._update_buttons()

    # Loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._follow_chart()

    def chart_shown(self) -> None:
        """The chart now shows a patient, perhaps another: load at once if this tab is in
        view, otherwise when it is next shown."""
        if self.isVisible():
            self._follow_chart()
        else:
            self.patient = None
            self.model.set_rows([])

    def _follow_chart(self) -> None:
        """Always read afresh: a letter may have been made for this patient elsewhere (the
        Letters area, a batch run) since the tab was last shown."""
        chart = self._chart()
        if chart is None:
            return
        if self.patient is None or self.patient.patient_id != chart.id:
            self.show_patient(patient_ref_of(chart))
        else:
            self.reload()

    def show_patient(self, patient: PatientRef) -> None:
        self.patient = patient
        self.message.clear()
        self.reload()

    def clear(self) -> None:
        self.patient = None
        self.letters = ()
        self._drafts.clear()
        self.model.set_rows([])
        self.summary.clear()
        self.message.clear()
        self._update_buttons()

    def reload(self) -> None:
        if self.patient is None:
            return
        try:
            self.letters = patient_letters(
                self._workspace.database, self._workspace.actor, self.patient.patient_id
            )
        except ClinicError as refused:
            self.letters = ()
            self._say(str(refused), True)
        self.model.set_rows(self.letters)
        count = len(self.letters)
        self.summary.setText(
            f"{count} letter{'s' if count != 1 else ''} kept for this patient. Each is kept "
            "exactly as it was printed; Print… gives the same copy again."
            if count
            else "No letters yet. New letter… writes one; it is kept here once printed or saved."
        )
        self._update_buttons()

    # Selection --------------------------------------------------------------------------

    @property
    def selected_letter(self) -> ArchivedLetterView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, letter_id: int) -> None:
        for row, letter in enumerate(self.model.rows()):
            if letter.id == letter_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_letter is not None
        for button in (self.open_button, self.print_button, self.save_button):
            button.setEnabled(chosen)
        has_patient = self.patient is not None
        self.new_button.setEnabled(has_patient and bool(writable_kinds(self._workspace.actor)))
        self.review_button.setEnabled(
            has_patient and self._workspace.may(Permission.PLAN_TREATMENT)
        )

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c; font-weight: 600;" if problem else "")

    # Actions ----------------------------------------------------------------------------

    def new_letter(self, kind: LetterKind | None = None) -> None:
        if self.patient is None:
            return
        composer = LetterComposerDialog(
            self._workspace,
            self.patient,
            kind,
            self,
            drafts=self._drafts.setdefault(self.patient.patient_id, {}),
            today=self.today,
        )
        composer.letter_archived.connect(self._on_letter_archived)
        composer.place_requested.connect(self._on_place_requested)
        self._keep(composer)

    def open_annual_review(self) -> None:
        if self.patient is None:
            return
        review = AnnualReviewDialog(self._workspace, self.patient, self, today=self.today)
        review.saved.connect(self._on_review_saved)
        review.letter_archived.connect(self._on_letter_archived)
        review.place_requested.connect(self._on_place_requested)
        self._keep(review)

    def _on_new_button_clicked(self) -> None:
        self.new_letter()

    def _on_open_button_clicked(self, *_args: object) -> None:
        if (letter := self.selected_letter) is not None:
            self.actions.open(letter)

    def _on_print_button_clicked(self) -> None:
        if (letter := self.selected_letter) is not None:
            self.actions.print(letter)

    def _on_save_button_clicked(self) -> None:
        if (letter := self.selected_letter) is not None:
            self.actions.save(letter)

    def _on_letter_archived(self, letter: ArchivedLetterView) -> None:
        self.reload()
        self.select(letter.id)

    def _on_review_saved(self, _review: object) -> None:
        if self.patient is not None:
            self.changed.emit(self.patient.patient_id)

    def _on_place_requested(self, place: str) -> None:
        if place == FixPlace.ANNUAL_REVIEW.value:
            # Opened once the letter's dialog has closed (one window-modal dialog at a time).
            self._review_after_dialog = True
            return
        self.place_requested.emit(place)

    def _keep(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
        if self._review_after_dialog:
            self._review_after_dialog = False
            self.open_annual_review()
