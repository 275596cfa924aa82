"""QIDS-SR16: Quick Inventory of Depressive Symptomatology, self-report, 16 items.

Sources (clinical-sources.md §1.1, §1.2, §1.3; clinical-reference.md §1):
- Item names: rdrr.io cliot qids_depression_score [S].
- Scoring: 9 domains. Sleep = highest of items 1-4; appetite/weight = highest of items
  6-9; psychomotor = highest of items 15-16; items 5, 10, 11, 12, 13, 14 count as they
  are. Total = sum of the 9 domain scores, 0-27 (ids-qids.org/interpretation.html).
- Bands 0-5 none, 6-10 mild, 11-15 moderate, 16-20 severe, 21-27 very severe
  (ids-qids.org).
- Remission ≤ 5 (STAR*D; Trivedi 2006).
- Item 12 (thoughts of death or suicide) ≥ 1 raises a safety flag.
- All 16 items are required. Paper forms ask for either 6 or 7 and either 8 or 9: enter 0
  for the one left blank, which gives the same total under the highest-item rule.
- Licence: free for clinicians and researchers ("used without permission"); the IVR
  version is licensed to Healthcare Technology Systems. No LOINC code found.
"""

from clinical.scales.instruments.phq9 import SAME_DAY_FOLLOW_UP
from clinical.scales.model import (
    Combine,
    Comparison,
    Cutoff,
    Instrument,
    Item,
    SafetyRule,
    SeverityBand,
    Subscale,
    TotalRule,
)

REMISSION_AT_MOST = 5

_NAMES = (
    "Falling asleep",
    "Sleep during the night",
    "Waking up too early",
    "Sleeping too much",
    "Feeling sad",
    "Decreased appetite",
    "Increased appetite",
    "Decreased weight (within the last 2 weeks)",
    "Increased weight (within the last 2 weeks)",
    "Concentration/decision making",
    "View of myself",
    "Thoughts of death or suicide",
    "General interest",
    "Energy level",
    "Feeling slowed down",
    "Feeling restless",
)

QIDS_SR16 = Instrument(
    code="QIDSSR16",
    name="Quick Inventory of Depressive Symptomatology, Self-Report (QIDS-SR16)",
    short_name="QIDS-SR16",
    rule_version="QIDSSR16-2026.1",
    licence=(
        "Free for clinicians and researchers (may be used without permission); the IVR "
        "version is licensed separately."
    ),
    source=(
        "Rush AJ et al. Biol Psychiatry 2003;54:573-583; scoring and bands per "
        "ids-qids.org/interpretation.html; remission ≤ 5 per STAR*D."
    ),
    items=tuple(
        Item(key=str(number), label=name, topic=name, maximum=3)
        for number, name in enumerate(_NAMES, start=1)
    ),
    total_rule=TotalRule.SUM_OF_SUBSCALES,
    subscales=(
        Subscale("sleep", "Sleep (highest of items 1-4)", ("1", "2", "3", "4"), Combine.MAX),
        Subscale("sad_mood", "Sad mood (item 5)", ("5",)),
        Subscale(
            "appetite_weight",
            "Appetite/weight (highest of items 6-9)",
            ("6", "7", "8", "9"),
            Combine.MAX,
        ),
        Subscale("concentration", "Concentration (item 10)", ("10",)),
        Subscale("self_view", "View of self (item 11)", ("11",)),
        Subscale("suicidal_ideation", "Suicidal ideation (item 12)", ("12",)),
        Subscale("interest", "General interest (item 13)", ("13",)),
        Subscale("energy", "Energy (item 14)", ("14",)),
        Subscale("psychomotor", "Psychomotor (highest of items 15-16)", ("15", "16"), Combine.MAX),
    ),
    bands=(
        SeverityBand(0, 5, "none"),
        SeverityBand(6, 10, "mild"),
        SeverityBand(11, 15, "moderate"),
        SeverityBand(16, 20, "severe"),
        SeverityBand(21, 27, "very severe"),
    ),
    remission=Cutoff(Comparison.AT_MOST, REMISSION_AT_MOST, setting="qids_sr16_remission_at_most"),
    safety_rules=(SafetyRule("12", Cutoff(Comparison.AT_LEAST, 1), SAME_DAY_FOLLOW_UP),),
)
