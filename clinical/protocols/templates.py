"""The shape of a protocol template: plain, frozen data that a clinic copies and edits per patient.

A template is an induction (blocks of so many sessions a week) followed by a ladder of steps,
each an interval between treatments and how long to stay on it. Edit with
`dataclasses.replace` or `ProtocolTemplate.with_step`; the catalogue of seed templates is in
`clinical.protocols.catalogue`.
"""

from dataclasses import dataclass, replace

from clinical.protocols.enums import Modality, ProtocolKind


@dataclass(frozen=True)
class WeeklyBlock:
    """A run of `sessions` treatments at `per_week` a week, e.g. induction "3 a week" × 6.

    Weeks are 7-day windows from the block's first day; see `clinical.protocols.scheduling`
    for which days of each window are used.
    """

    label: str
    sessions: int
    per_week: int

    def __post_init__(self) -> None:
        if self.sessions < 1:
            raise ValueError(f"{self.label}: a block needs at least one session")
        if not 1 <= self.per_week <= 7:
            raise ValueError(f"{self.label}: sessions a week must be 1-7, not {self.per_week}")


@dataclass(frozen=True)
class LadderStep:
    """One rung: treat every `interval_days`, for a number of treatments or of calendar months.

    `treatments_required` counts treatments given at this interval before the step may extend
    (seed 002: "Allow 2-3 treatments at each interval"); `months` is a time-based step (the
    seed 002 taper: "Every 3 weeks × 3 months"). Neither: open-ended, the top of a ladder.
    """

    label: str
    interval_days: int
    treatments_required: int | None = None
    months: int | None = None

    def __post_init__(self) -> None:
        if self.interval_days < 1:
            raise ValueError(f"{self.label}: the interval must be at least 1 day")
        if self.treatments_required is not None and self.months is not None:
            raise ValueError(f"{self.label}: give a number of treatments or of months, not both")
        if self.treatments_required is not None and self.treatments_required < 1:
            raise ValueError(f"{self.label}: at least 1 treatment is required at a step")
        if self.months is not None and self.months < 1:
            raise ValueError(f"{self.label}: a time-based step lasts at least 1 month")

    @property
    def open_ended(self) -> bool:
        return self.treatments_required is None and self.months is None


@dataclass(frozen=True)
class ProtocolTemplate:
    """A protocol as data.

    `weekdays_only`: planned dates avoid Saturday and Sunday. `extend_requires_stability`: a
    step extends only when the last score meets seed 002's condition (remission, or at least
    50% below the acute baseline); the taper steps by time alone. `tracking_every_days`:
    how often the patient records symptoms between treatments (1 daily, 7 weekly).
    `review_every_days`: how often the frequency itself is reviewed (hybrid: monthly).
    """

    key: str
    name: str
    kind: ProtocolKind
    modality: Modality
    induction: tuple[WeeklyBlock, ...] = ()
    ladder: tuple[LadderStep, ...] = ()
    weekdays_only: bool = True
    extend_requires_stability: bool = True
    tracking_every_days: int | None = None
    review_every_days: int | None = None
    source: str = ""

    def __post_init__(self) -> None:
        for step in self.ladder[:-1]:
            if step.open_ended:
                raise ValueError(
                    f"{self.name}: only the last step may be open-ended ({step.label} is not last)"
                )

    @property
    def induction_sessions(self) -> int:
        return sum(block.sessions for block in self.induction)

    def with_step(self, index: int, **changes: object) -> "ProtocolTemplate":
        """A copy with one ladder step changed, e.g. `with_step(1, treatments_required=2)`."""
        steps = list(self.ladder)
        steps[index] = replace(steps[index], **changes)  # type: ignore[arg-type]
        return replace(self, ladder=tuple(steps))
