"""sign-in failures apart from accounts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 20:33:47.721737
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_failure",
        sa.Column("username_key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username_key", name=op.f("pk_sign_in_failure")),
    )
    # Failures in progress move with their counts, so a lock still comes at the fifth.
    op.execute(
        "INSERT INTO sign_in_failure (username_key, failures, last_failed_at) "
        "SELECT username_key, failed_attempts, last_failed_at FROM user_account "
        "WHERE failed_attempts > 0 AND last_failed_at IS NOT NULL"
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("failed_attempts")
        batch_op.drop_column("last_failed_at")


def downgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_failed_at", db.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0")
        )
    op.drop_table("sign_in_failure")
