"""User accounts: one per person, never shared."""

from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.accounts.roles import Role
from db.base import Base, UTCDateTime, utc_now
from db.models.enum_column import enum_column


class UserAccount(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    # Case-folded copy: usernames are unique whatever their case, on every dialect.
    username_key: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"))
    credentials: Mapped[str] = mapped_column(String(60), default="")
    npi: Mapped[str] = mapped_column(String(10), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class SignInFailure(Base):
    """Failed sign-ins in a row for a username, known or not.

    Kept apart from the account, without a version counter: someone mistyping a password
    must not make an administrator's open edit of their account stale.
    """

    __tablename__ = "sign_in_failure"

    username_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)
