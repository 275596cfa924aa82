"""The realistic ingredients a synthetic chart is drawn from."""

from decimal import Decimal

from clinical.record.enums import DrugClass, PsychotherapyModality

# (locale, weight): mostly US names, with accents and non-Latin scripts well represented.
NAME_LOCALES: tuple[tuple[str, int], ...] = (
    ("en_US", 50),
    ("es_MX", 10),
    ("fr_FR", 5),
    ("de_DE", 4),
    ("vi_VN", 7),
    ("zh_CN", 6),
    ("ja_JP", 3),
    ("el_GR", 3),
    ("ru_RU", 3),
    ("hi_IN", 3),
    ("pl_PL", 3),
    ("tr_TR", 3),
)

# (ICD-10-CM code, text, weight)
DIAGNOSES: tuple[tuple[str, str, int], ...] = (
    ("F33.2", "Major depressive disorder, recurrent, severe without psychotic features", 40),
    ("F32.2", "Major depressive disorder, single episode, severe without psychotic features", 12),
    ("F33.1", "Major depressive disorder, recurrent, moderate", 14),
    ("F43.12", "Post-traumatic stress disorder, chronic", 10),
    ("F41.1", "Generalized anxiety disorder", 8),
    ("F31.4", "Bipolar disorder, current episode depressed, severe, without psychotic features", 4),
    ("G89.4", "Chronic pain syndrome", 3),
)
SECONDARY_DIAGNOSES: tuple[tuple[str, str], ...] = (
    ("F41.1", "Generalized anxiety disorder"),
    ("F43.10", "Post-traumatic stress disorder, unspecified"),
    ("G47.00", "Insomnia, unspecified"),
    ("F10.21", "Alcohol dependence, in remission"),
)

# (drug, class, typical adequate daily dose in mg)
ANTIDEPRESSANTS: tuple[tuple[str, DrugClass, Decimal], ...] = (
    ("Sertraline", DrugClass.SSRI, Decimal("150")),
    ("Escitalopram", DrugClass.SSRI, Decimal("20")),
    ("Fluoxetine", DrugClass.SSRI, Decimal("40")),
    ("Paroxetine", DrugClass.SSRI, Decimal("40")),
    ("Citalopram", DrugClass.SSRI, Decimal("40")),
    ("Venlafaxine XR", DrugClass.SNRI, Decimal("225")),
    ("Duloxetine", DrugClass.SNRI, Decimal("60")),
    ("Desvenlafaxine", DrugClass.SNRI, Decimal("100")),
    ("Bupropion XL", DrugClass.ATYPICAL, Decimal("300")),
    ("Mirtazapine", DrugClass.ATYPICAL, Decimal("45")),
    ("Vortioxetine", DrugClass.ATYPICAL, Decimal("20")),
    ("Nortriptyline", DrugClass.TCA, Decimal("100")),
    ("Phenelzine", DrugClass.MAOI, Decimal("60")),
)
AUGMENTATION: tuple[tuple[str, DrugClass, Decimal], ...] = (
    ("Aripiprazole", DrugClass.AUGMENTATION, Decimal("5")),
    ("Lithium carbonate", DrugClass.AUGMENTATION, Decimal("900")),
    ("Quetiapine XR", DrugClass.AUGMENTATION, Decimal("300")),
)

THERAPIES: tuple[PsychotherapyModality, ...] = (
    PsychotherapyModality.CBT,
    PsychotherapyModality.CBT,
    PsychotherapyModality.IPT,
    PsychotherapyModality.DBT,
    PsychotherapyModality.BEHAVIORAL_ACTIVATION,
    PsychotherapyModality.CPT,
    PsychotherapyModality.PSYCHODYNAMIC,
)

ALLERGIES: tuple[tuple[str, str], ...] = (
    ("Penicillin", "Rash"),
    ("Sulfa drugs", "Hives"),
    ("Latex", "Contact dermatitis"),
    ("Codeine", "Nausea and vomiting"),
    ("Ondansetron", "Headache"),
)

PAYERS: tuple[tuple[str, str], ...] = (
    ("Blue Meridian Health Plan", "PO Box 4410\nSpringfield, IL 62704"),
    ("Northstar Mutual", "1200 Harbor Way\nOakland, CA 94607"),
    ("Evergreen Community Care", "88 Cedar Street, Suite 300\nPortland, OR 97205"),
    ("Medicare Part B (demo)", "Noridian JF, PO Box 6700\nFargo, ND 58108"),
)

# The demo's prescriber accounts (db/demo/accounts.py) under the names patients know them by.
PRESCRIBERS: tuple[str, ...] = (
    "Maya Okafor, MD",
    "Samuel Achebe, DO",
)
