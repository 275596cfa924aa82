"""C-SSRS screener: Columbia-Suicide Severity Rating Scale, screen version (6 yes/no).

Sources (clinical-sources.md §0 pitfall 5, §1.1, §1.3, §1.4; clinical-reference.md §1):
- Questions: 1 wish to be dead; 2 non-specific active suicidal thoughts; 3 thoughts of
  method; 4 intent without specific plan; 5 intent with plan; 6 suicidal behaviour, with a
  "within the past 3 months" follow-up (6b). Questions 3-5 are asked only when question 2
  is yes; 6b only when 6 is yes (docsbay.net C-SSRS triage guidelines; NINDS CDE 137881).
- Triage: yes to 1-2 only: low; yes to 3, or 6 more than 3 months ago: moderate; yes to 4
  or 5, or 6 within the past 3 months: high, needing immediate evaluation and safety
  precautions. Every yes is a safety flag.
- Item LOINC codes 93246-7 .. 93250-9, 93267-3, 93269-9 (HL7 US Behavioral Health Profiles
  IG, QuestionnaireResponse C-SSRS example). The screener panel code (93373-9, seen only
  in secondary sources) is unconfirmed, so none is stored; 93245-9 is the full C-SSRS.
- Licence: free on paper; electronic forms of the wording need a licence (Clario sublicence
  and certification). Answers are recorded by question number and topic only.
- No total: the result is the risk level.
"""

from clinical.scales.model import (
    AnswerKind,
    AskedWhenYes,
    Comparison,
    Cutoff,
    Instrument,
    Item,
    RiskLevel,
    RiskRule,
    SafetyRule,
    TotalRule,
)

_QUESTIONS = (
    ("1", "Wish to be dead", None, "93246-7"),
    ("2", "Non-specific active suicidal thoughts", None, "93247-5"),
    ("3", "Suicidal thoughts with method", "2", "93248-3"),
    ("4", "Suicidal intent without specific plan", "2", "93249-1"),
    ("5", "Suicidal intent with specific plan", "2", "93250-9"),
    ("6", "Suicidal behaviour, lifetime", None, "93267-3"),
    ("6b", "Suicidal behaviour within the past 3 months", "6", "93269-9"),
)

CSSRS_SCREENER = Instrument(
    code="CSSRS_SCREENER",
    name="Columbia-Suicide Severity Rating Scale, screener (C-SSRS)",
    short_name="C-SSRS screener",
    rule_version="CSSRS_SCREENER-2026.1",
    licence=(
        "Free on paper; electronic forms of the wording need a licence from its holder "
        "(Clario sublicence and certification). Recorded by question number and topic only."
    ),
    source=(
        "Posner K et al. Am J Psychiatry 2011;168:1266-1277; screener triage per the C-SSRS "
        "triage guidelines (docsbay.net) and NINDS CDE report 137881."
    ),
    item_noun="question",
    total_rule=TotalRule.NO_TOTAL,
    items=tuple(
        Item(
            key=key,
            label=topic,
            topic=topic,
            minimum=0,
            maximum=1,
            kind=AnswerKind.YES_NO,
            scored=False,
            asked_when=AskedWhenYes(parent) if parent else None,
            loinc=loinc,
        )
        for key, topic, parent, loinc in _QUESTIONS
    ),
    safety_rules=tuple(
        SafetyRule(key, Cutoff(Comparison.AT_LEAST, 1), "suicide risk review needed")
        for key, _, _, _ in _QUESTIONS
    ),
    risk_rules=(
        RiskRule(RiskLevel.HIGH, ("4",)),
        RiskRule(RiskLevel.HIGH, ("5",)),
        RiskRule(RiskLevel.HIGH, ("6", "6b")),
        RiskRule(RiskLevel.MODERATE, ("3",)),
        RiskRule(RiskLevel.MODERATE, ("6",)),
        RiskRule(RiskLevel.LOW, ("1",)),
        RiskRule(RiskLevel.LOW, ("2",)),
    ),
    risk_actions=(
        (RiskLevel.LOW, "clinician review of suicide risk at this visit"),
        (RiskLevel.MODERATE, "clinician suicide risk assessment before the patient leaves"),
        (RiskLevel.HIGH, "act now, immediate evaluation and safety precautions"),
    ),
)
