"""HAM-D 17: Hamilton Depression Rating Scale, 17 scored items (clinician-rated).

Sources (clinical-sources.md §0 pitfall 8, §1.1, §1.2, §1.3; clinical-reference.md §1):
- Item names and ranges: camcops hamd.py. Items 1, 2, 3, 7, 8, 9, 10, 11, 15 are 0-4;
  items 4, 5, 6, 12, 13, 14, 16, 17 are 0-2; maximum 52 (pitfall 8: not 50 or 54).
- Item 16 (loss of weight) is rated EITHER by history (16A) OR by measured weight (16B),
  never both. The reference gives 0-2 for item 16; the form's "3 = not assessed" is not
  accepted here: rate 16A by history instead, which is always possible.
- Default bands (clinical-reference.md, also CamCOPS): 0-7 normal, 8-13 mild, 14-18
  moderate, 19-22 severe, 23-52 very severe. Other published sets exist (Zimmerman 2013,
  pubmed 23759278: 0-7, 8-16, 17-23, ≥ 24), so the bands are a clinic setting.
- Remission ≤ 7 (1991 consensus conference; Zimmerman MIDAS abstract).
- Item 3 (suicide) ≥ 1 raises a safety flag.
- Public domain ("The HAM-D is in the public domain", NINDS CDE). No LOINC code found:
  the local code "HAMD17" is used.
"""

from clinical.scales.instruments.phq9 import SAME_DAY_FOLLOW_UP
from clinical.scales.model import Comparison, Cutoff, Instrument, Item, SafetyRule, SeverityBand

REMISSION_AT_MOST = 7

REFERENCE_BANDS = (
    SeverityBand(0, 7, "normal"),
    SeverityBand(8, 13, "mild"),
    SeverityBand(14, 18, "moderate"),
    SeverityBand(19, 22, "severe"),
    SeverityBand(23, 52, "very severe"),
)

ZIMMERMAN_2013_BANDS = (
    SeverityBand(0, 7, "none"),
    SeverityBand(8, 16, "mild"),
    SeverityBand(17, 23, "moderate"),
    SeverityBand(24, 52, "severe"),
)

_WEIGHT_GROUP = "16"


def _item(key: str, name: str, maximum: int) -> Item:
    return Item(key=key, label=name, topic=name, maximum=maximum)


HAMD17 = Instrument(
    code="HAMD17",
    name="Hamilton Depression Rating Scale, 17 items (HAM-D 17)",
    short_name="HAM-D",
    rule_version="HAMD17-2026.1",
    licence="Public domain (NINDS Common Data Elements).",
    source=(
        "Hamilton M. J Neurol Neurosurg Psychiatry 1960;23:56-62; item ranges and bands per "
        "CamCOPS hamd.py; remission ≤ 7 per the 1991 consensus (Frank et al.)."
    ),
    items=(
        _item("1", "Depressed mood", 4),
        _item("2", "Feelings of guilt", 4),
        _item("3", "Suicide", 4),
        _item("4", "Insomnia, early (initial)", 2),
        _item("5", "Insomnia, middle", 2),
        _item("6", "Insomnia, late (early-morning waking)", 2),
        _item("7", "Work and activities", 4),
        _item("8", "Psychomotor retardation", 4),
        _item("9", "Agitation", 4),
        _item("10", "Anxiety, psychic", 4),
        _item("11", "Anxiety, somatic", 4),
        _item("12", "Somatic symptoms, gastrointestinal", 2),
        _item("13", "Somatic symptoms, general", 2),
        _item("14", "Genital symptoms", 2),
        _item("15", "Hypochondriasis", 4),
        Item(
            key="16A",
            label="Loss of weight, rated by history",
            topic="Loss of weight, by history",
            maximum=2,
            alternative_group=_WEIGHT_GROUP,
            note="Rate item 16 either by history (16A) or by measured weight (16B), not both.",
        ),
        Item(
            key="16B",
            label="Loss of weight, rated by measured weight change",
            topic="Loss of weight, by measured weight",
            maximum=2,
            alternative_group=_WEIGHT_GROUP,
            note="Rate item 16 either by history (16A) or by measured weight (16B), not both.",
        ),
        _item("17", "Insight", 2),
    ),
    bands=REFERENCE_BANDS,
    bands_setting="hamd17_bands",
    remission=Cutoff(Comparison.AT_MOST, REMISSION_AT_MOST, setting="hamd17_remission_at_most"),
    safety_rules=(SafetyRule("3", Cutoff(Comparison.AT_LEAST, 1), SAME_DAY_FOLLOW_UP),),
)
