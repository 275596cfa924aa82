"""A record's values as JSON text: the 'prior version' an audit row keeps for a change."""

import json
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import inspect

_LEFT_OUT = {"id", "password_hash"}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(row: Any) -> str:
    """Column values of an ORM row as they stand now, as sorted JSON."""
    values = {
        column.key: _plain(getattr(row, column.key))
        for column in inspect(row).mapper.column_attrs
        if column.key not in _LEFT_OUT
    }
    return json.dumps(values, sort_keys=True, ensure_ascii=False)
