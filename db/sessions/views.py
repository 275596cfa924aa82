"""What the screens give and receive about treatment sessions: plain values, no session."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from clinical.modality import Modality
from clinical.record.validation import Problem
from clinical.sessions import (
    DEFAULT_CEILING_MG_PER_KG,
    DEFAULT_THRESHOLDS,
    Breach,
    OverrideKey,
    OverrideRequest,
    PreDoseThresholds,
    SessionContent,
    SessionState,
    pre_dose_breaches,
    problems_before_signing,
    required_overrides,
)


@dataclass(frozen=True)
class AddendumView:
    id: int
    text: str
    reason: str
    author: str
    written_at: datetime


@dataclass(frozen=True)
class SessionView:
    """One session as a screen shows it, with the rules it is judged by (the clinic's
    thresholds and dose ceiling as they are now), so the form can warn as it is typed.

    `must_change` and `to_confirm` are the pre-fill's marks (`clinical.sessions.Prefill`):
    fields that start empty each time, and fields carried from the last session to confirm.
    """

    id: int
    version: int
    patient_id: int
    patient_name: str
    mrn: str
    date_of_birth: date
    course_id: int | None
    appointment_id: int | None
    modality: Modality
    session_on: date
    state: SessionState
    content: SessionContent
    overrides: Mapping[OverrideKey, str]
    thresholds: PreDoseThresholds
    ceiling_mg_per_kg: Decimal
    first_esketamine_session: bool
    created_by: str
    created_at: datetime
    updated_at: datetime
    signed_by: str = ""
    signed_at: datetime | None = None
    content_sha256: str = ""
    addenda: tuple[AddendumView, ...] = ()
    must_change: frozenset[str] = frozenset()
    to_confirm: frozenset[str] = frozenset()
    # Esketamine: the day the REMS monitoring form was submitted, if it has been.
    rems_submitted_on: date | None = None
    scale_name: str = ""

    @property
    def signed(self) -> bool:
        return self.state is SessionState.SIGNED

    @property
    def breaches(self) -> tuple[Breach, ...]:
        """Pre-dose readings past the clinic's limits (warn before dosing)."""
        return pre_dose_breaches(self.content.common.vitals_before, self.thresholds)

    @property
    def required_overrides(self) -> tuple[OverrideRequest, ...]:
        return required_overrides(
            self.content,
            self.modality,
            self.thresholds,
            self.ceiling_mg_per_kg,
            first_esketamine_session=self.first_esketamine_session,
        )

    def problems_with(
        self, content: SessionContent, overrides: Mapping[OverrideKey, str]
    ) -> list[Problem]:
        """What would stop `content` (the form as it stands) from being signed."""
        return problems_before_signing(
            content,
            self.modality,
            self.thresholds,
            self.ceiling_mg_per_kg,
            overrides,
            first_esketamine_session=self.first_esketamine_session,
        )

    @property
    def problems(self) -> list[Problem]:
        """What stops the saved draft from being signed."""
        return self.problems_with(self.content, self.overrides)


@dataclass(frozen=True)
class SessionSummary:
    """One line of a patient's session list, newest first."""

    id: int
    session_on: date
    modality: Modality
    state: SessionState
    dose_summary: str
    serious_side_effects: bool
    appointment_id: int | None
    signed_by: str = ""
    addenda: int = 0


@dataclass(frozen=True)
class RemsWorkItem:
    """A signed esketamine session whose REMS monitoring form is not yet submitted."""

    session_id: int
    patient_id: int
    patient_name: str
    mrn: str
    session_on: date
    due_on: date
    overdue: bool
    days_left: int  # negative once overdue


@dataclass(frozen=True)
class SessionSettings:
    """The clinic's pre-dose limits per modality and its ketamine dose ceiling."""

    thresholds: Mapping[Modality, PreDoseThresholds] = field(
        default_factory=lambda: dict(DEFAULT_THRESHOLDS)
    )
    ceiling_mg_per_kg: Decimal = DEFAULT_CEILING_MG_PER_KG

    def thresholds_for(self, modality: Modality) -> PreDoseThresholds:
        return self.thresholds.get(modality, DEFAULT_THRESHOLDS[modality])
