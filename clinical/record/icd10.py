"""ICD-10-CM code format.

A code is a letter, two characters (digit, digit or letter), then optionally a dot and one to
four more characters: F33.2, F43.10, F32.A, G89.4, M79.7. The check is of form only; whether a
code exists in the current code set is the clinician's to confirm.
Source: CDC/NCHS ICD-10-CM Official Guidelines, Section I.A (code structure).
"""

import re

_ICD10_CM = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


def normalise_icd10(code: str) -> str:
    """Upper-case, trimmed, with the dot put back after the third character if left out."""
    text = code.strip().upper().replace(" ", "")
    if len(text) > 3 and "." not in text:
        text = f"{text[:3]}.{text[3:]}"
    return text


def is_valid_icd10(code: str) -> bool:
    return bool(_ICD10_CM.match(normalise_icd10(code)))


COMMON_DIAGNOSES: tuple[tuple[str, str], ...] = (
    # clinical-reference.md section 4 ("Common ICD-10-CM"); F32.3/F33.3 are WITH psychosis.
    ("F32.1", "Major depressive disorder, single episode, moderate"),
    ("F32.2", "Major depressive disorder, single episode, severe without psychotic features"),
    ("F33.1", "Major depressive disorder, recurrent, moderate"),
    ("F33.2", "Major depressive disorder, recurrent, severe without psychotic features"),
    ("F43.10", "Post-traumatic stress disorder, unspecified"),
    ("F43.12", "Post-traumatic stress disorder, chronic"),
    ("F41.1", "Generalized anxiety disorder"),
    ("F31.4", "Bipolar disorder, current episode depressed, severe, without psychotic features"),
    ("F31.31", "Bipolar disorder, current episode depressed, mild"),
    ("F31.32", "Bipolar disorder, current episode depressed, moderate"),
    ("G89.4", "Chronic pain syndrome"),
    ("G90.50", "Complex regional pain syndrome I, unspecified"),
    ("M79.7", "Fibromyalgia"),
)
