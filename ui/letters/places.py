"""Which places a missing fact names can be reached by the person signed in."""

from db.accounts.actor import Actor
from db.accounts.roles import Permission
from db.letters import FixPlace


def why_unreachable(actor: Actor, place: FixPlace) -> str | None:
    """None when the link can take `actor` there; otherwise who can enter it."""
    if place is FixPlace.LETTERHEAD_SETTINGS and not actor.may(Permission.MANAGE_SETTINGS):
        return "An administrator enters the letterhead, under Settings."
    if place is FixPlace.PRESCRIBER_DETAILS and not actor.may(Permission.SIGN_LETTER):
        return "An administrator enters a prescriber's details, under Users."
    return None
