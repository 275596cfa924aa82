"""The scale thresholds a clinic may change, each defaulting to the reference value.

Clinics disagree on these (clinical-reference.md §1): the MADRS remission threshold (≤ 10
per seed 002, ≤ 12 in the esketamine trials), the MADRS item 10 prompt (≥ 4, or ≥ 2 as a
softer prompt), the HAM-D band set, the PHQ-2 cut-point (≥ 3, or ≥ 2 for sensitivity) and
the PCL-5 provisional PTSD cut-point (31-33). The remission thresholds of the PHQ-9, HAM-D
and QIDS-SR16 are settings too, for clinics that follow a payer's definition.

An instrument's threshold names its field here by `Cutoff.setting`; `resolve()` swaps in
the clinic's value. Every result records the thresholds it was scored with.
"""

from dataclasses import dataclass, replace

from clinical.scales.instruments import hamd17, madrs, pcl5, phq2, phq9, qids_sr16
from clinical.scales.model import (
    Cutoff,
    Instrument,
    ScaleSettingsError,
    SeverityBand,
    band_coverage_problem,
)


@dataclass(frozen=True)
class ScaleSettings:
    madrs_remission_at_most: int = madrs.REMISSION_AT_MOST
    madrs_suicidal_thoughts_flag_at_least: int = madrs.SUICIDAL_THOUGHTS_FLAG_AT_LEAST
    phq9_remission_below: int = phq9.REMISSION_BELOW
    hamd17_remission_at_most: int = hamd17.REMISSION_AT_MOST
    qids_sr16_remission_at_most: int = qids_sr16.REMISSION_AT_MOST
    hamd17_bands: tuple[SeverityBand, ...] = hamd17.REFERENCE_BANDS
    phq2_positive_at_least: int = phq2.POSITIVE_SCREEN_AT_LEAST
    pcl5_provisional_ptsd_at_least: int = pcl5.PROVISIONAL_PTSD_AT_LEAST

    def __post_init__(self) -> None:
        _check_whole("MADRS remission threshold", self.madrs_remission_at_most, 0, 60)
        _check_whole(
            "MADRS item 10 (Suicidal thoughts) flag threshold",
            self.madrs_suicidal_thoughts_flag_at_least,
            1,
            6,
        )
        _check_whole("PHQ-9 remission threshold", self.phq9_remission_below, 1, 27)
        _check_whole("HAM-D remission threshold", self.hamd17_remission_at_most, 0, 52)
        _check_whole("QIDS-SR16 remission threshold", self.qids_sr16_remission_at_most, 0, 27)
        _check_whole("PHQ-2 positive screen cut-point", self.phq2_positive_at_least, 1, 6)
        _check_whole("PCL-5 provisional PTSD cut-point", self.pcl5_provisional_ptsd_at_least, 1, 80)
        problem = band_coverage_problem(tuple(self.hamd17_bands), 0, 52)
        if problem:
            raise ScaleSettingsError(
                f"The HAM-D bands must cover every total from 0 to 52 exactly once: {problem}."
            )

    def resolve(self, cutoff: Cutoff) -> Cutoff:
        """The cutoff with the clinic's value when it is a setting."""
        if cutoff.setting is None:
            return cutoff
        return replace(cutoff, value=getattr(self, cutoff.setting))

    def bands_for(self, instrument: Instrument) -> tuple[SeverityBand, ...]:
        if instrument.bands_setting is None:
            return instrument.bands
        return tuple(getattr(self, instrument.bands_setting))


def _check_whole(what: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScaleSettingsError(f"The {what} must be a whole number; got {value!r}.")
    if not low <= value <= high:
        raise ScaleSettingsError(f"The {what} must be from {low} to {high}; got {value}.")


DEFAULT_SETTINGS = ScaleSettings()
