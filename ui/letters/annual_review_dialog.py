"""The annual review form (seed 002, "Annually"): the full safety assessment, the cognitive
screen (the latest MoCA, or a new one recorded from here), the discussion of continuing
versus transitioning, the decision with its reasoning, and whether consent was reaffirmed.

Saving keeps the review and closes its checklist items in one step; the form then offers
the consent reaffirmation and the annual review summary for printing.
"""

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinical.monitoring.defaults import SEED_DEFAULT_RULES
from clinical.record.validation import Problem
from db.accounts.roles import Permission
from db.annual_reviews.decision import ReviewDecision
from db.annual_reviews.views import (
    AnnualReviewDraft,
    AnnualReviewView,
    CognitiveScreenChoice,
)
from db.annual_reviews.workflows import (
    MAX_TEXT,
    MOCA,
    cognitive_screen_choices,
    record_annual_review,
)
from db.errors import ClinicError, InvalidEntryError
from db.letters import LetterKind
from db.letters.ui_queries import may_write
from db.scales.views import RecordedScale
from ui.forms import DateLineEdit, EnumComboBox, ProblemDisplay, date_problems
from ui.letters.composer_dialog import LetterComposerDialog
from ui.letters.patient_ref import PatientRef
from ui.scales.record_scale_dialog import RecordScaleDialog
from ui.workspace import Workspace

_ITEM_TITLES = {rule.code: rule.title for rule in SEED_DEFAULT_RULES}
_TEXT_HEIGHT = 78


def _text_box(name: str, hint: str) -> QPlainTextEdit:
    box = QPlainTextEdit(objectName=name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(hint)
    box.setFixedHeight(_TEXT_HEIGHT)
    return box


class AnnualReviewDialog(QDialog):
    saved = Signal(object)  # AnnualReviewView
    letter_archived = Signal(object)  # ArchivedLetterView
    place_requested = Signal(str)  # a FixPlace value, from a letter opened after saving

    def __init__(
        self,
        workspace: Workspace,
        patient: PatientRef,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annualReviewDialog")
        self._workspace = workspace
        self.patient = patient
        self.today = today
        self.review: AnnualReviewView | None = None
        self.choices: tuple[CognitiveScreenChoice, ...] = ()
        self.dialog: QDialog | None = None
        self.setWindowTitle(f"Annual review: {patient.label}")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._saved_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(760, 660)
        self._load_choices()
        self.reviewed_on.setFocus()

    # The form ---------------------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(f"Annual review for {self.patient.label}")
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        intro = QLabel(
            "Once a year for every patient in maintenance treatment. Saving records the "
            "review and marks its items done on the monitoring checklist."
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        self.reviewed_on = DateLineEdit("Review date")
        self.reviewed_on.setObjectName("reviewedOn")
        self.reviewed_on.set_value(self.today())
        self.reviewed_on.setMaximumWidth(130)
        self.safety = _text_box(
            "safetyAssessment",
            "Blood pressure, bladder and urinary symptoms, liver tests, dissociation, "
            "misuse or diversion, suicidality…",
        )
        self.screen = QComboBox(objectName="cognitiveScreen")
        self.record_moca_button = QPushButton("Record a MoCA…", objectName="recordMoca")
        self.record_moca_button.setToolTip("Give the MoCA now; it is linked to this review")
        self.record_moca_button.setEnabled(self._workspace.may(Permission.RECORD_SCALES))
        self.record_moca_button.clicked.connect(self._on_record_moca_button_clicked)
        screen_row = QHBoxLayout()
        screen_row.addWidget(self.screen, 1)
        screen_row.addWidget(self.record_moca_button)
        self.cognitive_note = QLineEdit(objectName="cognitiveNote")
        self.cognitive_note.setPlaceholderText("Cognitive complaints, or why no screen is linked")
        self.cognitive_note.setMaxLength(MAX_TEXT)
        self.discussion = _text_box(
            "continuationDiscussion",
            "Benefits so far, burden, the patient's wishes, alternatives with longer "
            "durability (TMS, ECT, medication), a plan to space out or taper…",
        )
        self.decision = EnumComboBox(ReviewDecision)
        self.decision.setObjectName("decision")
        self.reasoning = _text_box("decisionReasoning", "Why this decision")
        self.consent = QCheckBox("The patient reaffirmed consent", objectName="consentReaffirmed")
        self.consent_on = DateLineEdit("Consent date")
        self.consent_on.setObjectName("consentOn")
        self.consent_on.setMaximumWidth(130)
        self.consent.toggled.connect(self._on_consent_toggled)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(QLabel("on"))
        consent_row.addWidget(self.consent_on)
        consent_row.addStretch()
        self._on_consent_toggled(False)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Review date", self.reviewed_on)
        form.addRow("Full safety assessment", self.safety)
        form.addRow("Cognitive screen", screen_row)
        form.addRow("Cognitive note", self.cognitive_note)
        form.addRow("Continuing or transitioning", self.discussion)
        form.addRow("Decision", self.decision)
        form.addRow("Reasoning", self.reasoning)
        form.addRow("Consent", consent_row)
        self.problems = QLabel(objectName="reviewProblems")
        self.display = ProblemDisplay(
            self.problems,
            {
                "reviewed_on": self.reviewed_on,
                "safety_assessment": self.safety,
                "cognitive_screen": self.screen,
                "cognitive_note": self.cognitive_note,
                "continuation_discussion": self.discussion,
                "decision_reasoning": self.reasoning,
                "consent_reaffirmed_on": self.consent_on,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save review")
        self.save_button.setEnabled(self._workspace.may(Permission.PLAN_TREATMENT))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addStretch()
        layout.addWidget(self.buttons)
        return page

    def _on_consent_toggled(self, checked: bool) -> None:
        self.consent_on.setEnabled(checked)
        if checked and not self.consent_on.text():
            self.consent_on.set_value(self.reviewed_on.value() or self.today())
        if not checked:
            self.consent_on.clear()

    # Cognitive screens ------------------------------------------------------------------

    def _load_choices(self, select_id: int | None = None) -> None:
        try:
            self.choices = cognitive_screen_choices(
                self._workspace.database, self._workspace.actor, self.patient.patient_id
            )
        except ClinicError as refused:
            self.choices = ()
            self.problems.setText(str(refused))
            self.problems.show()
        self.screen.clear()
        for index, choice in enumerate(self.choices):
            latest = " (latest)" if index == 0 else ""
            self.screen.addItem(f"{choice.text}{latest}", index)
        self.screen.addItem("None linked: say why in the note below", None)
        chosen = 0
        if select_id is not None:
            chosen = next(
                (i for i, c in enumerate(self.choices) if c.link.record_id == select_id), 0
            )
        self.screen.setCurrentIndex(chosen)

    def _on_record_moca_button_clicked(self) -> None:
        dialog = RecordScaleDialog(
            self._workspace,
            self.patient.patient_id,
            instrument_code=MOCA,
            education_years=self.patient.education_years,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._on_moca_recorded)
        self._keep(dialog)

    def _on_moca_recorded(self, recorded: RecordedScale) -> None:
        self._load_choices(select_id=recorded.result.id)

    # Saving -----------------------------------------------------------------------------

    def draft(self) -> AnnualReviewDraft:
        index = self.screen.currentData()
        link = self.choices[index].link if index is not None else None
        consented = self.consent.isChecked()
        return AnnualReviewDraft(
            reviewed_on=self.reviewed_on.value() or self.today(),  # checked before saving
            safety_assessment=self.safety.toPlainText(),
            continuation_discussion=self.discussion.toPlainText(),
            decision=self.decision.value(),
            decision_reasoning=self.reasoning.toPlainText(),
            consent_reaffirmed=consented,
            consent_reaffirmed_on=self.consent_on.value() if consented else None,
            cognitive_screen=link,
            cognitive_note=self.cognitive_note.text(),
        )

    def save(self) -> None:
        fields: dict[str, QWidget] = {
            "reviewed_on": self.reviewed_on,
            "consent_reaffirmed_on": self.consent_on,
        }
        problems = date_problems(fields)
        if not self.reviewed_on.text().strip():
            problems.append(Problem("reviewed_on", "Enter the date of the review."))
        if problems:
            self.display.show(problems)
            return
        try:
            self.review = record_annual_review(
                self._workspace.database,
                self._workspace.actor,
                self.patient.patient_id,
                self.draft(),
                self.today(),
            )
        except InvalidEntryError as refused:
            self.display.show(refused.problems)
            return
        except ClinicError as refused:
            self.display.show(())
            self.problems.setText(str(refused))
            self.problems.show()
            return
        self._show_saved(self.review)
        self.saved.emit(self.review)

    # After saving -----------------------------------------------------------------------

    def _saved_page(self) -> QWidget:
        page = QWidget()
        self.saved_heading = QLabel(objectName="reviewSavedHeading")
        self.saved_heading.setStyleSheet("font-size: 13pt; font-weight: 600; color: #1b5e20;")
        self.saved_text = QLabel(objectName="reviewSavedText")
        self.saved_text.setWordWrap(True)
        offer = QLabel("Print for the patient and the chart:")
        offer.setStyleSheet("font-weight: 600;")
        self.consent_letter_button = QPushButton(
            "Consent reaffirmation…", objectName="printConsent"
        )
        self.summary_letter_button = QPushButton(
            "Annual review summary…", objectName="printSummary"
        )
        self.consent_letter_button.clicked.connect(
            lambda: self.open_letter(LetterKind.CONSENT_REAFFIRMATION)
        )
        self.summary_letter_button.clicked.connect(
            lambda: self.open_letter(LetterKind.ANNUAL_REVIEW_SUMMARY)
        )
        for button, kind in (
            (self.consent_letter_button, LetterKind.CONSENT_REAFFIRMATION),
            (self.summary_letter_button, LetterKind.ANNUAL_REVIEW_SUMMARY),
        ):
            allowed = may_write(self._workspace.actor, kind)
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip("A prescriber signs and prints this letter.")
        letters = QHBoxLayout()
        letters.addWidget(self.consent_letter_button)
        letters.addWidget(self.summary_letter_button)
        letters.addStretch()
        self.letters_note = QLabel(objectName="lettersNote")
        self.letters_note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.saved_heading)
        layout.addWidget(self.saved_text)
        layout.addSpacing(16)
        layout.addWidget(offer)
        layout.addLayout(letters)
        layout.addWidget(self.letters_note)
        layout.addStretch()
        layout.addWidget(close)
        return page

    def _show_saved(self, review: AnnualReviewView) -> None:
        self.saved_heading.setText(f"Annual review of {review.reviewed_on.isoformat()} saved")
        done = "".join(
            f"<li>{escape(_ITEM_TITLES.get(code, code))}</li>" for code in review.closed_items
        )
        consent = (
            f"Consent reaffirmed on {review.consent_reaffirmed_on.isoformat()}."
            if review.consent_reaffirmed_on
            else "Consent was not reaffirmed: it stays due on the checklist."
        )
        self.saved_text.setText(
            f"<p>Decision: {escape(review.decision.label)}.<br>{consent}</p>"
            f"<p>Marked done on the monitoring checklist:</p><ul>{done}</ul>"
        )
        self.pages.setCurrentIndex(1)
        self.consent_letter_button.setDefault(review.consent_reaffirmed)

    def open_letter(self, kind: LetterKind) -> None:
        composer = LetterComposerDialog(self._workspace, self.patient, kind, self, today=self.today)
        composer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        composer.letter_archived.connect(self._on_letter_archived)
        composer.place_requested.connect(self._on_composer_place_requested)
        self._keep(composer)

    def _on_letter_archived(self, letter: object) -> None:
        self.letters_note.setText("Kept in the patient's letters.")
        self.letter_archived.emit(letter)

    def _on_composer_place_requested(self, place: str) -> None:
        self.place_requested.emit(place)
        self.accept()

    def _keep(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
