"""Error reports and logs name where an error happened, never what the patient data was."""

import logging
from pathlib import Path

from desktop.logging_setup import configure_logging, scrubbed_report


def test_report_keeps_the_place_and_drops_the_message(tmp_path: Path) -> None:
    try:
        try:
            raise KeyError("Nguyễn Thị Lan MRN BD-000123")
        except KeyError as inner:
            raise RuntimeError("could not save Nguyễn Thị Lan") from inner
    except RuntimeError as error:
        report = scrubbed_report(type(error), error, error.__traceback__)
    assert report.startswith("builtins.RuntimeError")
    assert "test_error_reports.py" in report
    assert "caused by builtins.KeyError" in report
    assert "Nguyễn" not in report and "BD-000123" not in report


def test_log_file_rotates_and_holds_no_exception_message(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    try:
        raise ValueError("patient Zoë Canary-Person")
    except ValueError as error:
        logging.getLogger("boosterdesk").error(
            "unexpected\n%s", scrubbed_report(type(error), error, error.__traceback__)
        )
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "builtins.ValueError" in text
    assert "Canary" not in text


def test_the_application_carries_its_icon_and_desktop_name(qapp) -> None:
    from desktop import gui

    gui.configure(qapp)
    assert qapp.desktopFileName() == "boosterdesk"
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().availableSizes()[0].width() >= 256
