"""`boosterdesk score`: one scale scored from the command line, as a real process."""

import argparse
import json
import subprocess
import sys

import pytest

from desktop import score_command

# Until desktop/cli.py wires the command in, the module runs it on its own the same way.
SCORE = [sys.executable, "-m", "desktop", "score"]


def score(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SCORE, *args], capture_output=True, text=True, timeout=60, check=False)


def test_phq9_prints_total_severity_flags_and_completeness_as_json() -> None:
    done = score("PHQ9", "1", "2", "0", "3", "1", "0", "2", "1", "1", "2", "--json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["instrument"] == "PHQ9"
    assert (printed["total"], printed["severity"], printed["complete"]) == (11, "moderate", True)
    assert printed["missing"] == []
    assert printed["flags"] == [
        {
            "item": "9",
            "value": 1,
            "message": "PHQ-9 item 9 (thoughts of death or self-harm) scored 1: same-day "
            "safety follow-up needed",
        }
    ]
    assert printed["rule_version"] == "PHQ9-2026.1"


def test_moca_adds_the_education_point_and_names_are_forgiving() -> None:
    done = score("moca", "5", "3", "6", "3", "2", "4", "5", "--education-years", "10", "--json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert (printed["raw_total"], printed["total"], printed["severity"]) == (28, 29, "normal")


def test_cssrs_yes_no_answers_with_unasked_questions_left_out() -> None:
    done = score("c-ssrs", "yes", "no", "-", "-", "-", "no", "--json")
    printed = json.loads(done.stdout)
    assert (printed["complete"], printed["total"], printed["risk_level"]) == (True, None, "low")
    assert [flag["item"] for flag in printed["flags"]] == ["1"]


def test_an_incomplete_form_is_reported_never_totalled() -> None:
    done = score("HAM-D", "1=2", "3=0", "--json")
    assert done.returncode == 0
    printed = json.loads(done.stdout)
    assert (printed["complete"], printed["total"], printed["partial_total"]) == (False, None, 2)
    assert printed["missing"][:3] == ["2", "4", "5"]


def test_plain_text_without_json() -> None:
    done = score("MADRS", *["3"] * 9, "4")
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "MADRS 31: moderate; safety flag: item 10",
        "SAFETY: MADRS item 10 (Suicidal thoughts) scored 4: same-day safety follow-up needed",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["MADRS", *["3"] * 9, "7"], "MADRS item 10 (Suicidal thoughts): 7 is outside 0-6."),
        (["PHQ9", "x"], "PHQ-9 item 1 (little interest or pleasure): 'x' is not a whole-number"),
        (["PHQ99", "1"], "Unknown rating scale 'PHQ99'. The scales available are: PHQ9, PHQ2"),
        (["PHQ2", "1", "1", "1"], "The PHQ-2 has 2 items; 3 answers were given."),
        (["MOCA", "5", "3", "6", "3", "2", "4", "5"], "The MoCA needs the patient's years"),
        (["CSSRS_SCREENER", "no", "no", "yes"], "C-SSRS screener question 3 (Suicidal thoughts"),
        (["PHQ9", "1=1", "2"], "Give every item as KEY=VALUE, or every item as a value"),
    ],
)
def test_bad_input_exits_non_zero_with_the_message(args: list[str], message: str) -> None:
    done = score(*args, "--json")
    assert done.returncode == 2
    assert done.stderr.startswith(message)
    assert json.loads(done.stdout)["error"].startswith(message)


def test_the_command_plugs_into_the_programs_parser(capsys) -> None:
    parser = argparse.ArgumentParser(prog="boosterdesk")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("demo")
    score_command.add_parser(commands)
    args = parser.parse_args(["score", "GAD7", "3", "3", "3", "3", "3", "0", "0", "--json"])
    assert args.command == "score"
    assert score_command.run(args) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["total"], printed["severity"]) == (15, "severe")
