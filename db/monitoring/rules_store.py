"""The clinic's monitoring rules: the shipped defaults with the clinic's changes over them.

Stored as one clinic setting (`monitoring_rules`): the rules the clinic changed or added, as
`clinical.monitoring.serialise` dicts, and the codes of default items it does not use.
Storing changes, not a full copy, lets a later release add a default the clinic has not
touched. Takes a session; never commits.
"""

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    MonitoringRule,
    rule_to_dict,
    rules_from_dicts,
    rules_to_dicts,
    with_overrides,
)
from db.models import ClinicSetting

RULES_KEY = "monitoring_rules"
# Bump when what the due table stores for a rule changes (columns, wording), so every
# database works its table out again on first use.
DUE_TABLE_FORMAT = "monitoring-due/1"


def _stored(session: Session) -> dict[str, Any]:
    row = session.get(ClinicSetting, RULES_KEY)
    return json.loads(row.value_json) if row is not None else {}


def clinic_changes(session: Session) -> tuple[tuple[MonitoringRule, ...], frozenset[str]]:
    """(rules the clinic changed or added, codes of default items it does not use)."""
    stored = _stored(session)
    replaced = rules_from_dicts(stored.get("replaced", []))
    return replaced, frozenset(stored.get("removed", []))


def clinic_rules(session: Session) -> tuple[MonitoringRule, ...]:
    """The rules in force: defaults in their order, the clinic's changes laid over them."""
    replaced, removed = clinic_changes(session)
    return with_overrides(SEED_DEFAULT_RULES, replaced, removed)


def encode_changes(rules: Sequence[MonitoringRule], removed: Iterable[str]) -> str:
    """What to store for `rules` (every rule the clinic keeps, changed or not) and the
    default codes it does not use: only the rules that differ from their default."""
    defaults = {rule.code: rule_to_dict(rule) for rule in SEED_DEFAULT_RULES}
    replaced = [rule for rule in rules if defaults.get(rule.code) != rule_to_dict(rule)]
    gone = sorted(set(removed) & set(defaults))
    return json.dumps(
        {"replaced": rules_to_dicts(replaced), "removed": gone},
        sort_keys=True,
        ensure_ascii=False,
    )


def rules_hash(rules: Sequence[MonitoringRule]) -> str:
    """Identifies a rule set, wording included (the due table stores titles and reasons)."""
    text = json.dumps([DUE_TABLE_FORMAT, rules_to_dicts(rules)], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
