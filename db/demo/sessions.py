"""Signed treatment sessions for the demo clinic's done appointments, bulk-inserted.

Every done appointment of a course gets the session a clinician would have signed: vital
signs around a believable baseline (a few readings past the pre-dose limit, each with the
override reason given), the dose from the course's dose plan on the patient's weight, the
side-effect review (mostly nothing; mild dissociation and nausea after ketamine, headache
after TMS; a few urinary complaints, which raise their monitoring event as signing does),
and the response since the last treatment with the days its benefit lasted. Each session
passes `clinical.sessions.problems_before_signing`, so the demo shows only what the program
itself would let a clinician sign.
"""

import hashlib
import json
import random
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from clinical.calendar import AppointmentStatus
from clinical.modality import Modality
from clinical.monitoring import EventKind
from clinical.sessions import (
    DEFAULT_CEILING_MG_PER_KG,
    DEFAULT_THRESHOLDS,
    AdjunctMedication,
    CommonContent,
    ConcomitantMedication,
    DoseBasis,
    EsketamineDetails,
    KetamineDetails,
    ModalityDetails,
    OverrideKey,
    Response,
    ResponseAssessment,
    Route,
    SessionContent,
    SessionState,
    Severity,
    SideEffect,
    SideEffectAnswer,
    SideEffectReview,
    SubstanceScreen,
    TmsDetails,
    VitalSigns,
    content_to_dict,
    effects_for,
    ketamine_dose,
    monitoring_events,
    overrides_to_dict,
    required_overrides,
)
from db.base import utc_now
from db.database import Database
from db.demo.scores import demo_staff
from db.models import Appointment, MonitoringEventRecord, Patient, TreatmentCourse, TreatmentSession

BATCH = 2000
DEMO_SOURCE = "treatment session"
TMS_COILS = ("Figure-8 (H1-capable)", "Figure-8")
_PER_KG = re.compile(r"(\d+(?:\.\d+)?) mg/kg")
BREACH_REASON = {
    OverrideKey.DOSE_CEILING: "Partial response at 0.5 mg/kg; higher dose discussed and agreed.",
    OverrideKey.BLOOD_PRESSURE: "Repeated after 10 minutes' rest, lower; prescriber agreed.",
    OverrideKey.HEART_RATE: "Anxious on arrival; settled on recheck. Prescriber agreed.",
    OverrideKey.SPO2: "Cold fingers; 95% on the earlobe probe.",
    OverrideKey.FIRST_ESKETAMINE_DOSE: "Prior response to 84 mg elsewhere; records reviewed.",
}


@dataclass(frozen=True)
class DemoSessionsSummary:
    sessions: int
    events: int


@dataclass(frozen=True)
class _Done:
    appointment_id: int
    patient_id: int
    course_id: int
    modality: Modality
    day: date
    start: time
    dose_plan: str
    prescriber: str
    weight_kg: Decimal | None
    scale: str


def _at(start: time, minutes: int) -> time:
    moment = datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)
    return moment.time().replace(second=0, microsecond=0)


class _Patient:
    """One patient's own baseline, so readings look like the same person each visit."""

    def __init__(self, r: random.Random) -> None:
        self.systolic = r.randint(108, 134)
        self.diastolic = r.randint(66, 84)
        self.heart_rate = r.randint(58, 84)
        self.urinary = r.random() < 0.04
        self.benzodiazepine = r.random() < 0.25
        self.stimulant = r.random() < 0.1


class _Writer:
    def __init__(self, seed: int, session: Session) -> None:
        self.r = random.Random(seed * 6_151 + 17)
        staff = demo_staff(session)
        self.prescriber = staff.prescriber
        self.clinician = staff.clinician
        self.nurse = staff.nurse
        self.patients: dict[int, _Patient] = {}

    def patient(self, patient_id: int) -> _Patient:
        if patient_id not in self.patients:
            self.patients[patient_id] = _Patient(self.r)
        return self.patients[patient_id]

    def vitals(self, who: _Patient, at: time, rise: int = 0) -> VitalSigns:
        r = self.r
        return VitalSigns(
            who.systolic + rise + r.randint(-8, 10),
            who.diastolic + rise // 2 + r.randint(-5, 6),
            who.heart_rate + r.randint(-6, 8),
            r.choice((96, 97, 97, 98, 98, 99)),
            r.choice((12, 14, 14, 16)),
            at,
        )

    def review(self, modality: Modality, who: _Patient) -> SideEffectReview:
        r = self.r
        severities = {effect: Severity.NONE for effect in effects_for(modality)}
        if modality is Modality.TMS:
            if r.random() < 0.25:
                severities[SideEffect.HEADACHE] = Severity.MILD
            if r.random() < 0.15:
                severities[SideEffect.SCALP_PAIN] = Severity.MILD
        else:
            if r.random() < 0.45:
                severities[SideEffect.DISSOCIATION] = r.choice((Severity.MILD, Severity.MODERATE))
            if r.random() < 0.12:
                severities[SideEffect.NAUSEA_VOMITING] = Severity.MILD
            if r.random() < 0.08:
                severities[SideEffect.DIZZINESS] = Severity.MILD
            if r.random() < 0.1:
                severities[SideEffect.SEDATION] = Severity.MILD
            if who.urinary and r.random() < 0.3:
                severities[r.choice((SideEffect.URINARY_FREQUENCY, SideEffect.URINARY_URGENCY))] = (
                    Severity.MILD
                )
        notes = {
            SideEffect.URINARY_FREQUENCY: "Up twice a night for the past week.",
            SideEffect.URINARY_URGENCY: "Some urgency since the last treatment.",
        }
        return SideEffectReview(
            tuple(
                SideEffectAnswer(
                    effect, severity, notes.get(effect, "") if severity.present else ""
                )
                for effect, severity in severities.items()
            )
        )

    def details(self, done: _Done, number: int, first_esketamine: bool) -> ModalityDetails:
        r = self.r
        who = self.patient(done.patient_id)
        start = done.start
        if done.modality in (Modality.IV_KETAMINE, Modality.IM_KETAMINE):
            planned = _PER_KG.search(done.dose_plan)
            per_kg = Decimal(planned.group(1)) if planned else Decimal("0.5")
            weight = done.weight_kg or Decimal(70)
            dose = ketamine_dose(weight, mg_per_kg=per_kg)
            iv = done.modality is Modality.IV_KETAMINE
            adjuncts = ()
            if r.random() < 0.3:
                adjuncts = (
                    AdjunctMedication("Ondansetron", Decimal(4), "mg", "IV" if iv else "PO", start),
                )
            return KetamineDetails(
                weight_kg=weight,
                dose_basis=DoseBasis.MG_PER_KG,
                dose_mg_per_kg=dose.mg_per_kg,
                dose_total_mg=dose.total_mg,
                route=Route.IV if iv else Route.IM,
                infusion_start=_at(start, 5),
                infusion_end=_at(start, 45) if iv else None,
                duration_minutes=40 if iv else None,
                adjuncts=adjuncts,
                recovery_end=_at(start, 95),
                discharged_at=_at(start, 105 + r.randint(0, 15)),
                escort_present=True,
            )
        if done.modality is Modality.ESKETAMINE:
            dose_mg = 56 if first_esketamine or "56" in done.dose_plan else 84
            minutes = 120 + r.choice((0, 5, 10, 15, 20))
            medications = set()
            if who.benzodiazepine:
                medications.add(ConcomitantMedication.BENZODIAZEPINE)
            if who.stimulant:
                medications.add(ConcomitantMedication.PSYCHOSTIMULANT)
            return EsketamineDetails(
                dose_mg=dose_mg,
                devices=dose_mg // 28,
                lot_number=f"LOT-{done.day:%y%m}{'ABC'[done.day.day % 3]}",
                administered_at=_at(start, 5),
                sedation=r.random() < 0.2,
                dissociation=r.random() < 0.5,
                respiratory_depression=False,
                lowest_spo2=r.choice((95, 96, 96, 97, 98)),
                monitoring_minutes=minutes,
                ready_to_leave_at=_at(start, 5 + minutes),
                vitals_acceptable_before=True,
                vitals_acceptable_at_end=True,
                concomitant_medications=frozenset(medications),
                prescriber_on_site=done.prescriber,
                monitored_by=self.nurse.name,
            )
        theta = "iTBS" in done.dose_plan
        return TmsDetails(
            session_number=number,
            coil=TMS_COILS[done.patient_id % 2],
            target="Left DLPFC",
            motor_threshold_pct=Decimal(50 + done.patient_id % 15),
            intensity_pct_mt=Decimal(120),
            frequency_hz=Decimal(50) if theta else Decimal(10),
            pulses=600 if theta else 3000,
            duration_minutes=3 if theta else 37,
            treater=self.clinician.name,
        )

    def content(
        self, done: _Done, number: int, first_esketamine: bool, gap_days: int | None
    ) -> SessionContent:
        r = self.r
        who = self.patient(done.patient_id)
        ketamine = done.modality is not Modality.TMS
        before = self.vitals(who, done.start)
        limit = DEFAULT_THRESHOLDS[done.modality].max_systolic
        if limit is not None and r.random() < 0.02:
            before = replace(before, systolic=limit + r.randint(2, 12))
        during = self.vitals(who, _at(done.start, 45), rise=12) if ketamine else VitalSigns()
        after = self.vitals(who, _at(done.start, 100 if ketamine else 40))
        response = ResponseAssessment(
            r.choices((Response.BETTER, Response.SAME, Response.WORSE), (55, 35, 10))[0]
            if gap_days is not None
            else Response.SAME,
            None if gap_days is None else gap_days + r.randint(1, 5),
            None,
            "",
        )
        common = CommonContent(
            vitals_before=before,
            vitals_during=during,
            vitals_after=after,
            side_effects=self.review(done.modality, who),
            substance_screen=SubstanceScreen.NEGATIVE,
            response=response,
            scale_due=done.scale,
        )
        return SessionContent(common, self.details(done, number, first_esketamine))


def _done_appointments(session: Session) -> list[_Done]:
    rows = session.execute(
        select(
            Appointment.id,
            Appointment.patient_id,
            Appointment.course_id,
            Appointment.modality,
            Appointment.day,
            Appointment.start_time,
            TreatmentCourse.dose_plan,
            TreatmentCourse.prescriber,
            Patient.weight_kg,
            TreatmentCourse.scale,
        )
        .join(TreatmentCourse, TreatmentCourse.id == Appointment.course_id)
        .join(Patient, Patient.id == Appointment.patient_id)
        .where(Appointment.status == AppointmentStatus.DONE)
        .order_by(Appointment.course_id, Appointment.day, Appointment.start_time)
    )
    return [_Done(*row) for row in rows]


def generate_demo_sessions(
    database: Database, seed: int, today: date | None = None
) -> DemoSessionsSummary:
    """A signed session for every done appointment of a course; one transaction."""
    del today  # the sessions follow the appointments the calendar made
    with database.transaction() as session:
        writer = _Writer(seed, session)
        done = _done_appointments(session)
        rows: list[dict] = []
        events: list[dict] = []
        previous: dict[int, date] = {}
        numbers: dict[int, int] = {}
        had_esketamine: set[int] = set()
        now = utc_now()
        for item in done:
            numbers[item.course_id] = numbers.get(item.course_id, 0) + 1
            first = item.modality is Modality.ESKETAMINE and item.patient_id not in had_esketamine
            if item.modality is Modality.ESKETAMINE:
                had_esketamine.add(item.patient_id)
            before = previous.get(item.course_id)
            previous[item.course_id] = item.day
            gap = None if before is None else (item.day - before).days
            content = writer.content(item, numbers[item.course_id], first, gap)
            requests = required_overrides(
                content,
                item.modality,
                DEFAULT_THRESHOLDS[item.modality],
                DEFAULT_CEILING_MG_PER_KG,
                first_esketamine_session=first,
            )
            overrides = {request.key: BREACH_REASON[request.key] for request in requests}
            signer = writer.clinician if item.modality is Modality.TMS else writer.prescriber
            content_json = json.dumps(content_to_dict(content), sort_keys=True, ensure_ascii=False)
            overrides_json = json.dumps(overrides_to_dict(overrides), sort_keys=True)
            details = content.details
            signed_at = datetime.combine(item.day, time(17, 0), UTC)
            rows.append(
                {
                    "patient_id": item.patient_id,
                    "course_id": item.course_id,
                    "appointment_id": item.appointment_id,
                    "modality": item.modality,
                    "session_on": item.day,
                    "state": SessionState.SIGNED,
                    "content_json": content_json,
                    "dose_mg": (
                        details.dose_total_mg
                        if isinstance(details, KetamineDetails)
                        else Decimal(details.dose_mg)
                        if isinstance(details, EsketamineDetails) and details.dose_mg
                        else None
                    ),
                    "lot_number": details.lot_number
                    if isinstance(details, EsketamineDetails)
                    else "",
                    "days_of_benefit": content.common.response.days_of_benefit,
                    "peak_score": None,
                    "serious_side_effects": content.common.side_effects.any_serious,
                    "overrides_json": overrides_json,
                    "created_by_user_id": writer.nurse.user_id,
                    "created_by": writer.nurse.name,
                    "created_at": now,
                    "updated_at": now,
                    "signed_by_user_id": signer.user_id,
                    "signed_by": signer.name,
                    "signed_at": signed_at,
                    "content_sha256": hashlib.sha256(
                        f"{content_json}\n{overrides_json}".encode()
                    ).hexdigest(),
                    "version": 2,
                }
            )
            for kind in monitoring_events(content.common.side_effects, False):
                events.append(
                    {
                        "patient_id": item.patient_id,
                        "kind": kind,
                        "occurred_on": item.day,
                        "detail": _event_detail(kind, content),
                        "source": DEMO_SOURCE,
                        "recorded_by_user_id": signer.user_id,
                        "recorded_by": signer.name,
                        "recorded_at": signed_at,
                    }
                )
        for begin in range(0, len(rows), BATCH):
            session.execute(insert(TreatmentSession), rows[begin : begin + BATCH])
        if events:
            session.execute(insert(MonitoringEventRecord), events)
    return DemoSessionsSummary(len(rows), len(events))


def _event_detail(kind: EventKind, content: SessionContent) -> str:
    present = ", ".join(
        f"{a.effect.label} ({a.severity.label.lower()})"
        for a in content.common.side_effects.present
    )
    return f"{kind.label}: {present}"[:250]
