"""`boosterdesk due` as a separate process, on the demo clinic."""

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run_due(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(folder / "data"),
            "--config-dir",
            str(folder / "config"),
            "due",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("due")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(folder / "data"),
            "--config-dir",
            str(folder / "config"),
            "demo",
            "--patients",
            "40",
            "--seed",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return folder


def test_due_json_lists_every_due_and_overdue_item_with_window_and_reason(demo: Path) -> None:
    done = run_due(demo, "--as-of", "2030-01-01", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["as_of"] == "2030-01-01"
    items = document["items"]
    assert items, "four years on, something is overdue for every active patient"
    assert {item["state"] for item in items} <= {"due", "overdue", "baseline_missing"}
    overdue = [item for item in items if item["state"] == "overdue"]
    assert overdue and all(item["window_end"] < "2030-01-01" for item in overdue)
    assert all(item["reason"].startswith(item["title"] + ":") for item in items)
    days = [item["days_overdue"] for item in items]
    assert days == sorted(days, reverse=True)

    mrn = items[0]["mrn"]
    one = json.loads(run_due(demo, "--as-of", "2030-01-01", "--patient", mrn, "--json").stdout)
    assert one["items"] and {item["mrn"] for item in one["items"]} == {mrn}
    clinic_rows = {(i["item"], i["state"]) for i in items if i["mrn"] == mrn}
    assert {(i["item"], i["state"]) for i in one["items"]} == clinic_rows


def test_an_unknown_patient_and_a_bad_date_are_refused(demo: Path) -> None:
    unknown = run_due(demo, "--patient", "NOPE-1", "--json")
    assert unknown.returncode == 3 and "No patient has the MRN NOPE-1" in unknown.stderr
    bad = run_due(demo, "--as-of", "2030-13-01")
    assert bad.returncode == 2 and "not a date" in bad.stderr
