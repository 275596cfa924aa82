"""`boosterdesk due [--as-of DATE] [--patient MRN] [--json]`: every monitoring item due or
overdue, with its window and the reason, for the whole clinic or one patient.

The whole clinic is read from the stored due dates (as recorded now); one patient is worked
out from their facts on that day, as their checklist is. The read is audited under this
computer's login name. Exit status 0, or 3 when the database cannot be opened or the MRN is
not found.
"""

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from db.accounts.actor import this_workstation
from db.audit.trail import Someone
from db.errors import ClinicError
from db.monitoring.views import DueRow
from db.monitoring.workflows import due_report
from desktop.paths import AppPaths, resolve_paths
from desktop.startup import command_passphrase, open_database

EXIT_OK = 0
EXIT_CANNOT = 3


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `due` command to the program's sub-commands."""
    parser = subparsers.add_parser(
        "due",
        help="list every monitoring item due or overdue, with its window and reason",
        description="Every monitoring item due or overdue on a day (today unless --as-of).",
    )
    parser.add_argument("--as-of", type=_day, metavar="DATE", help="the day (YYYY-MM-DD)")
    parser.add_argument("--patient", metavar="MRN", help="only this patient")
    parser.add_argument("--json", action="store_true", help="print the items as JSON")
    return parser


def row_json(row: DueRow) -> dict[str, Any]:
    return {
        "mrn": row.mrn,
        "patient": row.patient_name,
        "item": row.item_code,
        "title": row.title,
        "state": row.state.value,
        "window_start": row.due_from.isoformat() if row.due_from else None,
        "window_end": row.overdue_after.isoformat() if row.overdue_after else None,
        "days_overdue": row.days_overdue,
        "reason": row.reason,
        "modality": row.modality.value,
        "prescriber": row.prescriber,
    }


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    day = args.as_of or date.today()
    who = Someone(f"command line ({getpass.getuser()})", this_workstation())
    url = getattr(args, "database", None)
    if not url and not paths.database_file.exists():
        print(f"There is no clinic database in {paths.data_dir}.", file=sys.stderr)
        return EXIT_CANNOT
    try:
        passphrase = None if url else command_passphrase(paths)
        opened = open_database(paths, url, passphrase)
        try:
            rows = due_report(opened.database, who, day, args.patient)
        finally:
            opened.database.dispose()
    except ClinicError as refused:
        print(str(refused), file=sys.stderr)
        return EXIT_CANNOT
    if args.json:
        document = {"as_of": day.isoformat(), "items": [row_json(row) for row in rows]}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print(f"Nothing is due on {day.isoformat()}.")
    for row in rows:
        state = f"overdue {row.days_overdue} d" if row.days_overdue else row.state.label.lower()
        print(f"{row.mrn}  {row.patient_name}  [{state}]  {row.reason}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m desktop.due_command`: the same command with the program's folder options,
    for scripts (and tests) that run it on its own."""
    parser = argparse.ArgumentParser(prog="boosterdesk")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--config-dir", type=Path)
    parser.add_argument("--database", metavar="URL")
    commands = parser.add_subparsers(dest="command", required=True)
    add_parser(commands)
    args = parser.parse_args(argv)
    return run(args, resolve_paths(args.data_dir, args.config_dir))


if __name__ == "__main__":
    sys.exit(main())
