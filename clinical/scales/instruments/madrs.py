"""MADRS: Montgomery-Åsberg Depression Rating Scale (clinician-rated, 10 items × 0-6).

Sources (clinical-sources.md §0 pitfall 4, §1.1, §1.2, §1.3; clinical-reference.md §1):
- Item names only (Wikipedia; cds-platform CKM): the anchor wording is copyright of the
  Royal College of Psychiatrists, which refused CamCOPS permission (camcops
  _tasks_missing.rst). No anchors are stored here on purpose.
- Anchors are defined at 0/2/4/6 and raters may use 1/3/5, so every value 0-6 is permitted.
- Bands 0-6 normal, 7-19 mild, 20-34 moderate, 35-60 severe (Snaith 1986).
- Remission ≤ 10 by default (seed 002, "MADRS remains ≤10"); the Spravato trials used ≤ 12
  (PMC7894501 Table 2): a clinic setting.
- Item 10 (suicidal thoughts) flag at ≥ 4 by default; ≥ 2 is a softer prompt (setting).
- No LOINC code found: the local code "MADRS" is used.
"""

from clinical.scales.instruments.phq9 import SAME_DAY_FOLLOW_UP
from clinical.scales.model import Comparison, Cutoff, Instrument, Item, SafetyRule, SeverityBand

REMISSION_AT_MOST = 10
TRIAL_REMISSION_AT_MOST = 12
SUICIDAL_THOUGHTS_FLAG_AT_LEAST = 4
SOFTER_SUICIDAL_THOUGHTS_FLAG_AT_LEAST = 2

_NAMES = (
    "Apparent sadness",
    "Reported sadness",
    "Inner tension",
    "Reduced sleep",
    "Reduced appetite",
    "Concentration difficulties",
    "Lassitude",
    "Inability to feel",
    "Pessimistic thoughts",
    "Suicidal thoughts",
)

MADRS = Instrument(
    code="MADRS",
    name="Montgomery-Åsberg Depression Rating Scale (MADRS)",
    short_name="MADRS",
    rule_version="MADRS-2026.1",
    licence=(
        "Copyright Royal College of Psychiatrists: item names and scores only; the anchor "
        "wording is not reproduced."
    ),
    source=(
        "Montgomery SA, Åsberg M. Br J Psychiatry 1979;134:382-389; bands Snaith RP et al. "
        "1986; remission ≤ 10 per seed 002 (≤ 12 in the esketamine TRANSFORM trials)."
    ),
    items=tuple(
        Item(key=str(number), label=name, topic=name, maximum=6)
        for number, name in enumerate(_NAMES, start=1)
    ),
    bands=(
        SeverityBand(0, 6, "normal"),
        SeverityBand(7, 19, "mild"),
        SeverityBand(20, 34, "moderate"),
        SeverityBand(35, 60, "severe"),
    ),
    remission=Cutoff(Comparison.AT_MOST, REMISSION_AT_MOST, setting="madrs_remission_at_most"),
    safety_rules=(
        SafetyRule(
            "10",
            Cutoff(
                Comparison.AT_LEAST,
                SUICIDAL_THOUGHTS_FLAG_AT_LEAST,
                setting="madrs_suicidal_thoughts_flag_at_least",
            ),
            SAME_DAY_FOLLOW_UP,
        ),
    ),
)
