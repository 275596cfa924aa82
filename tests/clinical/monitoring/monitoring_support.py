"""Small builders the monitoring tests share (not a test module)."""

from datetime import date

from clinical.monitoring import (
    SEED_DEFAULT_RULES,
    ActiveCourse,
    Completion,
    CoursePhase,
    ItemStatus,
    Modality,
    MonitoringRule,
    PatientFacts,
    evaluate,
)

DEFAULTS: dict[str, MonitoringRule] = {rule.code: rule for rule in SEED_DEFAULT_RULES}


def rule(code: str) -> MonitoringRule:
    return DEFAULTS[code]


def course(
    modality: Modality = Modality.IV_KETAMINE,
    first: date | None = None,
    *,
    phase: CoursePhase = CoursePhase.MAINTENANCE,
    planned: date | None = None,
) -> ActiveCourse:
    return ActiveCourse(modality, phase, first, planned)


def facts(*courses: ActiveCourse, **values: object) -> PatientFacts:
    return PatientFacts(courses=courses, **values)  # type: ignore[arg-type]


def done(code: str, day: date, *, abnormal: bool = False) -> Completion:
    return Completion(code, day, abnormal)


def statuses(
    patient: PatientFacts, as_of: date, rules: tuple[MonitoringRule, ...] = SEED_DEFAULT_RULES
) -> dict[str, ItemStatus]:
    return {status.item_code: status for status in evaluate(rules, patient, as_of)}


def status(
    code: str,
    patient: PatientFacts,
    as_of: date,
    rules: tuple[MonitoringRule, ...] = SEED_DEFAULT_RULES,
) -> ItemStatus:
    return statuses(patient, as_of, rules)[code]
