"""What the engine answers: one action, the next date, and why."""

from dataclasses import dataclass
from datetime import date

from clinical.protocols.course import LadderPosition
from clinical.protocols.enums import Action, Phase
from clinical.protocols.templates import LadderStep


@dataclass(frozen=True)
class Proposal:
    """A proposal for the clinician to accept or change.

    `rule` is a short stable id of the rule that fired (e.g. "seed002.extend"); `reason` is a
    sentence for the visit note naming the rule's numbers. `phase`, `position` and `step` are
    where the course stands once the proposal is accepted (`position` is on the taper ladder
    when `phase` is TAPER). `proposed_date` is the next treatment, never before today, or None
    when none is scheduled; `anchor` is the treatment the interval counts from.
    """

    action: Action
    rule: str
    reason: str
    phase: Phase
    proposed_date: date | None = None
    interval_days: int | None = None
    position: LadderPosition | None = None
    step: LadderStep | None = None
    anchor: date | None = None
    notes: tuple[str, ...] = ()
