"""CADSS-6: six-item short form of the Clinician-Administered Dissociative States Scale.

Sources (clinical-sources.md §1.1, §5; clinical-reference.md §1):
- Rodrigues NB, McIntyre RS et al. J Affect Disord 2021;282:160-164: items 1, 2, 6, 7, 15
  and 22 of the CADSS (Bremner et al. 1998), each 0-4; correlates 0.91-0.95 with the full
  scale; not yet validated on its own.
- Total 0-24 (6 × 4, inferred). No published bands: the number and its change are shown.
  Record it near the peak effect, about 40 minutes after the start of dosing.
- Keys are the original CADSS item numbers. The item wording and anchors are not stored:
  the CADSS terms of use are unconfirmed (check before distributing the form).
- No LOINC code found.
"""

from clinical.scales.model import Instrument, Item

CADSS_ITEM_NUMBERS = (1, 2, 6, 7, 15, 22)

CADSS6 = Instrument(
    code="CADSS6",
    name="Clinician-Administered Dissociative States Scale, 6-item form (CADSS-6)",
    short_name="CADSS-6",
    rule_version="CADSS6-2026.1",
    licence=(
        "Terms of use of the CADSS (Bremner et al. 1998) unconfirmed: item numbers and scores only."
    ),
    source=(
        "Rodrigues NB et al. J Affect Disord 2021;282:160-164; Bremner JD et al. J Trauma "
        "Stress 1998;11:125-136."
    ),
    items=tuple(
        Item(
            key=str(number),
            label=f"CADSS item {number}",
            topic=f"CADSS item {number}",
            maximum=4,
        )
        for number in CADSS_ITEM_NUMBERS
    ),
    notes=("No severity bands are published: show the number and its change.",),
)
