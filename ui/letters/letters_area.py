"""The Letters area: the clinic's recent letters, a new letter for any patient, and batch
runs ("consent reaffirmations due this month")."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from db.letters import LetterKind
from db.letters.views import ArchivedLetterView
from ui.letters.batch_panel import BatchPanel
from ui.letters.composer_dialog import LetterComposerDialog
from ui.letters.patient_picker_dialog import PatientPickerDialog
from ui.letters.patient_ref import PatientRef
from ui.letters.recent_letters_panel import RecentLettersPanel
from ui.workspace import Workspace


class LettersArea(QWidget):
    chart_requested = Signal(int)  # patient id
    place_requested = Signal(int, str)  # patient id, FixPlace value to show in their chart

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lettersArea")
        self._workspace = workspace
        self.today = today
        self.dialog: QDialog | None = None
        self._next_patient: PatientRef | None = None
        title = QLabel("Letters")
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.recent = RecentLettersPanel(workspace)
        self.recent.new_requested.connect(self.choose_patient)
        self.recent.chart_requested.connect(self.chart_requested)
        self.batch = BatchPanel(workspace, today=today)
        self.batch.compose_requested.connect(self.compose)
        self.batch.open_requested.connect(self._on_batch_open_requested)
        self.tabs = QTabWidget(objectName="lettersAreaTabs")
        self.tabs.addTab(self.recent, "Recent letters")
        self.tabs.addTab(self.batch, "Batch letters")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        self.recent.refresh()

    def choose_patient(self) -> None:
        picker = PatientPickerDialog(self._workspace, self)
        picker.picked.connect(self._on_picker_picked)
        self._keep(picker)

    def _on_picker_picked(self, patient: PatientRef) -> None:
        # Opened once the picker has closed: one window-modal dialog at a time.
        self._next_patient = patient

    def compose(self, patient: PatientRef, kind: LetterKind | None = None) -> None:
        composer = LetterComposerDialog(self._workspace, patient, kind, self, today=self.today)
        composer.letter_archived.connect(self._on_letter_archived)
        composer.place_requested.connect(
            lambda place: self.place_requested.emit(patient.patient_id, place)
        )
        self._keep(composer)

    def _on_letter_archived(self, _letter: ArchivedLetterView) -> None:
        self.recent.refresh()

    def _on_batch_open_requested(self, letter: ArchivedLetterView) -> None:
        self.recent.actions.open(letter)

    def _keep(self, dialog: QDialog) -> None:
        self._next_patient = None
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
        patient, self._next_patient = self._next_patient, None
        if patient is not None:
            self.compose(patient)
