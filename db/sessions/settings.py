"""The clinic's session settings: pre-dose limits per modality and the ketamine dose
ceiling. Stored in the clinic setting store under keys prefixed "sessions." (one JSON value
each, audited by `db.settings.store.write_settings`); a missing key takes the default of
`clinical.sessions` (reference values, marked there as the clinic's choice).
"""

import json
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinical.modality import Modality
from clinical.record.validation import Problem
from clinical.sessions import DEFAULT_CEILING_MG_PER_KG, DEFAULT_THRESHOLDS, PreDoseThresholds
from clinical.sessions.dose import MG_PER_KG_RANGE
from clinical.sessions.vitals import DIASTOLIC_RANGE, HEART_RATE_RANGE, SPO2_RANGE, SYSTOLIC_RANGE
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditCategory
from db.database import Database
from db.errors import InvalidEntryError
from db.models import ClinicSetting
from db.sessions.views import SessionSettings
from db.settings.store import write_settings

THRESHOLDS_KEY = "sessions.pre_dose_thresholds"
CEILING_KEY = "sessions.ketamine_ceiling_mg_per_kg"

_LIMITS: tuple[tuple[str, str, tuple[int, int]], ...] = (
    ("max_systolic", "The systolic limit", SYSTOLIC_RANGE),
    ("max_diastolic", "The diastolic limit", DIASTOLIC_RANGE),
    ("max_heart_rate", "The upper heart-rate limit", HEART_RATE_RANGE),
    ("min_heart_rate", "The lower heart-rate limit", HEART_RATE_RANGE),
    ("min_spo2", "The oxygen saturation limit", SPO2_RANGE),
)


def _encode_thresholds(thresholds: dict[Modality, PreDoseThresholds]) -> dict[str, Any]:
    return {modality.value: asdict(thresholds[modality]) for modality in Modality}


def _decode(stored: dict[str, str]) -> SessionSettings:
    thresholds = dict(DEFAULT_THRESHOLDS)
    if THRESHOLDS_KEY in stored:
        for key, values in json.loads(stored[THRESHOLDS_KEY]).items():
            thresholds[Modality(key)] = PreDoseThresholds(**values)
    ceiling = DEFAULT_CEILING_MG_PER_KG
    if CEILING_KEY in stored:
        ceiling = Decimal(json.loads(stored[CEILING_KEY]))
    return SessionSettings(thresholds, ceiling)


def read_session_settings(session: Session) -> SessionSettings:
    """The settings inside the caller's transaction."""
    rows = session.execute(
        select(ClinicSetting.key, ClinicSetting.value_json).where(
            ClinicSetting.key.in_((THRESHOLDS_KEY, CEILING_KEY))
        )
    )
    return _decode({key: value for key, value in rows})


def load_session_settings(database: Database) -> SessionSettings:
    """Everyone documenting a session is judged by these: no permission needed to read."""
    with database.reading() as session:
        return read_session_settings(session)


def _problems(settings: SessionSettings) -> list[Problem]:
    problems = []
    for modality in Modality:
        limits = settings.thresholds_for(modality)
        for name, what, (low, high) in _LIMITS:
            value = getattr(limits, name)
            if value is not None and not low <= value <= high:
                problems.append(
                    Problem(
                        f"{modality.value}.{name}",
                        f"{modality.label}: {what.lower()} must be {low} to {high}.",
                    )
                )
        if (
            limits.min_heart_rate is not None
            and limits.max_heart_rate is not None
            and limits.min_heart_rate >= limits.max_heart_rate
        ):
            problems.append(
                Problem(
                    f"{modality.value}.min_heart_rate",
                    f"{modality.label}: the lower heart-rate limit must be below the upper one.",
                )
            )
    low, high = MG_PER_KG_RANGE
    try:
        ceiling_ok = low <= settings.ceiling_mg_per_kg <= high
    except InvalidOperation:
        ceiling_ok = False
    if not ceiling_ok:
        problems.append(
            Problem(CEILING_KEY, f"The ketamine dose ceiling must be {low} to {high} mg/kg.")
        )
    return problems


def save_session_settings(database: Database, actor: Actor, settings: SessionSettings) -> None:
    """Administrators only; each changed value is its own audited setting change."""
    authorize(database, actor, Permission.MANAGE_SETTINGS, AuditCategory.SETTINGS)
    if problems := _problems(settings):
        raise InvalidEntryError(problems)
    thresholds = {m: settings.thresholds_for(m) for m in Modality}
    wanted = {
        THRESHOLDS_KEY: _encode_thresholds(thresholds),
        CEILING_KEY: str(settings.ceiling_mg_per_kg),
    }
    defaults = {
        THRESHOLDS_KEY: _encode_thresholds(dict(DEFAULT_THRESHOLDS)),
        CEILING_KEY: str(DEFAULT_CEILING_MG_PER_KG),
    }
    with database.transaction() as session:
        write_settings(database, session, actor, wanted, defaults)
