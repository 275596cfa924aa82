"""The result of a monitoring item as recorded, and whether it is abnormal.

Which form an item's result takes follows its code (`result_kind`): the cognitive screen is
a MoCA total with the education point, urinalysis four dipstick findings, the liver panel
ALT/AST/bilirubin each with the laboratory's reference range, the ECG a summary, blood
pressure a reading. Every other item (the every-visit inquiries, reviews, referrals, a
clinic's own items) is done or done with a finding ("abnormal").

Abnormal flags are worked out here, never typed in, where the result has numbers:
- MoCA: total (raw plus 1 point for 12 years of education or fewer, at most 30) below 26
  (`clinical.scales` MoCA: ≥ 26 normal).
- Liver panel: any value outside the range printed on the laboratory report.
- Blood pressure: above `BP_WARN_ABOVE` (clinical-reference.md, ketamine vitals: clinics set
  their own limits; 160/100 is the shipped default, the clinic's choice).
- Urinalysis: any dipstick finding positive (blood, protein, leukocytes, nitrite), or a
  finding the clinician marks abnormal.
An abnormal result raises the items whose rules name it (`triggered_by_abnormal`).
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from clinical.scales.instruments.moca import EDUCATION_BONUS, NORMAL_AT_LEAST

BP_WARN_ABOVE = (160, 100)
MOCA_MAXIMUM = 30


class ResultKind(StrEnum):
    MOCA = "moca"
    URINALYSIS = "urinalysis"
    LIVER_PANEL = "liver_panel"
    ECG = "ecg"
    BLOOD_PRESSURE = "blood_pressure"
    GENERAL = "general"


_KIND_OF_ITEM = {
    "cognitive_screen": ResultKind.MOCA,
    "urinalysis": ResultKind.URINALYSIS,
    "liver_function_tests": ResultKind.LIVER_PANEL,
    "ecg": ResultKind.ECG,
    "blood_pressure": ResultKind.BLOOD_PRESSURE,
}


def result_kind(item_code: str) -> ResultKind:
    return _KIND_OF_ITEM.get(item_code, ResultKind.GENERAL)


@dataclass(frozen=True)
class LabValue:
    """One laboratory value with the reference range printed beside it."""

    value: Decimal
    lower: Decimal
    upper: Decimal

    @property
    def abnormal(self) -> bool:
        return not self.lower <= self.value <= self.upper

    @property
    def flag(self) -> str:
        if self.value > self.upper:
            return " H"
        if self.value < self.lower:
            return " L"
        return ""


# Common adult ranges, offered as the defaults; the laboratory's own range is what counts.
DEFAULT_RANGES = {
    "alt": (Decimal("7"), Decimal("56")),  # U/L
    "ast": (Decimal("10"), Decimal("40")),  # U/L
    "bilirubin": (Decimal("0.1"), Decimal("1.2")),  # mg/dL, total
}


@dataclass(frozen=True)
class ItemResult:
    """What was found. Fields not used by the item's kind stay None or empty."""

    moca_raw: int | None = None
    education_years: int | None = None
    ua_blood: bool | None = None
    ua_protein: bool | None = None
    ua_leukocytes: bool | None = None
    ua_nitrite: bool | None = None
    findings: str = ""  # urinalysis microscopy / other findings, ECG summary, free text
    alt: LabValue | None = None
    ast: LabValue | None = None
    bilirubin: LabValue | None = None
    systolic: int | None = None
    diastolic: int | None = None
    marked_abnormal: bool = False  # the clinician's own finding (ECG, inquiries, reviews)


def moca_total(raw: int, education_years: int | None) -> tuple[int, bool]:
    """(total, education point added). The point is added for 12 years or fewer."""
    bonus = EDUCATION_BONUS
    earns = education_years is not None and education_years <= bonus.at_most_years
    if earns and raw < bonus.cap:
        return min(raw + bonus.points, bonus.cap), True
    return raw, False


def problems(kind: ResultKind, result: ItemResult) -> list[tuple[str, str]]:
    """(field, message) for a result that cannot be recorded as it stands."""
    found: list[tuple[str, str]] = []
    if kind is ResultKind.MOCA:
        if result.moca_raw is None:
            found.append(("moca_raw", "Enter the MoCA total before the education point."))
        elif not 0 <= result.moca_raw <= MOCA_MAXIMUM:
            found.append(("moca_raw", f"A MoCA total is 0 to {MOCA_MAXIMUM}."))
    if kind is ResultKind.LIVER_PANEL:
        values = {"alt": result.alt, "ast": result.ast, "bilirubin": result.bilirubin}
        if all(value is None for value in values.values()):
            found.append(("alt", "Enter at least one of ALT, AST and bilirubin."))
        for name, value in values.items():
            if value is not None and not value.lower < value.upper:
                found.append((name, f"The {_LAB_NAMES[name]} range must run from low to high."))
    if kind is ResultKind.BLOOD_PRESSURE:
        if result.systolic is None or result.diastolic is None:
            found.append(("systolic", "Enter both the systolic and the diastolic pressure."))
        elif not (40 <= result.diastolic < result.systolic <= 300):
            found.append(("systolic", "That blood pressure is not possible; check the numbers."))
    if kind is ResultKind.ECG and not result.findings.strip():
        found.append(("findings", "Summarise the ECG (rhythm, rate, QTc, anything abnormal)."))
    return found


_LAB_NAMES = {"alt": "ALT", "ast": "AST", "bilirubin": "bilirubin"}


def assess(kind: ResultKind, result: ItemResult) -> tuple[bool, str]:
    """(abnormal, one-line summary) of a result that has no problems."""
    match kind:
        case ResultKind.MOCA:
            assert result.moca_raw is not None
            total, point = moca_total(result.moca_raw, result.education_years)
            abnormal = total < NORMAL_AT_LEAST
            extra = f" (raw {result.moca_raw} + 1 education point)" if point else ""
            band = "below normal" if abnormal else "normal"
            return abnormal, f"MoCA {total}/30{extra}, {band}"
        case ResultKind.URINALYSIS:
            dipstick = {
                "blood": result.ua_blood,
                "protein": result.ua_protein,
                "leukocytes": result.ua_leukocytes,
                "nitrite": result.ua_nitrite,
            }
            positive = [name for name, value in dipstick.items() if value]
            abnormal = bool(positive) or result.marked_abnormal
            text = "positive: " + ", ".join(positive) if positive else "dipstick negative"
            return abnormal, _joined(f"Urinalysis {text}", result.findings)
        case ResultKind.LIVER_PANEL:
            parts = []
            abnormal = False
            for name, value, unit in (
                ("ALT", result.alt, "U/L"),
                ("AST", result.ast, "U/L"),
                ("bilirubin", result.bilirubin, "mg/dL"),
            ):
                if value is None:
                    continue
                abnormal = abnormal or value.abnormal
                parts.append(
                    f"{name} {value.value}{value.flag} {unit} ({value.lower}-{value.upper})"
                )
            return abnormal, "; ".join(parts)
        case ResultKind.ECG:
            return result.marked_abnormal, _joined("ECG", result.findings)
        case ResultKind.BLOOD_PRESSURE:
            assert result.systolic is not None and result.diastolic is not None
            high_s, high_d = BP_WARN_ABOVE
            abnormal = result.systolic > high_s or result.diastolic > high_d
            text = f"BP {result.systolic}/{result.diastolic} mmHg"
            return abnormal, text + (f" (above {high_s}/{high_d})" if abnormal else "")
    text = "finding recorded" if result.marked_abnormal else "done, nothing abnormal"
    return result.marked_abnormal, _joined(text, result.findings)


def _joined(first: str, second: str) -> str:
    second = second.strip()
    return f"{first}: {second}" if second else first
