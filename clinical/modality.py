"""The treatments a clinic gives: one vocabulary for protocols, monitoring and the record."""

from enum import StrEnum


class Modality(StrEnum):
    IV_KETAMINE = "iv_ketamine"
    IM_KETAMINE = "im_ketamine"
    ESKETAMINE = "esketamine"
    TMS = "tms"

    @property
    def label(self) -> str:
        return _MODALITY_LABELS[self]


_MODALITY_LABELS = {
    Modality.IV_KETAMINE: "IV ketamine",
    Modality.IM_KETAMINE: "IM ketamine",
    Modality.ESKETAMINE: "Esketamine (Spravato)",
    Modality.TMS: "TMS",
}

KETAMINE_MODALITIES = frozenset({Modality.IV_KETAMINE, Modality.IM_KETAMINE, Modality.ESKETAMINE})
"""Esketamine is the S-enantiomer of ketamine, so it counts as ketamine for monitoring."""
