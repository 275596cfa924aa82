"""`boosterdesk letter KIND --patient MRN [--out FILE.pdf] [--as USERNAME] [--text KEY=VALUE]`:
compose a letter from the record, print it to a PDF and archive it, as the program does.

A letter goes out under a person's name, so the command acts as a user who signs in: the
username is `--as` (default: this computer's login name), the password is read from the
environment variable BOOSTERDESK_PASSWORD, or asked for when a terminal is attached. The
sign-in is throttled and audited as in the window, and the letter is archived under that
person. KIND is one of consent, necessity, annual-review, schedule.

Prints the file written and its SHA-256. Exit status 0; 2 when facts are missing (listed on
stderr, each with where to enter it) or the command is mistyped; 3 when the database cannot
be opened, the sign-in fails, the role may not write this letter or the MRN is unknown.
"""

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from db.accounts.actor import Actor, this_workstation
from db.accounts.passwords import PRODUCTION, Passwords
from db.accounts.sign_in import SignIn
from db.accounts.workflows import record_session_event
from db.audit.vocabulary import AuditAction
from db.database import Database
from db.errors import ClinicError, InvalidEntryError
from db.files import write_atomically
from db.letters import LetterKind, MissingFactsError
from db.letters.archive import letter_pdf
from db.letters.views import ArchivedLetterView, LetterPurpose
from db.letters.workflows import generate_letter, kind_named, patient_for_mrn, short_name
from desktop.paths import AppPaths, resolve_paths
from desktop.startup import command_passphrase, open_database

EXIT_OK = 0
EXIT_MISSING_FACTS = 2
EXIT_BAD_INPUT = 2
EXIT_CANNOT = 3
PASSWORD_VARIABLE = "BOOSTERDESK_PASSWORD"
PASSWORD_NEEDED = (
    "Signing a letter needs your password: give it in the environment variable "
    f"{PASSWORD_VARIABLE}, or run this command in a terminal to be asked for it."
)


def _kind(text: str) -> LetterKind:
    try:
        return kind_named(text)
    except ValueError:
        names = ", ".join(short_name(kind) for kind in LetterKind)
        raise argparse.ArgumentTypeError(f"{text!r} is not a letter; choose {names}") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: give a part of the letter as KEY=VALUE")
    return key.strip(), value.replace("\\n", "\n")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `letter` command to the program's sub-commands."""
    names = ", ".join(short_name(kind) for kind in LetterKind)
    parser = subparsers.add_parser(
        "letter",
        help="print a letter for a patient to a PDF and archive it",
        description=f"Compose a letter from the record, print it and archive it ({names}).",
    )
    parser.add_argument("kind", type=_kind, metavar="KIND", help=names)
    parser.add_argument("--patient", required=True, metavar="MRN", help="the patient's MRN")
    parser.add_argument("--out", type=Path, metavar="FILE", help="the PDF to write")
    parser.add_argument(
        "--as", dest="username", metavar="USERNAME", help="who signs (default: your login)"
    )
    parser.add_argument(
        "--text",
        type=_pair,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a part of the letter the prescriber writes (\\n for a new line), e.g. "
        "--text sessions_requested=36",
    )
    parser.add_argument("--date", type=_day, metavar="DATE", help="the letter's date")
    return parser


def _password() -> str | None:
    if (password := os.environ.get(PASSWORD_VARIABLE)) is not None:
        return password
    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    return None


def _default_out(kind: LetterKind, mrn: str, day: date) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in mrn.strip().upper())
    return Path(f"{short_name(kind)}-{safe}-{day.isoformat()}.pdf")


def _write(database: Database, actor: Actor, letter: ArchivedLetterView, out: Path) -> None:
    data = letter_pdf(database, actor, letter.id, LetterPurpose.SAVE)
    write_atomically(out, data)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    day = args.date or date.today()
    url = getattr(args, "database", None)
    if not url and not paths.database_file.exists():
        print(f"There is no clinic database in {paths.data_dir}.", file=sys.stderr)
        return EXIT_CANNOT
    username = args.username or getpass.getuser()
    password = _password()
    if password is None:
        print(PASSWORD_NEEDED, file=sys.stderr)
        return EXIT_CANNOT
    out: Path = args.out or _default_out(args.kind, args.patient, day)
    try:
        passphrase = None if url else command_passphrase(paths)
        opened = open_database(paths, url, passphrase)
        database = opened.database
        try:
            actor = SignIn(database, Passwords(PRODUCTION)).attempt(
                username, password, this_workstation()
            )
            try:
                patient_id = patient_for_mrn(database, args.patient)
                letter = generate_letter(
                    database, actor, patient_id, args.kind, dict(args.text), day
                )
                _write(database, actor, letter, out)
            finally:
                record_session_event(database, actor, AuditAction.LOGOUT)
        finally:
            database.dispose()
    except MissingFactsError as missing:
        print("The letter was not printed; these facts are missing:", file=sys.stderr)
        for fact in missing.missing:
            print(f"  - {fact.description} (enter it in: {fact.where.label})", file=sys.stderr)
        return EXIT_MISSING_FACTS
    except InvalidEntryError as refused:  # a --text part mistyped
        print(str(refused), file=sys.stderr)
        return EXIT_BAD_INPUT
    except ClinicError as refused:
        print(str(refused), file=sys.stderr)
        return EXIT_CANNOT
    except OSError as failed:
        print(f"The PDF could not be written to {out}: {failed.strerror}.", file=sys.stderr)
        return EXIT_CANNOT
    print(f"{out}")
    pages = f"{letter.page_count} page" + ("s" if letter.page_count != 1 else "")
    print(f"SHA-256 {letter.sha256}  ({pages}, archived as letter {letter.id})")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m desktop.letter_command`: the same command with the program's folder
    options, for scripts (and tests) that run it on its own."""
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
