"""What an annual review decides about the maintenance treatment (seed 002, "Annually":
continuation versus transition; "Transitioning to Other Treatments")."""

from enum import StrEnum


class ReviewDecision(StrEnum):
    CONTINUE = "continue"
    EXTEND_INTERVAL = "extend_interval"
    TAPER = "taper"
    TRANSITION = "transition"
    STOP = "stop"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ReviewDecision.CONTINUE: "Continue at the current interval",
    ReviewDecision.EXTEND_INTERVAL: "Extend the interval",
    ReviewDecision.TAPER: "Taper",
    ReviewDecision.TRANSITION: "Transition to another treatment",
    ReviewDecision.STOP: "Stop",
}
