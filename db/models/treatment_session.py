"""Treatment sessions and their addenda.

A session is a draft while it is typed (saved on every change, so a crash loses nothing),
then signed: from then on its content never changes (the database refuses it too), and a
correction is an addendum with who, when and why. The content is JSON
(`clinical.sessions.content_to_dict`); a few columns are copied from it at each save for
queries that must not parse JSON (the protocol engine's tolerance facts, lot recalls).
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clinical.modality import Modality
from clinical.sessions.enums import SessionState
from db.base import Base, UTCDateTime, utc_now
from db.models.enum_column import enum_column


class TreatmentSession(Base):
    __tablename__ = "treatment_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_course.id"), index=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"), unique=True)
    modality: Mapped[Modality] = mapped_column(enum_column(Modality, "session_modality"))
    session_on: Mapped[date] = mapped_column(Date, index=True)
    state: Mapped[SessionState] = mapped_column(enum_column(SessionState, "session_state"))
    content_json: Mapped[str] = mapped_column(Text)
    # Copied from the content at each save.
    dose_mg: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    lot_number: Mapped[str] = mapped_column(String(40), default="")
    days_of_benefit: Mapped[int | None] = mapped_column(Integer)
    peak_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 1))
    serious_side_effects: Mapped[bool] = mapped_column(default=False)
    # Override reasons by `clinical.sessions.OverrideKey`, as JSON.
    overrides_json: Mapped[str] = mapped_column(Text, default="{}")
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    signed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    signed_by: Mapped[str] = mapped_column(String(120), default="")
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # SHA-256 of the content and overrides as signed, to show they are unchanged since.
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class SessionAddendum(Base):
    """A later note on a signed session. Never changed or removed once written."""

    __tablename__ = "session_addendum"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("treatment_session.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    author: Mapped[str] = mapped_column(String(120))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
