"""A clinic's rule set: the shipped defaults with the clinic's own changes laid over them."""

from collections.abc import Iterable

from clinical.monitoring.rules import MonitoringRule


def with_overrides(
    defaults: Iterable[MonitoringRule],
    replaced: Iterable[MonitoringRule] = (),
    removed: Iterable[str] = (),
) -> tuple[MonitoringRule, ...]:
    """Defaults in their order, each replaced by the clinic's rule of the same code; clinic
    rules with new codes follow; codes in `removed` are left out.

    Storing changes rather than a full copy lets a later release add a default rule that
    the clinic has not touched.
    """
    by_code = {rule.code: rule for rule in replaced}
    gone = set(removed)
    result: list[MonitoringRule] = []
    seen: set[str] = set()
    for rule in defaults:
        seen.add(rule.code)
        if rule.code not in gone:
            result.append(by_code.get(rule.code, rule))
    result.extend(rule for code, rule in by_code.items() if code not in seen | gone)
    return tuple(result)
