"""Letters: the letterhead, composing each kind from the record, printing and the archive.

Light on purpose: the models import `db.letters.kinds`, so this package imports nothing
that needs the models.
"""

from db.letters.draft import FixPlace, LetterDraft, MissingFact, MissingFactsError
from db.letters.kinds import LetterKind

__all__ = ["FixPlace", "LetterDraft", "LetterKind", "MissingFact", "MissingFactsError"]
