"""Sessions on disk: a draft survives the program being killed mid-entry; the migration
goes down and up again with the database's guards in place; the clinic's settings."""

import multiprocessing
import os
import signal
from dataclasses import replace
from datetime import date
from decimal import Decimal
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DatabaseError

from clinical.modality import Modality
from clinical.sessions import DEFAULT_THRESHOLDS, PreDoseThresholds, VitalSigns
from db.accounts.actor import Actor
from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.database import Database, sqlite_url
from db.errors import InvalidEntryError
from db.migrate import alembic_config, upgrade_to_head
from db.models import AuditEvent, ClinicSetting
from db.sessions import workflows as sessions
from db.sessions.settings import (
    CEILING_KEY,
    THRESHOLDS_KEY,
    load_session_settings,
    save_session_settings,
)
from db.sessions.views import SessionSettings
from tests.clinical.sessions.samples import complete
from tests.db.course_builders import record_madrs
from tests.db.monitoring_builders import book, patient_on_course

DAY = date(2026, 1, 5)


def _open(folder: Path) -> Database:
    return Database(sqlite_url(folder / "clinic.sqlite3"), AuditTrail(AuditKeys(folder / "keys")))


def _type_then_hang(
    folder: Path, actor: Actor, session_id: int, version: int, out: Connection
) -> None:
    """The child: types the session field by field, saving each change, then hangs
    mid-entry until it is killed."""
    database = _open(folder)
    content = complete(Modality.IV_KETAMINE)
    typed = replace(content, common=replace(content.common, vitals_before=VitalSigns(131, 84)))
    view = sessions.save_draft(database, actor, session_id, version, typed)
    view = sessions.save_draft(database, actor, session_id, view.version, content)
    out.send(view.version)
    signal.pause()


@pytest.mark.sqlite_only
def test_a_draft_survives_the_program_being_killed_mid_entry(
    tmp_path: Path, database: Database, prescriber: Actor
) -> None:
    del database  # the fixture made the accounts; the child opens the file itself
    folder = tmp_path / "data"
    clinic = Database(
        sqlite_url(folder / "clinic.sqlite3"), AuditTrail(AuditKeys(tmp_path / "config" / "audit"))
    )
    patient_id, course_id = patient_on_course(clinic, prescriber, first_treatment=None)
    appointment_id = book(clinic, prescriber, patient_id, DAY, course_id=course_id)
    view = sessions.start_session(clinic, prescriber, appointment_id, today=DAY)
    clinic.dispose()
    (folder / "keys").symlink_to(tmp_path / "config" / "audit")
    context = multiprocessing.get_context("spawn")
    parent, child_end = context.Pipe()
    child = context.Process(
        target=_type_then_hang, args=(folder, prescriber, view.id, view.version, child_end)
    )
    child.start()
    try:
        assert parent.poll(60), "the child never saved"
        saved_version = parent.recv()
    finally:
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
    assert child.exitcode == -signal.SIGKILL
    reopened = _open(folder)
    found = sessions.session_for_appointment(reopened, prescriber, appointment_id)
    assert found is not None
    assert found.version == saved_version
    assert found.content == complete(Modality.IV_KETAMINE)
    reopened.dispose()


@pytest.mark.sqlite_only
def test_the_migration_goes_down_and_up_again_keeping_the_scale_guards(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "m.sqlite3"))
    upgrade_to_head(db)
    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0007")
    tables = inspect(db.engine).get_table_names()
    assert "treatment_session" not in tables and "session_addendum" not in tables
    assert "session_id" not in {c["name"] for c in inspect(db.engine).get_columns("scale_result")}
    with db.engine.connect() as connection:
        triggers = (
            connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            )
            .scalars()
            .all()
        )
    assert {"scale_result_no_update", "scale_result_no_delete"} <= set(triggers)
    with db.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with db.engine.connect() as connection:
        triggers = (
            connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            .scalars()
            .all()
        )
    assert {
        "treatment_session_signed_no_update",
        "session_addendum_no_delete",
        "scale_result_no_update",
    } <= set(triggers)
    db.dispose()


def test_a_scale_result_still_cannot_be_changed_after_the_migration(
    database: Database, prescriber: Actor
) -> None:
    patient_id, _ = patient_on_course(database, prescriber, first_treatment=None)
    record_madrs(database, patient_id, DAY, 20)
    with pytest.raises(DatabaseError), database.transaction() as session:
        session.execute(text("UPDATE scale_result SET session_id = NULL"))


# Settings --------------------------------------------------------------------------------


def test_settings_default_to_the_reference(database: Database) -> None:
    settings = load_session_settings(database)
    assert settings.ceiling_mg_per_kg == Decimal("0.5")
    for modality in Modality:
        assert settings.thresholds_for(modality) == DEFAULT_THRESHOLDS[modality]


def test_an_administrator_changes_them_and_each_change_is_audited(
    database: Database, staff: dict[Role, Actor]
) -> None:
    admin = staff[Role.ADMINISTRATOR]
    thresholds = dict(DEFAULT_THRESHOLDS)
    thresholds[Modality.TMS] = PreDoseThresholds(170, 105, 120, 45, 90)
    save_session_settings(database, admin, SessionSettings(thresholds, Decimal("0.75")))
    loaded = load_session_settings(database)
    assert loaded.thresholds_for(Modality.TMS) == PreDoseThresholds(170, 105, 120, 45, 90)
    assert loaded.thresholds_for(Modality.ESKETAMINE) == DEFAULT_THRESHOLDS[Modality.ESKETAMINE]
    assert loaded.ceiling_mg_per_kg == Decimal("0.75")
    with database.reading() as session:
        details = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "setting change")
        ).all()
        stored = set(session.scalars(select(ClinicSetting.key)).all())
    assert sorted(d.split(" = ")[0] for d in details) == sorted([CEILING_KEY, THRESHOLDS_KEY])
    assert {CEILING_KEY, THRESHOLDS_KEY} <= stored
    save_session_settings(database, admin, loaded)  # unchanged: no new audit rows
    with database.reading() as session:
        again = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "setting change")
        ).all()
    assert len(again) == 2


def test_the_new_limits_judge_the_next_session(
    database: Database, staff: dict[Role, Actor]
) -> None:
    prescriber = staff[Role.PRESCRIBER]
    thresholds = dict(DEFAULT_THRESHOLDS)
    thresholds[Modality.IV_KETAMINE] = PreDoseThresholds(max_systolic=125, max_diastolic=85)
    save_session_settings(database, staff[Role.ADMINISTRATOR], SessionSettings(thresholds))
    patient_id, course_id = patient_on_course(database, prescriber, first_treatment=None)
    appointment_id = book(database, prescriber, patient_id, DAY, course_id=course_id)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    saved = sessions.save_draft(
        database, prescriber, view.id, view.version, complete(Modality.IV_KETAMINE)
    )
    assert [b.message for b in saved.breaches] == [
        "Blood pressure 128/82 is above the clinic's pre-dose limit of 125/85."
    ]


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (SessionSettings(ceiling_mg_per_kg=Decimal("0")), CEILING_KEY),
        (SessionSettings(ceiling_mg_per_kg=Decimal("4.5")), CEILING_KEY),
        (
            SessionSettings({Modality.TMS: PreDoseThresholds(max_systolic=20)}),
            "tms.max_systolic",
        ),
        (SessionSettings({Modality.TMS: PreDoseThresholds(min_spo2=101)}), "tms.min_spo2"),
        (
            SessionSettings(
                {Modality.TMS: PreDoseThresholds(max_heart_rate=60, min_heart_rate=60)}
            ),
            "tms.min_heart_rate",
        ),
    ],
)
def test_implausible_settings_are_refused(
    database: Database, staff: dict[Role, Actor], settings: SessionSettings, field: str
) -> None:
    with pytest.raises(InvalidEntryError) as refused:
        save_session_settings(database, staff[Role.ADMINISTRATOR], settings)
    assert [p.field for p in refused.value.problems] == [field]


def test_only_an_administrator_changes_them(database: Database, staff: dict[Role, Actor]) -> None:
    with pytest.raises(PermissionDeniedError):
        save_session_settings(database, staff[Role.PRESCRIBER], SessionSettings())


def test_the_migration_goes_down_and_up_on_each_backend(database: Database) -> None:
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0007")
    assert "treatment_session" not in inspect(database.engine).get_table_names()
    with database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert "session_addendum" in inspect(database.engine).get_table_names()
