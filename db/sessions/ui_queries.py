"""Two small reads the session screens need beside `db.sessions.workflows`: the days of a
patient's signed sessions (the marks on the scales trend chart), and the rating scales
recorded at one session (shown on its form). Both are authorized; see each for its audit."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.models import ScaleResultRecord
from db.patients.repository import get_patient
from db.scales.repository import amendment_of, short_name
from db.sessions import repository


@dataclass(frozen=True)
class ScaleAtSession:
    """A rating scale given at a session, as its form lists it."""

    result_id: int
    short_name: str
    total: int | None
    band_label: str
    administered_at: datetime

    @property
    def text(self) -> str:
        score = "" if self.total is None else f" {self.total}"
        band = f" ({self.band_label.lower()})" if self.band_label else ""
        return f"{self.short_name}{score}{band} at {self.administered_at.astimezone():%H:%M}"


def patient_session_days(database: Database, actor: Actor, patient_id: int) -> list[date]:
    """The days of the patient's signed treatment sessions, oldest first.

    Authorized but not audited as a read of its own: the days are drawn only under the
    Scales tab's trend chart, whose read is audited once by `scale_history` ("rating
    scales"); a second row at every chart refresh would say nothing more."""
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.SESSIONS, patient_id)
    with database.reading() as session:
        get_patient(session, patient_id)
        return repository.session_days(session, patient_id)


def _as_it_stands(session: Session, row: ScaleResultRecord) -> ScaleResultRecord:
    """The latest amendment of a result (an amendment does not repeat the session link)."""
    while (later := amendment_of(session, row.id)) is not None:
        row = later
    return row


def scales_at_session(database: Database, actor: Actor, session_id: int) -> list[ScaleAtSession]:
    """The rating scales recorded at the session (a corrected one as it now stands)."""
    with database.reading() as session:
        patient_id = repository.get_session_row(session, session_id).patient_id
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.SESSIONS, patient_id)
    with database.transaction() as session:
        given = session.scalars(
            select(ScaleResultRecord)
            .where(ScaleResultRecord.session_id == session_id)
            .order_by(ScaleResultRecord.administered_at, ScaleResultRecord.id)
        ).all()
        rows = [_as_it_stands(session, row) for row in given]
        database.audit.record(
            session,
            actor,
            AuditAction.READ,
            AuditCategory.SESSIONS,
            patient_id=patient_id,
            object_type="treatment session",
            object_id=session_id,
            detail="rating scales given at the session",
        )
        return [
            ScaleAtSession(
                row.id,
                short_name(row.instrument_code),
                row.total,
                row.band_label,
                row.administered_at,
            )
            for row in rows
        ]
