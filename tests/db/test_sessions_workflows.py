"""Treatment sessions in the database: drafts, pre-fill, signing with its warnings and
overrides, addenda, monitoring events, the REMS worklist. On SQLite and PostgreSQL."""

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.sessions import (
    EsketamineDetails,
    KetamineDetails,
    OverrideKey,
    SessionState,
    Severity,
    SideEffect,
    SubstanceScreen,
    VitalSigns,
    VitalsPoint,
    empty_content,
)
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.calendar import workflows as calendar
from db.courses.repository import treatments
from db.database import Database
from db.errors import InvalidEntryError, RecordNotFoundError, StaleEditError
from db.models import AppointmentChange, AuditEvent, MonitoringEventRecord, TreatmentSession
from db.monitoring.workflows import patient_checklist, record_completion
from db.scales import workflows as scales
from db.scales.views import ScaleEntry
from db.sessions import workflows as sessions
from db.sessions.views import SessionView
from tests.clinical.sessions.samples import complete, ketamine_details, with_effect
from tests.db.monitoring_builders import book, give, patient_on_course

DAY = date(2026, 1, 5)  # a Monday
NEXT = date(2026, 1, 12)


def _appointment(
    database: Database,
    actor: Actor,
    modality: Modality = Modality.IV_KETAMINE,
    day: date = DAY,
    mrn: str = "BD-0001",
) -> tuple[int, int, int]:
    """(patient id, course id, appointment id) of a booked session on `day`."""
    patient_id, course_id = patient_on_course(
        database, actor, mrn=mrn, modality=modality, first_treatment=None
    )
    appointment_id = book(database, actor, patient_id, day, course_id=course_id, modality=modality)
    return patient_id, course_id, appointment_id


def _enrol(database: Database, actor: Actor, patient_id: int, day: date = DAY) -> None:
    record_completion(database, actor, patient_id, "rems_enrollment", day, today=day)


def _signed(
    database: Database, actor: Actor, view: SessionView, content=None, overrides=None, day=DAY
) -> SessionView:
    saved = sessions.save_draft(
        database, actor, view.id, view.version, content or complete(view.modality)
    )
    return sessions.sign_session(
        database, actor, saved.id, saved.version, overrides or {}, today=day
    )


# Drafts ----------------------------------------------------------------------------------


def test_a_draft_is_started_once_per_appointment_and_prefilled_with_the_course_scale(
    database: Database, prescriber: Actor
) -> None:
    patient_id, course_id, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    assert (view.patient_id, view.course_id, view.appointment_id) == (
        patient_id,
        course_id,
        appointment_id,
    )
    assert view.state is SessionState.DRAFT and view.session_on == DAY
    assert view.content.common.scale_due == "MADRS" and view.scale_name == "MADRS"
    assert isinstance(view.content.details, KetamineDetails)
    assert "vitals_before" in view.must_change
    again = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    assert again.id == view.id
    with database.reading() as session:
        assert session.scalar(select(TreatmentSession.id).where(TreatmentSession.id > 0)) == view.id
        assert len(session.scalars(select(TreatmentSession)).all()) == 1


def test_a_session_is_not_started_before_its_day_nor_for_a_cancelled_appointment(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    with pytest.raises(InvalidEntryError, match="document it on the day"):
        sessions.start_session(database, prescriber, appointment_id, today=DAY - timedelta(days=1))
    view = calendar.appointment(database, prescriber, appointment_id)
    calendar.set_status(
        database, prescriber, appointment_id, view.version, AppointmentStatus.CANCELLED, "ill"
    )
    with pytest.raises(InvalidEntryError, match="only a booked or arrived"):
        sessions.start_session(database, prescriber, appointment_id, today=DAY)


def test_the_draft_is_saved_whole_and_a_stale_save_is_refused(
    database: Database, prescriber: Actor, staff: dict[Role, Actor]
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    content = complete(Modality.IV_KETAMINE)
    saved = sessions.save_draft(
        database, prescriber, view.id, view.version, content, {OverrideKey.DOSE_CEILING: " x "}
    )
    assert saved.version == view.version + 1
    assert saved.content == content
    assert saved.overrides == {OverrideKey.DOSE_CEILING: "x"}
    assert sessions.session_view(database, prescriber, view.id).content == content
    with pytest.raises(StaleEditError, match="saved by someone else"):
        sessions.save_draft(database, staff[Role.CLINICIAN], view.id, view.version, content)


def test_a_draft_of_another_modality_is_refused(database: Database, prescriber: Actor) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    with pytest.raises(InvalidEntryError, match="another kind"):
        sessions.save_draft(
            database, prescriber, view.id, view.version, empty_content(Modality.TMS)
        )


def test_a_nurse_saves_vital_signs_into_the_draft_but_not_the_rest(
    database: Database, staff: dict[Role, Actor]
) -> None:
    nurse, prescriber = staff[Role.NURSE], staff[Role.PRESCRIBER]
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, nurse, appointment_id, today=DAY)
    vitals = VitalSigns(150, 95, 88, 97, taken_at=time(8, 55))
    saved = sessions.save_vitals(database, nurse, view.id, view.version, VitalsPoint.BEFORE, vitals)
    assert saved.content.common.vitals_before == vitals
    assert [b.kind.value for b in saved.breaches] == []  # 150/95 is within 160/100
    with pytest.raises(PermissionDeniedError):
        sessions.save_draft(database, nurse, view.id, saved.version, complete(view.modality))
    with pytest.raises(PermissionDeniedError):
        sessions.sign_session(database, nurse, view.id, saved.version, {}, today=DAY)


def test_a_draft_can_be_discarded_but_not_once_a_scale_was_given_at_it(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    sessions.discard_draft(database, prescriber, view.id, view.version)
    with pytest.raises(RecordNotFoundError):
        sessions.session_view(database, prescriber, view.id)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    given = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    scales.record_scale(
        database,
        prescriber,
        patient_id,
        ScaleEntry("PHQ2", given, {"1": 1, "2": 0}),
        now=given,
        session_id=view.id,
    )
    with pytest.raises(InvalidEntryError, match="rating scale was recorded"):
        sessions.discard_draft(database, prescriber, view.id, view.version)


def test_a_scale_cannot_be_linked_to_another_patients_session(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    other, _ = patient_on_course(database, prescriber, mrn="BD-0002", first_treatment=None)
    given = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with pytest.raises(InvalidEntryError, match="not in this patient's chart"):
        scales.record_scale(
            database,
            prescriber,
            other,
            ScaleEntry("PHQ2", given, {"1": 1, "2": 0}),
            now=given,
            session_id=view.id,
        )


# Pre-fill --------------------------------------------------------------------------------


def test_the_next_session_is_prefilled_from_the_last_signed_one(
    database: Database, prescriber: Actor
) -> None:
    patient_id, course_id, first = _appointment(database, prescriber)
    _signed(database, prescriber, sessions.start_session(database, prescriber, first, today=DAY))
    second = book(database, prescriber, patient_id, NEXT, course_id=course_id)
    view = sessions.start_session(database, prescriber, second, today=NEXT)
    details = view.content.details
    assert isinstance(details, KetamineDetails)
    assert (details.weight_kg, details.dose_mg_per_kg, details.dose_total_mg) == (
        Decimal("70"),
        Decimal("0.5"),
        Decimal("35.0"),
    )
    assert [a.name for a in details.adjuncts] == ["Ondansetron"]
    assert details.adjuncts[0].given_at is None
    assert details.infusion_start is None and details.discharged_at is None
    assert view.content.common.vitals_before == VitalSigns()
    assert view.content.common.side_effects.answers == ()
    assert view.content.common.response.response is None
    assert view.to_confirm == frozenset({"weight_kg"})
    changed = replace(details, weight_kg=Decimal("72"), dose_total_mg=Decimal("36.0"))
    saved = sessions.save_draft(
        database, prescriber, view.id, view.version, replace(view.content, details=changed)
    )
    assert saved.to_confirm == frozenset()


def test_the_tms_session_number_counts_the_treatments_given(
    database: Database, prescriber: Actor
) -> None:
    patient_id, course_id, first = _appointment(database, prescriber, Modality.TMS)
    give(database, prescriber, first, DAY)
    second = book(
        database,
        prescriber,
        patient_id,
        DAY + timedelta(days=1),
        course_id=course_id,
        modality=Modality.TMS,
    )
    view = sessions.start_session(database, prescriber, second, today=DAY + timedelta(days=1))
    assert view.content.details.session_number == 2  # type: ignore[union-attr]
    assert view.content.details.treater == prescriber.display_name  # type: ignore[union-attr]


# Signing ---------------------------------------------------------------------------------


def test_signing_refuses_an_incomplete_session_naming_each_field(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    with pytest.raises(InvalidEntryError) as refused:
        sessions.sign_session(database, prescriber, view.id, view.version, {}, today=DAY)
    fields = {problem.field for problem in refused.value.problems}
    assert {"vitals_before.systolic", "weight_kg", "substance_screen", "escort_present"} <= fields
    still = sessions.session_view(database, prescriber, view.id)
    assert still.state is SessionState.DRAFT and still.version == view.version


def test_signing_seals_the_session_marks_the_appointment_done_and_keeps_it_read_only(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    signed = _signed(database, prescriber, view)
    assert signed.state is SessionState.SIGNED
    assert signed.signed_by == prescriber.display_name and signed.signed_at is not None
    with database.reading() as session:
        row = session.get(TreatmentSession, view.id)
        assert row is not None
        expected = hashlib.sha256(f"{row.content_json}\n{row.overrides_json}".encode()).hexdigest()
        assert signed.content_sha256 == expected
        assert row.dose_mg == Decimal("35.0")
        changes = session.scalars(
            select(AppointmentChange).where(AppointmentChange.appointment_id == appointment_id)
        ).all()
        last = changes[-1]
        assert (last.kind.value, last.from_status, last.to_status, last.reason) == (
            "status",
            "booked",
            "done",
            "session signed",
        )
    appointment = calendar.appointment(database, prescriber, appointment_id)
    assert appointment.status is AppointmentStatus.DONE
    with pytest.raises(InvalidEntryError, match="This session is signed; add an addendum"):
        sessions.save_draft(database, prescriber, view.id, signed.version, complete(view.modality))
    with pytest.raises(InvalidEntryError, match="signed; add an addendum"):
        sessions.sign_session(database, prescriber, view.id, signed.version, {}, today=DAY)


def test_a_reading_past_the_limit_needs_a_reason_which_is_kept(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    high = complete(Modality.IV_KETAMINE, vitals_before=VitalSigns(165, 96, 80, 97))
    saved = sessions.save_draft(database, prescriber, view.id, view.version, high)
    assert [b.message for b in saved.breaches] == [
        "Blood pressure 165/96 is above the clinic's pre-dose limit of 160/100."
    ]
    with pytest.raises(InvalidEntryError) as refused:
        sessions.sign_session(database, prescriber, view.id, saved.version, {}, today=DAY)
    assert [p.field for p in refused.value.problems] == ["override.blood_pressure"]
    reason = "Repeated after 10 minutes rest: 150/92; prescriber agreed to proceed."
    signed = sessions.sign_session(
        database,
        prescriber,
        view.id,
        saved.version,
        {OverrideKey.BLOOD_PRESSURE: reason},
        today=DAY,
    )
    assert signed.overrides == {OverrideKey.BLOOD_PRESSURE: reason}


def test_a_dose_above_the_ceiling_needs_a_reason(database: Database, prescriber: Actor) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    above = replace(
        complete(Modality.IV_KETAMINE),
        details=ketamine_details(dose_mg_per_kg=Decimal("0.75"), dose_total_mg=Decimal("52.5")),
    )
    saved = sessions.save_draft(database, prescriber, view.id, view.version, above)
    with pytest.raises(InvalidEntryError, match=r"above the clinic's ceiling of 0\.5 mg/kg"):
        sessions.sign_session(database, prescriber, view.id, saved.version, {}, today=DAY)
    signed = sessions.sign_session(
        database,
        prescriber,
        view.id,
        saved.version,
        {OverrideKey.DOSE_CEILING: "Partial response at 0.5 mg/kg for 3 sessions."},
        today=DAY,
    )
    assert signed.state is SessionState.SIGNED


def test_side_effects_and_a_positive_screen_raise_monitoring_events_on_signing(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    content = with_effect(
        complete(Modality.IV_KETAMINE, substance_screen=SubstanceScreen.POSITIVE),
        SideEffect.URINARY_URGENCY,
        Severity.MILD,
    )
    _signed(database, prescriber, view, content)
    with database.reading() as session:
        events = session.execute(
            select(
                MonitoringEventRecord.kind,
                MonitoringEventRecord.occurred_on,
                MonitoringEventRecord.source,
            ).where(MonitoringEventRecord.patient_id == patient_id)
        ).all()
    assert sorted((k.value, on, s) for k, on, s in events) == [
        ("positive_substance_screen", DAY, "treatment session"),
        ("urinary_symptoms", DAY, "treatment session"),
    ]
    checklist = patient_checklist(database, prescriber, patient_id, as_of=DAY)
    raised = {item.item_code: item.state.value for item in checklist.items}
    assert raised["urology_referral"] in ("due", "overdue")


def test_a_failed_signing_leaves_nothing_behind(database: Database, prescriber: Actor) -> None:
    """A serious answer without its note refuses the whole signing: no events are kept
    (not even the positive screen's), the appointment is still booked."""
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    content = complete(Modality.IV_KETAMINE, substance_screen=SubstanceScreen.POSITIVE)
    content = with_effect(content, SideEffect.PSYCHOTIC_SYMPTOMS, Severity.MILD)  # no note
    saved = sessions.save_draft(database, prescriber, view.id, view.version, content)
    with pytest.raises(InvalidEntryError, match="serious event"):
        sessions.sign_session(database, prescriber, view.id, saved.version, {}, today=DAY)
    with database.reading() as session:
        assert session.scalars(select(MonitoringEventRecord)).all() == []
    assert calendar.appointment(database, prescriber, appointment_id).status.value == "booked"


# Addenda and what the database refuses ---------------------------------------------------


def test_an_addendum_keeps_the_original_with_who_when_and_why(
    database: Database, prescriber: Actor, staff: dict[Role, Actor]
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    with pytest.raises(InvalidEntryError, match="still a draft"):
        sessions.add_addendum(database, prescriber, view.id, "text", "reason")
    signed = _signed(database, prescriber, view)
    with pytest.raises(InvalidEntryError) as refused:
        sessions.add_addendum(database, prescriber, view.id, " ", "")
    assert [p.field for p in refused.value.problems] == ["text", "reason"]
    clinician = staff[Role.CLINICIAN]
    after = sessions.add_addendum(
        database, clinician, view.id, "Escort was the patient's sister.", "late entry"
    )
    assert after.content == signed.content and after.content_sha256 == signed.content_sha256
    (addendum,) = after.addenda
    assert (addendum.text, addendum.reason, addendum.author) == (
        "Escort was the patient's sister.",
        "late entry",
        clinician.display_name,
    )
    with database.reading() as session:
        last = session.execute(
            select(AuditEvent.action, AuditEvent.object_id).order_by(AuditEvent.id.desc()).limit(1)
        ).one()
    assert tuple(last) == ("amend", view.id)


def test_the_database_refuses_to_change_a_signed_session_or_an_addendum(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    _signed(database, prescriber, view)
    sessions.add_addendum(database, prescriber, view.id, "note", "reason")
    for statement in (
        "UPDATE treatment_session SET content_json = '{}'",
        "DELETE FROM treatment_session",
        "UPDATE session_addendum SET text = 'changed'",
        "DELETE FROM session_addendum",
    ):
        with pytest.raises(DatabaseError), database.transaction() as session:
            session.execute(text(statement))


def test_a_draft_row_may_still_change_in_the_database(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    sessions.start_session(database, prescriber, appointment_id, today=DAY)
    with database.transaction() as session:
        session.execute(text("UPDATE treatment_session SET lot_number = 'X'"))


# Esketamine and the REMS ------------------------------------------------------------------


def test_a_first_esketamine_session_needs_rems_enrollment(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _, appointment_id = _appointment(database, prescriber, Modality.ESKETAMINE)
    with pytest.raises(InvalidEntryError) as refused:
        sessions.start_session(database, prescriber, appointment_id, today=DAY)
    assert refused.value.problems[0].message == (
        "Record the patient's Spravato REMS enrollment before the first esketamine session."
    )
    _enrol(database, prescriber, patient_id)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    assert view.first_esketamine_session is True
    assert view.content.details.prescriber_on_site == "Maya Okafor, MD"  # type: ignore[union-attr]


def test_a_later_esketamine_session_needs_no_enrollment_on_file(
    database: Database, prescriber: Actor
) -> None:
    """Treatment begun before the program was used: given before, so not the first."""
    patient_id, course_id, first = _appointment(database, prescriber, Modality.ESKETAMINE)
    give(database, prescriber, first, DAY)
    second = book(
        database, prescriber, patient_id, NEXT, course_id=course_id, modality=Modality.ESKETAMINE
    )
    view = sessions.start_session(database, prescriber, second, today=NEXT)
    assert view.first_esketamine_session is False


def test_84_mg_on_the_first_esketamine_session_needs_a_reason(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _, appointment_id = _appointment(database, prescriber, Modality.ESKETAMINE)
    _enrol(database, prescriber, patient_id)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    content = complete(Modality.ESKETAMINE)
    details = content.details
    assert isinstance(details, EsketamineDetails)
    content = replace(content, details=replace(details, dose_mg=84, devices=3))
    saved = sessions.save_draft(database, prescriber, view.id, view.version, content)
    with pytest.raises(InvalidEntryError) as refused:
        sessions.sign_session(database, prescriber, view.id, saved.version, {}, today=DAY)
    assert [p.field for p in refused.value.problems] == ["override.first_esketamine_dose"]


def test_the_rems_worklist_lists_signed_sessions_until_their_form_is_submitted(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _, appointment_id = _appointment(database, prescriber, Modality.ESKETAMINE)
    _enrol(database, prescriber, patient_id)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    assert sessions.rems_worklist(database, prescriber, today=DAY) == []
    _signed(database, prescriber, view)
    (item,) = sessions.rems_worklist(database, prescriber, today=DAY + timedelta(days=7))
    assert (item.session_id, item.mrn, item.session_on, item.due_on) == (
        view.id,
        "BD-0001",
        DAY,
        DAY + timedelta(days=7),
    )
    assert (item.overdue, item.days_left) == (False, 0)
    (late,) = sessions.rems_worklist(database, prescriber, today=DAY + timedelta(days=8))
    assert (late.overdue, late.days_left) == (True, -1)
    checklist = patient_checklist(database, prescriber, patient_id, as_of=DAY)
    assert checklist.items and any(
        i.item_code == "rems_monitoring_form" and i.open_sessions == (DAY,) for i in checklist.items
    )
    after = sessions.mark_rems_submitted(
        database, prescriber, view.id, DAY + timedelta(days=2), today=DAY + timedelta(days=2)
    )
    assert after.rems_submitted_on == DAY + timedelta(days=2)
    assert sessions.rems_worklist(database, prescriber, today=DAY + timedelta(days=8)) == []
    checklist = patient_checklist(database, prescriber, patient_id, as_of=DAY + timedelta(days=2))
    form = next(i for i in checklist.items if i.item_code == "rems_monitoring_form")
    assert form.open_sessions == ()
    with pytest.raises(InvalidEntryError, match="already recorded"):
        sessions.mark_rems_submitted(database, prescriber, view.id, DAY + timedelta(days=3))


def test_rems_form_data_holds_the_session_and_its_print_is_audited(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _, appointment_id = _appointment(database, prescriber, Modality.ESKETAMINE)
    _enrol(database, prescriber, patient_id)
    view = _signed(
        database,
        prescriber,
        sessions.start_session(database, prescriber, appointment_id, today=DAY),
    )
    data = sessions.rems_form_data(database, prescriber, view.id, setting_name="Clinic")
    assert (data.dose_mg, data.devices, data.lot_number, data.monitoring_minutes) == (
        56,
        2,
        "LOT-24A17",
        125,
    )
    assert data.minutes_until_ready == 120
    assert (data.bp_before, data.bp_about_40_minutes, data.bp_before_leaving) == (
        "128/82 at 09:00",
        "138/88 at 09:40",
        "124/80 at 11:05",
    )
    assert data.concomitant_medications == ("Benzodiazepines",)
    assert data.due_on == DAY + timedelta(days=7) and data.setting_name == "Clinic"
    with database.reading() as session:
        last = session.execute(
            select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.id.desc()).limit(1)
        ).one()
    assert tuple(last) == ("print", "REMS monitoring form")


def test_rems_actions_are_refused_for_other_modalities(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = _signed(
        database,
        prescriber,
        sessions.start_session(database, prescriber, appointment_id, today=DAY),
    )
    with pytest.raises(InvalidEntryError, match="Only an esketamine session"):
        sessions.rems_form_data(database, prescriber, view.id)
    with pytest.raises(InvalidEntryError, match="Only an esketamine session"):
        sessions.mark_rems_submitted(database, prescriber, view.id, DAY)


# Reading, and what the protocol engine is told ------------------------------------------


def test_patient_sessions_newest_first_with_dose_and_serious_flag(
    database: Database, prescriber: Actor
) -> None:
    patient_id, course_id, first = _appointment(database, prescriber)
    content = with_effect(
        complete(Modality.IV_KETAMINE), SideEffect.NAUSEA_VOMITING, Severity.SEVERE, "vomited x2"
    )
    _signed(
        database,
        prescriber,
        sessions.start_session(database, prescriber, first, today=DAY),
        content,
    )
    second = book(database, prescriber, patient_id, NEXT, course_id=course_id)
    draft = sessions.start_session(database, prescriber, second, today=NEXT)
    listed = sessions.patient_sessions(database, prescriber, patient_id)
    assert [(s.session_on, s.state, s.serious_side_effects) for s in listed] == [
        (NEXT, SessionState.DRAFT, False),
        (DAY, SessionState.SIGNED, True),
    ]
    assert listed[1].dose_summary == "35.0 mg (0.5 mg/kg) IV"
    assert listed[0].id == draft.id
    with database.reading() as session:
        assert sessions.session_days(session, patient_id) == [DAY]
    found = sessions.session_for_appointment(database, prescriber, second)
    assert found is not None and found.id == draft.id


def test_the_engine_is_told_the_benefit_reported_at_the_next_visit(
    database: Database, prescriber: Actor
) -> None:
    patient_id, course_id, first = _appointment(database, prescriber)
    _signed(database, prescriber, sessions.start_session(database, prescriber, first, today=DAY))
    second = book(database, prescriber, patient_id, NEXT, course_id=course_id)
    view = sessions.start_session(database, prescriber, second, today=NEXT)
    content = complete(Modality.IV_KETAMINE)
    response = replace(content.common.response, days_of_benefit=5, peak_score=Decimal(14))
    content = replace(content, common=replace(content.common, response=response))
    _signed(database, prescriber, view, content, day=NEXT)
    with database.reading() as session:
        told = treatments(session, course_id)
    assert [(t.on, t.days_of_benefit, t.peak_score) for t in told] == [
        (DAY, 5, 14),
        (NEXT, None, None),
    ]


def test_a_draft_whose_appointment_was_cancelled_is_not_signed(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    saved = sessions.save_draft(
        database, prescriber, view.id, view.version, complete(Modality.IV_KETAMINE)
    )
    booked = calendar.appointment(database, prescriber, appointment_id)
    calendar.set_status(
        database, prescriber, appointment_id, booked.version, AppointmentStatus.CANCELLED, "ill"
    )
    with pytest.raises(InvalidEntryError, match="marked cancelled after this draft"):
        sessions.sign_session(database, prescriber, view.id, saved.version, {}, today=DAY)


def test_a_session_moved_in_the_calendar_is_signed_on_the_appointments_day(
    database: Database, prescriber: Actor
) -> None:
    _, _, appointment_id = _appointment(database, prescriber)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    saved = sessions.save_draft(
        database, prescriber, view.id, view.version, complete(Modality.IV_KETAMINE)
    )
    later = DAY + timedelta(days=1)
    booked = calendar.appointment(database, prescriber, appointment_id)
    calendar.move_appointment(
        database, prescriber, appointment_id, booked.version, later, time(10, 0), today=DAY
    )
    with pytest.raises(InvalidEntryError, match="cannot be signed before its day"):
        sessions.sign_session(database, prescriber, view.id, saved.version, {}, today=DAY)
    signed = sessions.sign_session(database, prescriber, view.id, saved.version, {}, today=later)
    assert signed.session_on == later
