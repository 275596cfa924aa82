"""How one audit row is sealed: HMAC-SHA256 over the previous seal and the row's content."""

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

GENESIS_SEAL = "0" * 64

SEALED_FIELDS = (
    "id",
    "occurred_at",
    "user_id",
    "username",
    "role",
    "workstation",
    "patient_id",
    "action",
    "category",
    "object_type",
    "object_id",
    "prior_version",
    "detail",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def compute_seal(key: bytes, previous_seal: str, row: Any) -> str:
    content = {name: _canonical(getattr(row, name)) for name in SEALED_FIELDS}
    message = (
        previous_seal.encode()
        + json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    )
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def seals_match(expected: str, found: str) -> bool:
    return hmac.compare_digest(expected, found)
