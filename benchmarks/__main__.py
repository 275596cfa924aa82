"""Print how fast the things a clinician waits for are, at clinic scale.

Each figure is the median of several runs on a fresh database in a temporary folder.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import monitoring, patients


def measure(action: Callable[[], object], repeats: int = 5) -> float:
    """Median wall time in milliseconds."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


BENCHMARKS = {"patients": patients.run, "monitoring": monitoring.run}


def main(argv: list[str]) -> int:
    """Each benchmark in a fresh interpreter, so one's leftovers never slow the next."""
    if argv:
        with tempfile.TemporaryDirectory(prefix="boosterdesk-bench-") as folder:
            for line in BENCHMARKS[argv[0]](Path(folder), measure):
                print(line, flush=True)
        return 0
    for name in BENCHMARKS:
        result = subprocess.run([sys.executable, "-m", "benchmarks", name], check=False)
        if result.returncode:
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
