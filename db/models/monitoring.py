"""The monitoring checklist: what was done (completions), what happened (events), what a
clinician put off or set aside (dismissals), and the stored due dates per patient and item.

`MonitoringDue` is derived: one row per patient and item that opens on a date, rewritten
from the patient's facts whenever they change (see `db.monitoring.due_table`), so the
clinic-wide list is one indexed query. Completions, events and dismissals are never edited.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clinical.modality import Modality
from clinical.monitoring import EventKind, ItemState
from db.base import Base, UTCDateTime, utc_now
from db.models.enum_column import enum_column


class MonitoringCompletion(Base):
    """One monitoring item done, with its result. `session_on`: the esketamine session a
    REMS monitoring form is for. `summary` and `abnormal` are worked out from the result
    by `clinical.monitoring.assess` when it is recorded."""

    __tablename__ = "monitoring_completion"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(64))
    done_on: Mapped[date] = mapped_column(Date)
    session_on: Mapped[date | None] = mapped_column(Date)
    abnormal: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str] = mapped_column(String(400), default="")
    moca_raw: Mapped[int | None] = mapped_column(Integer)
    moca_total: Mapped[int | None] = mapped_column(Integer)
    moca_education_point: Mapped[bool | None] = mapped_column(Boolean)
    ua_blood: Mapped[bool | None] = mapped_column(Boolean)
    ua_protein: Mapped[bool | None] = mapped_column(Boolean)
    ua_leukocytes: Mapped[bool | None] = mapped_column(Boolean)
    ua_nitrite: Mapped[bool | None] = mapped_column(Boolean)
    findings: Mapped[str] = mapped_column(Text, default="")
    alt: Mapped[Decimal | None] = mapped_column(Numeric(7, 1))
    alt_lower: Mapped[Decimal | None] = mapped_column(Numeric(7, 1))
    alt_upper: Mapped[Decimal | None] = mapped_column(Numeric(7, 1))
    ast: Mapped[Decimal | None] = mapped_column(Numeric(7, 1))
    ast_lower: Mapped[Decimal | None] = mapped_column(Numeric(7, 1))
    ast_upper: Mapped[Decimal | None] = mapped_column(Numeric(7, 1))
    bilirubin: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    bilirubin_lower: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    bilirubin_upper: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    systolic: Mapped[int | None] = mapped_column(Integer)
    diastolic: Mapped[int | None] = mapped_column(Integer)
    marked_abnormal: Mapped[bool] = mapped_column(Boolean, default=False)
    performed_by: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_user_id: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (Index("ix_monitoring_completion_patient_item", "patient_id", "item_code"),)


class MonitoringEventRecord(Base):
    """Something that happened and raises items: entered from the checklist by hand, or by
    a treatment session (a urinary symptom on the side-effect review, a seizure)."""

    __tablename__ = "monitoring_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "monitoring_event_kind"))
    occurred_on: Mapped[date] = mapped_column(Date)
    detail: Mapped[str] = mapped_column(String(250), default="")
    source: Mapped[str] = mapped_column(String(60), default="")
    recorded_by_user_id: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class MonitoringDismissal(Base):
    """An item deferred until a day (`until`) or dismissed for good (`until` None), with the
    reason. Holds only while the rule's fingerprint is `rule_fingerprint`."""

    __tablename__ = "monitoring_dismissal"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(64))
    recorded_on: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    rule_fingerprint: Mapped[str] = mapped_column(String(16))
    recorded_by_user_id: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class MonitoringDue(Base):
    """When one patient's item needs action: due from `due_from` (0001-01-01 for a missing
    baseline, needed now), overdue after `overdue_after`; what to show in either state; and
    the course it belongs to, for filtering by modality and prescriber."""

    __tablename__ = "monitoring_due"

    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    due_from: Mapped[date] = mapped_column(Date)
    overdue_after: Mapped[date | None] = mapped_column(Date, index=True)
    open_state: Mapped[ItemState] = mapped_column(enum_column(ItemState, "monitoring_state"))
    open_reason: Mapped[str] = mapped_column(Text)
    overdue_reason: Mapped[str] = mapped_column(Text)
    last_done: Mapped[date | None] = mapped_column(Date)
    modality: Mapped[Modality] = mapped_column(enum_column(Modality, "monitoring_modality"))
    prescriber: Mapped[str] = mapped_column(String(200))

    # The clinic-wide list reads a range of due_from and every column: an index holding
    # them all is read in order without a lookup per row (half the time at 15,000 rows).
    __table_args__ = (
        Index(
            "ix_monitoring_due_list",
            "due_from",
            "patient_id",
            "item_code",
            "title",
            "overdue_after",
            "open_state",
            "open_reason",
            "overdue_reason",
            "last_done",
            "modality",
            "prescriber",
        ),
    )


class MonitoringDueBuild(Base):
    """One row: the rule set the stored due dates were last worked out for (a hash). When
    the program's or the clinic's rules differ, the whole table is worked out again."""

    __tablename__ = "monitoring_due_build"

    id: Mapped[int] = mapped_column(primary_key=True)
    rules_hash: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


# The stored due dates follow every change of the rows they are worked out from.
import db.monitoring.sync  # noqa: E402, F401
