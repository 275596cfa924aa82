"""The rotating log, and error reports that carry no patient data.

Exception messages can hold what a clinician typed (an MRN, a name inside a database error),
so nothing here ever writes an exception's message: only its type and where it happened.
"""

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_FILE = "boosterdesk.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 5

log = logging.getLogger("boosterdesk")


def configure_logging(log_dir: Path) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    handler = RotatingFileHandler(
        path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def scrubbed_report(
    error_type: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """Where and what kind of error, without the message or any local values."""
    lines = [f"{error_type.__module__}.{error_type.__qualname__}"]
    for frame in traceback.extract_tb(trace):
        lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    cause = error.__cause__ or error.__context__
    if cause is not None:
        lines.append(f"caused by {type(cause).__module__}.{type(cause).__qualname__}")
        for frame in traceback.extract_tb(cause.__traceback__):
            lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)
