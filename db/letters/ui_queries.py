"""What the letter screens ask before offering something: no reads, no audit rows."""

from db.accounts.actor import Actor
from db.accounts.roles import Permission
from db.letters.kinds import LetterKind


def may_write(actor: Actor, kind: LetterKind) -> bool:
    """Whether `actor` may compose and print `kind`: the same rule as
    `db.letters.workflows.authorize_kind`, asked without recording a refusal, so a screen
    offers only the letters its user may write."""
    if kind.signed:
        return actor.may(Permission.SIGN_LETTER)
    return actor.may(Permission.VIEW_CLINICAL) and actor.may(Permission.MANAGE_CALENDAR)


def writable_kinds(actor: Actor) -> tuple[LetterKind, ...]:
    return tuple(kind for kind in LetterKind if may_write(actor, kind))
