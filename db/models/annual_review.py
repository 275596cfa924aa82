"""Annual reviews (seed 002, "Annually": full safety assessment, cognitive screening,
continuation versus transition, consent re-affirmation).

A review is never edited or removed (the database refuses it too). A correction is a new
review: the latest one for a patient is the one that stands, and the earlier one stays as
it was, so the record shows both.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.annual_reviews.decision import ReviewDecision
from db.base import Base, UTCDateTime, utc_now
from db.models.enum_column import enum_column


class AnnualReview(Base):
    __tablename__ = "annual_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    course_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_course.id"))
    reviewed_on: Mapped[date] = mapped_column(Date)
    reviewer_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reviewer: Mapped[str] = mapped_column(String(120))
    safety_assessment: Mapped[str] = mapped_column(Text)
    # The cognitive screen the review looked at: a MoCA recorded on the monitoring checklist
    # (item "cognitive_screen") or as a rating scale, and what the reviewer made of it.
    cognitive_completion_id: Mapped[int | None] = mapped_column(
        ForeignKey("monitoring_completion.id")
    )
    cognitive_scale_result_id: Mapped[int | None] = mapped_column(ForeignKey("scale_result.id"))
    cognitive_note: Mapped[str] = mapped_column(Text, default="")
    continuation_discussion: Mapped[str] = mapped_column(Text)
    decision: Mapped[ReviewDecision] = mapped_column(enum_column(ReviewDecision, "review_decision"))
    decision_reasoning: Mapped[str] = mapped_column(Text)
    consent_reaffirmed: Mapped[bool] = mapped_column(Boolean)
    consent_reaffirmed_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_user_id: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (Index("ix_annual_review_patient", "patient_id", "reviewed_on"),)
