"""The session window's rules as a clinician meets them: pre-dose warnings that ask for a
reason, the dose ceiling, pre-fill from the last session with the must-change fields empty
and marked, signing that freezes the record, addenda, autosave and stale edits, a nurse's
vital signs, and a urinary side effect making urinalysis due on the chart."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from clinical.modality import Modality
from clinical.monitoring import ItemState
from clinical.sessions import (
    EMPTY_VITALS,
    EsketamineDetails,
    KetamineDetails,
    OverrideKey,
    SessionContent,
    Severity,
    SideEffect,
    VitalsPoint,
)
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.database import Database
from db.monitoring.workflows import patient_checklist, record_completion
from db.sessions import workflows as sessions
from db.sessions.ui_queries import scales_at_session
from db.sessions.views import SessionView
from tests.clinical.sessions.samples import complete, with_effect
from tests.ui.test_session_builders import DAY, booked, focused
from ui.patients.chart_page import ChartPage
from ui.scales.record_scale_dialog import RecordScaleDialog
from ui.sessions.addendum_dialog import AddendumDialog
from ui.sessions.look import MARK_PROPERTY
from ui.sessions.opener import SessionOpener
from ui.sessions.session_window import SessionWindow
from ui.workspace import Workspace

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def opener(qtbot, workspace: Workspace) -> SessionOpener:
    host = QWidget()
    qtbot.addWidget(host)
    return SessionOpener(workspace, host, today=lambda: DAY)


def draft(
    database: Database, actor: Actor, appointment_id: int, content: SessionContent | None = None
) -> SessionView:
    """The appointment's draft, with `content` saved into it (as typed earlier)."""
    view = sessions.start_session(database, actor, appointment_id, today=DAY)
    if content is None:
        return view
    return sessions.save_draft(database, actor, view.id, view.version, content)


def show(qtbot, opener: SessionOpener, appointment_id: int) -> SessionWindow:
    window = opener.document_appointment(appointment_id)
    assert window is not None
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)  # its shortcuts (Ctrl+Enter signs) work
    return window


def replace_text(qtbot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it, as a person does."""
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(widget, text)


def sign(qtbot, window: SessionWindow) -> None:
    qtbot.keyClick(window.sign_button, Qt.Key.Key_Return, CTRL)


def without_vitals_before(modality: Modality) -> SessionContent:
    content = complete(modality)
    return replace(content, common=replace(content.common, vitals_before=EMPTY_VITALS))


# Warnings that ask for a reason ----------------------------------------------------------


def test_a_pre_dose_blood_pressure_past_the_limit_warns_and_its_reason_is_recorded(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.IV_KETAMINE)
    draft(database, prescriber, appointment_id, without_vitals_before(Modality.IV_KETAMINE))
    window = show(qtbot, opener, appointment_id)
    panel = window.form.vitals_overrides
    assert not panel.isVisible()
    row = window.form.vitals.rows[VitalsPoint.BEFORE]
    for field, text in (("taken_at", "0855"), ("heart_rate", "76"), ("spo2", "98")):
        qtbot.keyClicks(row.taken_at if field == "taken_at" else row.readings[field], text)
    qtbot.keyClicks(row.readings["systolic"], "172")
    qtbot.keyClicks(row.readings["diastolic"], "104")

    assert panel.isVisible()
    assert window.form.warnings == [
        "⚠ Blood pressure 172/104 is above the clinic's pre-dose limit of 160/100. "
        "Consider delaying the dose."
    ]
    sign(qtbot, window)
    assert not window.view.signed
    reason = panel.warnings[OverrideKey.BLOOD_PRESSURE].reason
    assert "Give the reason for going ahead" in window.problem_label.text()
    assert focused() is reason  # the first field at fault

    qtbot.keyClicks(reason, "Rechecked after 10 minutes: 150/95; prescriber agrees")
    sign(qtbot, window)
    qtbot.waitUntil(lambda: window.view.signed)
    stored = sessions.session_view(database, prescriber, window.view.id)
    assert stored.overrides == {
        OverrideKey.BLOOD_PRESSURE: "Rechecked after 10 minutes: 150/95; prescriber agrees"
    }
    assert stored.content.common.vitals_before.blood_pressure_text == "172/104"


def test_a_reading_at_the_limit_does_not_warn(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.ESKETAMINE)
    draft(database, prescriber, appointment_id, without_vitals_before(Modality.ESKETAMINE))
    window = show(qtbot, opener, appointment_id)
    row = window.form.vitals.rows[VitalsPoint.BEFORE]
    qtbot.keyClicks(row.readings["systolic"], "140")
    qtbot.keyClicks(row.readings["diastolic"], "90")
    assert window.form.warnings == []  # esketamine: warn above 140/90, not at it
    qtbot.keyClicks(row.readings["diastolic"], "1")  # 140/901 is refused as typed
    replace_text(qtbot, row.readings["diastolic"], "91")
    assert window.form.warnings == [
        "⚠ Blood pressure 140/91 is above the clinic's pre-dose limit of 140/90. "
        "Consider delaying the dose."
    ]


def test_a_dose_above_the_ceiling_asks_for_a_reason(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.IV_KETAMINE)
    draft(database, prescriber, appointment_id, complete(Modality.IV_KETAMINE))
    window = show(qtbot, opener, appointment_id)
    details = window.form.details
    assert window.form.warnings == []
    replace_text(qtbot, details.dose_mg_per_kg, "0.51")
    assert details.dose_total_mg.text() == "35.7"
    assert window.form.warnings == [
        "⚠ A dose of 0.51 mg/kg is above the clinic's ceiling of 0.5 mg/kg. "
        "Go ahead only when clearly indicated."
    ]
    sign(qtbot, window)
    reason = window.form.details.overrides.warnings[OverrideKey.DOSE_CEILING].reason
    assert focused() is reason and not window.view.signed
    qtbot.keyClicks(reason, "Partial response at 0.5 mg/kg over 6 sessions")
    sign(qtbot, window)
    qtbot.waitUntil(lambda: window.view.signed)
    stored = sessions.session_view(database, prescriber, window.view.id)
    details_stored = stored.content.details
    assert isinstance(details_stored, KetamineDetails)
    assert (details_stored.dose_mg_per_kg, details_stored.dose_total_mg) == (
        Decimal("0.51"),
        Decimal("35.7"),
    )
    assert stored.overrides == {
        OverrideKey.DOSE_CEILING: "Partial response at 0.5 mg/kg over 6 sessions"
    }


def test_signing_an_empty_form_lists_the_problems_and_focuses_the_first(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.TMS)
    window = show(qtbot, opener, appointment_id)
    sign(qtbot, window)
    assert not window.view.signed
    text = window.problem_label.text()
    assert text.startswith("Enter the blood pressure before dosing.")
    assert "more, outlined in red above" in text
    systolic = window.form.vitals.rows[VitalsPoint.BEFORE].readings["systolic"]
    assert focused() is systolic
    assert "border: 2px solid" in systolic.styleSheet()


# Pre-fill -------------------------------------------------------------------------------


def signed_session(database: Database, actor: Actor, appointment_id: int, day: date) -> None:
    view = sessions.start_session(database, actor, appointment_id, today=day)
    modality = view.modality
    saved = sessions.save_draft(database, actor, view.id, view.version, complete(modality))
    sessions.sign_session(database, actor, saved.id, saved.version, {}, today=day)


def test_a_new_session_is_prefilled_from_the_last_with_what_must_change_empty_and_marked(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    from tests.db.monitoring_builders import book

    last_week = DAY - timedelta(days=7)
    patient_id, course_id, first = booked(database, prescriber, Modality.ESKETAMINE, day=last_week)
    signed_session(database, prescriber, first, last_week)
    appointment_id = book(
        database, prescriber, patient_id, DAY, course_id=course_id, modality=Modality.ESKETAMINE
    )
    window = show(qtbot, opener, appointment_id)
    details = window.form.details
    # Carried: the dose and its devices, the concomitant medications, who was there.
    assert details.dose_mg.currentText() == "56 mg"
    assert details.devices.text() == "2 devices of 28 mg"
    assert details.medications[next(iter(details.medications))].isChecked()
    assert details.prescriber_on_site.text() == "Maya Okafor, MD"
    assert details.dose_mg.property(MARK_PROPERTY) == ""
    # New each session: empty, tinted, with the reason in the tooltip.
    before = window.form.vitals.rows[VitalsPoint.BEFORE]
    for widget in (
        details.lot_number,
        details.administered_at,
        details.monitoring_minutes,
        before.readings["systolic"],
        before.taken_at,
    ):
        assert widget.text() == ""
        assert widget.property(MARK_PROPERTY) == "new"
        assert "New each session" in widget.toolTip()
        assert "background: #fff4d6" in widget.styleSheet()
    for combo in (details.sedation, window.form.substance.screen):
        assert isinstance(combo, QComboBox) and combo.currentIndex() == 0
        assert combo.property(MARK_PROPERTY) == "new"
    severity = window.form.side_effects.rows[SideEffect.DISSOCIATION].severity
    assert severity.currentIndex() == 0 and severity.property(MARK_PROPERTY) == "new"


def test_a_carried_weight_is_marked_to_confirm(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    from tests.db.monitoring_builders import book

    last_week = DAY - timedelta(days=7)
    patient_id, course_id, first = booked(database, prescriber, day=last_week)
    signed_session(database, prescriber, first, last_week)
    appointment_id = book(database, prescriber, patient_id, DAY, course_id=course_id)
    window = show(qtbot, opener, appointment_id)
    details = window.form.details
    assert (details.weight_kg.text(), details.dose_mg_per_kg.text()) == ("70", "0.5")
    assert details.weight_kg.property(MARK_PROPERTY) == "confirm"
    assert "Carried from the last session" in details.weight_kg.toolTip()
    assert (
        details.infusion_start.text() == ""
        and details.infusion_start.property(MARK_PROPERTY) == "new"
    )


# Signing and addenda --------------------------------------------------------------------


def test_signing_makes_the_form_read_only_and_an_addendum_keeps_the_original(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.IV_KETAMINE)
    draft(database, prescriber, appointment_id, complete(Modality.IV_KETAMINE))
    window = show(qtbot, opener, appointment_id)
    sign(qtbot, window)
    qtbot.waitUntil(lambda: window.view.signed)
    signed = window.view

    assert window.signed_banner.isVisible()
    assert window.signed_label.text().startswith(f"Signed by {prescriber.display_name} on ")
    assert not window.sign_button.isVisible() and window.addendum_button.isVisible()
    editable = [
        w
        for w in window.form.fields().values()
        if (isinstance(w, QLineEdit) and not w.isReadOnly())
        or (isinstance(w, QComboBox) and w.isEnabled())
    ]
    assert editable == []
    weight = window.form.details.weight_kg
    qtbot.keyClicks(weight, "9")
    assert weight.text() == "70"

    qtbot.mouseClick(window.addendum_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, AddendumDialog)
    qtbot.waitUntil(lambda: focused() is dialog.text)
    qtbot.keyClicks(dialog.text, "Patient phoned next day: mild headache, resolved.")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Late entry")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(window.view.addenda) == 1)

    assert window.addenda.isVisible()
    (entry,) = window.addenda.entries
    assert f"· {prescriber.display_name} · why: Late entry" in entry.text()
    assert entry.text().endswith("Patient phoned next day: mild headache, resolved.")
    stored = sessions.session_view(database, prescriber, signed.id)
    assert stored.content == signed.content  # the signed record is as it was
    assert stored.content_sha256 == signed.content_sha256
    assert [(a.author, a.reason) for a in stored.addenda] == [
        (prescriber.display_name, "Late entry")
    ]


def test_an_addendum_needs_a_reason(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.TMS)
    draft(database, prescriber, appointment_id, complete(Modality.TMS))
    window = show(qtbot, opener, appointment_id)
    sign(qtbot, window)
    qtbot.waitUntil(lambda: window.view.signed)
    window.addendum_button.click()
    dialog = window.dialog
    assert isinstance(dialog, AddendumDialog)
    qtbot.keyClicks(dialog.text, "Coil position noted as 5.5 cm anterior.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Say why it is added" in dialog.problem_label.text()
    assert window.view.addenda == ()


# Autosave, stale edits, the nurse ---------------------------------------------------------


def test_typing_saves_the_draft_and_says_when(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.ESKETAMINE)
    window = show(qtbot, opener, appointment_id)
    version = window.view.version
    qtbot.keyClicks(window.form.details.lot_number, "LOT-77Q")
    qtbot.waitUntil(lambda: window.view.version > version, timeout=3000)
    assert window.save_status.text().startswith("Draft saved ")
    stored = sessions.session_view(database, prescriber, window.view.id).content.details
    assert isinstance(stored, EsketamineDetails) and stored.lot_number == "LOT-77Q"
    # Leaving a field saves at once, without waiting for the pause.
    before = window.view.version
    lowest = window.form.details.lowest_spo2
    lowest.setFocus()
    qtbot.keyClicks(lowest, "95")
    qtbot.keyClick(lowest, Qt.Key.Key_Tab)
    assert window.view.version == before + 1
    assert window.view.content.details.lowest_spo2 == 95  # type: ignore[union-attr]


def test_a_draft_saved_elsewhere_meanwhile_is_not_overwritten(
    qtbot, database: Database, prescriber: Actor, staff: dict[Role, Actor], opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.TMS)
    window = show(qtbot, opener, appointment_id)
    other = staff[Role.CLINICIAN]
    elsewhere = sessions.session_view(database, other, window.view.id)
    sessions.save_draft(database, other, elsewhere.id, elsewhere.version, complete(Modality.TMS))

    qtbot.keyClicks(window.form.details.coil, "H1")
    qtbot.waitUntil(window.stale_banner.isVisible, timeout=3000)
    assert "saved by someone else after you opened it" in window.stale_label.text()
    stored = sessions.session_view(database, prescriber, window.view.id).content
    assert stored == complete(Modality.TMS)  # the other workstation's save stands

    qtbot.mouseClick(window.reload_button, Qt.MouseButton.LeftButton)
    assert not window.stale_banner.isVisible()
    assert window.form.details.coil.text() == "Figure-8"


def test_a_nurse_types_the_vital_signs_and_nothing_else(
    qtbot, database: Database, prescriber: Actor, staff: dict[Role, Actor], workspace: Workspace
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.ESKETAMINE)
    workspace.signed_in = staff[Role.NURSE]
    host = QWidget()
    qtbot.addWidget(host)
    window = show(qtbot, SessionOpener(workspace, host, today=lambda: DAY), appointment_id)
    assert not window.sign_button.isVisible()
    assert window.form.details.lot_number.isReadOnly()
    before = window.form.vitals.rows[VitalsPoint.BEFORE]
    qtbot.keyClicks(before.readings["systolic"], "132")
    qtbot.keyClicks(before.readings["diastolic"], "84")
    qtbot.waitUntil(lambda: window.view.content.common.vitals_before.diastolic == 84)
    stored = sessions.session_view(database, prescriber, window.view.id)
    assert stored.content.common.vitals_before.blood_pressure_text == "132/84"


# The monitoring checklist ---------------------------------------------------------------


def test_a_urinary_side_effect_makes_urinalysis_due_on_the_chart_checklist(
    qtbot, database: Database, prescriber: Actor, workspace: Workspace, opener: SessionOpener
) -> None:
    patient_id, _, appointment_id = booked(database, prescriber, Modality.IV_KETAMINE)
    record_completion(
        database, prescriber, patient_id, "urinalysis", DAY - timedelta(days=20), today=DAY
    )
    urinalysis = patient_checklist(database, prescriber, patient_id).item("urinalysis")
    assert urinalysis.state is ItemState.DONE
    content = with_effect(
        complete(Modality.IV_KETAMINE), SideEffect.URINARY_FREQUENCY, Severity.MILD, "Since May"
    )
    draft(database, prescriber, appointment_id, content)
    window = show(qtbot, opener, appointment_id)
    row = window.form.side_effects.rows[SideEffect.URINARY_FREQUENCY]
    assert row.severity.currentText() == "Mild"
    sign(qtbot, window)
    qtbot.waitUntil(lambda: window.view.signed)

    chart = ChartPage(workspace)
    qtbot.addWidget(chart)
    chart.open_patient(patient_id)
    chart.show()
    chart.tabs.setCurrentWidget(chart.checklist)
    qtbot.waitUntil(lambda: chart.checklist.checklist is not None)
    checklist = chart.checklist.checklist
    assert checklist.item("urinalysis").state in (ItemState.DUE, ItemState.OVERDUE)
    assert "urinary symptoms" in checklist.item("urinalysis").reason
    assert checklist.item("urology_referral").state in (ItemState.DUE, ItemState.OVERDUE)


# The scale due at the visit ---------------------------------------------------------------


def test_record_scale_from_the_session_links_the_result_to_it(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.IV_KETAMINE)
    window = show(qtbot, opener, appointment_id)
    assert window.form.scale.due.text() == "MADRS is due at this visit."
    assert window.form.scale.recorded.text() == "None recorded yet."
    qtbot.mouseClick(window.form.scale.record_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, RecordScaleDialog)
    assert dialog.current_instrument.code == "MADRS"  # the course's scale
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.instrument)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    for digit in "2221111000":
        qtbot.keyClicks(focused(), digit)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert window.form.scale.recorded.text().startswith("Recorded at this session: MADRS 10 (mild)")
    [given] = scales_at_session(database, prescriber, window.view.id)
    assert (given.short_name, given.total) == ("MADRS", 10)


def test_escape_closes_the_window_and_keeps_what_was_just_typed(
    qtbot, database: Database, prescriber: Actor, opener: SessionOpener
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.ESKETAMINE)
    window = show(qtbot, opener, appointment_id)
    session_id = window.view.id
    lot = window.form.details.lot_number
    lot.setFocus()
    qtbot.keyClicks(lot, "LOT-9Z")
    with qtbot.waitSignal(window.closed):
        qtbot.keyClick(lot, Qt.Key.Key_Escape)  # before the autosave's pause is over
    stored = sessions.session_view(database, prescriber, session_id).content.details
    assert isinstance(stored, EsketamineDetails) and stored.lot_number == "LOT-9Z"
    assert opener.window is None
    again = opener.open_session(session_id)
    assert again is not None and again is not window
    assert again.form.details.lot_number.text() == "LOT-9Z"
