"""The clinic's newest letters, of every kind or of one."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from db.errors import ClinicError
from db.letters import LetterKind
from db.letters.archive import DEFAULT_RECENT, recent_letters
from db.letters.ui_queries import writable_kinds
from db.letters.views import ArchivedLetterView
from ui.letters.archive_actions import ArchiveActions
from ui.letters.letter_table import LetterTableModel, letter_table
from ui.workspace import Workspace


class RecentLettersPanel(QWidget):
    new_requested = Signal()
    chart_requested = Signal(int)  # patient id

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.kind = QComboBox(objectName="recentKind")
        self.kind.addItem("Every kind", None)
        for kind in LetterKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.new_button = QPushButton("New letter…", objectName="newLetterForPatient")
        self.new_button.setEnabled(bool(writable_kinds(workspace.actor)))
        self.open_button = QPushButton("Open", objectName="openRecent")
        self.print_button = QPushButton("Print…", objectName="printRecent")
        self.save_button = QPushButton("Save as…", objectName="saveRecent")
        self.chart_button = QPushButton("Open chart", objectName="chartOfRecent")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.chart_button.clicked.connect(self._on_chart_button_clicked)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addSpacing(24)
        for button in (self.open_button, self.print_button, self.save_button, self.chart_button):
            top.addWidget(button)
        top.addStretch()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.kind)
        self.model = LetterTableModel(with_patient=True)
        self.model.setParent(self)
        self.table = letter_table(self.model, "recentLetters")
        self.table.doubleClicked.connect(self._on_open_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.count = QLabel(objectName="recentCount")
        self.message = QLabel(objectName="recentMessage")
        self.message.setWordWrap(True)
        self.actions = ArchiveActions(workspace, self)
        self.actions.said.connect(self._say)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        self._update_buttons()

    def refresh(self) -> None:
        chosen = self.kind.currentData()
        kinds = None if chosen is None else [LetterKind(chosen)]
        try:
            letters = recent_letters(self._workspace.database, self._workspace.actor, kinds)
        except ClinicError as refused:
            letters = ()
            self._say(str(refused), True)
        self.model.set_rows(letters)
        shown = len(letters)
        newest = f" (the newest {DEFAULT_RECENT})" if shown >= DEFAULT_RECENT else ""
        self.count.setText(f"{shown} letter{'s' if shown != 1 else ''}{newest}")
        self._update_buttons()

    @property
    def selected_letter(self) -> ArchivedLetterView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_letter is not None
        for button in (self.open_button, self.print_button, self.save_button, self.chart_button):
            button.setEnabled(chosen)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c; font-weight: 600;" if problem else "")

    def _on_open_button_clicked(self, *_args: object) -> None:
        if (letter := self.selected_letter) is not None:
            self.actions.open(letter)

    def _on_print_button_clicked(self) -> None:
        if (letter := self.selected_letter) is not None:
            self.actions.print(letter)

    def _on_save_button_clicked(self) -> None:
        if (letter := self.selected_letter) is not None:
            self.actions.save(letter)

    def _on_chart_button_clicked(self) -> None:
        if (letter := self.selected_letter) is not None:
            self.chart_requested.emit(letter.patient_id)
