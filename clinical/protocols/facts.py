"""The inputs, sorted and cut at today, with the values several rules share."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from clinical.protocols.course import Course, ScorePoint, Session, TrackingPoint
from clinical.protocols.dates import clinic_day
from clinical.protocols.enums import SessionStatus
from clinical.protocols.measures import maintenance_nadir
from clinical.protocols.settings import ProtocolSettings


@dataclass(frozen=True)
class Facts:
    course: Course
    settings: ProtocolSettings
    today: date
    given: tuple[Session, ...]
    scores: tuple[ScorePoint, ...]
    tracking: tuple[TrackingPoint, ...]
    nadir: ScorePoint | None

    @property
    def given_dates(self) -> tuple[date, ...]:
        return tuple(session.on for session in self.given)

    @property
    def last_given(self) -> date | None:
        return self.given[-1].on if self.given else None

    def given_after(self, day: date) -> tuple[Session, ...]:
        return tuple(session for session in self.given if session.on > day)

    def latest_score_after(self, day: date) -> ScorePoint | None:
        later = [point for point in self.scores if point.on > day]
        return later[-1] if later else None

    def anchor(self, started_on: date) -> date:
        """The treatment the next interval counts from: the last one given, at or after the
        step's start."""
        last = self.last_given
        return started_on if last is None or last < started_on else last

    def due(self, anchor: date, interval_days: int) -> date:
        # The clinic's open days are the course template's, in the taper as well.
        weekdays_only = self.course.template.weekdays_only
        return clinic_day(anchor + timedelta(days=interval_days), weekdays_only)

    def next_date(self, anchor: date, interval_days: int) -> date:
        """The due date, or today when it has passed (an overdue treatment is offered now)."""
        return max(self.due(anchor, interval_days), self.today)

    def overdue_notes(self, anchor: date, interval_days: int) -> tuple[str, ...]:
        due = self.due(anchor, interval_days)
        if due >= self.today:
            return ()
        return (
            f"Overdue: due {due.isoformat()}, {interval_days} days after the treatment of "
            f"{anchor.isoformat()}.",
        )


def gather(
    course: Course,
    sessions: Sequence[Session],
    scores: Sequence[ScorePoint],
    tracking: Sequence[TrackingPoint],
    today: date,
    settings: ProtocolSettings,
) -> Facts:
    """Missed and cancelled sessions do not count, nor anything dated after today."""
    given = sorted(
        (s for s in sessions if s.status is SessionStatus.GIVEN and s.on <= today),
        key=lambda s: s.on,
    )
    known_scores = sorted((p for p in scores if p.on <= today), key=lambda p: p.on)
    known_tracking = sorted((p for p in tracking if p.on <= today), key=lambda p: p.on)
    return Facts(
        course=course,
        settings=settings,
        today=today,
        given=tuple(given),
        scores=tuple(known_scores),
        tracking=tuple(known_tracking),
        nadir=maintenance_nadir(known_scores, course, settings.response_pct),
    )
