"""Print how fast the things a clinician waits for are, at clinic scale.

Each figure is the median of several runs on a fresh database in a temporary folder.
"""

import statistics
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


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="boosterdesk-bench-") as folder:
        for line in patients.run(Path(folder), measure):
            print(line)
        for line in monitoring.run(Path(folder), measure):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
