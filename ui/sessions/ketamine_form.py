"""IV or IM ketamine: weight, the dose both ways (typing mg/kg works out the total and the
other way round), route, infusion times and rate, adjunct medications, recovery, discharge
and escort."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from clinical.modality import Modality
from clinical.sessions import (
    DoseBasis,
    KetamineDetails,
    ModalityDetails,
    OverrideKey,
    Route,
    ketamine_dose,
)
from ui.forms import DecimalLineEdit, IntegerLineEdit
from ui.sessions.adjunct_list import AdjunctList
from ui.sessions.form_parts import line, make_read_only, notify_changes
from ui.sessions.inputs import ChoiceBox, TimeInput, YesNoBox, enum_choices
from ui.sessions.look import QUIET
from ui.sessions.override_panel import OverridePanel

DOSE_HINT = "Type either figure: the other is worked out from the weight."


def _number(edit: DecimalLineEdit | IntegerLineEdit, name: str, width: int) -> None:
    edit.setObjectName(name)
    edit.setFixedWidth(width)


class KetamineForm(QWidget):
    changed = Signal()
    layout_changed = Signal()  # rows were added or removed

    def __init__(self, modality: Modality, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.modality = modality
        iv = modality is Modality.IV_KETAMINE
        self._basis = DoseBasis.MG_PER_KG
        self.weight_kg = DecimalLineEdit(1)
        _number(self.weight_kg, "weight_kg", 64)
        self.dose_mg_per_kg = DecimalLineEdit(2)
        _number(self.dose_mg_per_kg, "dose_mg_per_kg", 64)
        self.dose_total_mg = DecimalLineEdit(1)
        _number(self.dose_total_mg, "dose_total_mg", 64)
        self.dose_text = QLabel(DOSE_HINT, objectName="doseText")
        self.dose_text.setStyleSheet(QUIET)
        self.overrides = OverridePanel([OverrideKey.DOSE_CEILING])
        self.route = ChoiceBox(enum_choices(list(Route)))
        self.route.setObjectName("route")
        self.infusion_start = TimeInput()
        self.infusion_start.setObjectName("infusion_start")
        self.infusion_end = TimeInput()
        self.infusion_end.setObjectName("infusion_end")
        self.duration_minutes = IntegerLineEdit(3)
        _number(self.duration_minutes, "duration_minutes", 50)
        self.rate_ml_per_hour = DecimalLineEdit(1)
        _number(self.rate_ml_per_hour, "rate_ml_per_hour", 60)
        self.adjuncts = AdjunctList()
        self.recovery_end = TimeInput()
        self.recovery_end.setObjectName("recovery_end")
        self.discharged_at = TimeInput()
        self.discharged_at.setObjectName("discharged_at")
        self.escort_present = YesNoBox()
        self.escort_present.setObjectName("escort_present")

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Weight today", line(self.weight_kg, "kg"))
        form.addRow(
            "Dose", line(self.dose_mg_per_kg, "mg/kg   or   total", self.dose_total_mg, "mg")
        )
        form.addRow("", self.dose_text)
        form.addRow(self.overrides)
        form.addRow("Route", line(self.route))
        if iv:
            form.addRow("Infusion", line(self.infusion_start, "to", self.infusion_end))
            form.addRow(
                "Over",
                line(self.duration_minutes, "minutes   or at", self.rate_ml_per_hour, "mL/h"),
            )
        else:
            form.addRow("Injection given at", line(self.infusion_start))
            for hidden in (self.infusion_end, self.duration_minutes, self.rate_ml_per_hour):
                hidden.hide()
        form.addRow("Medications given", self.adjuncts)
        form.addRow("Recovery ended", line(self.recovery_end, "discharged at", self.discharged_at))
        form.addRow("Escort present", line(self.escort_present))

        for widget in self.inputs:
            notify_changes(widget, self.changed)
        self.adjuncts.changed.connect(self.changed)
        self.adjuncts.rows_changed.connect(self.layout_changed)
        self.weight_kg.textEdited.connect(self._on_weight_kg_text_edited)
        self.dose_mg_per_kg.textEdited.connect(self._on_dose_mg_per_kg_text_edited)
        self.dose_total_mg.textEdited.connect(self._on_dose_total_mg_text_edited)

    @property
    def override_panels(self) -> list[OverridePanel]:
        return [self.overrides]

    @property
    def inputs(self) -> list[QWidget]:
        """In the order Tab visits them (the override reason follows the dose)."""
        visible_iv = self.modality is Modality.IV_KETAMINE
        timing: list[QWidget] = [self.infusion_start]
        if visible_iv:
            timing += [self.infusion_end, self.duration_minutes, self.rate_ml_per_hour]
        return [
            self.weight_kg,
            self.dose_mg_per_kg,
            self.dose_total_mg,
            *self.overrides.inputs,
            self.route,
            *timing,
            *self.adjuncts.inputs,
            self.recovery_end,
            self.discharged_at,
            self.escort_present,
        ]

    def fields(self) -> dict[str, QWidget]:
        own = {
            w.objectName(): w
            for w in self.inputs
            if w.objectName() and w not in self.overrides.inputs
        }
        return {**own, **self.adjuncts.fields(), **self.overrides.fields()}

    # The dose both ways ---------------------------------------------------------------------

    def _work_out(self) -> None:
        """Fill the figure not typed from the one typed and the weight."""
        weight = self.weight_kg.value()
        typed = self.dose_mg_per_kg if self._basis is DoseBasis.MG_PER_KG else self.dose_total_mg
        other = self.dose_total_mg if typed is self.dose_mg_per_kg else self.dose_mg_per_kg
        amount = typed.value()
        if weight is None or weight <= 0 or amount is None:
            other.clear()
        elif self._basis is DoseBasis.MG_PER_KG:
            other.set_value(ketamine_dose(weight, mg_per_kg=amount).total_mg)
        else:
            other.set_value(ketamine_dose(weight, total_mg=amount).mg_per_kg)
        self._show_dose()

    def _show_dose(self) -> None:
        weight, per_kg, total = (
            self.weight_kg.value(),
            self.dose_mg_per_kg.value(),
            self.dose_total_mg.value(),
        )
        if weight and per_kg is not None and total is not None:
            self.dose_text.setText(f"= {total} mg ({per_kg} mg/kg at {weight} kg)")
            self.dose_text.setStyleSheet("font-weight: 600;")
        else:
            self.dose_text.setText(DOSE_HINT)
            self.dose_text.setStyleSheet(QUIET)
        for edit, basis in (
            (self.dose_mg_per_kg, DoseBasis.MG_PER_KG),
            (self.dose_total_mg, DoseBasis.TOTAL_MG),
        ):
            font = edit.font()
            font.setItalic(basis is not self._basis)
            edit.setFont(font)

    def _on_weight_kg_text_edited(self, _text: str) -> None:
        self._work_out()

    def _on_dose_mg_per_kg_text_edited(self, _text: str) -> None:
        self._basis = DoseBasis.MG_PER_KG
        self._work_out()

    def _on_dose_total_mg_text_edited(self, _text: str) -> None:
        self._basis = DoseBasis.TOTAL_MG
        self._work_out()

    # Values -------------------------------------------------------------------------------

    def value(self) -> KetamineDetails:
        return KetamineDetails(
            weight_kg=self.weight_kg.value(),
            dose_basis=self._basis,
            dose_mg_per_kg=self.dose_mg_per_kg.value(),
            dose_total_mg=self.dose_total_mg.value(),
            route=self.route.value(),
            infusion_start=self.infusion_start.value(),
            infusion_end=self.infusion_end.value(),
            duration_minutes=self.duration_minutes.value(),
            rate_ml_per_hour=self.rate_ml_per_hour.value(),
            adjuncts=self.adjuncts.value(),
            recovery_end=self.recovery_end.value(),
            discharged_at=self.discharged_at.value(),
            escort_present=self.escort_present.value(),
        )

    def set_value(self, details: ModalityDetails) -> None:
        assert isinstance(details, KetamineDetails)
        self._basis = details.dose_basis
        self.weight_kg.set_value(details.weight_kg)
        self.dose_mg_per_kg.set_value(details.dose_mg_per_kg)
        self.dose_total_mg.set_value(details.dose_total_mg)
        self.route.set_value(details.route)
        self.infusion_start.set_value(details.infusion_start)
        self.infusion_end.set_value(details.infusion_end)
        self.duration_minutes.set_value(details.duration_minutes)
        self.rate_ml_per_hour.set_value(details.rate_ml_per_hour)
        self.adjuncts.set_value(details.adjuncts)
        self.recovery_end.set_value(details.recovery_end)
        self.discharged_at.set_value(details.discharged_at)
        self.escort_present.set_value(details.escort_present)
        self._show_dose()

    def set_read_only(self, read_only: bool) -> None:
        make_read_only([w for w in self.inputs if w not in self.adjuncts.inputs], read_only)
        self.adjuncts.set_read_only(read_only)
        self.overrides.set_read_only(read_only)
