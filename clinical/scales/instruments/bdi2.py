"""BDI-II: Beck Depression Inventory, second edition (21 items × 0-3).

Sources (clinical-sources.md §1.1, §1.3, §1.4; clinical-reference.md §1):
- Item topics only (camcops bdi.rst): the item wording is Pearson copyright and is never
  stored or shown. Items 16 (sleep) and 18 (appetite) offer a/b variants on the form; both
  variants score 0-3, so only the number is recorded.
- Bands 0-13 minimal, 14-19 mild, 20-28 moderate, 29-63 severe (Beck 1996 manual, quoted
  by camcops bdi.rst and doctorabel.us).
- Response ≥ 50% drop; the reference gives no remission threshold, so none is applied.
- Item 9 (suicidal thoughts or wishes) ≥ 1 raises a safety flag.
- Total LOINC 89209-1; no panel code found.
"""

from clinical.scales.instruments.phq9 import SAME_DAY_FOLLOW_UP
from clinical.scales.model import Comparison, Cutoff, Instrument, Item, SafetyRule, SeverityBand

_TOPICS = (
    "sadness",
    "pessimism",
    "past failure",
    "loss of pleasure",
    "guilty feelings",
    "punishment feelings",
    "self-dislike",
    "self-criticalness",
    "suicidal thoughts or wishes",
    "crying",
    "agitation",
    "loss of interest",
    "indecisiveness",
    "worthlessness",
    "loss of energy",
    "changes in sleeping pattern",
    "irritability",
    "changes in appetite",
    "concentration difficulty",
    "tiredness or fatigue",
    "loss of interest in sex",
)

_VARIANT_NOTE = (
    "The form offers an a (more) and b (less) variant at 1-3; record the number only, "
    "0-3 either way."
)
_ITEMS_WITH_VARIANTS = {"16", "18"}


def _item(number: int, topic: str) -> Item:
    key = str(number)
    return Item(
        key=key,
        label=f"Item {number}: {topic}",
        topic=topic,
        maximum=3,
        note=_VARIANT_NOTE if key in _ITEMS_WITH_VARIANTS else "",
    )


BDI2 = Instrument(
    code="BDI2",
    name="Beck Depression Inventory-II (BDI-II)",
    short_name="BDI-II",
    rule_version="BDI2-2026.1",
    licence=(
        "Pearson copyright: record item numbers and scores only, under the clinic's licence; "
        "the item wording is never shown."
    ),
    source="Beck AT, Steer RA, Brown GK. BDI-II Manual. Psychological Corporation, 1996.",
    loinc_total="89209-1",
    items=tuple(_item(number, topic) for number, topic in enumerate(_TOPICS, start=1)),
    bands=(
        SeverityBand(0, 13, "minimal"),
        SeverityBand(14, 19, "mild"),
        SeverityBand(20, 28, "moderate"),
        SeverityBand(29, 63, "severe"),
    ),
    safety_rules=(SafetyRule("9", Cutoff(Comparison.AT_LEAST, 1), SAME_DAY_FOLLOW_UP),),
)
