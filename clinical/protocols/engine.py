"""The next-booster proposal: one entry point, dispatching on the course's phase and protocol."""

from collections.abc import Sequence
from datetime import date

from clinical.protocols.breakthrough import decide_hybrid
from clinical.protocols.course import Course, ScorePoint, Session, TrackingPoint
from clinical.protocols.enums import Phase, ProtocolKind
from clinical.protocols.facts import Facts, gather
from clinical.protocols.holiday import decide_holiday
from clinical.protocols.induction import decide_induction
from clinical.protocols.ladder import decide_ladder
from clinical.protocols.proposal import Proposal
from clinical.protocols.relapse import decide_discontinued
from clinical.protocols.settings import ProtocolSettings
from clinical.protocols.symptom_trigger import decide_symptom_triggered
from clinical.protocols.taper import decide_taper


def propose_next_booster(
    course: Course,
    sessions: Sequence[Session],
    scores: Sequence[ScorePoint],
    today: date,
    settings: ProtocolSettings,
    *,
    tracking: Sequence[TrackingPoint] = (),
) -> Proposal:
    """What to do next for this course, from the treatments given and the scores so far.

    Run it after the day's treatment and score are recorded. Missed and cancelled sessions do
    not count; everything dated after `today` is ignored. The caller stores what the proposal
    says once the clinician accepts it: `phase`, `position` (on the taper ladder in a taper).
    """
    facts = gather(course, sessions, scores, tracking, today, settings)
    if course.phase is Phase.INDUCTION:
        return decide_induction(facts)
    if course.phase is Phase.MAINTENANCE:
        return _maintenance(facts)
    if course.phase is Phase.TAPER:
        return decide_taper(facts)
    if course.phase is Phase.DRUG_HOLIDAY:
        return decide_holiday(facts)
    return decide_discontinued(facts)


def _maintenance(facts: Facts) -> Proposal:
    kind = facts.course.template.kind
    if kind is ProtocolKind.HYBRID:
        return decide_hybrid(facts)
    if kind is ProtocolKind.SYMPTOM_TRIGGERED:
        return decide_symptom_triggered(facts)
    if kind is ProtocolKind.TAPER:
        raise ValueError("A taper template belongs in Course.taper and the TAPER phase.")
    return decide_ladder(facts)
