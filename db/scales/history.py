"""A chart's results read as courses: baseline, change, response and remission per instrument.

The baseline is the instrument's first current result in the chart (the acute,
pre-treatment score); the arithmetic is `clinical.scales.change`. Superseded originals are
kept beside the course but never counted in it.
"""

from collections.abc import Sequence

from clinical.scales import (
    ScaleSettings,
    ScoreHistory,
    get_instrument,
    insurer_tms_criterion,
    list_instruments,
    summarise_course,
)
from clinical.scales.change import INSURER_TMS_INSTRUMENTS
from clinical.scales.tracking import change_unit, follows_response, higher_is_better
from db.scales.views import (
    BandView,
    HistoryPoint,
    InstrumentHistory,
    SafetyAlertView,
    ScaleHistory,
    ScaleResultView,
)


def build_history(
    patient_id: int,
    results: Sequence[ScaleResultView],
    alerts: Sequence[SafetyAlertView],
    settings: ScaleSettings,
) -> ScaleHistory:
    """Courses in picker order; an instrument the program no longer offers is left out."""
    instruments = []
    for instrument in list_instruments():
        mine = [r for r in results if r.instrument_code == instrument.code]
        if mine:
            instruments.append(_instrument_history(instrument.code, mine, settings))
    criterion_text, criterion_met = _insurer(instruments)
    return ScaleHistory(
        patient_id=patient_id,
        instruments=tuple(instruments),
        open_alerts=tuple(alert for alert in alerts if alert.is_open),
        addressed_alerts=tuple(alert for alert in alerts if not alert.is_open),
        insurer_criterion=criterion_text,
        insurer_criterion_met=criterion_met,
    )


def _instrument_history(
    code: str, results: list[ScaleResultView], settings: ScaleSettings
) -> InstrumentHistory:
    instrument = get_instrument(code)
    current = [r for r in results if not r.is_superseded]
    superseded = tuple(r for r in results if r.is_superseded)
    remission_rule = settings.resolve(instrument.remission) if instrument.remission else None
    common = {
        "instrument_code": code,
        "short_name": instrument.short_name,
        "name": instrument.name,
        "bands": tuple(BandView(b.low, b.high, b.label) for b in settings.bands_for(instrument)),
        "higher_is_better": higher_is_better(code),
        "change_unit": change_unit(code).value,
        "follows_response": follows_response(code),
        "remission_rule": remission_rule.describe() if remission_rule else "",
        "superseded": superseded,
    }
    if not instrument.has_total or not current:
        points = tuple(
            HistoryPoint(
                result=r,
                on=r.administered_at.astimezone().date(),
                is_baseline=index == 0,
                percent_change=None,
                change_reason=None,
                points_change=None,
                response=None,
                remission=None,
            )
            for index, r in enumerate(current)
        )
        return InstrumentHistory(max_total=None, baseline=None, points=points, **common)

    baseline = current[0].total
    assert baseline is not None  # a stored result with a total is complete
    dated = [(r.administered_at.astimezone().date(), r.total) for r in current]
    course = summarise_course(code, baseline, dated, settings=settings)  # type: ignore[arg-type]
    responding = follows_response(code)
    points = []
    for index, (result, point) in enumerate(zip(current, course.points, strict=True)):
        points.append(
            HistoryPoint(
                result=result,
                on=point.on,
                is_baseline=index == 0,
                percent_change=point.change.percent,
                change_reason=point.change.reason,
                points_change=point.total - baseline,
                response=point.response if responding else None,
                remission=point.remission if responding else None,
            )
        )
    return InstrumentHistory(
        max_total=instrument.max_total,
        baseline=baseline,
        points=tuple(points),
        first_response_on=course.first_response_on if responding else None,
        first_remission_on=course.first_remission_on if responding else None,
        nadir=course.nadir if responding else None,
        **common,
    )


def _insurer(instruments: list[InstrumentHistory]) -> tuple[str, bool | None]:
    """Seed 000's criterion for further TMS, when the chart has a BDI-II or HAM-D course."""
    histories = [
        ScoreHistory(
            h.instrument_code,
            h.baseline,
            [(p.on, p.total) for p in h.points[1:] if p.total is not None],
        )
        for h in instruments
        if h.instrument_code in INSURER_TMS_INSTRUMENTS and h.baseline is not None
    ]
    if not histories:
        return "", None
    criterion = insurer_tms_criterion(histories)
    return criterion.explanation, criterion.met
