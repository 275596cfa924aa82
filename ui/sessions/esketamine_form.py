"""Esketamine (Spravato): the dose and its devices, lot number, time given, what the REMS
monitoring form asks (sedation, dissociation, respiratory depression, pulse oximetry,
monitoring time, readiness to leave, sedating concomitant medications) and who was there.
Blood pressure before, about 40 minutes after and before leaving is the vital-signs grid."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QWidget

from clinical.sessions import (
    ESKETAMINE_DEVICE_MG,
    ESKETAMINE_DOSES_MG,
    ConcomitantMedication,
    EsketamineDetails,
    ModalityDetails,
    OverrideKey,
    devices_for,
)
from ui.forms import IntegerLineEdit
from ui.sessions.form_parts import line, make_read_only, notify_changes
from ui.sessions.inputs import ChoiceBox, TimeInput, YesNoBox
from ui.sessions.look import QUIET
from ui.sessions.override_panel import OverridePanel


def _yes_no(name: str) -> YesNoBox:
    box = YesNoBox()
    box.setObjectName(name)
    return box


class EsketamineForm(QWidget):
    changed = Signal()
    layout_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dose_mg = ChoiceBox[int]((f"{mg} mg", mg) for mg in ESKETAMINE_DOSES_MG)
        self.dose_mg.setObjectName("dose_mg")
        self.devices = QLabel(objectName="devices")
        self.dose_overrides = OverridePanel([OverrideKey.FIRST_ESKETAMINE_DOSE])
        self.lot_number = QLineEdit(objectName="lot_number")
        self.lot_number.setMaxLength(40)
        self.lot_number.setFixedWidth(150)
        self.administered_at = TimeInput()
        self.administered_at.setObjectName("administered_at")
        self.sedation = _yes_no("sedation")
        self.dissociation = _yes_no("dissociation")
        self.respiratory_depression = _yes_no("respiratory_depression")
        self.lowest_spo2 = IntegerLineEdit(3)
        self.lowest_spo2.setObjectName("lowest_spo2")
        self.lowest_spo2.setFixedWidth(50)
        self.monitoring_minutes = IntegerLineEdit(4)
        self.monitoring_minutes.setObjectName("monitoring_minutes")
        self.monitoring_minutes.setFixedWidth(50)
        self.ready_to_leave_at = TimeInput()
        self.ready_to_leave_at.setObjectName("ready_to_leave_at")
        self.ready_text = QLabel(objectName="readyText")
        self.ready_text.setStyleSheet(QUIET)
        self.monitoring_overrides = OverridePanel([OverrideKey.SHORT_MONITORING])
        self.vitals_acceptable_before = _yes_no("vitals_acceptable_before")
        self.vitals_acceptable_at_end = _yes_no("vitals_acceptable_at_end")
        self.medications = {
            medication: QCheckBox(medication.label, objectName=f"concomitant.{medication.value}")
            for medication in ConcomitantMedication
        }
        self.prescriber_on_site = QLineEdit(objectName="prescriber_on_site")
        self.monitored_by = QLineEdit(objectName="monitored_by")
        for name_field in (self.prescriber_on_site, self.monitored_by):
            name_field.setMaxLength(120)
            name_field.setMinimumWidth(220)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Dose", line(self.dose_mg, self.devices))
        form.addRow(self.dose_overrides)
        form.addRow("Lot number", line(self.lot_number, "given at", self.administered_at))
        form.addRow("Sedation", line(self.sedation, "dissociation", self.dissociation))
        form.addRow(
            "Respiratory depression",
            line(self.respiratory_depression, "lowest SpO₂", self.lowest_spo2, "%"),
        )
        form.addRow(
            "Monitored for",
            line(
                self.monitoring_minutes,
                "minutes; ready to leave at",
                self.ready_to_leave_at,
                self.ready_text,
            ),
        )
        form.addRow(self.monitoring_overrides)
        form.addRow(
            "Vital signs acceptable",
            line(
                "before dosing",
                self.vitals_acceptable_before,
                "at the end",
                self.vitals_acceptable_at_end,
            ),
        )
        medications = QGridLayout()
        medications.setContentsMargins(0, 0, 0, 0)
        for index, box in enumerate(self.medications.values()):
            medications.addWidget(box, index // 2, index % 2)
        form.addRow("Sedating medications\ntaken", medications)
        form.addRow("Prescriber on site", self.prescriber_on_site)
        form.addRow("Monitored by", self.monitored_by)

        for widget in self.inputs:
            notify_changes(widget, self.changed)
        self.dose_mg.currentIndexChanged.connect(self._show_devices)
        self.administered_at.textChanged.connect(self._show_ready)
        self.ready_to_leave_at.textChanged.connect(self._show_ready)

    @property
    def override_panels(self) -> list[OverridePanel]:
        return [self.dose_overrides, self.monitoring_overrides]

    @property
    def inputs(self) -> list[QWidget]:
        return [
            self.dose_mg,
            *self.dose_overrides.inputs,
            self.lot_number,
            self.administered_at,
            self.sedation,
            self.dissociation,
            self.respiratory_depression,
            self.lowest_spo2,
            self.monitoring_minutes,
            self.ready_to_leave_at,
            *self.monitoring_overrides.inputs,
            self.vitals_acceptable_before,
            self.vitals_acceptable_at_end,
            *self.medications.values(),
            self.prescriber_on_site,
            self.monitored_by,
        ]

    def fields(self) -> dict[str, QWidget]:
        panels = [w for panel in self.override_panels for w in panel.inputs]
        own = {w.objectName(): w for w in self.inputs if w not in panels}
        return {
            **own,
            "devices": self.dose_mg,
            **self.dose_overrides.fields(),
            **self.monitoring_overrides.fields(),
        }

    def _show_devices(self) -> None:
        dose = self.dose_mg.value()
        self.devices.setText(
            "" if dose is None else f"{devices_for(dose)} devices of {ESKETAMINE_DEVICE_MG} mg"
        )

    def _show_ready(self) -> None:
        minutes = self._details_times().minutes_until_ready
        self.ready_text.setText("" if minutes is None else f"({minutes} minutes after the dose)")

    def _details_times(self) -> EsketamineDetails:
        return EsketamineDetails(
            administered_at=self.administered_at.value(),
            ready_to_leave_at=self.ready_to_leave_at.value(),
        )

    def value(self) -> EsketamineDetails:
        dose = self.dose_mg.value()
        return EsketamineDetails(
            dose_mg=dose,
            devices=None if dose is None else devices_for(dose),
            lot_number=self.lot_number.text().strip(),
            administered_at=self.administered_at.value(),
            sedation=self.sedation.value(),
            dissociation=self.dissociation.value(),
            respiratory_depression=self.respiratory_depression.value(),
            lowest_spo2=self.lowest_spo2.value(),
            monitoring_minutes=self.monitoring_minutes.value(),
            ready_to_leave_at=self.ready_to_leave_at.value(),
            vitals_acceptable_before=self.vitals_acceptable_before.value(),
            vitals_acceptable_at_end=self.vitals_acceptable_at_end.value(),
            concomitant_medications=frozenset(
                medication for medication, box in self.medications.items() if box.isChecked()
            ),
            prescriber_on_site=self.prescriber_on_site.text().strip(),
            monitored_by=self.monitored_by.text().strip(),
        )

    def set_value(self, details: ModalityDetails) -> None:
        assert isinstance(details, EsketamineDetails)
        self.dose_mg.set_value(details.dose_mg)
        self.lot_number.setText(details.lot_number)
        self.administered_at.set_value(details.administered_at)
        self.sedation.set_value(details.sedation)
        self.dissociation.set_value(details.dissociation)
        self.respiratory_depression.set_value(details.respiratory_depression)
        self.lowest_spo2.set_value(details.lowest_spo2)
        self.monitoring_minutes.set_value(details.monitoring_minutes)
        self.ready_to_leave_at.set_value(details.ready_to_leave_at)
        self.vitals_acceptable_before.set_value(details.vitals_acceptable_before)
        self.vitals_acceptable_at_end.set_value(details.vitals_acceptable_at_end)
        for medication, box in self.medications.items():
            box.setChecked(medication in details.concomitant_medications)
        self.prescriber_on_site.setText(details.prescriber_on_site)
        self.monitored_by.setText(details.monitored_by)
        self._show_devices()
        self._show_ready()

    def set_read_only(self, read_only: bool) -> None:
        make_read_only(self.inputs, read_only)
