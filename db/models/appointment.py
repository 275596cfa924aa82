"""Appointments: concrete rows, one per visit, never a stored recurrence; and their history.

Times are the clinic's wall-clock time on the day (`day`, `start_time`): a booking at 09:00
stays at 09:00 whatever the clocks do.
"""

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clinical.calendar.enums import AppointmentStatus, ChangeKind
from clinical.protocols.enums import Modality
from db.base import Base, UTCDateTime, utc_now
from db.models.enum_column import enum_column


class Appointment(Base):
    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_course.id"), index=True)
    modality: Mapped[Modality] = mapped_column(enum_column(Modality, "appointment_modality"))
    day: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[AppointmentStatus] = mapped_column(
        enum_column(AppointmentStatus, "appointment_status")
    )
    # Rows booked together (an accepted plan, a repeat booking) share the first row's id:
    # "this and following" acts on the later rows of the series.
    series_id: Mapped[int | None] = mapped_column(Integer, index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("booster_decision.id"))
    note: Mapped[str] = mapped_column(String(250), default="")
    status_reason: Mapped[str] = mapped_column(String(250), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    changes: Mapped[list["AppointmentChange"]] = relationship(
        back_populates="appointment",
        cascade="all, delete-orphan",
        order_by="AppointmentChange.id",
    )

    __mapper_args__ = {"version_id_col": version}


class AppointmentChange(Base):
    """One line of an appointment's history: booked, moved, its status changed, re-planned."""

    __tablename__ = "appointment_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id"), index=True)
    kind: Mapped[ChangeKind] = mapped_column(enum_column(ChangeKind, "appointment_change_kind"))
    from_day: Mapped[date | None] = mapped_column(Date)
    from_time: Mapped[time | None] = mapped_column(Time)
    to_day: Mapped[date | None] = mapped_column(Date)
    to_time: Mapped[time | None] = mapped_column(Time)
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    reason: Mapped[str] = mapped_column(String(250), default="")
    changed_by: Mapped[str] = mapped_column(String(120))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    appointment: Mapped[Appointment] = relationship(back_populates="changes")
