"""The billing codes a medical-necessity letter usually names (clinical-reference.md §4).

TMS: CPT 90867 (initial, with motor threshold and mapping), 90868 (subsequent delivery, per
session), 90869 (motor threshold re-determination with delivery). Esketamine: HCPCS G2082
(visit with up to 56 mg and 2 hours of observation), G2083 (over 56 mg), and the drug itself
J0013 (esketamine nasal spray, 1 mg) from 2026-01-01, which replaced S0013. IV and IM
ketamine have no specific code: the clinic enters what it bills as free text.

The descriptions are our short summaries, not the code sets' official descriptors.
"""

from datetime import date

from clinical.modality import Modality
from reports.letters.model import CodeSystem, ServiceCode

J0013_FROM = date(2026, 1, 1)

TMS_CODES = (
    ServiceCode(
        CodeSystem.CPT,
        "90867",
        "TMS treatment, initial session, including cortical mapping, motor threshold "
        "determination, delivery and management",
        "1, at the first session",
    ),
    ServiceCode(
        CodeSystem.CPT,
        "90868",
        "TMS treatment, subsequent delivery and management",
        "1 per session",
    ),
    ServiceCode(
        CodeSystem.CPT,
        "90869",
        "TMS treatment, subsequent motor threshold re-determination with delivery and management",
        "when the motor threshold is re-determined",
    ),
)

ESKETAMINE_VISIT_CODES = (
    ServiceCode(
        CodeSystem.HCPCS,
        "G2082",
        "Outpatient visit with supervised self-administration of esketamine nasal spray, "
        "up to 56 mg, including 2 hours of post-administration observation",
        "1 per session at 56 mg",
    ),
    ServiceCode(
        CodeSystem.HCPCS,
        "G2083",
        "Outpatient visit with supervised self-administration of esketamine nasal spray, "
        "greater than 56 mg, including 2 hours of post-administration observation",
        "1 per session at 84 mg",
    ),
)

J0013 = ServiceCode(CodeSystem.HCPCS, "J0013", "Esketamine, nasal spray, 1 mg", "1 per mg given")
S0013 = ServiceCode(CodeSystem.HCPCS, "S0013", "Esketamine, nasal spray, 1 mg", "1 per mg given")


def standard_codes(modality: Modality, on: date) -> tuple[ServiceCode, ...]:
    """The usual codes for ``modality`` on services from ``on``; empty for IV and IM
    ketamine, whose codes the clinic enters itself."""
    if modality is Modality.TMS:
        return TMS_CODES
    if modality is Modality.ESKETAMINE:
        return (*ESKETAMINE_VISIT_CODES, J0013 if on >= J0013_FROM else S0013)
    return ()
