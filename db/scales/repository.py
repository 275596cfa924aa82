"""Queries on scale results and safety alerts. Takes a session; never commits."""

import json
from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from clinical.scales import get_instrument
from db.errors import RecordNotFoundError
from db.models import SafetyAlert, ScaleResultRecord
from db.scales.views import AlertStatus, Answer, SafetyAlertView, ScaleResultView

NOT_IN_CHART = "That scale result is no longer in this patient's chart."


def encode_answers(answers: dict[str, Answer]) -> str:
    return json.dumps(answers, ensure_ascii=False)


def decode_answers(text: str) -> tuple[tuple[str, Answer], ...]:
    return tuple(json.loads(text).items())


def short_name(code: str) -> str:
    try:
        return get_instrument(code).short_name
    except ValueError:
        return code


def get_result(session: Session, patient_id: int, result_id: int) -> ScaleResultRecord:
    row = session.get(ScaleResultRecord, result_id)
    if row is None or row.patient_id != patient_id:
        raise RecordNotFoundError(NOT_IN_CHART)
    return row


def amendment_of(session: Session, result_id: int) -> ScaleResultRecord | None:
    return session.scalar(
        select(ScaleResultRecord).where(ScaleResultRecord.supersedes_id == result_id)
    )


def result_view(row: ScaleResultRecord, superseded_by_id: int | None = None) -> ScaleResultView:
    return ScaleResultView(
        id=row.id,
        patient_id=row.patient_id,
        instrument_code=row.instrument_code,
        short_name=short_name(row.instrument_code),
        rule_version=row.rule_version,
        administered_at=row.administered_at,
        self_report=row.self_report,
        rater_name=row.rater_name,
        answers=decode_answers(row.answers_json),
        education_years=row.education_years,
        total=row.total,
        raw_total=row.raw_total,
        band_label=row.band_label,
        risk_level=row.risk_level.value if row.risk_level else "",
        complete=row.complete,
        safety_flagged=row.safety_flagged,
        summary=row.summary,
        entered_by_name=row.entered_by_name,
        entered_at=row.entered_at,
        supersedes_id=row.supersedes_id,
        amendment_reason=row.amendment_reason,
        superseded_by_id=superseded_by_id,
    )


def patient_results(session: Session, patient_id: int) -> list[ScaleResultView]:
    """Every result in the chart, originals and amendments, oldest administration first."""
    rows = session.scalars(
        select(ScaleResultRecord)
        .where(ScaleResultRecord.patient_id == patient_id)
        .order_by(ScaleResultRecord.administered_at, ScaleResultRecord.id)
    ).all()
    superseded_by = {row.supersedes_id: row.id for row in rows if row.supersedes_id is not None}
    return [result_view(row, superseded_by.get(row.id)) for row in rows]


def _alert_query() -> Select:
    result = aliased(ScaleResultRecord)
    screener = aliased(ScaleResultRecord)
    return (
        select(SafetyAlert, result.instrument_code, result.administered_at, screener.summary)
        .join(result, SafetyAlert.scale_result_id == result.id)
        .outerjoin(screener, SafetyAlert.screener_result_id == screener.id)
        .order_by(SafetyAlert.raised_at, SafetyAlert.id)
    )


def _alert_views(session: Session, query: Select) -> tuple[SafetyAlertView, ...]:
    views = []
    for alert, code, administered_at, screener_summary in session.execute(query):
        views.append(alert_view(alert, code, administered_at, screener_summary or ""))
    return tuple(views)


def alert_view(
    alert: SafetyAlert, instrument_code: str, administered_at, screener_summary: str = ""
) -> SafetyAlertView:
    return SafetyAlertView(
        id=alert.id,
        version=alert.version,
        patient_id=alert.patient_id,
        scale_result_id=alert.scale_result_id,
        instrument_code=instrument_code,
        short_name=short_name(instrument_code),
        item_key=alert.item_key,
        item_value=alert.item_value,
        message=alert.message,
        administered_at=administered_at,
        raised_at=alert.raised_at,
        status=alert.status,
        screener_result_id=alert.screener_result_id,
        screener_summary=screener_summary,
        screener_note=alert.screener_note,
        safety_plan=alert.safety_plan,
        action=alert.action,
        addressed_by_name=alert.addressed_by_name,
        addressed_at=alert.addressed_at,
    )


def alerts(
    session: Session, patient_id: int | None, status: AlertStatus | None = None
) -> tuple[SafetyAlertView, ...]:
    """Alerts of one patient (or the whole clinic), oldest first."""
    query = _alert_query()
    if patient_id is not None:
        query = query.where(SafetyAlert.patient_id == patient_id)
    if status is not None:
        query = query.where(SafetyAlert.status == status)
    return _alert_views(session, query)


def alerts_by_id(session: Session, alert_ids: Sequence[int]) -> tuple[SafetyAlertView, ...]:
    return _alert_views(session, _alert_query().where(SafetyAlert.id.in_(alert_ids)))


def alerts_on_results(session: Session, result_ids: Sequence[int]) -> list[SafetyAlert]:
    return list(
        session.scalars(select(SafetyAlert).where(SafetyAlert.scale_result_id.in_(result_ids)))
    )
