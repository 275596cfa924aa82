"""Annual reviews for the demo clinic: one on the day of each patient's latest consent
reaffirmation the demo monitoring recorded, so the annual summary prints from `make run`.
Synthetic wording only."""

import random
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.accounts.roles import Role
from db.annual_reviews.decision import ReviewDecision
from db.base import utc_now
from db.database import Database
from db.models import AnnualReview, MonitoringCompletion, TreatmentCourse, UserAccount
from db.monitoring.due_table import rebuild_all

_DECISIONS = (
    (ReviewDecision.CONTINUE, "Stable on the current interval; the patient wishes to continue.", 5),
    (
        ReviewDecision.EXTEND_INTERVAL,
        "Sustained remission for six months; try the next step of the ladder.",
        3,
    ),
    (ReviewDecision.TAPER, "In remission with psychotherapy in place; taper as planned.", 1),
    (
        ReviewDecision.TRANSITION,
        "Shorter benefit between treatments; bridge to TMS with the antidepressant optimised.",
        1,
    ),
)
_SAFETY = (
    "No urinary symptoms; blood pressure within the clinic's limits at every visit; liver "
    "tests normal; no misuse concerns.",
    "Mild transient dissociation only; no bladder symptoms; BP stable; substance screen negative.",
)
_DISCUSSION = (
    "Discussed continuing, spacing out, tapering and changing treatment, with their risks.",
    "Reviewed the year's scores with the patient; talked through tapering versus continuing.",
)


def generate_demo_annual_reviews(database: Database, seed: int) -> int:
    rng = random.Random(seed * 31 + 7)
    with database.transaction() as session:
        reviewer = session.execute(
            select(UserAccount.id, UserAccount.display_name)
            .where(UserAccount.role == Role.PRESCRIBER)
            .order_by(UserAccount.id)
            .limit(1)
        ).first()
        latest = session.execute(
            select(MonitoringCompletion.patient_id, func.max(MonitoringCompletion.done_on))
            .where(MonitoringCompletion.item_code == "consent_reaffirmation")
            .group_by(MonitoringCompletion.patient_id)
        ).all()
        screens = _latest_screens(session)
        courses = {
            patient_id: (course_id, prescriber)
            for patient_id, course_id, prescriber in session.execute(
                select(TreatmentCourse.patient_id, TreatmentCourse.id, TreatmentCourse.prescriber)
                .where(TreatmentCourse.closed_on.is_(None))
                .order_by(TreatmentCourse.started_on)
            )
        }
        rows = []
        for patient_id, reviewed_on in latest:
            course_id, prescriber = courses.get(patient_id, (None, "Demo prescriber"))
            decision, reasoning, _ = rng.choices(_DECISIONS, [w for *_, w in _DECISIONS])[0]
            screen = screens.get(patient_id)
            linked = screen is not None and screen[1] <= reviewed_on
            name = reviewer.display_name if reviewer else prescriber
            rows.append(
                {
                    "patient_id": patient_id,
                    "course_id": course_id,
                    "reviewed_on": reviewed_on,
                    "reviewer_user_id": reviewer.id if reviewer else None,
                    "reviewer": name,
                    "safety_assessment": rng.choice(_SAFETY),
                    "cognitive_completion_id": screen[0] if linked else None,
                    "cognitive_note": "" if linked else "No cognitive complaints; MoCA booked.",
                    "continuation_discussion": rng.choice(_DISCUSSION),
                    "decision": decision,
                    "decision_reasoning": reasoning,
                    "consent_reaffirmed": True,
                    "consent_reaffirmed_on": reviewed_on,
                    "recorded_by_user_id": reviewer.id if reviewer else None,
                    "recorded_by": name,
                }
            )
        if rows:
            session.execute(insert(AnnualReview), rows)
            if closed := _closed_items(session, rows):
                session.execute(insert(MonitoringCompletion), closed)
            rebuild_all(session)  # bulk rows are not seen by the due dates' own upkeep
        return len(rows)


def _closed_items(session: Session, reviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The checklist items each review closes on its day, unless the demo monitoring
    already has them done that day (the consent item it always has). A summary printed for
    the review then shows them done, as it would after a real review."""
    codes = ("annual_safety_assessment", "continuation_discussion")
    done = set(
        session.execute(
            select(
                MonitoringCompletion.patient_id,
                MonitoringCompletion.item_code,
                MonitoringCompletion.done_on,
            ).where(MonitoringCompletion.item_code.in_(codes))
        ).tuples()
    )
    return [
        {
            "patient_id": review["patient_id"],
            "item_code": code,
            "done_on": review["reviewed_on"],
            "summary": "",
            "findings": "",
            "marked_abnormal": False,
            "abnormal": False,
            "performed_by": review["reviewer"],
            "note": "Recorded with the annual review.",
            "recorded_by_user_id": review["recorded_by_user_id"],
            "recorded_by": review["recorded_by"],
            "recorded_at": utc_now(),
        }
        for review in reviews
        for code in codes
        if (review["patient_id"], code, review["reviewed_on"]) not in done
    ]


def _latest_screens(session: Session) -> dict[int, tuple[int, date]]:
    found: dict[int, tuple[int, date]] = {}
    for completion_id, patient_id, done_on in session.execute(
        select(
            MonitoringCompletion.id, MonitoringCompletion.patient_id, MonitoringCompletion.done_on
        )
        .where(MonitoringCompletion.item_code == "cognitive_screen")
        .order_by(MonitoringCompletion.done_on)
    ):
        found[patient_id] = (completion_id, done_on)
    return found
