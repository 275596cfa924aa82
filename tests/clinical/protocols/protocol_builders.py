"""Small builders shared by the protocol tests (imported, not collected)."""

from datetime import date, timedelta
from decimal import Decimal

from clinical.protocols import (
    Comparison,
    Course,
    LadderPosition,
    Modality,
    Phase,
    ProtocolSettings,
    ProtocolTemplate,
    ScorePoint,
    Session,
    SessionStatus,
    ketamine_interval_extension,
)

SETTINGS = ProtocolSettings()
COURSE_START = date(2026, 1, 5)  # a Monday
RESPONSE_DAY = date(2026, 1, 16)


def course(
    *,
    phase: Phase = Phase.MAINTENANCE,
    template: ProtocolTemplate | None = None,
    position: LadderPosition | None = None,
    baseline: int | Decimal = 30,
    threshold: int | Decimal = 10,
    comparison: Comparison = Comparison.AT_OR_BELOW,
    scale: str = "MADRS",
    modality: Modality = Modality.IV_KETAMINE,
    **changes: object,
) -> Course:
    return Course(
        modality=modality,
        phase=phase,
        template=template or ketamine_interval_extension(),
        started_on=COURSE_START,
        acute_baseline=baseline,
        remission_threshold=threshold,
        remission_comparison=comparison,
        scale=scale,
        position=position,
        **changes,  # type: ignore[arg-type]
    )


def given(*days: date) -> list[Session]:
    return [Session(day) for day in days]


def missed(day: date) -> Session:
    return Session(day, SessionStatus.MISSED)


def cancelled(day: date) -> Session:
    return Session(day, SessionStatus.CANCELLED)


def scores(*points: tuple[date, int | Decimal]) -> list[ScorePoint]:
    return [ScorePoint(day, total) for day, total in points]


def every(start: date, days: int, count: int) -> list[date]:
    """`count` dates `days` apart after `start` (start itself not included)."""
    return [start + timedelta(days=days * k) for k in range(1, count + 1)]
