"""A line under each letter's name saying what it is for and what goes into it."""

from db.letters import LetterKind

_ABOUT = {
    LetterKind.CONSENT_REAFFIRMATION: (
        "For the patient to read and sign once a year: the treatment and its plan, off-label "
        "use, the risks, the monitoring they agree to, the alternatives, and that consent can "
        "be withdrawn. Signature lines for patient, prescriber and witness."
    ),
    LetterKind.MEDICAL_NECESSITY: (
        "To the patient's insurer: diagnoses, every failed medication trial and "
        "psychotherapy, scores against the baseline, sessions given, and the service "
        "requested with its codes. Signed with your NPI."
    ),
    LetterKind.ANNUAL_REVIEW_SUMMARY: (
        "The latest annual review for the chart and the patient: the year's sessions, the "
        "score trajectory, side effects, monitoring, consent, and the decision with its "
        "reasoning."
    ),
    LetterKind.BOOSTER_SCHEDULE: (
        "A handout for the patient: the sessions booked ahead and what to do on the day of "
        "each (fasting, a ride home, no driving until the next day)."
    ),
}


def about(kind: LetterKind) -> str:
    return _ABOUT[kind]
