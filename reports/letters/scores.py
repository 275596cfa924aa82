"""Rating-scale scores as a letter states them: severity, percent change from baseline to
one decimal, response, remission, and the insurer's 50% criterion for further TMS. The
arithmetic and the thresholds are ``clinical.scales``'; this module only words them."""

from clinical.scales import (
    DEFAULT_SETTINGS,
    Instrument,
    ScaleSettings,
    get_instrument,
    is_remission,
    is_response,
    percent_change,
)
from clinical.scales.change import INSURER_TMS_INSTRUMENTS
from reports.letters.model import DatedScore, ScoreSeries
from reports.text import format_date


def instrument(series: ScoreSeries) -> Instrument:
    return get_instrument(series.instrument_code)


def scale_name(series: ScoreSeries) -> str:
    return instrument(series).short_name


def severity(series: ScoreSeries, total: int, settings: ScaleSettings = DEFAULT_SETTINGS) -> str:
    """The band a total falls in ("severe"), or "" for an instrument without bands."""
    for band in settings.bands_for(instrument(series)):
        if band.contains(total):
            return band.label
    return ""


def score_cell(
    series: ScoreSeries, score: DatedScore, settings: ScaleSettings = DEFAULT_SETTINGS
) -> str:
    """'38 (severe)' on one line, the date under it."""
    band = severity(series, score.total, settings)
    total = f"{score.total} ({band})" if band else str(score.total)
    return f"{total}\n{format_date(score.on)}"


def change_text(baseline: int, current: int) -> str:
    """'63.2% reduction', '12.5% increase', 'No change', or why there is no percent."""
    change = percent_change(baseline, current)
    if change.percent is None:
        return "Not calculable: the baseline is 0"
    if change.percent > 0:
        return f"{change.percent}% reduction"
    if change.percent < 0:
        return f"{-change.percent}% increase"
    return "No change"


def response_text(
    series: ScoreSeries, current: int, settings: ScaleSettings = DEFAULT_SETTINGS
) -> str:
    """'Response', 'Response; remission', 'No response' (response: a reduction of at least
    50% from baseline; remission: the instrument's own threshold)."""
    assert series.baseline is not None
    response = is_response(series.baseline.total, current)
    if response is None:
        return "Not assessable: the baseline is 0"
    text = "Response" if response else "No response"
    if is_remission(instrument(series), current, settings=settings):
        text += "; remission"
    return text


TMS_CRITERION_LEAD = "Criterion for further TMS:"


def tms_criterion(scores: tuple[ScoreSeries, ...]) -> str:
    """Seed 000: insurers approve further TMS on a reduction of at least 50% in the BDI-II
    and/or the HAM-D. The statement (to follow ``TMS_CRITERION_LEAD``) with each such scale
    that has a baseline and a current score; empty when there is none."""
    findings = []
    met_on = []
    for series in scores:
        if series.instrument_code not in INSURER_TMS_INSTRUMENTS:
            continue
        if series.baseline is None or series.current is None:
            continue
        name = scale_name(series)
        baseline, current = series.baseline, series.current
        response = is_response(baseline.total, current.total)
        if response:
            met_on.append(name)
        findings.append(
            f"The {name} went from {baseline.total} on {format_date(baseline.on)} to "
            f"{current.total} on {format_date(current.on)} "
            f"({change_text(baseline.total, current.total).lower()})."
        )
    if not findings:
        return ""
    rule = "A reduction of at least 50% from baseline on the BDI-II or the HAM-D."
    if met_on:
        verdict = f"The criterion is met on the {' and the '.join(met_on)}."
    else:
        verdict = "The criterion is not met on either scale."
    return " ".join((rule, *findings, verdict))
