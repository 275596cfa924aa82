"""The administrator's treatment-session settings: the pre-dose limits of each treatment
(a reading past one warns before dosing and asks for a reason) and the ketamine dose
ceiling. Empty means no limit. The defaults come from the clinical reference and are the
clinic's to change."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinical.modality import Modality
from clinical.sessions import DEFAULT_CEILING_MG_PER_KG, DEFAULT_THRESHOLDS, PreDoseThresholds
from db.accounts.roles import Permission
from db.errors import ClinicError, InvalidEntryError
from db.sessions.settings import CEILING_KEY, load_session_settings, save_session_settings
from db.sessions.views import SessionSettings
from ui.forms import INVALID_STYLE, DecimalLineEdit, IntegerLineEdit
from ui.sessions.look import QUIET, SERIOUS_COLOUR
from ui.workspace import Workspace

# (attribute, column title)
LIMITS = (
    ("max_systolic", "Systolic above"),
    ("max_diastolic", "Diastolic above"),
    ("max_heart_rate", "Heart rate above"),
    ("min_heart_rate", "Heart rate below"),
    ("min_spo2", "SpO₂ below (%)"),
)


class SessionLimitsPanel(QGroupBox):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Treatment sessions: pre-dose limits and dose ceiling", parent)
        self.setObjectName("sessionLimits")
        self._workspace = workspace
        self.inputs: dict[tuple[Modality, str], IntegerLineEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for column, (_name, title) in enumerate(LIMITS, start=1):
            header = QLabel(title)
            header.setStyleSheet(QUIET)
            grid.addWidget(header, 0, column)
        for row, modality in enumerate(Modality, start=1):
            grid.addWidget(QLabel(modality.label), row, 0)
            for column, (name, title) in enumerate(LIMITS, start=1):
                edit = IntegerLineEdit(3)
                edit.setObjectName(f"{modality.value}.{name}")
                edit.setFixedWidth(64)
                edit.setPlaceholderText("none")
                edit.setAccessibleName(f"{modality.label}: {title}")
                grid.addWidget(edit, row, column, Qt.AlignmentFlag.AlignLeft)
                self.inputs[(modality, name)] = edit
        grid.setColumnStretch(len(LIMITS) + 1, 1)
        self.ceiling = DecimalLineEdit(2)
        self.ceiling.setObjectName("ceilingMgPerKg")
        self.ceiling.setFixedWidth(64)
        ceiling = QHBoxLayout()
        ceiling.addWidget(QLabel("Ketamine dose ceiling"))
        ceiling.addWidget(self.ceiling)
        ceiling.addWidget(QLabel("mg/kg: a dose above it asks for a reason"))
        ceiling.addStretch()
        hint = QLabel(
            "A reading before dosing past a limit warns the person documenting the session "
            "and asks for the reason to go ahead, which is kept with the session. Leave a "
            "field empty for no limit. Defaults: esketamine 140/90 (the Spravato label), "
            "ketamine 160/100 and a 0.5 mg/kg ceiling (seed protocol), heart rate 50-110 and "
            "SpO₂ 92% for every treatment: the clinic's choice."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(QUIET)
        self.save_button = QPushButton("Save limits", objectName="saveSessionLimits")
        self.defaults_button = QPushButton("Put back the defaults", objectName="defaultLimits")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.defaults_button.clicked.connect(self._on_defaults_button_clicked)
        self.message = QLabel(objectName="sessionLimitsMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(grid)
        layout.addLayout(ceiling)
        layout.addLayout(buttons)
        self.setVisible(workspace.may(Permission.MANAGE_SETTINGS))

    def refresh(self) -> None:
        self._show(load_session_settings(self._workspace.database))
        self.message.clear()

    def _show(self, settings: SessionSettings) -> None:
        for (modality, name), edit in self.inputs.items():
            edit.set_value(getattr(settings.thresholds_for(modality), name))
            edit.setStyleSheet("")
        self.ceiling.set_value(settings.ceiling_mg_per_kg)

    def settings(self) -> SessionSettings:
        thresholds = {
            modality: PreDoseThresholds(
                **{name: self.inputs[(modality, name)].value() for name, _title in LIMITS}
            )
            for modality in Modality
        }
        ceiling = self.ceiling.value()
        return SessionSettings(
            thresholds, DEFAULT_CEILING_MG_PER_KG if ceiling is None else ceiling
        )

    def _on_defaults_button_clicked(self) -> None:
        self._show(SessionSettings(dict(DEFAULT_THRESHOLDS), DEFAULT_CEILING_MG_PER_KG))
        self.message.setStyleSheet(QUIET)
        self.message.setText("The defaults are shown; Save limits to use them.")

    def _on_save_button_clicked(self) -> None:
        for edit in [*self.inputs.values(), self.ceiling]:
            edit.setStyleSheet("")
        try:
            save_session_settings(self._workspace.database, self._workspace.actor, self.settings())
        except InvalidEntryError as refused:
            for problem in refused.problems:
                edit = (
                    self.ceiling
                    if problem.field == CEILING_KEY
                    else self.findChild(IntegerLineEdit, problem.field)
                )
                if edit is not None:
                    edit.setStyleSheet(INVALID_STYLE)
            self.message.setStyleSheet(f"color: {SERIOUS_COLOUR};")
            self.message.setText("\n".join(problem.message for problem in refused.problems))
            return
        except ClinicError as refused:
            self.message.setStyleSheet(f"color: {SERIOUS_COLOUR};")
            self.message.setText(str(refused))
            return
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText("Saved. Sessions are judged by these limits from now on.")
