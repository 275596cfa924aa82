"""What the monitoring rules need to know about one patient, as plain values.

The database gathers these; nothing here reads storage. Dates after the evaluation day are
ignored by `evaluate`, so a chart can be replayed as of any past day.
"""

from dataclasses import dataclass
from datetime import date

from clinical.monitoring.enums import CoursePhase, EventKind, Modality


@dataclass(frozen=True)
class ActiveCourse:
    """One active course. `first_treatment` is the course's first treatment (None until it
    is given); `planned_first_treatment` is the booked date of that first treatment.

    Kept per course rather than per patient so that a TMS patient who starts ketamine gets
    ketamine baselines before the first ketamine dose, not "overdue since" the TMS start.
    """

    modality: Modality
    phase: CoursePhase
    first_treatment: date | None = None
    planned_first_treatment: date | None = None


@dataclass(frozen=True)
class Completion:
    item_code: str
    on: date
    abnormal: bool = False


@dataclass(frozen=True)
class MonitoringEvent:
    kind: EventKind
    on: date
    detail: str = ""


@dataclass(frozen=True)
class Dismissal:
    """A clinician's decision to stop showing an item: until a date (a deferral, inclusive)
    or for good (`until` None). It holds only while the rule's fingerprint is unchanged, and
    an event after `recorded_on` raises the item again. A deferral is spent once the item is
    done on or after `recorded_on`; a permanent dismissal is not."""

    item_code: str
    recorded_on: date
    until: date | None
    reason: str
    rule_fingerprint: str

    @property
    def permanent(self) -> bool:
        return self.until is None


@dataclass(frozen=True)
class RemsForm:
    """A Spravato REMS patient monitoring form, for the session held on `session_on`."""

    session_on: date
    submitted_on: date


@dataclass(frozen=True)
class PatientFacts:
    courses: tuple[ActiveCourse, ...] = ()
    completions: tuple[Completion, ...] = ()
    events: tuple[MonitoringEvent, ...] = ()
    dismissals: tuple[Dismissal, ...] = ()
    esketamine_sessions: tuple[date, ...] = ()
    rems_forms: tuple[RemsForm, ...] = ()
