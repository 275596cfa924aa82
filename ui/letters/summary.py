"""How an archived letter is described on screen and named as a file."""

from db.letters.views import ArchivedLetterView


def when(letter: ArchivedLetterView) -> str:
    return f"{letter.created_at.astimezone():%Y-%m-%d %H:%M}"


def versions(letter: ArchivedLetterView, short: bool = False) -> str:
    """The layout's version, and the consent text's where there is one."""
    if letter.content_version:
        joiner = " + " if short else ", text "
        return f"{letter.template_version}{joiner}{letter.content_version}"
    return letter.template_version


def archive_facts(letter: ArchivedLetterView) -> str:
    pages = f"{letter.page_count} page{'s' if letter.page_count != 1 else ''}"
    signed = f" · signed by {letter.signer_name}" if letter.signer_name else ""
    return (
        f"Letter No. {letter.id} · made {when(letter)} by {letter.author_name}{signed} · "
        f"{pages} · template {versions(letter)} · SHA-256 {letter.sha256}"
    )


def file_name(letter: ArchivedLetterView) -> str:
    return f"{letter.kind.label} {letter.mrn} {letter.created_at.astimezone():%Y-%m-%d}"
