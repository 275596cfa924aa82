"""One line saying what was given, for lists and the chart."""

from clinical.sessions.content import (
    EsketamineDetails,
    KetamineDetails,
    ModalityDetails,
    TmsDetails,
)


def dose_summary(details: ModalityDetails) -> str:
    """'35.0 mg (0.50 mg/kg) IV', '56 mg (2 devices)', '120% MT, 10 Hz, 3000 pulses';
    '' when nothing is entered yet."""
    if isinstance(details, KetamineDetails):
        if details.dose_total_mg is None:
            return ""
        per_kg = f" ({details.dose_mg_per_kg} mg/kg)" if details.dose_mg_per_kg is not None else ""
        route = f" {details.route.value.upper()}" if details.route else ""
        return f"{details.dose_total_mg} mg{per_kg}{route}"
    if isinstance(details, EsketamineDetails):
        if details.dose_mg is None:
            return ""
        devices = f" ({details.devices} devices)" if details.devices else ""
        return f"{details.dose_mg} mg{devices}"
    assert isinstance(details, TmsDetails)
    parts = []
    if details.intensity_pct_mt is not None:
        parts.append(f"{details.intensity_pct_mt}% MT")
    if details.frequency_hz is not None:
        parts.append(f"{details.frequency_hz} Hz")
    if details.pulses is not None:
        parts.append(f"{details.pulses} pulses")
    return ", ".join(parts)
