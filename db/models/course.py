"""Treatment courses, their insurance authorizations, and the decisions on the engine's
proposals."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clinical.calendar.enums import Decision
from clinical.protocols.enums import Action, Comparison, Modality, Phase
from db.base import Base, UTCDateTime, utc_now
from db.models.enum_column import enum_column


class TreatmentCourse(Base):
    """One course of one modality for one patient, on the patient's own copy of a protocol.

    `protocol_json` and `taper_json` hold the edited templates (`db.courses.protocol_json`);
    `position_*` is the step on the protocol's ladder, `taper_position_*` on the taper's.
    """

    __tablename__ = "treatment_course"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    modality: Mapped[Modality] = mapped_column(enum_column(Modality, "course_modality"))
    phase: Mapped[Phase] = mapped_column(enum_column(Phase, "course_phase"))
    protocol_json: Mapped[str] = mapped_column(Text)
    taper_json: Mapped[str] = mapped_column(Text)
    # The instrument code of the scale that measures the course (db.scales), e.g. "MADRS".
    scale: Mapped[str] = mapped_column(String(32))
    acute_baseline: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    remission_threshold: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    remission_comparison: Mapped[Comparison] = mapped_column(
        enum_column(Comparison, "remission_comparison")
    )
    tracking_scale: Mapped[str] = mapped_column(String(32), default="PHQ2")
    tracking_baseline: Mapped[Decimal | None] = mapped_column(Numeric(6, 1))
    started_on: Mapped[date] = mapped_column(Date)
    prescriber: Mapped[str] = mapped_column(String(200))
    dose_plan: Mapped[str] = mapped_column(String(200), default="")
    position_index: Mapped[int | None] = mapped_column(Integer)
    position_started_on: Mapped[date | None] = mapped_column(Date)
    taper_position_index: Mapped[int | None] = mapped_column(Integer)
    taper_position_started_on: Mapped[date | None] = mapped_column(Date)
    holiday_started_on: Mapped[date | None] = mapped_column(Date)
    discontinued_on: Mapped[date | None] = mapped_column(Date)
    relapse_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    authorizations: Mapped[list["CourseAuthorization"]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="CourseAuthorization.id"
    )

    __mapper_args__ = {"version_id_col": version}


class CourseAuthorization(Base):
    """An insurer's authorization of a number of sessions; a raise is a new row with the new
    total, so the history stays visible. Never changed once written."""

    __tablename__ = "course_authorization"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("treatment_course.id"), index=True)
    sessions_authorized: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(60), default="")
    valid_from: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    course: Mapped[TreatmentCourse] = relationship(back_populates="authorizations")


class BoosterDecision(Base):
    """The engine's proposal as the clinician saw it, and what they decided: accepted, or
    overridden with their own date, interval and reason. Never changed once written."""

    __tablename__ = "booster_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("treatment_course.id"), index=True)
    proposed_on: Mapped[date] = mapped_column(Date)
    action: Mapped[Action] = mapped_column(enum_column(Action, "proposal_action"))
    rule: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    proposed_date: Mapped[date | None] = mapped_column(Date)
    interval_days: Mapped[int | None] = mapped_column(Integer)
    phase_after: Mapped[Phase] = mapped_column(enum_column(Phase, "proposal_phase"))
    decision: Mapped[Decision] = mapped_column(enum_column(Decision, "booster_decision_kind"))
    chosen_date: Mapped[date | None] = mapped_column(Date)
    chosen_interval_days: Mapped[int | None] = mapped_column(Integer)
    chosen_count: Mapped[int | None] = mapped_column(Integer)
    chosen_phase: Mapped[Phase | None] = mapped_column(enum_column(Phase, "chosen_phase"))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_user_id: Mapped[int | None] = mapped_column(Integer)
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
