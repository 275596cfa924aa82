"""The demo clinic's treatment sessions: one signed session per done appointment of a
course, each one the program itself would let a clinician sign."""

import hashlib
import json
from datetime import date

from sqlalchemy import select

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.sessions import (
    DEFAULT_CEILING_MG_PER_KG,
    DEFAULT_THRESHOLDS,
    EsketamineDetails,
    KetamineDetails,
    SessionState,
    content_from_dict,
    overrides_from_dict,
    problems_before_signing,
)
from db.accounts.actor import Actor
from db.database import Database
from db.demo.generate import generate_demo_clinic
from db.models import Appointment, MonitoringEventRecord, TreatmentSession
from db.sessions import workflows as sessions

TODAY = date(2026, 11, 23)


def test_every_done_appointment_has_a_signable_signed_session(
    database: Database, prescriber: Actor
) -> None:
    generate_demo_clinic(database, patients=80, seed=5, today=TODAY)
    with database.reading() as session:
        done = set(
            session.scalars(
                select(Appointment.id).where(
                    Appointment.status == AppointmentStatus.DONE,
                    Appointment.course_id.is_not(None),
                )
            ).all()
        )
        rows = session.execute(
            select(
                TreatmentSession.id,
                TreatmentSession.patient_id,
                TreatmentSession.appointment_id,
                TreatmentSession.modality,
                TreatmentSession.session_on,
                TreatmentSession.state,
                TreatmentSession.content_json,
                TreatmentSession.overrides_json,
                TreatmentSession.content_sha256,
                TreatmentSession.lot_number,
                TreatmentSession.dose_mg,
            )
        ).all()
        events = session.scalars(
            select(MonitoringEventRecord.kind).where(
                MonitoringEventRecord.source == "treatment session"
            )
        ).all()
    assert done and {row.appointment_id for row in rows} == done
    first_esketamine: set[int] = set()
    modalities = set()
    for row in sorted(rows, key=lambda r: (r.session_on, r.id)):
        assert row.state is SessionState.SIGNED
        assert (
            row.content_sha256
            == hashlib.sha256(f"{row.content_json}\n{row.overrides_json}".encode()).hexdigest()
        )
        content = content_from_dict(json.loads(row.content_json))
        first = row.modality is Modality.ESKETAMINE and row.patient_id not in first_esketamine
        if row.modality is Modality.ESKETAMINE:
            first_esketamine.add(row.patient_id)
            assert isinstance(content.details, EsketamineDetails)
            assert row.lot_number == content.details.lot_number
        if isinstance(content.details, KetamineDetails):
            assert row.dose_mg == content.details.dose_total_mg
        problems = problems_before_signing(
            content,
            row.modality,
            DEFAULT_THRESHOLDS[row.modality],
            DEFAULT_CEILING_MG_PER_KG,
            overrides_from_dict(json.loads(row.overrides_json)),
            first_esketamine_session=first,
        )
        assert problems == [], (row.modality, problems)
        modalities.add(row.modality)
    assert len(modalities) >= 3
    assert all(kind.value == "urinary_symptoms" for kind in events)
    patient_id = rows[0].patient_id
    listed = sessions.patient_sessions(database, prescriber, patient_id)
    assert listed and all(s.state is SessionState.SIGNED for s in listed)
