"""Errors a workflow raises for the screen to show as they are: in a clinician's words."""

from collections.abc import Sequence

from clinical.record.validation import Problem


class ClinicError(Exception):
    """An expected failure whose message is fit to show a clinician as it stands."""


class InvalidEntryError(ClinicError):
    """The entry breaks one or more rules; nothing was saved."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.message for problem in self.problems))


class RecordNotFoundError(ClinicError):
    pass


class StaleEditError(ClinicError):
    """Someone else saved the record after it was opened here."""


class DatabaseTooNewError(ClinicError):
    pass


class DatabaseUnavailableError(ClinicError):
    pass
