"""Write a letter: choose the kind, fill the few parts the prescriber writes, preview it,
then print or save it.

What the chart lacks for the letter is listed with a link to where it is entered, and the
letter cannot be previewed until it is there. Printing or saving is what generates the
letter: it is archived then, and from that moment the dialog prints and saves exactly the
archived bytes. Changing the text after a preview asks for a new preview first, so what is
printed is what was seen.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db.errors import ClinicError, InvalidEntryError
from db.letters import FixPlace, LetterDraft, LetterKind, MissingFact, MissingFactsError
from db.letters.archive import letter_pdf
from db.letters.ui_queries import writable_kinds
from db.letters.views import ArchivedLetterView, LetterPurpose
from db.letters.workflows import compose_letter, free_text_fields, generate_letter
from reports.letters import render_letter
from ui.letters.free_text_form import FreeTextForm
from ui.letters.kind_texts import about
from ui.letters.missing_facts_panel import MissingFactsPanel
from ui.letters.output import LetterOutput
from ui.letters.patient_ref import PatientRef
from ui.letters.pdf_preview import PdfPreview
from ui.letters.places import why_unreachable
from ui.letters.prescriber_details_dialog import PrescriberDetailsDialog
from ui.workspace import Workspace

# What the prescriber typed, per kind, kept by the opener while the chart stays open.
Drafts = dict[LetterKind, dict[str, str]]

_PROBLEM = "color: #b71c1c; font-weight: 600;"
_DONE = "color: #1b5e20; font-weight: 600;"


class LetterComposerDialog(QDialog):
    letter_archived = Signal(object)  # ArchivedLetterView
    place_requested = Signal(str)  # a FixPlace value the opener shows; the dialog closes

    def __init__(
        self,
        workspace: Workspace,
        patient: PatientRef,
        kind: LetterKind | None = None,
        parent: QWidget | None = None,
        *,
        drafts: Drafts | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterComposer")
        self._workspace = workspace
        self.patient = patient
        self.today = today
        self.drafts: Drafts = drafts if drafts is not None else {}
        self.draft: LetterDraft | None = None
        self.archived: ArchivedLetterView | None = None
        self.dialog: QDialog | None = None
        self._previewed: tuple[LetterKind, dict[str, str]] | None = None
        self.setWindowTitle(f"New letter: {patient.label}")

        heading = QLabel(f"Letter for {patient.label}", objectName="composerHeading")
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        heading.setWordWrap(True)
        self.kind = QComboBox(objectName="letterKind")
        for allowed in writable_kinds(workspace.actor):
            self.kind.addItem(allowed.label, allowed.value)
        if kind is not None and (index := self.kind.findData(kind.value)) >= 0:
            self.kind.setCurrentIndex(index)
        self._kind = self.current_kind
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        kind_row = QFormLayout()
        kind_row.addRow("Letter", self.kind)
        self.about = QLabel(objectName="letterAbout")
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: #555;")

        self.form = FreeTextForm()
        self.form.edited.connect(self._on_form_edited)
        form_holder = QScrollArea()
        form_holder.setWidgetResizable(True)
        form_holder.setFrameShape(QFrame.Shape.NoFrame)
        form_holder.setWidget(self.form)
        self.missing = MissingFactsPanel()
        self.missing.place_requested.connect(self._on_missing_place_requested)
        self.missing.check_requested.connect(self.check)
        self.message = QLabel(objectName="composerMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.preview_button = QPushButton("Preview", objectName="previewLetter")
        self.preview_button.setToolTip("Show the letter as it will print (Ctrl+Enter)")
        self.preview_button.setShortcut("Ctrl+Return")
        self.print_button = QPushButton("Print…", objectName="printLetter")
        self.save_button = QPushButton("Save…", objectName="saveLetter")
        self.save_button.setToolTip("Save the letter as a PDF file")
        self.close_button = QPushButton("Close", objectName="closeComposer")
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(heading)
        left_layout.addLayout(kind_row)
        left_layout.addWidget(self.about)
        left_layout.addSpacing(6)
        left_layout.addWidget(form_holder, 1)
        left_layout.addWidget(self.missing)
        left_layout.addWidget(self.message)
        left_layout.addLayout(buttons)
        self.pdf = PdfPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.pdf)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([440, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1160, 820)

        self.output = LetterOutput(self)
        self.output.printed.connect(self._on_output_printed)
        self.output.saved.connect(self._on_output_saved)
        self.output.failed.connect(self._on_output_failed)
        self._show_form()
        self.check()

    # State ------------------------------------------------------------------------------

    @property
    def current_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    def free_text(self) -> dict[str, str]:
        return self.form.values()

    @property
    def missing_facts(self) -> tuple[MissingFact, ...]:
        return self.draft.missing if self.draft is not None else ()

    def _lacks_record_facts(self) -> bool:
        """Facts that typing on this form cannot supply: enter them in the chart first."""
        return any(fact.where is not FixPlace.LETTER_FORM for fact in self.missing_facts)

    def _preview_current(self) -> bool:
        return self._previewed == (self.current_kind, self.free_text()) and self.pdf.pdf is not None

    def _update_buttons(self) -> None:
        writing = self.archived is None and self.kind.count() > 0
        self.kind.setEnabled(writing)
        self.preview_button.setEnabled(writing and not self._lacks_record_facts())
        ready = self.archived is not None or self._preview_current()
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _show_form(self) -> None:
        if self.kind.count() == 0:
            self.form.set_fields((), {})
            self.pdf.show_note("Your role does not write letters.")
            return
        self.about.setText(about(self.current_kind))
        self.form.set_fields(free_text_fields(self.current_kind), self.drafts.get(self._kind, {}))
        self.pdf.show_note("")

    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._keep_draft()
        self._kind = self.current_kind
        self._previewed = None
        self.message.clear()
        self._show_form()
        self.check()

    def _keep_draft(self) -> None:
        if self.archived is None and self.form.fields:
            self.drafts[self._kind] = self.free_text()

    def _on_form_edited(self) -> None:
        self.form.outline(set())
        if self._previewed is not None and not self._preview_current():
            self._previewed = None
            self.pdf.show_note("You changed the letter: click Preview to see it again.")
        self._update_buttons()

    def done(self, result: int) -> None:
        self._keep_draft()
        super().done(result)

    # Composing --------------------------------------------------------------------------

    def _compose(self, *, form_facts: bool = True) -> LetterDraft | None:
        if self.kind.count() == 0:
            return None
        try:
            draft = compose_letter(
                self._workspace.database,
                self._workspace.actor,
                self.patient.patient_id,
                self.current_kind,
                self.free_text(),
                self.today(),
            )
        except InvalidEntryError as refused:
            self.draft = None
            self.form.outline({problem.field for problem in refused.problems})
            self._say(str(refused), _PROBLEM)
            return None
        except ClinicError as refused:
            self.draft = None
            self._say(str(refused), _PROBLEM)
            return None
        self.draft = draft
        self._show_missing(form_facts=form_facts)
        return draft

    def check(self) -> None:
        """What the chart still lacks for this letter, shown with where to enter it."""
        self.message.clear()
        self._compose(form_facts=False)
        if self.pdf.pdf is None or self._lacks_record_facts():
            self._show_waiting_note()
        self._update_buttons()

    def _show_waiting_note(self) -> None:
        if self._lacks_record_facts():
            self.pdf.show_note(
                "The letter can be previewed once the chart holds what is listed on the left."
            )
        else:
            self.pdf.show_note(
                "The letter shows here once you click Preview.\n\nNothing is printed or kept "
                "until you print or save it."
            )

    def _show_missing(self, *, form_facts: bool = True) -> None:
        """`form_facts`: also what is still to be written on this form (said on Preview,
        not before the prescriber had a chance to write it)."""
        facts = tuple(
            fact
            for fact in self.missing_facts
            if form_facts or fact.where is not FixPlace.LETTER_FORM
        )
        if not facts:
            self.missing.clear_facts()
            return
        actor = self._workspace.actor
        self.missing.show_facts(facts, lambda place: why_unreachable(actor, place))
        self.form.outline(
            {
                field.key
                for fact in facts
                if fact.where is FixPlace.LETTER_FORM
                for field in self.form.fields
                if field.label.casefold() in fact.description.casefold()
            }
        )

    def preview(self) -> None:
        """Compose the letter again from the chart and the form, and show it as it will
        print. Nothing is kept."""
        self.message.clear()
        self._previewed = None
        draft = self._compose()
        if draft is None or draft.letter is None:
            self.pdf.show_note("The letter can be previewed once nothing is missing.")
            self._update_buttons()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pdf = render_letter(draft.letter)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.pdf.show_pdf(pdf)
        self._previewed = (self.current_kind, self.free_text())
        pages = self.pdf.page_count
        self._say(
            f"Preview: {pages} page{'s' if pages != 1 else ''}. Print or save it to keep it "
            "in the patient's letters."
        )
        self._update_buttons()

    # Generating, printing, saving -------------------------------------------------------

    def _fetch(self, purpose: LetterPurpose) -> list[bytes] | None:
        """Archive the letter if it is not yet (the one moment it is generated), then read
        the archived bytes for `purpose`, audited."""
        generated = self.archived is None
        if generated and not self._generate():
            return None
        assert self.archived is not None
        pdf = letter_pdf(self._workspace.database, self._workspace.actor, self.archived.id, purpose)
        self.pdf.show_pdf(pdf)
        if generated:
            self.letter_archived.emit(self.archived)
        return [pdf]

    def _generate(self) -> bool:
        try:
            archived = generate_letter(
                self._workspace.database,
                self._workspace.actor,
                self.patient.patient_id,
                self.current_kind,
                self.free_text(),
                self.today(),
            )
        except MissingFactsError as refused:
            self.draft = LetterDraft(missing=refused.missing)
            self._previewed = None
            self._show_missing()
            self.pdf.show_note("Nothing was printed: something the letter needs is missing.")
            self._update_buttons()
            return False
        self.archived = archived
        self.drafts.pop(self._kind, None)
        self.form.set_read_only(True)
        self._update_buttons()
        return True

    def _on_print_button_clicked(self) -> None:
        size = self.pdf.document.pagePointSize(0) if self.pdf.page_count else None
        self.output.ask_to_print(lambda: self._fetch(LetterPurpose.PRINT), size)

    def _on_save_button_clicked(self) -> None:
        name = f"{self.current_kind.label} {self.patient.mrn} {self.today().isoformat()}"
        self.output.ask_to_save(lambda: self._fetch(LetterPurpose.SAVE), name)

    def _kept_note(self) -> str:
        assert self.archived is not None
        return (
            f"Kept in the patient's letters as letter No. {self.archived.id} "
            f"(fingerprint {self.archived.sha256[:12]}); reprints give exactly this letter."
        )

    def _on_output_printed(self, pages: int) -> None:
        self._say(
            f"Sent {pages} page{'s' if pages != 1 else ''} to the printer. " + self._kept_note(),
            _DONE,
        )

    def _on_output_saved(self, path: str) -> None:
        self._say(f"Saved to {path}. " + self._kept_note(), _DONE)

    def _on_output_failed(self, text: str) -> None:
        self._say(text, _PROBLEM)

    def _say(self, text: str, style: str = "") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

    # Where a missing fact is entered ----------------------------------------------------

    def _on_missing_place_requested(self, index: int) -> None:
        fact = self.missing_facts[index]
        if fact.where is FixPlace.LETTER_FORM:
            widget = self.form.field_named_in(fact.description) or self.form.first_widget()
            if widget is not None:
                widget.setFocus()
            return
        if fact.where is FixPlace.PRESCRIBER_DETAILS:
            self._open_prescriber_details()
            return
        self.place_requested.emit(fact.where.value)
        self.reject()

    def _open_prescriber_details(self) -> None:
        dialog = PrescriberDetailsDialog(self._workspace, self._workspace.actor.user_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.check)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
