"""A full session of each modality documented by keyboard only: Tab from field to field in
the window's own order, typing each value, Ctrl+Enter to sign; then what was stored, read
back through the database workflows."""

from datetime import time
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from clinical.modality import Modality
from clinical.sessions import (
    ConcomitantMedication,
    DoseBasis,
    EsketamineDetails,
    KetamineDetails,
    Response,
    Route,
    Severity,
    SideEffect,
    SubstanceScreen,
    TmsDetails,
    VitalSigns,
    VitalsPoint,
    effects_for,
)
from db.database import Database
from db.sessions.workflows import session_view
from tests.ui.test_session_builders import (
    DAY,
    PRESS,
    TOGGLE,
    booked,
    focused,
    type_along,
    vitals_entries,
)
from ui.sessions.opener import SessionOpener
from ui.sessions.session_window import SessionWindow
from ui.workspace import Workspace


@pytest.fixture
def opener(qtbot, workspace: Workspace) -> SessionOpener:
    host = QWidget()
    qtbot.addWidget(host)
    return SessionOpener(workspace, host, today=lambda: DAY)


def open_for(qtbot, opener: SessionOpener, appointment_id: int) -> SessionWindow:
    window = opener.document_appointment(appointment_id)
    assert window is not None, opener.message.text() if opener.message else "no window"
    qtbot.waitExposed(window)
    start = window.form.vitals.rows[VitalsPoint.BEFORE].taken_at
    qtbot.waitUntil(lambda: focused() is start)
    return window


def side_effects_entries(
    modality: Modality, changed: dict[SideEffect, tuple[str, str]]
) -> list[tuple[str, str]]:
    """'Nothing else to report', then Tab down the answers, changing some (and writing their
    note, which joins the Tab order once the effect is present)."""
    entries = [("sideEffectsNone", PRESS)]
    for effect in effects_for(modality):
        field = f"side_effects.{effect.value}"
        if effect in changed:
            severity, note = changed[effect]
            entries += [(field, severity), (f"{field}.note", note)]
        else:
            entries.append((field, ""))
    return entries


def sign_by_keyboard(qtbot, window: SessionWindow) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.view.signed)


def test_an_iv_ketamine_session_typed_and_signed_by_keyboard(
    qtbot, database: Database, prescriber, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.IV_KETAMINE)
    window = open_for(qtbot, opener, appointment_id)
    type_along(
        qtbot,
        [
            *vitals_entries("before", "0900", "128", "82", "74", "98", "14"),
            *vitals_entries("during", "0925", "138", "88", "80", "97"),
            *vitals_entries("after", "1040", "124", "80", "72", "98"),
            ("weight_kg", "72.5"),
            ("dose_mg_per_kg", "0.5"),
            ("dose_total_mg", ""),
            ("route", ""),
            ("infusion_start", "0905"),
            ("infusion_end", "0945"),
            ("duration_minutes", "40"),
            ("rate_ml_per_hour", ""),
            ("addAdjunct", PRESS),
            ("adjuncts.0", "Ondansetron"),
            ("adjuncts.0.dose", "4"),
            ("adjuncts.0.unit", ""),
            ("adjuncts.0.route", "IV"),
            ("adjuncts.0.given_at", "0900"),
            ("addAdjunct", ""),
            ("recovery_end", "1030"),
            ("discharged_at", "1045"),
            ("escort_present", "Y"),
            ("substance_screen", "Ne"),
            ("substance_note", ""),
            ("response.response", "B"),
            ("response.days_of_benefit", "12"),
            ("response.peak_score", "9"),
            ("response.functional_note", "Back at work full time"),
            ("recordSessionScale", ""),
            *side_effects_entries(
                Modality.IV_KETAMINE,
                {SideEffect.NAUSEA_VOMITING: ("Mi", "Settled with ondansetron")},
            ),
            ("note", "Tolerated well"),
        ],
    )
    assert window.form.details.dose_total_mg.text() == "36.3"  # 72.5 kg x 0.5, worked out
    assert "36.3 mg (0.5 mg/kg at 72.5 kg)" in window.form.details.dose_text.text()
    sign_by_keyboard(qtbot, window)

    stored = session_view(database, prescriber, window.view.id)
    assert stored.signed and stored.signed_by == prescriber.display_name
    details = stored.content.details
    assert isinstance(details, KetamineDetails)
    assert (details.weight_kg, details.dose_mg_per_kg, details.dose_total_mg) == (
        Decimal("72.5"),
        Decimal("0.5"),
        Decimal("36.3"),
    )
    assert details.dose_basis is DoseBasis.MG_PER_KG and details.route is Route.IV
    assert (details.infusion_start, details.infusion_end) == (time(9, 5), time(9, 45))
    assert details.duration_minutes == 40 and details.escort_present is True
    assert [a.text for a in details.adjuncts] == ["Ondansetron 4 mg IV at 09:00"]
    common = stored.content.common
    assert common.vitals_before == VitalSigns(128, 82, 74, 98, 14, time(9, 0))
    assert common.vitals_during == VitalSigns(138, 88, 80, 97, None, time(9, 25))
    assert common.vitals_after.blood_pressure_text == "124/80"
    nausea = common.side_effects.answer(SideEffect.NAUSEA_VOMITING)
    assert nausea is not None and nausea.severity is Severity.MILD
    assert nausea.note == "Settled with ondansetron"
    assert len(common.side_effects.answers) == len(effects_for(Modality.IV_KETAMINE))
    assert common.substance_screen is SubstanceScreen.NEGATIVE
    assert common.response.response is Response.BETTER
    assert (common.response.days_of_benefit, common.response.peak_score) == (12, Decimal(9))
    assert common.note == "Tolerated well"
    assert stored.overrides == {}


def test_a_dose_typed_in_total_mg_works_out_the_dose_per_kilogram(
    qtbot, database: Database, prescriber, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.IM_KETAMINE)
    window = open_for(qtbot, opener, appointment_id)
    details = window.form.details
    qtbot.keyClicks(details.weight_kg, "80")
    qtbot.keyClicks(details.dose_total_mg, "40")
    assert details.dose_mg_per_kg.text() == "0.50"
    qtbot.keyClick(details.weight_kg, Qt.Key.Key_Backspace)
    qtbot.keyClicks(details.weight_kg, "5")  # 85 kg: the typed total stays, mg/kg follows
    assert (details.dose_total_mg.text(), details.dose_mg_per_kg.text()) == ("40", "0.47")
    qtbot.waitUntil(lambda: window.view.content.details.dose_total_mg == Decimal(40))
    saved = window.view.content.details
    assert isinstance(saved, KetamineDetails)
    assert saved.dose_basis is DoseBasis.TOTAL_MG and saved.dose_mg_per_kg == Decimal("0.47")


def test_an_esketamine_session_typed_and_signed_by_keyboard(
    qtbot, database: Database, prescriber, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.ESKETAMINE)
    window = open_for(qtbot, opener, appointment_id)
    type_along(
        qtbot,
        [
            *vitals_entries("before", "0850", "128", "82", "74", "98"),
            *vitals_entries("during", "0940", "138", "88", "80", "97"),
            *vitals_entries("after", "1100", "124", "80", "72", "98"),
            ("dose_mg", "5"),
            ("lot_number", "LOT-24A17"),
            ("administered_at", "0900"),
            ("sedation", "N"),
            ("dissociation", "Y"),
            ("respiratory_depression", "N"),
            ("lowest_spo2", "96"),
            ("monitoring_minutes", "125"),
            ("ready_to_leave_at", "1100"),
            ("vitals_acceptable_before", "Y"),
            ("vitals_acceptable_at_end", "Y"),
            ("concomitant.benzodiazepine", TOGGLE),
            ("concomitant.non_benzodiazepine_hypnotic", ""),
            ("concomitant.psychostimulant", ""),
            ("concomitant.maoi", ""),
            ("concomitant.opioid", ""),
            ("prescriber_on_site", ""),  # carried from the course: Maya Okafor, MD
            ("monitored_by", "Sam Rivera, RN"),
            ("substance_screen", "Ne"),
            ("substance_note", ""),
            ("response.response", "S"),
            ("response.days_of_benefit", "7"),
            ("response.peak_score", "14"),
            ("response.functional_note", ""),
            ("recordSessionScale", ""),
            *side_effects_entries(
                Modality.ESKETAMINE,
                {SideEffect.DISSOCIATION: ("Mo", "Resolved by 60 minutes")},
            ),
        ],
    )
    assert window.form.details.devices.text() == "2 devices of 28 mg"
    sign_by_keyboard(qtbot, window)

    stored = session_view(database, prescriber, window.view.id)
    details = stored.content.details
    assert isinstance(details, EsketamineDetails)
    assert (details.dose_mg, details.devices, details.lot_number) == (56, 2, "LOT-24A17")
    assert (details.administered_at, details.ready_to_leave_at) == (time(9, 0), time(11, 0))
    assert (details.sedation, details.dissociation, details.respiratory_depression) == (
        False,
        True,
        False,
    )
    assert (details.lowest_spo2, details.monitoring_minutes) == (96, 125)
    assert details.minutes_until_ready == 120
    assert details.concomitant_medications == {ConcomitantMedication.BENZODIAZEPINE}
    assert details.prescriber_on_site == "Maya Okafor, MD"
    assert details.monitored_by == "Sam Rivera, RN"
    common = stored.content.common
    assert [common.vitals(p).blood_pressure_text for p in VitalsPoint] == [
        "128/82",
        "138/88",
        "124/80",
    ]
    dissociation = common.side_effects.answer(SideEffect.DISSOCIATION)
    assert dissociation is not None and dissociation.severity is Severity.MODERATE
    assert common.response.response is Response.SAME


def test_a_tms_session_typed_and_signed_by_keyboard(
    qtbot, database: Database, prescriber, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.TMS)
    window = open_for(qtbot, opener, appointment_id)
    assert window.form.details.session_number.text() == "1"  # the course's first
    type_along(
        qtbot,
        [
            *vitals_entries("before", "1400", "122", "78", "70"),
            *vitals_entries("during", ""),
            *vitals_entries("after", "1445", "120", "76", "68"),
            ("session_number", ""),
            ("coil", "Figure-8"),
            ("target", "Left DLPFC"),
            ("motor_threshold_pct", "55"),
            ("intensity_pct_mt", "120"),
            ("frequency_hz", "10"),
            ("pulses", "3000"),
            ("duration_minutes", "37"),
            ("treater", ""),  # the person documenting, filled in
            ("substance_screen", "Not"),
            ("substance_note", "Declined today"),
            ("response.response", "B"),
            ("response.days_of_benefit", ""),
            ("response.peak_score", ""),
            ("response.functional_note", ""),
            ("recordSessionScale", ""),
            *side_effects_entries(
                Modality.TMS,
                {
                    SideEffect.HEADACHE: ("Mi", "Paracetamol after"),
                    SideEffect.SCALP_PAIN: ("Mi", ""),
                },
            ),
        ],
    )
    sign_by_keyboard(qtbot, window)

    stored = session_view(database, prescriber, window.view.id)
    details = stored.content.details
    assert details == TmsDetails(
        session_number=1,
        coil="Figure-8",
        target="Left DLPFC",
        motor_threshold_pct=Decimal(55),
        intensity_pct_mt=Decimal(120),
        frequency_hz=Decimal(10),
        pulses=3000,
        duration_minutes=37,
        treater=prescriber.display_name,
    )
    common = stored.content.common
    assert common.vitals_during.is_empty
    assert common.substance_screen is SubstanceScreen.NOT_DONE
    scalp = common.side_effects.answer(SideEffect.SCALP_PAIN)
    seizure = common.side_effects.answer(SideEffect.SEIZURE)
    assert scalp is not None and scalp.severity is Severity.MILD
    assert seizure is not None and seizure.severity is Severity.NONE
