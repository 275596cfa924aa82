"""A batch of letters generated one after another off the GUI thread.

Each letter is one job on the thread pool, started when the one before has finished, so
Cancel stops the run after the letter being written and nothing is left half done. The
jobs call the database only; every widget is updated on the GUI thread from the signals.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from db.accounts.actor import Actor
from db.database import Database
from db.errors import ClinicError
from db.letters import LetterKind, MissingFact, MissingFactsError
from db.letters.views import ArchivedLetterView, BatchCandidate
from db.letters.workflows import generate_letter

log = logging.getLogger(__name__)


class Outcome(Enum):
    WAITING = "waiting"
    GENERATED = "generated"
    SKIPPED = "skipped"  # facts missing: nothing printed for this patient
    FAILED = "failed"
    NOT_DONE = "not done"  # the run was cancelled first


@dataclass(frozen=True)
class LetterResult:
    outcome: Outcome
    letter: ArchivedLetterView | None = None
    missing: tuple[MissingFact, ...] = ()
    problem: str = ""

    @property
    def text(self) -> str:
        if self.outcome is Outcome.GENERATED and self.letter is not None:
            pages = self.letter.page_count
            return f"Generated: {pages} page{'s' if pages != 1 else ''}"
        if self.outcome is Outcome.SKIPPED:
            return "Skipped: " + " ".join(fact.description for fact in self.missing)
        if self.outcome is Outcome.FAILED:
            return f"Not generated: {self.problem}"
        if self.outcome is Outcome.NOT_DONE:
            return "Not generated: the run was cancelled"
        return ""


def generate_one(
    database: Database, actor: Actor, candidate: BatchCandidate, today: date
) -> LetterResult:
    """One letter, as a worker thread runs it: every expected refusal becomes a result."""
    try:
        letter = generate_letter(database, actor, candidate.patient_id, candidate.kind, {}, today)
    except MissingFactsError as refused:
        return LetterResult(Outcome.SKIPPED, missing=refused.missing)
    except ClinicError as refused:
        return LetterResult(Outcome.FAILED, problem=str(refused))
    except Exception as error:
        # The type only: a message could carry patient data into the log.
        log.error("batch letter failed unexpectedly: %s", type(error).__name__)
        return LetterResult(Outcome.FAILED, problem="an unexpected error; the other letters go on")
    return LetterResult(Outcome.GENERATED, letter=letter)


class _JobSignals(QObject):
    done = Signal(int, object)  # index, LetterResult


class _LetterJob(QRunnable):
    def __init__(self, index: int, work: Callable[[], LetterResult]) -> None:
        super().__init__()
        # Kept by the run, not deleted by the pool: the signals object must outlive run().
        self.setAutoDelete(False)
        self.signals = _JobSignals()
        self._index = index
        self._work = work

    def run(self) -> None:
        self.signals.done.emit(self._index, self._work())


class BatchRun(QObject):
    letter_done = Signal(int, object)  # index in the candidates, LetterResult
    finished = Signal(bool)  # True when cancelled before the end

    def __init__(
        self,
        database: Database,
        actor: Actor,
        kind: LetterKind,
        candidates: Sequence[BatchCandidate],
        today: date,
        pool: QThreadPool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self.kind = kind
        self.candidates = tuple(candidates)
        self._today = today
        self._pool = pool
        self._next = 0
        self._jobs: list[_LetterJob] = []
        self.cancelled = False
        self.running = False

    def start(self) -> None:
        self.running = True
        self._start_next()

    def cancel(self) -> None:
        """Stop once the letter being written now is done."""
        self.cancelled = True

    def _start_next(self) -> None:
        if self.cancelled or self._next >= len(self.candidates):
            self.running = False
            self.finished.emit(self.cancelled and self._next < len(self.candidates))
            return
        index = self._next
        self._next += 1
        candidate = self.candidates[index]
        database, actor, today = self._database, self._actor, self._today
        job = _LetterJob(index, lambda: generate_one(database, actor, candidate, today))
        job.signals.done.connect(self._on_job_done)
        self._jobs.append(job)
        self._pool.start(job)

    def _on_job_done(self, index: int, result: LetterResult) -> None:
        self.letter_done.emit(index, result)
        self._start_next()
