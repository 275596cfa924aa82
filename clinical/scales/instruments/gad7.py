"""GAD-7: Generalized Anxiety Disorder 7-item scale.

Sources (clinical-sources.md §1.1, §1.3, §1.4; clinical-reference.md §1):
- Items and item LOINC codes: loinc.org/69729-2 (PHQ-SADS panel listing).
- Anchors: the PHQ family's frequency anchors (same 0-3 answer scale).
- Bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe (Spitzer 2006).
- Panel 69737-5, total 70274-6.
- No remission threshold or safety item in the reference.
- Licence: public domain (PHQ family: "All PHQ, GAD-7 screeners").
"""

from clinical.scales.instruments.phq9 import FREQUENCY_ANCHORS
from clinical.scales.model import Instrument, Item, SeverityBand


def _item(key: str, label: str, topic: str, loinc: str) -> Item:
    return Item(
        key=key, label=label, topic=topic, maximum=3, anchors=FREQUENCY_ANCHORS, loinc=loinc
    )


GAD7 = Instrument(
    code="GAD7",
    name="Generalized Anxiety Disorder 7 (GAD-7)",
    short_name="GAD-7",
    rule_version="GAD7-2026.1",
    licence=(
        "Public domain (© Pfizer, PHQ screeners): no permission required to reproduce, "
        "translate, display or distribute."
    ),
    source="Spitzer RL, Kroenke K, Williams JBW, Löwe B. Arch Intern Med 2006;166:1092-1097.",
    loinc_panel="69737-5",
    loinc_total="70274-6",
    items=(
        _item(
            "1", "Feeling nervous, anxious, or on edge", "nervous, anxious or on edge", "69725-0"
        ),
        _item(
            "2", "Not being able to stop or control worrying", "uncontrolled worrying", "68509-9"
        ),
        _item("3", "Worrying too much about different things", "worrying too much", "69733-4"),
        _item("4", "Trouble relaxing", "trouble relaxing", "69734-2"),
        _item("5", "Being so restless that it is hard to sit still", "restlessness", "69735-9"),
        _item("6", "Becoming easily annoyed or irritable", "irritability", "69689-8"),
        _item(
            "7", "Feeling afraid, as if something awful might happen", "feeling afraid", "69736-7"
        ),
    ),
    bands=(
        SeverityBand(0, 4, "minimal"),
        SeverityBand(5, 9, "mild"),
        SeverityBand(10, 14, "moderate"),
        SeverityBand(15, 21, "severe"),
    ),
)
