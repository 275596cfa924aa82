"""The program as a user starts it: a real process, real files."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

BOOSTERDESK = [sys.executable, "-m", "desktop"]


def run(args: list[str], env_overrides: dict[str, str | None] | None = None, timeout: int = 120):
    env = dict(os.environ)
    for key, value in (env_overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        BOOSTERDESK + args, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )


def test_self_test_migrates_and_shows_the_window() -> None:
    result = run(["--self-test"], {"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert "letters rendered and read back: consent, necessity, annual-review, schedule" in (
        result.stdout
    )


def test_demo_builds_a_synthetic_clinic_into_its_own_folder(tmp_path: Path) -> None:
    result = run(
        [
            "--data-dir",
            str(tmp_path),
            "--config-dir",
            str(tmp_path / "cfg"),
            "demo",
            "--patients",
            "25",
            "--seed",
            "4",
        ]
    )
    assert result.returncode == 0, result.stderr
    assert "25 synthetic patients" in result.stdout
    with sqlite3.connect(tmp_path / "boosterdesk.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM patient").fetchone() == (25,)
        names = {row[0] for row in connection.execute("SELECT legal_family_name FROM patient")}
    assert any(not name.isascii() for name in names)

    again = run(["--data-dir", str(tmp_path), "--config-dir", str(tmp_path / "cfg"), "demo"])
    assert again.returncode == 2
    assert "already exists" in again.stderr


def test_demo_is_reproducible_from_its_seed(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        run(
            [
                "--data-dir",
                str(tmp_path / folder),
                "--config-dir",
                str(tmp_path / "cfg"),
                "demo",
                "--patients",
                "10",
                "--seed",
                "9",
            ]
        )
    rows = []
    for folder in ("a", "b"):
        with sqlite3.connect(tmp_path / folder / "boosterdesk.sqlite3") as connection:
            rows.append(
                connection.execute(
                    "SELECT mrn, legal_family_name, date_of_birth FROM patient ORDER BY mrn"
                ).fetchall()
            )
    assert rows[0] == rows[1]


def test_without_a_display_it_explains_how_to_run(tmp_path: Path) -> None:
    result = run(
        ["--data-dir", str(tmp_path)],
        {"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None},
    )
    assert result.returncode == 4
    assert "xvfb-run" in result.stderr
    assert "offscreen" in result.stderr


def test_a_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    run(
        [
            "--data-dir",
            str(tmp_path),
            "--config-dir",
            str(tmp_path / "cfg"),
            "demo",
            "--patients",
            "1",
        ]
    )
    database_file = tmp_path / "boosterdesk.sqlite3"
    connection = sqlite3.connect(database_file)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()  # the last connection checkpoints the WAL into the file
    before = database_file.read_bytes()
    result = run(
        ["--data-dir", str(tmp_path), "--config-dir", str(tmp_path / "cfg")],
        {"QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 3
    assert "newer version of Booster Desk" in result.stderr
    assert database_file.read_bytes() == before


def test_audit_verify_passes_then_names_the_first_tampered_row(tmp_path: Path) -> None:
    folders = ["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config")]
    built = run([*folders, "demo", "--patients", "3"])
    assert built.returncode == 0, built.stderr
    assert "dr.okafor" in built.stdout and "Prescriber" in built.stdout
    intact = run([*folders, "audit", "verify"])
    assert intact.returncode == 0, intact.stderr
    assert "Audit trail intact: 6 rows checked." in intact.stdout

    connection = sqlite3.connect(tmp_path / "data" / "boosterdesk.sqlite3")
    connection.execute("DROP TRIGGER audit_event_no_update")
    connection.execute("UPDATE audit_event SET detail = 'nothing to see' WHERE id = 3")
    connection.commit()
    connection.close()
    broken = run([*folders, "audit", "verify"])
    assert broken.returncode == 1
    assert "first bad row 3" in broken.stderr


def test_demo_keys_stay_out_of_the_data_folder(tmp_path: Path) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    run(["--data-dir", str(data), "--config-dir", str(config), "demo", "--patients", "2"])
    assert list((config / "audit-keys").glob("*.key"))
    assert not list(data.rglob("*.key"))


def test_backup_restore_and_a_damaged_database_from_the_command_line(tmp_path: Path) -> None:
    folders = ["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config")]
    assert run([*folders, "demo", "--patients", "4"]).returncode == 0
    made = run([*folders, "backup"])
    assert made.returncode == 0, made.stderr
    assert "verified" in made.stdout
    backup = next((tmp_path / "data" / "backups").glob("boosterdesk-*.sqlite3"))

    database_file = tmp_path / "data" / "boosterdesk.sqlite3"
    with sqlite3.connect(database_file) as connection:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name='patient'")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        offset = (root.fetchone()[0] - 1) * page_size
    connection.close()
    data = bytearray(database_file.read_bytes())
    data[offset : offset + 64] = b"\x0d\xff" * 32  # the patient table's page header, broken
    database_file.write_bytes(bytes(data))
    damaged = bytes(data)
    refused = run(folders, {"QT_QPA_PLATFORM": "offscreen"})
    assert refused.returncode == 3
    assert "is damaged, so it was not opened" in refused.stderr
    assert f'boosterdesk restore "{backup}"' in refused.stderr
    assert database_file.read_bytes() == damaged  # nothing written to it

    restored = run([*folders, "restore", str(backup)])
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(database_file) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM patient").fetchone() == (4,)
    kept = list((tmp_path / "data" / "backups").glob("damaged-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_the_clinic_server_can_be_named_in_this_computers_settings_file(tmp_path: Path) -> None:
    shared = tmp_path / "shared-clinic"
    built = run(
        [
            "--data-dir",
            str(shared),
            "--config-dir",
            str(tmp_path / "cfg"),
            "demo",
            "--patients",
            "2",
        ]
    )
    assert built.returncode == 0, built.stderr
    config = tmp_path / "cfg"
    (config / "boosterdesk.ini").write_text(
        f"[database]\nurl = sqlite+pysqlite:///{shared / 'boosterdesk.sqlite3'}\n",
        encoding="utf-8",
    )
    # Another data folder, yet the configured database is the one checked.
    result = run(
        ["--data-dir", str(tmp_path / "elsewhere"), "--config-dir", str(config), "audit", "verify"]
    )
    assert result.returncode == 0, result.stderr
    assert "Audit trail intact: 6 rows checked." in result.stdout  # the demo, not an empty one
