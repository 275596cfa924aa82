"""MoCA: Montreal Cognitive Assessment, recorded as its seven domain scores.

Sources (clinical-sources.md §1.1, §1.4; clinical-reference.md §1):
- Domain maxima: visuospatial/executive 5, naming 3, attention 6, language 3,
  abstraction 2, delayed recall 5, orientation 6 (total 30) (camcops moca.py).
- Add 1 point when formal education is 12 years or less and the raw total is below 30;
  the total never exceeds 30 (camcops moca.py; clinical-reference.md "rules that apply to
  all"). Years of education are therefore a scoring input.
- ≥ 26 normal, < 26 abnormal (camcops moca.py). The further MCI/moderate/severe bands quoted
  on the web are not from the developer and are not used.
- Panel 72133-2, total 72172-0 (hl7.org/fhir/us/mcc; pitfall 6: 72172-0 is the MoCA total).
- Licence: copyright MoCA Cognition (Z. Nasreddine); raters need certification. Only domain
  scores and the total are recorded, never the test material.
"""

from clinical.scales.model import (
    EducationBonus,
    Instrument,
    Item,
    SeverityBand,
    Subscale,
)

EDUCATION_BONUS = EducationBonus(at_most_years=12, points=1, cap=30)
NORMAL_AT_LEAST = 26

_DOMAINS = (
    ("visuospatial_executive", "Visuospatial/executive", 5),
    ("naming", "Naming", 3),
    ("attention", "Attention", 6),
    ("language", "Language", 3),
    ("abstraction", "Abstraction", 2),
    ("delayed_recall", "Delayed recall", 5),
    ("orientation", "Orientation", 6),
)

MOCA = Instrument(
    code="MOCA",
    name="Montreal Cognitive Assessment (MoCA)",
    short_name="MoCA",
    rule_version="MOCA-2026.1",
    licence=(
        "Copyright MoCA Cognition (Z. Nasreddine): licensed; raters need MoCA certification. "
        "Domain scores and total only."
    ),
    source=(
        "Nasreddine ZS et al. J Am Geriatr Soc 2005;53:695-699; domain maxima, education "
        "point and cut-off 26 per CamCOPS moca.py."
    ),
    item_noun="domain",
    loinc_panel="72133-2",
    loinc_total="72172-0",
    items=tuple(
        Item(key=key, label=label, topic=label, maximum=maximum) for key, label, maximum in _DOMAINS
    ),
    subscales=tuple(Subscale(key, label, (key,)) for key, label, _ in _DOMAINS),
    bands=(
        SeverityBand(0, NORMAL_AT_LEAST - 1, "below the normal range"),
        SeverityBand(NORMAL_AT_LEAST, 30, "normal"),
    ),
    education_bonus=EDUCATION_BONUS,
)
