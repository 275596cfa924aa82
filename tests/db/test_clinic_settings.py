import json

import pytest
from sqlalchemy import select

from db.accounts.guard import PermissionDeniedError
from db.accounts.roles import Role
from db.database import Database
from db.errors import InvalidEntryError
from db.models import AuditEvent
from db.settings.clinic_settings import ClinicSettings, load_settings, save_settings


def test_defaults_until_changed_then_shared(database: Database, staff) -> None:
    assert load_settings(database).idle_lock_minutes == 10
    save_settings(database, staff[Role.ADMINISTRATOR], ClinicSettings(idle_lock_minutes=5))
    assert load_settings(database).idle_lock_minutes == 5
    save_settings(database, staff[Role.ADMINISTRATOR], ClinicSettings(idle_lock_minutes=30))
    with database.reading() as session:
        changes = session.execute(
            select(AuditEvent.action, AuditEvent.detail, AuditEvent.prior_version)
            .where(AuditEvent.category == "settings")
            .order_by(AuditEvent.id)
        ).all()
    assert [(a, d) for a, d, _ in changes] == [
        ("setting change", "idle_lock_minutes = 5"),
        ("setting change", "idle_lock_minutes = 30"),
    ]
    assert changes[0].prior_version is None
    assert json.loads(changes[1].prior_version)["value_json"] == "5"


def test_saving_the_same_value_records_nothing(database: Database, staff) -> None:
    admin = staff[Role.ADMINISTRATOR]
    save_settings(database, admin, ClinicSettings(idle_lock_minutes=7))
    save_settings(database, admin, ClinicSettings(idle_lock_minutes=7))
    with database.reading() as session:
        count = len(
            session.scalars(select(AuditEvent.id).where(AuditEvent.category == "settings")).all()
        )
    assert count == 1


@pytest.mark.parametrize("minutes", [0, 31])
def test_idle_lock_outside_1_to_30_minutes_is_refused(database: Database, staff, minutes) -> None:
    with pytest.raises(InvalidEntryError, match="between 1 and 30 minutes"):
        save_settings(
            database, staff[Role.ADMINISTRATOR], ClinicSettings(idle_lock_minutes=minutes)
        )
    assert load_settings(database).idle_lock_minutes == 10


@pytest.mark.parametrize("role", [Role.PRESCRIBER, Role.CLINICIAN, Role.NURSE, Role.FRONT_DESK])
def test_only_the_administrator_changes_settings(database: Database, staff, role) -> None:
    with pytest.raises(PermissionDeniedError):
        save_settings(database, staff[role], ClinicSettings(idle_lock_minutes=3))


def test_the_number_of_backups_kept_is_a_setting(database: Database, staff) -> None:
    admin = staff[Role.ADMINISTRATOR]
    assert load_settings(database).backups_kept == 14
    save_settings(database, admin, ClinicSettings(idle_lock_minutes=10, backups_kept=30))
    assert load_settings(database).backups_kept == 30
    with pytest.raises(InvalidEntryError, match="Keep between 1 and 365 backups"):
        save_settings(database, admin, ClinicSettings(backups_kept=0))
