"""Plain data a document is rendered from: no ORM objects, no Qt, nothing that loads lazily.

Every sequence field accepts a list or a tuple and is stored as a tuple, so the values stay
frozen and hashable-by-content and can be handed across threads.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from reportlab.lib.pagesizes import A4, LETTER


class PageSize(Enum):
    """The paper the clinic prints on. US Letter fits a #10 window envelope folded in
    thirds; A4 follows DIN 5008 form B for a DL window envelope."""

    LETTER = "letter"
    A4 = "a4"

    @property
    def points(self) -> tuple[float, float]:
        """(width, height) in PDF points (1/72 inch)."""
        return LETTER if self is PageSize.LETTER else A4


_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def image_kind(data: bytes) -> str:
    """'png' or 'jpeg' from the file's first bytes; ValueError for anything else."""
    if data.startswith(_PNG):
        return "png"
    if data.startswith(_JPEG):
        return "jpeg"
    raise ValueError("The image must be a PNG or JPEG file.")


def _tuple(obj: object, name: str) -> None:
    object.__setattr__(obj, name, tuple(getattr(obj, name)))


def _require(text: str, what: str) -> None:
    if not text.strip():
        raise ValueError(f"{what} is missing.")


@dataclass(frozen=True)
class Letterhead:
    """The clinic as it heads every letter and printout."""

    clinic_name: str
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    fax: str = ""
    logo: bytes | None = None  # PNG or JPEG file contents
    page_size: PageSize = PageSize.LETTER

    def __post_init__(self) -> None:
        _require(self.clinic_name, "The clinic name")
        _tuple(self, "address_lines")
        if self.logo is not None:
            image_kind(self.logo)


@dataclass(frozen=True)
class Prescriber:
    """Who signs: 'Maria Okafor', 'MD', NPI '1234567893', optional signature image."""

    name: str
    credentials: str = ""
    npi: str = ""
    signature: bytes | None = None  # PNG or JPEG file contents

    def __post_init__(self) -> None:
        _require(self.name, "The prescriber's name")
        if self.signature is not None:
            image_kind(self.signature)


@dataclass(frozen=True)
class Recipient:
    """The address that shows in the envelope window: the name, then the other lines in
    the order they are printed (organisation, attention, street, city-state-ZIP)."""

    name: str
    lines: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require(self.name, "The recipient's name")
        _tuple(self, "lines")

    @property
    def all_lines(self) -> tuple[str, ...]:
        return (self.name, *(line for line in self.lines if line.strip()))


@dataclass(frozen=True)
class PatientIdentity:
    """Who a document is about, repeated in the header of every later page."""

    name: str
    date_of_birth: date | None = None

    def __post_init__(self) -> None:
        _require(self.name, "The patient's name")


@dataclass(frozen=True)
class PageSetup:
    """Everything printed around the body: letterhead and recipient on page 1, the short
    header on later pages, the document's metadata."""

    letterhead: Letterhead
    title: str
    recipient: Recipient | None = None
    patient: PatientIdentity | None = None
    # (label, value) pairs beside the address on page 1: ("Date", "05/02/2026"), ...
    reference_lines: tuple[tuple[str, str], ...] = ()
    author: str = ""  # defaults to the clinic name
    subject: str = ""  # defaults to the title

    def __post_init__(self) -> None:
        _require(self.title, "The document title")
        object.__setattr__(
            self, "reference_lines", tuple((str(k), str(v)) for k, v in self.reference_lines)
        )


# Blocks: the body of a document as plain data -------------------------------------------


@dataclass(frozen=True)
class ParagraphBlock:
    """Plain text (no markup); line breaks are kept. ``style``: 'body' or 'small'."""

    text: str
    style: str = "body"

    def __post_init__(self) -> None:
        if self.style not in ("body", "small"):
            raise ValueError(f"Unknown paragraph style {self.style!r}.")


@dataclass(frozen=True)
class HeadingBlock:
    text: str
    level: int = 1  # 1 or 2

    def __post_init__(self) -> None:
        if self.level not in (1, 2):
            raise ValueError("A heading's level is 1 or 2.")


@dataclass(frozen=True)
class TableBlock:
    """A table whose header row repeats on every page it runs onto.
    ``column_widths``: relative widths (e.g. (2, 1, 1)); equal when empty."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    column_widths: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        _tuple(self, "header")
        _tuple(self, "column_widths")
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))
        if not self.header:
            raise ValueError("A table needs a header row.")
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError("Every table row needs as many cells as the header.")
        if self.column_widths and (
            len(self.column_widths) != len(self.header) or min(self.column_widths) <= 0
        ):
            raise ValueError("Give one positive width per column.")


@dataclass(frozen=True)
class SignatureBlock:
    """The prescriber's signature; ``closing`` ('Sincerely,') is kept on the same page."""

    prescriber: Prescriber
    signed_on: date | None = None  # None leaves a blank date line to sign by hand
    closing: str = ""


Block = ParagraphBlock | HeadingBlock | TableBlock | SignatureBlock


@dataclass(frozen=True)
class DocumentSpec:
    """A whole document as plain data, for ``render_document``."""

    letterhead: Letterhead
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    recipient: Recipient | None = None
    patient: PatientIdentity | None = None
    reference_lines: tuple[tuple[str, str], ...] = ()
    author: str = ""
    subject: str = ""

    def __post_init__(self) -> None:
        _tuple(self, "blocks")

    def page_setup(self) -> PageSetup:
        return PageSetup(
            letterhead=self.letterhead,
            title=self.title,
            recipient=self.recipient,
            patient=self.patient,
            reference_lines=self.reference_lines,
            author=self.author,
            subject=self.subject,
        )
