"""Check the whole chain: every seal, every link, and the anchor kept outside the database."""

from dataclasses import dataclass

from sqlalchemy import select

from db.audit.keys import Anchor, AuditKeys
from db.audit.seal import GENESIS_SEAL, compute_seal, seals_match
from db.database import Database
from db.models import AuditEvent, DatabaseIdentity


@dataclass(frozen=True)
class ChainReport:
    rows_checked: int
    first_bad_id: int | None
    problem: str

    @property
    def intact(self) -> bool:
        return self.first_bad_id is None


def _fault(
    row: AuditEvent, expected_id: int, previous_seal: str, key: bytes, anchor: Anchor | None
) -> str | None:
    if row.id != expected_id:
        return f"row {expected_id} is missing before row {row.id}"
    if not seals_match(previous_seal, row.previous_seal):
        return f"row {row.id} does not follow the row before it"
    if not seals_match(compute_seal(key, previous_seal, row), row.seal):
        return f"row {row.id} was changed after it was written"
    if anchor is not None and row.id == anchor.last_id and not seals_match(anchor.seal, row.seal):
        return f"row {row.id} differs from the copy kept outside the database"
    return None


def verify_chain(database: Database, keys: AuditKeys) -> ChainReport:
    with database.reading() as session:
        database_uuid = session.scalar(select(DatabaseIdentity.database_uuid))
        if database_uuid is None:
            return ChainReport(0, None, "")
        key = keys.key(database_uuid, create=False)
        anchor = keys.anchor(database_uuid)
        previous_seal = GENESIS_SEAL
        checked = 0
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(2000)
        for row in rows:
            fault = _fault(row, checked + 1, previous_seal, key, anchor)
            if fault is not None:
                return ChainReport(checked, min(row.id, checked + 1), fault)
            previous_seal = row.seal
            checked += 1
        if anchor is not None and checked < anchor.last_id:
            return ChainReport(
                checked,
                checked + 1,
                f"the trail ends at row {checked} but row {anchor.last_id} was written: "
                "rows were removed from the end",
            )
        return ChainReport(checked, None, "")
