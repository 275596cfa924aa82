"""Letters as they were printed, the clinic's letterhead images and prescribers' signatures.

An archived letter is written once and never changed or removed (the database refuses it
too): its PDF bytes are the letter as printed, checked against their SHA-256 whenever they
are read back, so a reprint is the same document.

Images (the clinic's logo, a prescriber's signature) live in tables of their own rather than
in the JSON settings or on the account: a setting change and an account change are audited
with the whole prior row, and a picture of a signature has no place in the audit trail. Its
SHA-256 stands for it there.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, utc_now
from db.letters.kinds import LetterKind
from db.models.enum_column import enum_column


class ArchivedLetter(Base):
    __tablename__ = "archived_letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    kind: Mapped[LetterKind] = mapped_column(enum_column(LetterKind, "letter_kind"))
    title: Mapped[str] = mapped_column(String(200))
    template_version: Mapped[str] = mapped_column(String(40))
    # The consent text's version for a consent letter; empty for the others.
    content_version: Mapped[str] = mapped_column(String(40), default="")
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    page_count: Mapped[int] = mapped_column(Integer)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    author_name: Mapped[str] = mapped_column(String(120))
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_npi: Mapped[str] = mapped_column(String(10), default="")
    recipient: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (
        Index("ix_archived_letter_patient", "patient_id", "created_at"),
        Index("ix_archived_letter_kind", "kind", "created_at"),
    )


class ClinicImage(Base):
    """A picture the clinic prints: `key` 'logo'."""

    __tablename__ = "clinic_image"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class PrescriberSignature(Base):
    """A prescriber's signature image, printed above their name on signed letters."""

    __tablename__ = "prescriber_signature"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}
