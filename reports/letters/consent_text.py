"""The consent wording for each family of treatment, versioned.

The wording is addressed to the patient, who reads and signs it. Any change to a family's
wording must come with a new version string: the version is printed on every consent form
and stored with the signed copy, so the clinic can always say which text was agreed to.

Sources: seed 002 (risks with long use, the Safety Monitoring Protocol, yearly consent
re-affirmation), seed 003 (what off-label use of ketamine means), clinical-reference.md §2
(the Spravato label summary and REMS: at least 2 hours of monitoring, no driving until the
next day after restful sleep; TMS side effects) and §4 (the consent elements).
"""

from dataclasses import dataclass
from enum import StrEnum

from clinical.modality import Modality


class ConsentFamily(StrEnum):
    """Treatments that share one consent text: IV and IM ketamine are one family."""

    KETAMINE = "ketamine"
    ESKETAMINE = "esketamine"
    TMS = "tms"


@dataclass(frozen=True)
class ConsentText:
    family: ConsentFamily
    version: str
    treatment: str  # as it reads in a sentence: "ketamine treatment"
    what_it_is: tuple[str, ...]
    approval_heading: str
    approval: tuple[str, ...]
    risks_intro: str
    risks: tuple[str, ...]
    monitoring_intro: str
    monitoring: tuple[str, ...]
    on_treatment_days: tuple[str, ...]
    alternatives: tuple[str, ...]
    voluntary: tuple[str, ...]
    agreement: str


_VOLUNTARY = (
    "Your consent is voluntary. You may withdraw it at any time, for any reason, by telling "
    "any member of your care team. Withdrawing will not affect the other care you receive "
    "from this clinic, and we will help you plan what comes next.",
    "You may ask questions at any time, now or later, and you may ask for a copy of this form.",
)

_KETAMINE_MONITORING = (
    "Blood pressure and heart rate at every visit, before and after each treatment.",
    "Questions about bladder and urinary symptoms (how often, urgency, pain) at every visit.",
    "A urine test (urinalysis) at the start and every 3 to 6 months.",
    "Liver blood tests at the start and every 3 to 6 months.",
    "A short memory and thinking test (MoCA or similar) at the start and every 6 months, "
    "with fuller testing if there is any concern.",
    "An ECG (heart tracing) once a year, or sooner if you have symptoms.",
    "Symptom questionnaires (rating scales) and questions about side effects, mood, "
    "substance use and unusual experiences at every visit.",
    "A full review once a year of safety, memory and thinking, and whether to continue, "
    "space out, taper or change treatment, when this consent is renewed.",
)

_KETAMINE_RISKS = (
    "Dissociation: feeling detached, dreamlike or unreal, or changes in vision, hearing, "
    "or sense of time during the treatment and for a short time after. It usually passes "
    "within an hour or two.",
    "A rise in blood pressure and heart rate during and shortly after the treatment.",
    "Nausea or vomiting.",
    "Sleepiness, dizziness, unsteadiness and slowed reactions for the rest of the day.",
    "With long-term use: bladder and urinary tract problems (needing to pass urine often or "
    "urgently, pain, blood in the urine) and changes in liver tests. These are rare at "
    "treatment doses; the monitoring below is there to find them early.",
    "With long-term use: effects on memory and concentration. Studies of treatment doses "
    "over one to two years have not shown decline, but this is checked regularly.",
    "Misuse: ketamine can be misused and can cause dependence. Treatment is given only in "
    "the clinic; please tell us about any past or present substance use.",
    "Less common: headache, blurred vision, anxiety or distressing experiences during the "
    "treatment, and changes in breathing, which staff watch for throughout.",
    "Ketamine should not be used during pregnancy: please tell us if you are pregnant or "
    "planning a pregnancy.",
)

_ON_DRUG_DAYS = (
    "Someone must take you home after each treatment.",
    "Do not drive, cycle or operate machinery until the next day, after a restful sleep.",
    "Follow the clinic's instructions about eating and drinking before each treatment.",
)

KETAMINE = ConsentText(
    family=ConsentFamily.KETAMINE,
    version="ketamine-2026.1",
    treatment="ketamine treatment",
    what_it_is=(
        "Ketamine is a medicine first approved as an anaesthetic. At lower doses it can "
        "relieve depression quickly, and repeated treatments (boosters) spaced further and "
        "further apart can keep that relief going. It is given in this clinic, either as an "
        "infusion into a vein (intravenous, usually over about 40 minutes) or as an injection "
        "into a muscle (intramuscular), with staff present throughout.",
    ),
    approval_heading="Off-label use",
    approval=(
        "Ketamine is approved by the U.S. Food and Drug Administration (FDA) as an "
        "anaesthetic, not as a treatment for depression. Using it for depression is "
        '"off-label": a licensed prescriber uses an approved medicine for another purpose, '
        "based on research and clinical judgment. Off-label prescribing is common in "
        "medicine, and it does not mean that a treatment is unsafe or does not work.",
        "It does mean that the FDA has not reviewed ketamine for depression, that there is "
        "less long-term research than for approved uses, and that insurance plans often do "
        "not pay for it.",
    ),
    risks_intro="Possible risks and side effects include:",
    risks=_KETAMINE_RISKS,
    monitoring_intro="To continue treatment safely, you agree to this monitoring:",
    monitoring=_KETAMINE_MONITORING,
    on_treatment_days=_ON_DRUG_DAYS,
    alternatives=(
        "Antidepressant medicines, alone or with other medicines added.",
        "Psychotherapy, such as cognitive behavioural therapy.",
        "Esketamine nasal spray (Spravato), an FDA-approved form of ketamine treatment.",
        "Transcranial magnetic stimulation (TMS) or electroconvulsive therapy (ECT).",
        "Spacing out, tapering or stopping ketamine, with a plan for relapse prevention.",
    ),
    voluntary=_VOLUNTARY,
    agreement="I have read this form, or had it read to me. My questions have been "
    "answered. I understand the treatment, its off-label status, its risks and the "
    "alternatives, and I agree to continue ketamine treatment under the plan and the "
    "monitoring described above.",
)

ESKETAMINE = ConsentText(
    family=ConsentFamily.ESKETAMINE,
    version="esketamine-2026.1",
    treatment="esketamine (Spravato) treatment",
    what_it_is=(
        "Esketamine (Spravato) is a nasal spray related to ketamine. You give yourself the "
        "spray in the clinic under the supervision of staff, then rest while you are "
        "monitored. Sessions are spaced further apart once your symptoms have improved.",
    ),
    approval_heading="FDA approval and the REMS monitoring program",
    approval=(
        "Spravato is approved by the FDA for adults with treatment-resistant depression, on "
        "its own or with an antidepressant taken by mouth, and for depressive symptoms with "
        "suicidal thoughts or actions together with an antidepressant.",
        "Because of the risks of sedation, dissociation, breathing problems and misuse, it "
        "is only available through a safety program (REMS). Under this program it is given "
        "only in a certified clinic, you stay under observation for at least 2 hours after "
        "each dose until a clinician judges you ready to leave, and each session is reported "
        "to the program.",
    ),
    risks_intro="Possible risks and side effects include:",
    risks=(
        "Sedation: feeling very sleepy, and rarely becoming hard to rouse.",
        "Dissociation: feeling detached, dreamlike or unreal, or changes in vision, hearing "
        "or sense of time, usually passing within the observation period.",
        "A rise in blood pressure, greatest about 40 minutes after the dose. Blood pressure "
        "is checked before the dose and during observation; treatment may be delayed if it "
        "is high.",
        "Breathing problems (respiratory depression), which staff watch for with a pulse oximeter.",
        "Nausea, vomiting, dizziness, a strange taste, and numbness in the mouth or nose.",
        "With long-term use: bladder and urinary tract problems and effects on memory and "
        "concentration. These are rare at treatment doses and are checked regularly.",
        "Misuse: esketamine can be misused and can cause dependence.",
        "Worsening mood or suicidal thoughts: tell us or seek help at once if these appear.",
        "Esketamine should not be used during pregnancy: please tell us if you are pregnant "
        "or planning a pregnancy.",
    ),
    monitoring_intro="To continue treatment safely, you agree to this monitoring:",
    monitoring=(
        "At every session: blood pressure before the dose, about 40 minutes after, and as "
        "needed; observation for at least 2 hours; a check that you are ready to leave.",
        *_KETAMINE_MONITORING,
    ),
    on_treatment_days=_ON_DRUG_DAYS,
    alternatives=(
        "Antidepressant medicines, alone or with other medicines added.",
        "Psychotherapy, such as cognitive behavioural therapy.",
        "Ketamine given by infusion (off-label), transcranial magnetic stimulation (TMS) or "
        "electroconvulsive therapy (ECT).",
        "Spacing out, tapering or stopping esketamine, with a plan for relapse prevention.",
    ),
    voluntary=_VOLUNTARY,
    agreement="I have read this form, or had it read to me. My questions have been "
    "answered. I understand the treatment, the REMS monitoring, its risks and the "
    "alternatives, and I agree to continue esketamine treatment under the plan and the "
    "monitoring described above.",
)

TMS = ConsentText(
    family=ConsentFamily.TMS,
    version="tms-2026.1",
    treatment="TMS treatment",
    what_it_is=(
        "Transcranial magnetic stimulation (TMS) uses a magnetic coil held against the scalp "
        "to stimulate the areas of the brain that regulate mood. You are awake throughout "
        "and no anaesthetic is needed. After the first course, maintenance sessions keep "
        "the improvement going and lower the risk of relapse.",
    ),
    approval_heading="FDA clearance",
    approval=(
        "TMS devices are cleared by the FDA for the treatment of major depression in adults "
        "who have not improved enough with antidepressant medicines.",
    ),
    risks_intro="Possible risks and side effects include:",
    risks=(
        "Headache during or after sessions, usually mild and less frequent as treatment goes on.",
        "Scalp pain or discomfort under the coil, and twitching of the face or jaw muscles "
        "during stimulation.",
        "Loud clicking from the coil: you will wear ear protection at every session.",
        "Light-headedness or tiredness after a session.",
        "Seizure: rare (well under 1 in 1,000 patients). Tell us about any new medicine, "
        "lack of sleep, or heavy alcohol use, which can raise the risk.",
        "Rarely, a switch into an elevated mood (mania or hypomania).",
    ),
    monitoring_intro="To continue treatment safely, you agree to this monitoring:",
    monitoring=(
        "Questions at every session about side effects, new medicines, sleep, alcohol and "
        "any metal or devices near the head.",
        "Symptom questionnaires (rating scales) at regular intervals to measure response.",
        "A new motor threshold measurement when your medicines change, or as your "
        "clinician decides.",
        "A review once a year of how treatment is working and whether to continue, space "
        "out or stop sessions, when this consent is renewed.",
    ),
    on_treatment_days=(
        "You may drive yourself to and from sessions.",
        "Remove metal items (hair clips, jewellery, magnetic cards) before each session, "
        "and tell us about any implant or metal in or near your head.",
    ),
    alternatives=(
        "Antidepressant medicines, alone or with other medicines added.",
        "Psychotherapy, such as cognitive behavioural therapy.",
        "Esketamine nasal spray (Spravato), ketamine infusions (off-label), or "
        "electroconvulsive therapy (ECT).",
        "Spacing out or stopping TMS sessions, with a plan for relapse prevention.",
    ),
    voluntary=_VOLUNTARY,
    agreement="I have read this form, or had it read to me. My questions have been "
    "answered. I understand the treatment, its risks and the alternatives, and I agree to "
    "continue TMS treatment under the plan and the monitoring described above.",
)

_BY_FAMILY = {text.family: text for text in (KETAMINE, ESKETAMINE, TMS)}

_FAMILY_OF = {
    Modality.IV_KETAMINE: ConsentFamily.KETAMINE,
    Modality.IM_KETAMINE: ConsentFamily.KETAMINE,
    Modality.ESKETAMINE: ConsentFamily.ESKETAMINE,
    Modality.TMS: ConsentFamily.TMS,
}


def consent_family(modality: Modality) -> ConsentFamily:
    return _FAMILY_OF[modality]


def consent_text(modality: Modality) -> ConsentText:
    return _BY_FAMILY[consent_family(modality)]


def consent_text_version(modality: Modality) -> str:
    """The version of the wording a patient on ``modality`` signs, to store with it."""
    return consent_text(modality).version
