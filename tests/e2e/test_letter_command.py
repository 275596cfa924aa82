"""`boosterdesk letter` as a separate process, on the demo clinic."""

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reports.pdf_probe import page_texts


def run_letter(
    folder: Path, password: str, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "BOOSTERDESK_PASSWORD": password}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(folder / "data"),
            "--config-dir",
            str(folder / "config"),
            "letter",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=environment,
        cwd=cwd or folder,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("letter")
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
        cwd=folder,
    )
    return folder


def password_of(demo: Path, username: str) -> str:
    sheet = (demo / "data" / "DEMO-ACCOUNTS.txt").read_text(encoding="utf-8")
    return re.search(rf"^\s*{re.escape(username)}\s.*\s(\S+)$", sheet, re.MULTILINE)[1]  # type: ignore[index]


def patient_on(demo: Path, modality: str) -> tuple[str, str]:
    """(MRN, 'Given Family') of a patient with an open course of `modality` and sessions
    booked ahead."""
    with sqlite3.connect(demo / "data" / "boosterdesk.sqlite3") as connection:
        row = connection.execute(
            "SELECT p.mrn, p.legal_given_names || ' ' || p.legal_family_name FROM patient p "
            "JOIN treatment_course c ON c.patient_id = p.id "
            "WHERE c.closed_on IS NULL AND c.modality = ? AND EXISTS (SELECT 1 FROM "
            "appointment a WHERE a.patient_id = p.id AND a.status = 'booked' "
            "AND a.day >= date('now')) ORDER BY p.mrn LIMIT 1",
            (modality,),
        ).fetchone()
    assert row is not None, f"the demo has no {modality} patient with sessions booked"
    return row[0], row[1]


def test_consent_letter_is_written_archived_and_its_hash_printed(demo: Path) -> None:
    mrn, name = patient_on(demo, "iv_ketamine")
    out = demo / "consent.pdf"
    done = run_letter(
        demo,
        password_of(demo, "dr.okafor"),
        "consent",
        "--patient",
        mrn,
        "--out",
        str(out),
        "--as",
        "dr.okafor",
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    lines = done.stdout.splitlines()
    assert lines[0] == str(out)
    assert lines[1].startswith(f"SHA-256 {hashlib.sha256(data).hexdigest()}")
    text = " ".join(" ".join(page_texts(data)).split())
    assert name in text and mrn in text and "Maya Okafor" in text
    with sqlite3.connect(demo / "data" / "boosterdesk.sqlite3") as connection:
        stored = connection.execute(
            "SELECT sha256, kind FROM archived_letter ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert stored == (hashlib.sha256(data).hexdigest(), "consent_reaffirmation")
    if shutil.which("qpdf"):
        checked = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, check=False)
        assert checked.returncode == 0, checked.stdout


def test_necessity_letter_takes_its_written_parts_and_a_default_file_name(demo: Path) -> None:
    mrn, _ = patient_on(demo, "tms")
    done = run_letter(
        demo,
        password_of(demo, "dr.achebe"),
        "necessity",
        "--patient",
        mrn,
        "--as",
        "dr.achebe",
        "--text",
        "illness_history=Recurrent depression since 2011.\\nCurrent episode 14 months.",
        "--text",
        "clinical_rationale=Two failed adequate trials; severe symptoms.",
        "--text",
        "risk_of_stopping=Relapse and hospitalisation.",
        "--text",
        "sessions_requested=36",
        "--date",
        "2026-11-20",
    )
    assert done.returncode == 0, done.stderr
    written = demo / f"necessity-{mrn}-2026-11-20.pdf"
    assert done.stdout.splitlines()[0] == str(written.relative_to(demo))
    text = " ".join(" ".join(page_texts(written.read_bytes())).split())
    assert "Current episode 14 months." in text and "90868" in text and "1245319599" in text


def test_missing_facts_exit_2_with_the_list_and_nothing_written(demo: Path) -> None:
    mrn, _ = patient_on(demo, "iv_ketamine")
    out = demo / "necessity.pdf"
    done = run_letter(
        demo,
        password_of(demo, "dr.okafor"),
        "necessity",
        "--patient",
        mrn,
        "--out",
        str(out),
        "--as",
        "DR.OKAFOR",  # usernames are not case-sensitive
    )
    assert done.returncode == 2
    assert "these facts are missing" in done.stderr
    assert "Write the illness history on the letter's form." in done.stderr
    assert "(enter it in: This letter's form)" in done.stderr
    assert not out.exists()


def test_the_demo_prints_an_annual_review_summary(demo: Path) -> None:
    with sqlite3.connect(demo / "data" / "boosterdesk.sqlite3") as connection:
        (mrn,) = connection.execute(
            "SELECT p.mrn FROM annual_review r JOIN patient p ON p.id = r.patient_id "
            "ORDER BY p.mrn LIMIT 1"
        ).fetchone()
    out = demo / "summary.pdf"
    done = run_letter(
        demo,
        password_of(demo, "dr.okafor"),
        "annual-review",
        "--patient",
        mrn,
        "--out",
        str(out),
        "--as",
        "dr.okafor",
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join(page_texts(out.read_bytes())).split())
    assert "Annual review summary" in text and "Consent was reaffirmed at this review" in text


def test_refusals(demo: Path) -> None:
    mrn, _ = patient_on(demo, "iv_ketamine")
    wrong = run_letter(demo, "not the password", "consent", "--patient", mrn, "--as", "dr.okafor")
    assert wrong.returncode == 3 and "Sign-in failed" in wrong.stderr
    nurse = run_letter(
        demo, password_of(demo, "rn.raman"), "consent", "--patient", mrn, "--as", "rn.raman"
    )
    assert nurse.returncode == 3 and "may not sign and print letters" in nurse.stderr
    unknown = run_letter(
        demo, password_of(demo, "dr.okafor"), "consent", "--patient", "NOPE-1", "--as", "dr.okafor"
    )
    assert unknown.returncode == 3 and "No patient has the MRN NOPE-1" in unknown.stderr
    kind = run_letter(demo, "x", "postcard", "--patient", mrn)
    assert kind.returncode == 2 and "is not a letter" in kind.stderr
    part = run_letter(
        demo,
        password_of(demo, "dr.okafor"),
        "consent",
        "--patient",
        mrn,
        "--as",
        "dr.okafor",
        "--text",
        "colour=blue",
    )
    assert part.returncode == 2 and "no part called colour" in part.stderr


def test_the_audit_trail_still_verifies(demo: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(demo / "data"),
            "--config-dir",
            str(demo / "config"),
            "audit",
            "verify",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
