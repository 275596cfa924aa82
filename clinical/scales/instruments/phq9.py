"""PHQ-9: Patient Health Questionnaire, 9 items.

Sources (see shared/docs/clinical-sources.md §1.1, §1.3, §1.4 and clinical-reference.md §1):
- Items, item LOINC codes and answer anchors: HL7 US Core Questionnaire PHQ-9 example;
  loinc.org LL358-3 (LA6568-5 .. LA6571-9).
- Difficulty question (LOINC 69722-7, not scored) and its anchors: LOINC answer list LL359-1
  (LA6572-7, LA6573-5, LA6575-0, LA6574-3), as published in the MII PRO FHIR guide.
- Bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe:
  Kroenke 2001 via cdn.loinc.org/44261-6 and loinc.org/LL382-3. A score of 0 is minimal
  (pitfall 9: LOINC's "1-4 = Minimal" wording leaves 0 out).
- Remission < 5 (NCQA/HEDIS; ps.psychiatryonline.org 10.1176/appi.ps.201900295).
- Item 9 ≥ 1 needs same-day safety follow-up whatever the total (clinical-reference.md §1).
- Panel 44249-1, total 44261-6 (cdn.loinc.org/44261-6).
- Licence: public domain, © Pfizer, "No permission required to reproduce, translate,
  display or distribute".
"""

from clinical.scales.model import (
    Anchor,
    AskedWhenTotalAbove,
    Comparison,
    Cutoff,
    Instrument,
    Item,
    SafetyRule,
    SeverityBand,
)

FREQUENCY_ANCHORS = (
    Anchor(0, "Not at all"),
    Anchor(1, "Several days"),
    Anchor(2, "More than half the days"),
    Anchor(3, "Nearly every day"),
)

DIFFICULTY_ANCHORS = (
    Anchor(0, "Not difficult at all"),
    Anchor(1, "Somewhat difficult"),
    Anchor(2, "Very difficult"),
    Anchor(3, "Extremely difficult"),
)

SAME_DAY_FOLLOW_UP = "same-day safety follow-up needed"

REMISSION_BELOW = 5


def _frequency_item(key: str, label: str, topic: str, loinc: str) -> Item:
    return Item(
        key=key, label=label, topic=topic, maximum=3, anchors=FREQUENCY_ANCHORS, loinc=loinc
    )


PHQ9_ITEMS = (
    _frequency_item(
        "1", "Little interest or pleasure in doing things", "little interest or pleasure", "44250-9"
    ),
    _frequency_item(
        "2",
        "Feeling down, depressed, or hopeless",
        "feeling down, depressed or hopeless",
        "44255-8",
    ),
    _frequency_item(
        "3", "Trouble falling or staying asleep, or sleeping too much", "sleep", "44259-0"
    ),
    _frequency_item(
        "4", "Feeling tired or having little energy", "tiredness or little energy", "44254-1"
    ),
    _frequency_item("5", "Poor appetite or overeating", "appetite", "44251-7"),
    _frequency_item(
        "6",
        "Feeling bad about yourself - or that you are a failure or have let yourself or your "
        "family down",
        "feeling bad about yourself",
        "44258-2",
    ),
    _frequency_item(
        "7",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "concentration",
        "44252-5",
    ),
    _frequency_item(
        "8",
        "Moving or speaking so slowly that other people could have noticed. Or the opposite - "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "moving slowly or restlessness",
        "44253-3",
    ),
    _frequency_item(
        "9",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
        "thoughts of death or self-harm",
        "44260-8",
    ),
)

PHQ9 = Instrument(
    code="PHQ9",
    name="Patient Health Questionnaire-9 (PHQ-9)",
    short_name="PHQ-9",
    rule_version="PHQ9-2026.1",
    licence=(
        "Public domain (© Pfizer): no permission required to reproduce, translate, display "
        "or distribute."
    ),
    source=(
        "Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606-613; bands per "
        "LOINC 44261-6 / LL382-3; remission < 5 per NCQA/HEDIS."
    ),
    loinc_panel="44249-1",
    loinc_total="44261-6",
    items=(
        *PHQ9_ITEMS,
        Item(
            key="10",
            label=(
                "How difficult have these problems made it for you to do your work, take care "
                "of things at home, or get along with other people?"
            ),
            topic="difficulty caused by these problems",
            maximum=3,
            anchors=DIFFICULTY_ANCHORS,
            scored=False,
            required=False,
            asked_when=AskedWhenTotalAbove(0),
            note="Asked only when any problem was checked (total above 0); not scored.",
            loinc="69722-7",
        ),
    ),
    bands=(
        SeverityBand(0, 4, "minimal"),
        SeverityBand(5, 9, "mild"),
        SeverityBand(10, 14, "moderate"),
        SeverityBand(15, 19, "moderately severe"),
        SeverityBand(20, 27, "severe"),
    ),
    remission=Cutoff(Comparison.BELOW, REMISSION_BELOW, setting="phq9_remission_below"),
    safety_rules=(SafetyRule("9", Cutoff(Comparison.AT_LEAST, 1), SAME_DAY_FOLLOW_UP),),
)
