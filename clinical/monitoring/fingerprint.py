"""A short, stable hash of what a rule decides, so a dismissal lapses when the rule changes.

The fingerprint covers everything that decides when and for whom the item is due: code,
modalities, phases, baseline, schedule and triggers. It leaves out the title and source, so
rewording a rule does not bring back every item clinicians have dismissed. It is computed
from the canonical dict of `serialise` (sorted keys and lists), so it does not depend on
set order, the Python version or the process, and can be stored beside a dismissal.
"""

import hashlib
import json
from functools import cache

from clinical.monitoring.rules import MonitoringRule
from clinical.monitoring.serialise import rule_to_dict

_FORMAT = "monitoring-rule/1"
_WORDING_KEYS = ("title", "source")


@cache
def rule_fingerprint(rule: MonitoringRule) -> str:
    content = rule_to_dict(rule)
    for key in _WORDING_KEYS:
        del content[key]
    text = json.dumps([_FORMAT, content], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
