"""The command line: `boosterdesk` opens the window; sub-commands do one job and exit."""

import argparse
from pathlib import Path

from desktop import due_command, letter_command, score_command


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boosterdesk",
        description="Booster Desk: maintenance ketamine, esketamine and TMS clinic workstation.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="folder for the database, settings and logs (default: your user data folder)",
    )
    parser.add_argument(
        "--config-dir",
        type=Path,
        help="folder for the audit keys (default: your user configuration folder)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL instead of the local file, e.g. postgresql+psycopg://host/clinic",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="create a temporary database, show the window off-screen, and exit 0 if all works",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="build a synthetic demo clinic")
    demo.add_argument("--patients", type=positive_int, default=60)
    demo.add_argument("--seed", type=int, default=1)
    commands.add_parser("backup", help="make a verified backup of the local database now")
    restore = commands.add_parser(
        "restore", help="replace the local database with a backup (the current one is kept)"
    )
    restore.add_argument("backup_file", type=Path, metavar="FILE")
    audit = commands.add_parser("audit", help="check the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_commands.add_parser("verify", help="check every seal and link; name the first bad row")
    score_command.add_parser(commands)
    due_command.add_parser(commands)
    letter_command.add_parser(commands)
    return parser
