"""PCL-5: PTSD Checklist for DSM-5 (20 items × 0-4).

Sources (clinical-sources.md §1.1, §1.4; clinical-reference.md §1):
- Anchors Not at all / A little bit / Moderately / Quite a bit / Extremely.
- Clusters: B intrusion items 1-5, C avoidance 6-7, D negative cognitions and mood 8-14,
  E arousal and reactivity 15-20 (comorbidityguidelines.org.au PCL-5 scoring page). Item
  n is DSM-5 criterion B1..E6 in order; the item wording is not stored, only that mapping.
- Provisional PTSD cut-point 31-33: a clinic setting, default 33 (clinical-reference.md).
- DSM-5 rule: an item rated ≥ 2 counts as an endorsed symptom; a provisional diagnosis
  needs ≥ 1 B, ≥ 1 C, ≥ 2 D and ≥ 2 E symptoms (comorbidityguidelines.org.au).
- "No empirically derived severity ranges": no bands. A 10-20 point change is clinically
  meaningful (5-10 reliable). No remission threshold.
- Panel 101697-1, total 101698-9. Public domain (US VA National Center for PTSD) [S].
"""

from clinical.scales.model import (
    Anchor,
    ClusterScreen,
    Comparison,
    Cutoff,
    Instrument,
    Item,
    Subscale,
    TotalScreen,
)

PROVISIONAL_PTSD_AT_LEAST = 33
SYMPTOM_ENDORSED_AT = 2

ANCHORS = (
    Anchor(0, "Not at all"),
    Anchor(1, "A little bit"),
    Anchor(2, "Moderately"),
    Anchor(3, "Quite a bit"),
    Anchor(4, "Extremely"),
)

_CLUSTERS = (
    ("B", "Intrusion (B, items 1-5)", range(1, 6)),
    ("C", "Avoidance (C, items 6-7)", range(6, 8)),
    ("D", "Negative cognitions and mood (D, items 8-14)", range(8, 15)),
    ("E", "Arousal and reactivity (E, items 15-20)", range(15, 21)),
)


def _items() -> tuple[Item, ...]:
    items: list[Item] = []
    for cluster, _, numbers in _CLUSTERS:
        for criterion, number in enumerate(numbers, start=1):
            topic = f"DSM-5 criterion {cluster}{criterion}"
            items.append(
                Item(
                    key=str(number),
                    label=f"Item {number} ({topic})",
                    topic=topic,
                    maximum=4,
                    anchors=ANCHORS,
                )
            )
    return tuple(items)


PCL5 = Instrument(
    code="PCL5",
    name="PTSD Checklist for DSM-5 (PCL-5)",
    short_name="PCL-5",
    rule_version="PCL5-2026.1",
    licence="Public domain (US Department of Veterans Affairs, National Center for PTSD).",
    source=(
        "Weathers FW et al. The PTSD Checklist for DSM-5 (PCL-5), National Center for PTSD, "
        "2013; scoring and DSM-5 rule per comorbidityguidelines.org.au PCL-5 scoring page."
    ),
    loinc_panel="101697-1",
    loinc_total="101698-9",
    items=_items(),
    subscales=tuple(
        Subscale(key, label, tuple(str(number) for number in numbers))
        for key, label, numbers in _CLUSTERS
    ),
    screens=(
        TotalScreen(
            key="provisional_ptsd_cut_point",
            cutoff=Cutoff(
                Comparison.AT_LEAST,
                PROVISIONAL_PTSD_AT_LEAST,
                setting="pcl5_provisional_ptsd_at_least",
            ),
            positive_text="at or above the provisional PTSD cut-point",
            negative_text="below the provisional PTSD cut-point",
        ),
        ClusterScreen(
            key="provisional_ptsd_dsm5",
            endorsed_at=SYMPTOM_ENDORSED_AT,
            minimum_per_subscale=(("B", 1), ("C", 1), ("D", 2), ("E", 2)),
            positive_text="DSM-5 symptom pattern met (provisional PTSD)",
            negative_text="DSM-5 symptom pattern not met",
        ),
    ),
)
