"""Entry point: `boosterdesk` or `python -m desktop`."""

import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from db.accounts.actor import this_workstation
from db.accounts.passwords import PRODUCTION, Passwords
from db.accounts.sign_in import SignIn
from db.errors import ClinicError
from desktop import due_command, letter_command, score_command
from desktop.cli import build_parser
from desktop.connection import database_url
from desktop.display import NO_DISPLAY_MESSAGE, display_available, missing_system_library
from desktop.logging_setup import configure_logging
from desktop.paths import DATABASE_FILE, AppPaths, resolve_paths
from desktop.startup import command_passphrase, open_database

log = logging.getLogger("boosterdesk")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_CANNOT_OPEN = 3
EXIT_NO_DISPLAY = 4

DEMO_ACCOUNTS_FILE = "DEMO-ACCOUNTS.txt"


def self_test() -> int:
    """Migrate a temporary database, sign in, show the main window off-screen, render one
    letter of each kind and read it back with Qt's PDF module, check the audit trail."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from db.accounts.passwords import OWASP_MINIMUM
    from db.accounts.roles import Role
    from db.accounts.views import AccountDraft
    from db.accounts.workflows import create_first_administrator
    from db.audit.verify import verify_chain
    from desktop import gui, self_test_letters
    from ui.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="boosterdesk-selftest-") as folder:
        paths = resolve_paths(Path(folder) / "data", Path(folder) / "config")
        opened = open_database(paths, None)
        passwords = Passwords(OWASP_MINIMUM)
        workspace = Workspace(
            opened.database, SignIn(opened.database, passwords), passwords, "self-test"
        )
        workspace.signed_in = create_first_administrator(
            opened.database,
            passwords,
            AccountDraft("selftest", "Self Test", Role.ADMINISTRATOR),
            "self test password 1",
            "self-test",
        )
        app = gui.application()
        window = gui.build_main_window(workspace, paths)
        window.show()
        app.processEvents()
        shown = window.isVisible()
        window.close()
        letters_problem = self_test_letters.check_letters()
        chain = verify_chain(opened.database, opened.database.audit.keys)
        opened.database.dispose()
    if not shown:
        print("self-test failed: the window did not show")
        return EXIT_FAILED
    if letters_problem:
        print(f"self-test failed: letters: {letters_problem}")
        return EXIT_FAILED
    if not chain.intact:
        print(f"self-test failed: audit trail: {chain.problem}")
        return EXIT_FAILED
    print("self-test passed")
    return EXIT_OK


def build_demo(paths: AppPaths, patients: int, seed: int) -> int:
    from db.demo.accounts import create_demo_accounts
    from db.demo.generate import generate_demo_clinic

    if paths.database_file.exists():
        print(
            f"A database already exists in {paths.data_dir}. The demo is only built into an "
            "empty folder: choose another --data-dir, or remove that folder first.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    opened = open_database(paths, None)
    accounts = create_demo_accounts(opened.database, Passwords(PRODUCTION), this_workstation())
    summary = generate_demo_clinic(opened.database, patients=patients, seed=seed)
    opened.database.dispose()
    lines = [f"  {a.username:<12} {a.role.label:<26} {a.password}" for a in accounts]
    sheet = "Demo accounts (synthetic clinic only):\n" + "\n".join(lines) + "\n"
    (paths.data_dir / DEMO_ACCOUNTS_FILE).write_text(sheet, encoding="utf-8")
    print(
        f"Demo clinic built in {paths.data_dir}: {summary.patients} synthetic patients, "
        f"{summary.diagnoses} diagnoses, {summary.medication_trials} medication trials, "
        f"{summary.psychotherapy_trials} psychotherapy courses, {summary.allergies} allergies."
    )
    print(sheet, end="")
    return EXIT_OK


def verify_audit(paths: AppPaths, database_url: str | None) -> int:
    from db.audit.verify import verify_chain

    passphrase = None if database_url else command_passphrase(paths)
    opened = open_database(paths, database_url, passphrase)
    report = verify_chain(opened.database, opened.database.audit.keys)
    opened.database.dispose()
    if report.intact:
        print(f"Audit trail intact: {report.rows_checked} rows checked.")
        return EXIT_OK
    print(
        f"Audit trail NOT intact: first bad row {report.first_bad_id}: {report.problem}. "
        f"{report.rows_checked} rows before it are intact.",
        file=sys.stderr,
    )
    return EXIT_FAILED


def back_up_now(paths: AppPaths) -> int:
    from db.backup import back_up

    result = back_up(paths.database_file, paths.backup_dir, passphrase=command_passphrase(paths))
    print(
        f"Backup written and verified: {result.backup.path} "
        f"({sum(result.row_counts.values())} rows in {len(result.row_counts)} tables)."
    )
    return EXIT_OK


def restore_from(paths: AppPaths, backup_file: Path) -> int:
    from db.audit.trail import Someone, acknowledge_restore
    from db.backup import restore

    if not backup_file.exists():
        print(f"There is no file {backup_file}.", file=sys.stderr)
        return EXIT_USAGE
    passphrase = command_passphrase(paths, backup_file, check_database=False)
    safety = restore(backup_file, paths.database_file, paths.backup_dir, passphrase)
    opened = open_database(paths, None, passphrase)
    acknowledge_restore(
        opened.database, Someone("boosterdesk restore", this_workstation()), backup_file.name
    )
    opened.database.dispose()
    kept = f" The database it replaced was kept as {safety}." if safety else ""
    print(f"Restored {backup_file.name} into {paths.database_file}.{kept}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        return self_test()
    if args.command == "score":
        return score_command.run(args)
    if args.command == "demo":
        data_dir = args.data_dir or resolve_paths(None).data_dir / "demo"
        return build_demo(resolve_paths(data_dir, args.config_dir), args.patients, args.seed)
    paths = resolve_paths(args.data_dir, args.config_dir)
    args.database = database_url(args.database, paths.config_dir)
    try:
        if args.command == "audit":
            return verify_audit(paths, args.database)
        if args.command == "due":
            return due_command.run(args, paths)
        if args.command == "letter":
            return letter_command.run(args, paths)
        if args.command == "backup":
            return back_up_now(paths)
        if args.command == "restore":
            return restore_from(paths, args.backup_file)
    except ClinicError as refused:
        print(str(refused), file=sys.stderr)
        return EXIT_CANNOT_OPEN

    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_NO_DISPLAY
    if (missing := missing_system_library()) is not None:
        print(missing, file=sys.stderr)
        return EXIT_NO_DISPLAY
    paths.create()
    configure_logging(paths.log_dir)
    from desktop import gui
    from ui.workspace import Workspace

    try:
        opened = gui.open_for_window(paths, args.database)
    except ClinicError as refused:
        print(str(refused), file=sys.stderr)
        gui.show_startup_failure(str(refused))
        return EXIT_CANNOT_OPEN
    if opened is None:
        return EXIT_OK
    log.info("opened %s", "clinic server" if args.database else DATABASE_FILE)
    passwords = Passwords(PRODUCTION)
    workspace = Workspace(
        opened.database,
        SignIn(opened.database, passwords),
        passwords,
        this_workstation(),
        backup_dir=None if args.database else paths.backup_dir,
    )
    return gui.run_window(workspace, paths)


if __name__ == "__main__":
    sys.exit(main())
