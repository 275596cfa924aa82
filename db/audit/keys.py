"""Where the audit key and the chain's last link are kept: outside the database.

Both sit in the user's configuration folder (not beside the data), one pair per database,
named by the database's own identifier. The key seals every row; the anchor is a copy of
the newest seal, so a trail whose tail was cut off is caught too.
"""

import json
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from db.errors import ClinicError
from db.files import write_atomically

KEY_BYTES = 32


class AuditKeyMissingError(ClinicError):
    pass


@dataclass(frozen=True)
class Anchor:
    last_id: int
    seal: str


class AuditKeys:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # A letter batch commits from a worker thread while the window commits too: the
        # read-compare-write of the anchor must not interleave, or an older seal could win.
        self._anchor_lock = threading.Lock()

    def _key_file(self, database_uuid: str) -> Path:
        return self.folder / f"{database_uuid}.key"

    def _anchor_file(self, database_uuid: str) -> Path:
        return self.folder / f"{database_uuid}.anchor"

    def key(self, database_uuid: str, *, create: bool) -> bytes:
        path = self._key_file(database_uuid)
        if path.exists():
            return bytes.fromhex(path.read_text().strip())
        if not create:
            raise AuditKeyMissingError(
                "The audit key for this database is not on this computer, so the audit trail "
                f"cannot be sealed or checked. Copy the file {path.name} from the computer "
                f"that created the database into {self.folder}."
            )
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(KEY_BYTES)
        write_atomically(path, key.hex().encode())
        return key

    def anchor(self, database_uuid: str) -> Anchor | None:
        path = self._anchor_file(database_uuid)
        if not path.exists():
            return None
        values = json.loads(path.read_text())
        return Anchor(last_id=int(values["last_id"]), seal=str(values["seal"]))

    def move_anchor(self, database_uuid: str, anchor: Anchor, *, back: bool = False) -> None:
        """Keep the newest seal; only a restore (`back=True`) may set an older one."""
        with self._anchor_lock:
            current = self.anchor(database_uuid)
            if not back and current is not None and current.last_id >= anchor.last_id:
                return
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            payload = json.dumps({"last_id": anchor.last_id, "seal": anchor.seal}).encode()
            write_atomically(self._anchor_file(database_uuid), payload)
