"""PHQ-2: the first two PHQ-9 items, used as a depression screen.

Sources (clinical-sources.md §1.1, §1.4; clinical-reference.md §1):
- Items 1-2 of the PHQ-9, same wording, anchors and item LOINC codes.
- Positive screen ≥ 3 (Kroenke); ≥ 2 is the more sensitive setting (Arroll 2010,
  PMC2906530: ≥ 2 gives sensitivity 86% / specificity 78%, ≥ 3 gives 61% / 92%).
- Panel 55757-9, total 55758-7 (cdn.loinc.org/55757-9; pitfall 6: 55758-7 is the total,
  not the panel).
- No severity bands and no remission threshold are published for the PHQ-2.
- Licence: public domain, as the PHQ-9.
"""

from clinical.scales.instruments.phq9 import PHQ9_ITEMS
from clinical.scales.model import Comparison, Cutoff, Instrument, TotalScreen

POSITIVE_SCREEN_AT_LEAST = 3

PHQ2 = Instrument(
    code="PHQ2",
    name="Patient Health Questionnaire-2 (PHQ-2)",
    short_name="PHQ-2",
    rule_version="PHQ2-2026.1",
    licence=(
        "Public domain (© Pfizer): no permission required to reproduce, translate, display "
        "or distribute."
    ),
    source=(
        "Kroenke K, Spitzer RL, Williams JBW. Med Care 2003;41:1284-1292 (cut-point 3); "
        "Arroll B et al. Ann Fam Med 2010;8:348-353 (cut-point 2)."
    ),
    loinc_panel="55757-9",
    loinc_total="55758-7",
    items=PHQ9_ITEMS[:2],
    screens=(
        TotalScreen(
            key="positive_screen",
            cutoff=Cutoff(
                Comparison.AT_LEAST, POSITIVE_SCREEN_AT_LEAST, setting="phq2_positive_at_least"
            ),
            positive_text="positive screen",
            negative_text="negative screen",
        ),
    ),
)
