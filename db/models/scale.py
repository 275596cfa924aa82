"""Rating scale results and the safety alerts they raise.

A result is written once and never changed or removed (the database refuses it too): a
correction is a new row that `supersedes` the original, with who, when and why. Each row
keeps the instrument's rule version, so a later rule change never re-scores history.
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clinical.scales import RiskLevel
from db.base import Base, UTCDateTime, utc_now
from db.models.enum_column import enum_column
from db.scales.views import AlertStatus


class ScaleResultRecord(Base):
    __tablename__ = "scale_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    instrument_code: Mapped[str] = mapped_column(String(32))
    rule_version: Mapped[str] = mapped_column(String(40))
    administered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    self_report: Mapped[bool] = mapped_column(Boolean, default=False)
    rater_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    rater_name: Mapped[str] = mapped_column(String(120), default="")
    # The answers as entered, item key -> value, in the instrument's item order.
    answers_json: Mapped[str] = mapped_column(Text)
    education_years: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(Integer)
    raw_total: Mapped[int | None] = mapped_column(Integer)
    band_label: Mapped[str] = mapped_column(String(40), default="")
    risk_level: Mapped[RiskLevel | None] = mapped_column(enum_column(RiskLevel, "scale_risk"))
    complete: Mapped[bool] = mapped_column(Boolean)
    safety_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str] = mapped_column(Text, default="")
    entered_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    entered_by_name: Mapped[str] = mapped_column(String(120), default="")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # One amendment per result: a second correction amends the amendment.
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("scale_result.id"), unique=True)
    amendment_reason: Mapped[str] = mapped_column(Text, default="")
    # The treatment session the scale was given at, when it was.
    session_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_session.id"), index=True)


class SafetyAlert(Base):
    __tablename__ = "safety_alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    scale_result_id: Mapped[int] = mapped_column(ForeignKey("scale_result.id"), index=True)
    item_key: Mapped[str] = mapped_column(String(8))
    item_value: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    status: Mapped[AlertStatus] = mapped_column(
        enum_column(AlertStatus, "safety_alert_status"), index=True
    )
    # The follow-up: a C-SSRS screener result, or a note on it; the safety plan; the action.
    screener_result_id: Mapped[int | None] = mapped_column(ForeignKey("scale_result.id"))
    screener_note: Mapped[str] = mapped_column(Text, default="")
    safety_plan: Mapped[bool | None] = mapped_column(Boolean)
    action: Mapped[str] = mapped_column(Text, default="")
    addressed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    addressed_by_name: Mapped[str] = mapped_column(String(120), default="")
    addressed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}
