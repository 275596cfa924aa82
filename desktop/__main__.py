"""Entry point: `boosterdesk` or `python -m desktop`."""

import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from db.errors import ClinicError
from desktop.cli import build_parser
from desktop.display import NO_DISPLAY_MESSAGE, display_available, missing_system_library
from desktop.logging_setup import configure_logging
from desktop.paths import DATABASE_FILE, resolve_paths
from desktop.startup import open_database

log = logging.getLogger("boosterdesk")

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_CANNOT_OPEN = 3
EXIT_NO_DISPLAY = 4


def self_test() -> int:
    """Migrate a temporary database and show the main window off-screen."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop import gui

    with tempfile.TemporaryDirectory(prefix="boosterdesk-selftest-") as folder:
        paths = resolve_paths(Path(folder))
        opened = open_database(paths, None)
        app = gui.application()
        window = gui.build_main_window(opened.database, paths)
        window.show()
        app.processEvents()
        shown = window.isVisible()
        window.close()
        opened.database.dispose()
    print("self-test passed" if shown else "self-test failed: the window did not show")
    return EXIT_OK if shown else 1


def build_demo(data_dir: Path | None, patients: int, seed: int) -> int:
    from db.demo.generate import generate_demo_clinic

    paths = resolve_paths(data_dir if data_dir else resolve_paths(None).data_dir / "demo")
    if paths.database_file.exists():
        print(
            f"A database already exists in {paths.data_dir}. The demo is only built into an "
            "empty folder: choose another --data-dir, or remove that folder first.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    opened = open_database(paths, None)
    summary = generate_demo_clinic(opened.database, patients=patients, seed=seed)
    opened.database.dispose()
    print(
        f"Demo clinic built in {paths.data_dir}: {summary.patients} synthetic patients, "
        f"{summary.diagnoses} diagnoses, {summary.medication_trials} medication trials, "
        f"{summary.psychotherapy_trials} psychotherapy courses, {summary.allergies} allergies."
    )
    print(f"Open it with: boosterdesk --data-dir {paths.data_dir}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        return self_test()
    paths = resolve_paths(args.data_dir)
    if args.command == "demo":
        return build_demo(args.data_dir, args.patients, args.seed)

    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_NO_DISPLAY
    if (missing := missing_system_library()) is not None:
        print(missing, file=sys.stderr)
        return EXIT_NO_DISPLAY
    paths.create()
    configure_logging(paths.log_dir)
    from desktop import gui

    try:
        opened = open_database(paths, args.database)
    except ClinicError as refused:
        print(str(refused), file=sys.stderr)
        gui.show_startup_failure(str(refused))
        return EXIT_CANNOT_OPEN
    log.info("opened %s", "clinic server" if args.database else DATABASE_FILE)
    return gui.run_window(opened.database, paths)


if __name__ == "__main__":
    sys.exit(main())
