"""A session's content to and from JSON-safe dicts: a draft is stored as JSON and read
back equal. Decimals travel as strings (never floats), times as 'HH:MM[:SS]', enums as
their values, sets as sorted lists; the modality details carry a 'kind' tag."""

import dataclasses
import types
import typing
from datetime import time
from decimal import Decimal
from enum import Enum
from typing import Any

from clinical.sessions.content import (
    EsketamineDetails,
    KetamineDetails,
    ModalityDetails,
    SessionContent,
    TmsDetails,
)

FORMAT_VERSION = 1

_KINDS: dict[str, type[ModalityDetails]] = {
    "ketamine": KetamineDetails,
    "esketamine": EsketamineDetails,
    "tms": TmsDetails,
}
_KIND_OF = {cls: kind for kind, cls in _KINDS.items()}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(_encode(item) for item in value)
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        encoded = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if type(value) in _KIND_OF:
            encoded["kind"] = _KIND_OF[type(value)]
        return encoded
    raise TypeError(f"cannot encode {type(value).__name__}")


def content_to_dict(content: SessionContent) -> dict[str, Any]:
    encoded = _encode(content)
    encoded["format"] = FORMAT_VERSION
    return encoded


def _decode(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(hint)
        if raw is None and type(None) in members:
            return None
        if isinstance(raw, dict) and "kind" in raw:
            return _decode_dataclass(_KINDS[raw["kind"]], raw)
        (inner,) = [m for m in members if m is not type(None)]
        return _decode(inner, raw)
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        return tuple(_decode(inner, item) for item in raw)
    if origin is frozenset:
        inner = typing.get_args(hint)[0]
        return frozenset(_decode(inner, item) for item in raw)
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return _decode_dataclass(hint, raw)
        if issubclass(hint, Enum):
            return hint(raw)
        if hint is Decimal:
            return Decimal(raw)
        if hint is time:
            return time.fromisoformat(raw)
        if hint is bool:
            if not isinstance(raw, bool):
                raise ValueError("expected true or false")
            return raw
        if hint is int:
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise ValueError("expected a whole number")
            return raw
        if hint is str:
            if not isinstance(raw, str):
                raise ValueError("expected text")
            return raw
    raise TypeError(f"cannot decode {hint!r}")


def _decode_dataclass(cls: Any, raw: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    values = {
        f.name: _decode(hints[f.name], raw[f.name])
        for f in dataclasses.fields(cls)
        if f.name in raw
    }
    return cls(**values)


def content_from_dict(raw: dict[str, Any]) -> SessionContent:
    """The content back from `content_to_dict`; a field it lacks takes its default, so a
    draft written by an earlier release still opens. Raises ValueError on a damaged one."""
    try:
        return typing.cast(SessionContent, _decode_dataclass(SessionContent, raw))
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise ValueError("The stored session content could not be read.") from error
