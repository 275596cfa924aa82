"""A save on a full disk: a plain message, the save rolled back, earlier data intact.

The child runs in its own user and mount namespace on a 1 MiB tmpfs, so no root and no
real disk are needed.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys
from pathlib import Path
from db.accounts.passwords import OWASP_MINIMUM, Passwords
from db.accounts.roles import Role
from db.accounts.views import AccountDraft
from db.accounts.workflows import create_first_administrator
from db.audit.keys import AuditKeys
from db.audit.trail import AuditTrail
from db.database import Database, StorageError, sqlite_url
from db.migrate import upgrade_to_head
from db.patients import workflows
from tests.factories import make_patient_draft

folder, keys = Path(sys.argv[1]), Path(sys.argv[2])
database = Database(sqlite_url(folder / "clinic.sqlite3"), AuditTrail(AuditKeys(keys)))
upgrade_to_head(database)
admin = create_first_administrator(
    database, Passwords(OWASP_MINIMUM), AccountDraft("full", "Full Disk", Role.ADMINISTRATOR),
    "a tiny disk passphrase", "tmpfs")
from db.accounts.actor import Actor
nurse = Actor(admin.user_id, admin.username, admin.display_name, Role.NURSE, "tmpfs")
saved, message = [], None
for n in range(100000):
    mrn = f"FULL-{n:05d}"
    try:
        workflows.create_patient(database, nurse, make_patient_draft(
            mrn=mrn, insurance_payer_address="x" * 2000))
    except StorageError as error:
        message = str(error)
        break
    saved.append(mrn)
database.dispose()
import sqlite3
check = sqlite3.connect(folder / "clinic.sqlite3")
on_disk = [m for (m,) in check.execute("select mrn from patient order by mrn")]
integrity = check.execute("pragma integrity_check").fetchone()[0]
print(json.dumps({"saved": saved, "message": message, "on_disk": on_disk,
                  "integrity": integrity}))
"""


def test_disk_full_gives_a_message_and_keeps_what_was_saved(tmp_path: Path) -> None:
    assert shutil.which("unshare"), "util-linux unshare is needed"
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    keys = tmp_path / "keys"
    child = tmp_path / "fill_the_disk.py"
    child.write_text(CHILD, encoding="utf-8")
    script = (
        f'mount -t tmpfs -o size=1m tmpfs "{mount_point}" && '
        f'"{sys.executable}" "{child}" "{mount_point}" "{keys}"'
    )
    result = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["message"].startswith("The disk is full, so this was not saved")
    assert len(outcome["saved"]) > 10
    assert outcome["integrity"] == "ok"
    assert outcome["on_disk"] == outcome["saved"]  # every reported save, not the refused one
