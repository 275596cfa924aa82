"""Seed 002, "Managing Suspected Tolerance", from what is recorded after each treatment.

| Presentation                              | Strategy                                 |
| Gradual response diminution               | Shorten interval before increasing dose  |
| Maintained peak effect, shorter duration  | Increase frequency                       |
| Reduced peak effect                       | Consider dose increase or drug holiday   |
| Complete loss of response                 | Drug holiday, then reassess              |

Detected from `Session.days_of_benefit` and `Session.peak_score` over the last
`settings.tolerance_window` (2) treatments that recorded them:
- complete loss: every one of them did nothing: 0 days of benefit, or a best score not in
  remission and less than `no_effect_pct` (25%) below the acute baseline;
- reduced peak: every best score short of response (not in remission, less than 50% below
  the acute baseline);
- response lasting fewer days than the interval, on the treatments at the current step:
  "maintained peak, shorter duration" when each of them also recorded a best score at
  response level, otherwise "gradual diminution". Both shorten the interval. A shrinking
  benefit that still covers the interval is left alone: the score rules catch its effect.
"""

from dataclasses import dataclass
from datetime import date

from clinical.protocols.course import Course, Session
from clinical.protocols.enums import TolerancePattern
from clinical.protocols.measures import course_remission, meets, percent_below
from clinical.protocols.settings import ProtocolSettings
from clinical.protocols.wording import num, pct


@dataclass(frozen=True)
class ToleranceFinding:
    pattern: TolerancePattern
    evidence: str


def _had_no_effect(session: Session, course: Course, settings: ProtocolSettings) -> bool:
    if session.days_of_benefit == 0:
        return True
    peak = session.peak_score
    return (
        peak is not None
        and not course_remission(course, peak)
        and percent_below(course.acute_baseline, peak) < settings.no_effect_pct
    )


def _effect_text(session: Session, course: Course) -> str:
    if session.days_of_benefit == 0 or session.peak_score is None:
        return f"{session.on.isoformat()}: {session.days_of_benefit} days of benefit"
    below = percent_below(course.acute_baseline, session.peak_score)
    change = f"{pct(below)} below" if below >= 0 else f"{pct(-below)} above"
    return (
        f"{session.on.isoformat()}: best {course.scale} {num(session.peak_score)}, "
        f"{change} the acute baseline of {num(course.acute_baseline)}"
    )


def peak_finding(
    given: tuple[Session, ...], course: Course, settings: ProtocolSettings
) -> ToleranceFinding | None:
    """Complete loss or reduced peak, from the most recent treatments with a record."""
    window = settings.tolerance_window
    recorded = [s for s in given if s.days_of_benefit is not None or s.peak_score is not None]
    recent = recorded[-window:]
    if len(recent) == window and all(_had_no_effect(s, course, settings) for s in recent):
        details = "; ".join(_effect_text(s, course) for s in recent)
        return ToleranceFinding(
            TolerancePattern.COMPLETE_LOSS,
            f"no effect from the last {window} treatments ({details})",
        )
    peaks = [s.peak_score for s in given if s.peak_score is not None][-window:]
    if len(peaks) == window and not any(meets(course, p, settings.response_pct) for p in peaks):
        values = " and ".join(num(p) for p in peaks)
        return ToleranceFinding(
            TolerancePattern.REDUCED_PEAK,
            f"the best {course.scale} after each of the last {window} treatments ({values}) "
            f"fell short of response (remission, or {num(settings.response_pct)}% below the "
            f"acute baseline of {num(course.acute_baseline)})",
        )
    return None


def duration_finding(
    given: tuple[Session, ...],
    step_started_on: date,
    interval_days: int,
    course: Course,
    settings: ProtocolSettings,
) -> ToleranceFinding | None:
    """Benefit shorter than the interval after the last treatments at the current step."""
    window = settings.tolerance_window
    at_step = [s for s in given if s.on > step_started_on and s.days_of_benefit is not None]
    recent = at_step[-window:]
    benefit = [s.days_of_benefit for s in recent if s.days_of_benefit is not None]
    if len(benefit) < window or any(days >= interval_days for days in benefit):
        return None
    days = " and ".join(str(d) for d in benefit)
    evidence = (
        f"benefit lasted {days} days after the last {window} treatments, "
        f"less than the {interval_days}-day interval"
    )
    peak_kept = all(
        s.peak_score is not None and meets(course, s.peak_score, settings.response_pct)
        for s in recent
    )
    pattern = (
        TolerancePattern.SHORTER_DURATION if peak_kept else TolerancePattern.GRADUAL_DIMINUTION
    )
    return ToleranceFinding(pattern, evidence)
