"""Builders the course and calendar tests share (imported, not collected)."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

from clinical.calendar import ClinicCalendar, ClosedDay, Resource
from clinical.protocols import (
    Comparison,
    Modality,
    Phase,
    ProtocolTemplate,
    ketamine_interval_extension,
)
from db.accounts.actor import Actor
from db.calendar.settings import save_calendar
from db.courses import workflows as courses
from db.courses.views import CourseDraft
from db.database import Database
from db.models import ScaleResultRecord

MONDAY = date(2026, 11, 23)
MORNING = datetime(2026, 11, 23, 7, 30)


def course_draft(
    template: ProtocolTemplate | None = None,
    *,
    modality: Modality = Modality.IV_KETAMINE,
    started_on: date = MONDAY,
    phase: Phase = Phase.INDUCTION,
    baseline: int = 30,
) -> CourseDraft:
    return CourseDraft(
        modality=modality,
        template=template or ketamine_interval_extension(modality),
        scale="MADRS",
        acute_baseline=Decimal(baseline),
        remission_threshold=Decimal(10),
        remission_comparison=Comparison.AT_OR_BELOW,
        started_on=started_on,
        prescriber="Maya Okafor, MD",
        dose_plan="0.5 mg/kg IV over 40 min",
        phase=phase,
    )


def new_course(database: Database, actor: Actor, patient_id: int, **kw: object) -> int:
    return courses.create_course(database, actor, patient_id, course_draft(**kw), MONDAY)  # type: ignore[arg-type]


def record_madrs(database: Database, patient_id: int, day: date, total: int) -> None:
    """A MADRS total as the scales screens store it (answers are not what is tested here)."""
    with database.transaction() as session:
        session.add(
            ScaleResultRecord(
                patient_id=patient_id,
                instrument_code="MADRS",
                rule_version="test",
                administered_at=datetime.combine(day, time(9, 0)).astimezone(UTC),
                answers_json="{}",
                total=total,
                complete=True,
            )
        )


def clinic(
    database: Database,
    admin: Actor,
    *,
    chairs: int = 4,
    closed: tuple[ClosedDay, ...] = (),
    time_zone: str = "",
) -> ClinicCalendar:
    calendar = ClinicCalendar(
        closed_days=closed,
        capacity={
            Resource.INFUSION_CHAIR: chairs,
            Resource.SPRAVATO_ROOM: 2,
            Resource.TMS_DEVICE: 2,
        },
    )
    save_calendar(database, admin, calendar, time_zone)
    return calendar
