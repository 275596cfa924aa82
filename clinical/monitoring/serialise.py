"""Rules to and from plain, JSON-able dicts, for storing a clinic's own rules.

    {"code": "urinalysis", "title": "Urinalysis", "source": "...",
     "modalities": ["esketamine", "im_ketamine", "iv_ketamine"], "phases": null,
     "baseline_required": true,
     "schedule": {"kind": "interval", "earliest_months": 3, "latest_months": 6},
     "triggered_by": ["urinary_symptoms"],
     "triggered_by_abnormal": ["urological_symptom_inquiry"]}

Schedule kinds: interval, every_visit, per_session (with within_days), once, on_event. Lists
are sorted so that equal rules give equal dicts. Reading is strict: an unknown key, kind or
value raises ValueError naming it, so a damaged settings row is caught, not half-read.
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from clinical.monitoring.enums import CoursePhase, EventKind, Modality
from clinical.monitoring.rules import (
    EveryVisit,
    Interval,
    MonitoringRule,
    Once,
    OnEvent,
    PerSession,
    Schedule,
)

_RULE_KEYS = frozenset(
    {
        "code",
        "title",
        "source",
        "modalities",
        "phases",
        "baseline_required",
        "schedule",
        "triggered_by",
        "triggered_by_abnormal",
    }
)
_REQUIRED_KEYS = frozenset({"code", "title", "modalities", "schedule"})
_E = TypeVar("_E", Modality, CoursePhase, EventKind)


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    match schedule:
        case Interval(earliest_months=earliest, latest_months=latest):
            return {"kind": "interval", "earliest_months": earliest, "latest_months": latest}
        case PerSession(within_days=days):
            return {"kind": "per_session", "within_days": days}
        case EveryVisit():
            return {"kind": "every_visit"}
        case Once():
            return {"kind": "once"}
        case OnEvent():
            return {"kind": "on_event"}
    raise TypeError(f"Not a schedule: {schedule!r}")


def schedule_from_dict(data: Mapping[str, Any]) -> Schedule:
    kind = data.get("kind")
    fields = {key: value for key, value in data.items() if key != "kind"}
    expected: dict[str, frozenset[str]] = {
        "interval": frozenset({"earliest_months", "latest_months"}),
        "per_session": frozenset({"within_days"}),
        "every_visit": frozenset(),
        "once": frozenset(),
        "on_event": frozenset(),
    }
    if kind not in expected:
        raise ValueError(f"Unknown schedule kind {kind!r}.")
    if set(fields) != expected[kind]:
        raise ValueError(f"A {kind} schedule takes {sorted(expected[kind])}, not {sorted(fields)}.")
    for key, value in fields.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"Schedule field {key} must be a whole number, not {value!r}.")
    match kind:
        case "interval":
            return Interval(fields["earliest_months"], fields["latest_months"])
        case "per_session":
            return PerSession(fields["within_days"])
        case "every_visit":
            return EveryVisit()
        case "once":
            return Once()
    return OnEvent()


def rule_to_dict(rule: MonitoringRule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "title": rule.title,
        "source": rule.source,
        "modalities": sorted(m.value for m in rule.modalities),
        "phases": None if rule.phases is None else sorted(p.value for p in rule.phases),
        "baseline_required": rule.baseline_required,
        "schedule": schedule_to_dict(rule.schedule),
        "triggered_by": sorted(k.value for k in rule.triggered_by),
        "triggered_by_abnormal": sorted(rule.triggered_by_abnormal),
    }


def rule_from_dict(data: Mapping[str, Any]) -> MonitoringRule:
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise ValueError(f"Unknown rule field(s): {sorted(unknown)}.")
    missing = _REQUIRED_KEYS - set(data)
    if missing:
        raise ValueError(f"Rule is missing field(s): {sorted(missing)}.")
    baseline = data.get("baseline_required", False)
    if not isinstance(baseline, bool):
        raise ValueError(f"baseline_required must be true or false, not {baseline!r}.")
    phases = data.get("phases")
    return MonitoringRule(
        code=_text(data, "code"),
        title=_text(data, "title"),
        source=_text(data, "source") if "source" in data else "",
        modalities=_members(Modality, data["modalities"], "modality"),
        phases=None if phases is None else _members(CoursePhase, phases, "phase"),
        baseline_required=baseline,
        schedule=schedule_from_dict(data["schedule"]),
        triggered_by=_members(EventKind, data.get("triggered_by", []), "event kind"),
        triggered_by_abnormal=frozenset(
            _strings(data.get("triggered_by_abnormal", []), "triggered_by_abnormal")
        ),
    )


def rules_to_dicts(rules: Iterable[MonitoringRule]) -> list[dict[str, Any]]:
    return [rule_to_dict(rule) for rule in rules]


def rules_from_dicts(data: Iterable[Mapping[str, Any]]) -> tuple[MonitoringRule, ...]:
    rules = tuple(rule_from_dict(item) for item in data)
    codes = [rule.code for rule in rules]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ValueError(f"Item code(s) used by more than one rule: {duplicates}.")
    return rules


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text, not {value!r}.")
    return value


def _strings(values: Any, what: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{what} must be a list of text, not {values!r}.")
    return values


def _members(enum: type[_E], values: Any, what: str) -> frozenset[_E]:
    members = []
    for value in _strings(values, what):
        try:
            members.append(enum(value))
        except ValueError:
            raise ValueError(f"Unknown {what} {value!r}.") from None
    return frozenset(members)
