"""How repeated sign-in failures slow down and then lock an account.

After the first failures nothing changes; from the third in a row each further attempt must
wait twice as long as the last (1, 2, 4, 8... seconds, at most 5 minutes); the fifth failure
in a row locks the account until an administrator unlocks it. A success clears the count.
Unknown usernames are throttled the same way, so the two cannot be told apart.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_FAILURES = 2
LOCK_AFTER_FAILURES = 5
MAX_WAIT = timedelta(minutes=5)


def wait_after(failures: int) -> timedelta:
    if failures <= FREE_FAILURES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_FAILURES - 1)), MAX_WAIT)


def should_lock(failures: int) -> bool:
    return failures >= LOCK_AFTER_FAILURES


@dataclass
class FailureRecord:
    failures: int = 0
    last_failed_at: datetime | None = None

    def retry_at(self) -> datetime | None:
        if self.last_failed_at is None:
            return None
        wait = wait_after(self.failures)
        return self.last_failed_at + wait if wait else None
