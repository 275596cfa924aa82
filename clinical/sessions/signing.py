"""What must be true before a session is signed, in a clinician's words.

Each Problem names a stable field the screens map to a widget: the attribute's name in the
content, with the common part's sub-records dotted ('vitals_before.systolic',
'response.response', 'side_effects.seizure', 'lot_number', 'weight_kg') and a missing
override reason as 'override.<key>' (`OverrideKey.field`).
"""

from decimal import Decimal

from clinical.modality import KETAMINE_MODALITIES, Modality
from clinical.record.validation import Problem
from clinical.sessions import dose as doses
from clinical.sessions.content import (
    CommonContent,
    EsketamineDetails,
    KetamineDetails,
    SessionContent,
    TmsDetails,
    details_type,
)
from clinical.sessions.enums import DoseBasis, Route
from clinical.sessions.overrides import OverrideKey, OverrideRequest, Overrides
from clinical.sessions.side_effects import effects_for, serious
from clinical.sessions.thresholds import PreDoseThresholds, pre_dose_breaches
from clinical.sessions.vitals import SPO2_RANGE, VitalSigns, vitals_problems

# REMS: "monitor for at least 2 hours" (clinical-reference.md section 2, Esketamine).
MIN_ESKETAMINE_MONITORING_MINUTES = 120
MAX_DAYS_OF_BENEFIT = 365
MAX_TEXT = 2000


def required_overrides(
    content: SessionContent,
    modality: Modality,
    thresholds: PreDoseThresholds,
    ceiling_mg_per_kg: Decimal,
    *,
    first_esketamine_session: bool = False,
) -> tuple[OverrideRequest, ...]:
    """Every warning the content raises that needs a reason: pre-dose readings past the
    clinic's limits, a ketamine dose above the ceiling, a first esketamine dose other than
    56 mg, esketamine monitoring shorter than two hours."""
    requests = [
        OverrideRequest(OverrideKey(breach.kind.value), breach.message)
        for breach in pre_dose_breaches(content.common.vitals_before, thresholds)
    ]
    details = content.details
    if (
        isinstance(details, KetamineDetails)
        and details.dose_mg_per_kg is not None
        and doses.above_ceiling(details.dose_mg_per_kg, ceiling_mg_per_kg)
    ):
        requests.append(
            OverrideRequest(
                OverrideKey.DOSE_CEILING,
                f"A dose of {details.dose_mg_per_kg} mg/kg is above the clinic's ceiling of "
                f"{ceiling_mg_per_kg} mg/kg.",
            )
        )
    if isinstance(details, EsketamineDetails):
        if doses.first_dose_needs_reason(details.dose_mg, first_esketamine_session):
            requests.append(
                OverrideRequest(
                    OverrideKey.FIRST_ESKETAMINE_DOSE,
                    f"This is the patient's first esketamine session: the label starts at "
                    f"{doses.ESKETAMINE_FIRST_DOSE_MG} mg, not {details.dose_mg} mg.",
                )
            )
        minutes = details.monitoring_minutes
        if minutes is not None and 0 <= minutes < MIN_ESKETAMINE_MONITORING_MINUTES:
            requests.append(
                OverrideRequest(
                    OverrideKey.SHORT_MONITORING,
                    f"Monitoring lasted {minutes} minutes; the REMS asks for at least "
                    f"{MIN_ESKETAMINE_MONITORING_MINUTES}.",
                )
            )
    return tuple(requests)


def problems_before_signing(
    content: SessionContent,
    modality: Modality,
    thresholds: PreDoseThresholds,
    ceiling_mg_per_kg: Decimal,
    overrides: Overrides,
    *,
    first_esketamine_session: bool = False,
) -> list[Problem]:
    """Everything missing or wrong; an empty list means the session may be signed."""
    problems = _common_problems(content.common, modality)
    details = content.details
    if not isinstance(details, details_type(modality)):
        problems.append(Problem("details", f"This is not a {modality.label} session's record."))
    elif isinstance(details, KetamineDetails):
        problems += _ketamine_problems(details, modality)
    elif isinstance(details, EsketamineDetails):
        problems += _esketamine_problems(details)
    elif isinstance(details, TmsDetails):
        problems += _tms_problems(details)
    for request in required_overrides(
        content,
        modality,
        thresholds,
        ceiling_mg_per_kg,
        first_esketamine_session=first_esketamine_session,
    ):
        if not overrides.get(request.key, "").strip():
            problems.append(
                Problem(request.key.field, f"{request.message} Give the reason for going ahead.")
            )
    return problems


def _vitals_required(vitals: VitalSigns, prefix: str, what: str, spo2: bool) -> list[Problem]:
    problems = []
    if not vitals.has_blood_pressure:
        problems.append(Problem(f"{prefix}.systolic", f"Enter the blood pressure {what}."))
    if vitals.heart_rate is None:
        problems.append(Problem(f"{prefix}.heart_rate", f"Enter the heart rate {what}."))
    if spo2 and vitals.spo2 is None:
        problems.append(Problem(f"{prefix}.spo2", f"Enter the oxygen saturation {what}."))
    return problems


def _common_problems(common: CommonContent, modality: Modality) -> list[Problem]:
    ketamine = modality in KETAMINE_MODALITIES
    problems = _vitals_required(common.vitals_before, "vitals_before", "before dosing", ketamine)
    if modality in (Modality.IV_KETAMINE, Modality.ESKETAMINE):
        during = (
            "about 40 minutes after dosing"
            if modality is Modality.ESKETAMINE
            else "during the infusion"
        )
        if not common.vitals_during.has_blood_pressure:
            problems.append(
                Problem("vitals_during.systolic", f"Enter the blood pressure {during}.")
            )
    problems += _vitals_required(common.vitals_after, "vitals_after", "before leaving", False)
    for prefix in ("vitals_before", "vitals_during", "vitals_after"):
        problems += vitals_problems(getattr(common, prefix), prefix)
    for effect in effects_for(modality):
        answer = common.side_effects.answer(effect)
        if answer is None:
            problems.append(
                Problem(
                    f"side_effects.{effect.value}",
                    f"Answer the side-effect review: {effect.label}.",
                )
            )
        elif serious(answer) and not answer.note.strip():
            problems.append(
                Problem(
                    f"side_effects.{effect.value}",
                    f"{effect.label} ({answer.severity.label.lower()}) is a serious event: "
                    "describe it and what was done.",
                )
            )
        elif len(answer.note) > MAX_TEXT:
            problems.append(
                Problem(
                    f"side_effects.{effect.value}",
                    f"The note is longer than {MAX_TEXT} characters.",
                )
            )
    if common.substance_screen is None:
        problems.append(Problem("substance_screen", "Record the substance-use screen."))
    if common.response.response is None:
        problems.append(Problem("response.response", "Record the response since the last session."))
    days = common.response.days_of_benefit
    if days is not None and not 0 <= days <= MAX_DAYS_OF_BENEFIT:
        problems.append(
            Problem(
                "response.days_of_benefit",
                f"Days of benefit must be between 0 and {MAX_DAYS_OF_BENEFIT}.",
            )
        )
    peak = common.response.peak_score
    if peak is not None and peak < 0:
        problems.append(Problem("response.peak_score", "A score cannot be below zero."))
    for name, text in (
        ("substance_note", common.substance_note),
        ("response.functional_note", common.response.functional_note),
        ("note", common.note),
    ):
        if len(text) > MAX_TEXT:
            problems.append(Problem(name, f"The text is longer than {MAX_TEXT} characters."))
    return problems


def _ketamine_problems(details: KetamineDetails, modality: Modality) -> list[Problem]:
    problems = []
    weight = details.weight_kg
    if weight is None:
        problems.append(Problem("weight_kg", "Enter the patient's weight today."))
    elif not doses.weight_plausible(weight):
        problems.append(
            Problem("weight_kg", f"A weight of {weight} kg is not plausible. Check it.")
        )
    per_kg, total = details.dose_mg_per_kg, details.dose_total_mg
    typed = per_kg if details.dose_basis is DoseBasis.MG_PER_KG else total
    if typed is None or per_kg is None or total is None:
        problems.append(
            Problem(
                "dose_mg_per_kg" if details.dose_basis is DoseBasis.MG_PER_KG else "dose_total_mg",
                "Enter the dose.",
            )
        )
    else:
        low, high = doses.MG_PER_KG_RANGE
        if not low <= per_kg <= high:
            problems.append(
                Problem(
                    "dose_mg_per_kg",
                    f"A dose of {per_kg} mg/kg is outside {low}-{high} mg/kg. Check the dose "
                    "and the weight.",
                )
            )
        if weight is not None and weight > 0:
            expected = (
                doses.ketamine_dose(weight, mg_per_kg=per_kg)
                if details.dose_basis is DoseBasis.MG_PER_KG
                else doses.ketamine_dose(weight, total_mg=total)
            )
            if (expected.mg_per_kg, expected.total_mg) != (per_kg, total):
                problems.append(
                    Problem(
                        "dose_total_mg",
                        "The dose per kilogram and the total do not agree with the weight: "
                        "enter the dose again.",
                    )
                )
    expected_route = Route.IV if modality is Modality.IV_KETAMINE else Route.IM
    if details.route is not expected_route:
        problems.append(
            Problem(
                "route", f"This is a {modality.label} session: the route is {expected_route.label}."
            )
        )
    if details.infusion_start is None:
        what = (
            "the infusion started"
            if modality is Modality.IV_KETAMINE
            else "the injection was given"
        )
        problems.append(Problem("infusion_start", f"Enter the time {what}."))
    if modality is Modality.IV_KETAMINE:
        if details.infusion_end is None:
            problems.append(Problem("infusion_end", "Enter the time the infusion ended."))
        if details.duration_minutes is None and details.rate_ml_per_hour is None:
            problems.append(Problem("duration_minutes", "Enter the infusion's duration or rate."))
    if (
        details.infusion_start is not None
        and details.infusion_end is not None
        and details.infusion_end < details.infusion_start
    ):
        problems.append(Problem("infusion_end", "The infusion cannot end before it started."))
    if details.duration_minutes is not None and not 1 <= details.duration_minutes <= 600:
        problems.append(Problem("duration_minutes", "The duration must be 1 to 600 minutes."))
    if details.rate_ml_per_hour is not None and details.rate_ml_per_hour <= 0:
        problems.append(Problem("rate_ml_per_hour", "The rate must be more than zero."))
    for index, adjunct in enumerate(details.adjuncts):
        if not adjunct.name.strip():
            problems.append(Problem(f"adjuncts.{index}", "Name the adjunct medication given."))
        elif adjunct.dose_amount is not None and adjunct.dose_amount <= 0:
            problems.append(
                Problem(f"adjuncts.{index}", f"The dose of {adjunct.name} must be more than zero.")
            )
    if details.discharged_at is None:
        problems.append(Problem("discharged_at", "Enter the time of discharge."))
    elif details.infusion_start is not None and details.discharged_at < details.infusion_start:
        problems.append(
            Problem("discharged_at", "Discharge cannot be before the treatment started.")
        )
    if details.escort_present is None:
        problems.append(Problem("escort_present", "Say whether an escort was present."))
    return problems


def _esketamine_problems(details: EsketamineDetails) -> list[Problem]:
    problems = []
    if details.dose_mg is None:
        problems.append(Problem("dose_mg", "Choose the dose: 28, 56 or 84 mg."))
    elif details.dose_mg not in doses.ESKETAMINE_DOSES_MG:
        problems.append(Problem("dose_mg", "An esketamine dose is 28, 56 or 84 mg."))
    elif details.devices != doses.devices_for(details.dose_mg):
        problems.append(
            Problem(
                "devices",
                f"{details.dose_mg} mg is {doses.devices_for(details.dose_mg)} devices of "
                f"{doses.ESKETAMINE_DEVICE_MG} mg.",
            )
        )
    if not details.lot_number.strip():
        problems.append(Problem("lot_number", "Enter the lot number of the devices used."))
    elif len(details.lot_number.strip()) > 40:
        problems.append(Problem("lot_number", "A lot number is at most 40 characters."))
    if details.administered_at is None:
        problems.append(Problem("administered_at", "Enter the time of administration."))
    for name, what in (
        ("sedation", "sedation"),
        ("dissociation", "dissociation"),
        ("respiratory_depression", "respiratory depression"),
    ):
        if getattr(details, name) is None:
            problems.append(Problem(name, f"Say whether there was {what}."))
    low, high = SPO2_RANGE
    if details.lowest_spo2 is None:
        problems.append(Problem("lowest_spo2", "Enter the lowest pulse oximetry reading."))
    elif not low <= details.lowest_spo2 <= high:
        problems.append(Problem("lowest_spo2", f"A saturation must be {low}-{high}%."))
    minutes = details.monitoring_minutes
    if minutes is None:
        problems.append(
            Problem("monitoring_minutes", "Enter the total monitoring time in minutes.")
        )
    elif not 0 <= minutes <= 24 * 60:
        problems.append(
            Problem("monitoring_minutes", "The monitoring time must be 0 to 1440 minutes.")
        )
    if details.ready_to_leave_at is None:
        problems.append(
            Problem("ready_to_leave_at", "Enter when the patient would have been ready to leave.")
        )
    elif (
        details.administered_at is not None and details.ready_to_leave_at < details.administered_at
    ):
        problems.append(Problem("ready_to_leave_at", "Ready to leave cannot be before the dose."))
    if details.vitals_acceptable_before is None:
        problems.append(
            Problem(
                "vitals_acceptable_before", "Say whether vital signs were acceptable before dosing."
            )
        )
    if details.vitals_acceptable_at_end is None:
        problems.append(
            Problem(
                "vitals_acceptable_at_end", "Say whether vital signs were acceptable at the end."
            )
        )
    if not details.prescriber_on_site.strip():
        problems.append(Problem("prescriber_on_site", "Name the prescriber on site."))
    return problems


def _range(value: object, field: str, what: str, bounds: tuple, unit: str) -> list[Problem]:
    if value is None:
        return [Problem(field, f"Enter the {what}.")]
    low, high = bounds
    if not low <= value <= high:  # type: ignore[operator]
        return [Problem(field, f"The {what} must be {low}-{high}{unit}.")]
    return []


def _tms_problems(details: TmsDetails) -> list[Problem]:
    problems = []
    if details.session_number is None or details.session_number < 1:
        problems.append(Problem("session_number", "Enter the session's number in the course."))
    if not details.coil.strip():
        problems.append(Problem("coil", "Enter the coil used."))
    if not details.target.strip():
        problems.append(Problem("target", "Enter the target (for example left DLPFC)."))
    problems += _range(
        details.motor_threshold_pct,
        "motor_threshold_pct",
        "motor threshold",
        doses.MOTOR_THRESHOLD_PCT_RANGE,
        "% of machine output",
    )
    problems += _range(
        details.intensity_pct_mt,
        "intensity_pct_mt",
        "intensity",
        doses.INTENSITY_PCT_MT_RANGE,
        "% of motor threshold",
    )
    problems += _range(
        details.frequency_hz, "frequency_hz", "frequency", doses.FREQUENCY_HZ_RANGE, " Hz"
    )
    problems += _range(details.pulses, "pulses", "number of pulses", doses.PULSES_RANGE, "")
    problems += _range(
        details.duration_minutes,
        "duration_minutes",
        "duration",
        doses.TMS_DURATION_MINUTES_RANGE,
        " minutes",
    )
    if not details.treater.strip():
        problems.append(Problem("treater", "Name the treater."))
    return problems
