"""One patient's chart: a header that names them, and a tab per part of the record."""

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinical.record.drafts import (
    AllergyDraft,
    DiagnosisDraft,
    MedicationTrialDraft,
    PatientDraft,
    PsychotherapyTrialDraft,
)
from db.letters import FixPlace
from db.patients.views import PatientChart
from db.patients.workflows import open_chart
from db.scales.views import SafetyAlertView
from ui.courses.treatment_tab import TreatmentTab
from ui.letters.chart_places import show_place
from ui.letters.letters_tab import LettersTab
from ui.monitoring.checklist_tab import ChecklistTab
from ui.patients.allergy_dialog import AllergyDialog
from ui.patients.diagnosis_dialog import DiagnosisDialog
from ui.patients.entry_table import EntryTable
from ui.patients.patient_dialog import PatientDialog
from ui.patients.trial_dialogs import MedicationTrialDialog, PsychotherapyTrialDialog
from ui.scales.scales_tab import ScalesTab
from ui.sessions.sessions_tab import SessionsTab
from ui.workspace import Workspace


def _dose(trial: MedicationTrialDraft) -> str:
    if trial.dose_amount is None:
        return ""
    return f"{trial.dose_amount.normalize():f} {trial.dose_unit}"


class ChartHeader(QWidget):
    alert_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel(objectName="chartName")
        self.name.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(objectName="chartFacts")
        self.diagnosis = QLabel(objectName="chartDiagnosis")
        self.allergies = QLabel(objectName="chartAllergies")
        self.treatment = QLabel(objectName="chartTreatment")
        # Shown while a safety alert of this patient is open.
        self.alert_banner = QFrame(objectName="chartAlertBanner")
        self.alert_banner.setStyleSheet(
            "QFrame#chartAlertBanner { background: #b71c1c; border-radius: 4px; }"
            "QLabel { color: white; font-weight: 600; }"
        )
        self.alert_label = QLabel(objectName="chartAlert")
        self.alert_label.setWordWrap(True)
        self.alert_button = QPushButton("Address…", objectName="addressAlert")
        self.alert_button.clicked.connect(self.alert_requested)
        banner = QHBoxLayout(self.alert_banner)
        banner.setContentsMargins(10, 6, 6, 6)
        banner.addWidget(self.alert_label, 1)
        banner.addWidget(self.alert_button)
        self.alert_banner.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 8)
        layout.addWidget(self.name)
        layout.addWidget(self.facts)
        layout.addWidget(self.diagnosis)
        layout.addWidget(self.treatment)
        layout.addWidget(self.allergies)
        layout.addWidget(self.alert_banner)

    def clear(self) -> None:
        for label in (self.name, self.facts, self.diagnosis, self.treatment, self.allergies):
            label.clear()
        self.show_alerts(())

    def show_alerts(self, alerts: tuple[SafetyAlertView, ...]) -> None:
        """A red banner naming the open safety alerts, until they are addressed."""
        self.alert_banner.setVisible(bool(alerts))
        if not alerts:
            self.alert_label.clear()
            return
        first = alerts[0]
        given = f"{first.administered_at.astimezone():%Y-%m-%d}"
        text = f"⚠ Open safety alert: {first.message} ({first.short_name} given {given})"
        if len(alerts) > 1:
            text = f"⚠ {len(alerts)} open safety alerts. Oldest: {first.message} ({given})"
        self.alert_label.setText(text)

    def show_chart(self, chart: PatientChart, today: date) -> None:
        patient = chart.patient
        self.name.setText(chart.display_name)
        self.facts.setText(
            f"{chart.age_on(today)} years · {patient.sex.label} · born "
            f"{patient.date_of_birth:%Y-%m-%d} · MRN {patient.mrn} · {patient.status.label}"
        )
        self.diagnosis.setVisible(chart.clinical_included)
        self.treatment.setVisible(chart.clinical_included)
        self.treatment.setText(
            "Treatment: " + " · ".join(chart.treatments)
            if chart.treatments
            else "Treatment: no open course"
        )
        self.allergies.setVisible(chart.clinical_included)
        primary = chart.primary_diagnosis
        self.diagnosis.setText(
            f"Primary diagnosis: {primary.icd10_code} {primary.description}"
            if primary
            else "Primary diagnosis: none recorded"
        )
        names = ", ".join(a.draft.substance for a in chart.allergies)
        self.allergies.setText(f"Allergies: {names}" if names else "Allergies: none recorded")
        self.allergies.setStyleSheet("color: #b71c1c; font-weight: 600;" if names else "")


class DemographicsTab(QWidget):
    edit_requested = Signal()

    _GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
        (
            "Identity",
            (
                ("MRN", "mrn"),
                ("Legal name", "legal_given_names"),
                ("Preferred name", "preferred_name"),
                ("Date of birth", "date_of_birth"),
                ("Sex", "sex"),
                ("Status", "status"),
            ),
        ),
        (
            "Clinical",
            (
                ("Primary prescriber", "primary_prescriber"),
                ("Education (years)", "education_years"),
                ("Weight (kg)", "weight_kg"),
            ),
        ),
        (
            "Contact",
            (
                ("Phone", "phone"),
                ("Email", "email"),
                ("Address", "address_line1"),
                ("", "address_line2"),
                ("City", "city"),
                ("State / region", "region"),
                ("Postal code", "postal_code"),
                ("Country", "country"),
            ),
        ),
        (
            "Emergency contact",
            (
                ("Name", "emergency_contact_name"),
                ("Relation", "emergency_contact_relation"),
                ("Phone", "emergency_contact_phone"),
            ),
        ),
        (
            "Insurance",
            (
                ("Payer", "insurance_payer"),
                ("Member ID", "insurance_member_id"),
                ("Group number", "insurance_group_number"),
                ("Payer address", "insurance_payer_address"),
            ),
        ),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: dict[str, QLabel] = {}
        grid = QGridLayout()
        for index, (title, rows) in enumerate(self._GROUPS):
            box = QGroupBox(title)
            form = QFormLayout(box)
            for label, field in rows:
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                self._values[field] = value
                form.addRow(label, value)
            grid.addWidget(box, index % 3, index // 3)
        self.edit_button = QPushButton("Edit patient…", objectName="editPatient")
        self.edit_button.clicked.connect(self.edit_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(grid)
        layout.addStretch()

    def show_patient(self, patient: PatientDraft) -> None:
        for field, label in self._values.items():
            value = getattr(patient, field)
            if field == "legal_given_names":
                value = f"{patient.legal_given_names} {patient.legal_family_name}"
            text = getattr(value, "label", None) or (
                value.isoformat() if hasattr(value, "isoformat") else value
            )
            label.setText("" if text is None else str(text))


class ChartPage(QWidget):
    """Loads the chart afresh from the database each time it is shown or changed."""

    patient_changed = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._chart: PatientChart | None = None
        self.dialog: PatientDialog | None = None
        self.header = ChartHeader()
        self.tabs = QTabWidget(objectName="chartTabs")
        self.demographics = DemographicsTab()
        self.demographics.edit_requested.connect(self._on_demographics_edit_requested)
        self.diagnoses = EntryTable(
            workspace,
            DiagnosisDraft,
            DiagnosisDialog,
            [
                ("Code", lambda d: d.icd10_code),
                ("Diagnosis", lambda d: d.description),
                ("Primary", lambda d: "Primary" if d.is_primary else ""),
                ("Noted", lambda d: d.noted_on),
            ],
            "diagnosis",
        )
        self.medications = EntryTable(
            workspace,
            MedicationTrialDraft,
            MedicationTrialDialog,
            [
                ("Medication", lambda t: t.drug),
                ("Class", lambda t: t.drug_class),
                ("Dose", _dose),
                ("Started", lambda t: t.start_date),
                ("Stopped", lambda t: t.end_date),
                ("Weeks at dose", lambda t: t.weeks_at_adequate_dose),
                ("Outcome", lambda t: t.outcome),
                ("Notes", lambda t: t.notes),
            ],
            "medication trial",
        )
        self.psychotherapy = EntryTable(
            workspace,
            PsychotherapyTrialDraft,
            PsychotherapyTrialDialog,
            [
                ("Therapy", lambda t: t.modality),
                ("Started", lambda t: t.start_date),
                ("Ended", lambda t: t.end_date),
                ("Sessions", lambda t: t.sessions),
                ("Outcome", lambda t: t.outcome),
                ("Notes", lambda t: t.notes),
            ],
            "psychotherapy",
        )
        self.allergies = EntryTable(
            workspace,
            AllergyDraft,
            AllergyDialog,
            [
                ("Substance", lambda a: a.substance),
                ("Reaction", lambda a: a.reaction),
                ("Severity", lambda a: a.severity),
            ],
            "allergy",
        )
        demographics_scroll = QScrollArea()
        demographics_scroll.setWidgetResizable(True)
        demographics_scroll.setFrameShape(QFrame.Shape.NoFrame)
        demographics_scroll.setWidget(self.demographics)
        self.tabs.addTab(demographics_scroll, "Demographics")
        self.tabs.addTab(self.diagnoses, "Diagnoses")
        self.tabs.addTab(self.medications, "Medication trials")
        self.tabs.addTab(self.psychotherapy, "Psychotherapy")
        self.tabs.addTab(self.allergies, "Allergies")
        self.scales = ScalesTab(workspace)
        self.tabs.addTab(self.scales, "Scales")
        self.scales.alerts_changed.connect(self.header.show_alerts)
        self.header.alert_requested.connect(self._on_header_alert_requested)
        self._clinical_tabs = (
            self.diagnoses,
            self.medications,
            self.psychotherapy,
            self.allergies,
            self.scales,
        )
        for table in (self.diagnoses, self.medications, self.psychotherapy, self.allergies):
            table.changed.connect(self.reload)
        # Treatment courses, the next-booster proposal and the patient's timeline.
        self.treatment = TreatmentTab(workspace)
        self.tabs.addTab(self.treatment, "Treatment")
        # Treatment sessions: documented, signed, with addenda; today's to document.
        self.sessions = SessionsTab(workspace)
        self.tabs.addTab(self.sessions, "Sessions")
        self.sessions.changed.connect(self.reload)
        # Monitoring checklist: loads the open patient's items whenever the tab is shown.
        self.checklist = ChecklistTab(workspace, lambda: self.patient_id)
        self.tabs.addTab(self.checklist, "Checklist")
        self._clinical_tabs = (*self._clinical_tabs, self.sessions, self.checklist)
        # Letters: the patient's archived letters, a new letter, the annual review.
        self.letters = LettersTab(workspace, lambda: self._chart)
        self.letters.place_requested.connect(self.show_place)
        self.letters.changed.connect(self._on_letters_changed)
        self.checklist.annual_review_requested.connect(self._on_checklist_annual_review_requested)
        self.tabs.addTab(self.letters, "Letters")
        self._clinical_tabs = (*self._clinical_tabs, self.letters)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs)

    @property
    def patient_id(self) -> int | None:
        return self._chart.id if self._chart else None

    def open_patient(self, patient_id: int) -> None:
        self._chart = open_chart(self._workspace.database, self._workspace.actor, patient_id)
        self._show(self._chart)

    def clear(self) -> None:
        """Forget the open chart, as when someone else signs in."""
        self._chart = None
        self.header.clear()
        self.scales.clear()
        self.treatment.clear()
        self.sessions.clear()
        self.letters.clear()

    def reload(self) -> None:
        if self._chart is not None:
            self.open_patient(self._chart.id)
            self.patient_changed.emit(self._chart.id)

    def _show(self, chart: PatientChart) -> None:
        self.header.show_chart(chart, date.today())
        for table in self._clinical_tabs:
            self.tabs.setTabVisible(self.tabs.indexOf(table), chart.clinical_included)
        self.demographics.show_patient(chart.patient)
        self.diagnoses.show_entries(chart.id, chart.diagnoses)
        self.medications.show_entries(chart.id, chart.medication_trials)
        self.psychotherapy.show_entries(chart.id, chart.psychotherapy_trials)
        self.allergies.show_entries(chart.id, chart.allergies)
        if chart.clinical_included:
            self.scales.show_patient(chart.id, chart.patient.education_years)
        else:
            self.scales.clear()
        self.tabs.setTabVisible(self.tabs.indexOf(self.treatment), chart.clinical_included)
        if chart.clinical_included:
            self.treatment.show_patient(chart.id)
            self.sessions.show_patient(chart.id)
        else:
            self.sessions.clear()
        self.letters.chart_shown()

    def show_place(self, place: str) -> bool:
        """Show where a letter's missing fact is entered: a tab, or an area of the window."""
        return show_place(self, FixPlace(place))

    def _on_letters_changed(self, _patient_id: int) -> None:
        self.checklist.clear()  # loads again when shown, with the annual review's items done

    def _on_checklist_annual_review_requested(self) -> None:
        self.show_place(FixPlace.ANNUAL_REVIEW)

    def _on_header_alert_requested(self) -> None:
        self.tabs.setCurrentWidget(self.scales)
        self.scales.open_alert_dialog()

    def _on_demographics_edit_requested(self) -> None:
        if self._chart is None:
            return
        self.dialog = PatientDialog(self._workspace, self._chart, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.saved.connect(self.reload)
        self.dialog.open()
