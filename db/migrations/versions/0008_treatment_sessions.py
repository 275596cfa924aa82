"""treatment sessions

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MODALITIES = ("iv_ketamine", "im_ketamine", "esketamine", "tms")


def _enum(name: str, values: Sequence[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    op.create_table(
        "treatment_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("modality", _enum("session_modality", _MODALITIES), nullable=False),
        sa.Column("session_on", sa.Date(), nullable=False),
        sa.Column("state", _enum("session_state", ("draft", "signed")), nullable=False),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("dose_mg", sa.Numeric(precision=8, scale=1), nullable=True),
        sa.Column("lot_number", sa.String(length=40), nullable=False),
        sa.Column("days_of_benefit", sa.Integer(), nullable=True),
        sa.Column("peak_score", sa.Numeric(precision=6, scale=1), nullable=True),
        sa.Column("serious_side_effects", sa.Boolean(), nullable=False),
        sa.Column("overrides_json", sa.Text(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("signed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("signed_by", sa.String(length=120), nullable=False),
        sa.Column("signed_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_treatment_session_appointment_id_appointment"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["treatment_course.id"],
            name=op.f("fk_treatment_session_course_id_treatment_course"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["user_account.id"],
            name=op.f("fk_treatment_session_created_by_user_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_treatment_session_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["signed_by_user_id"],
            ["user_account.id"],
            name=op.f("fk_treatment_session_signed_by_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatment_session")),
        sa.UniqueConstraint("appointment_id", name=op.f("uq_treatment_session_appointment_id")),
    )
    with op.batch_alter_table("treatment_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_treatment_session_course_id"), ["course_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_treatment_session_patient_id"), ["patient_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_treatment_session_session_on"), ["session_on"], unique=False
        )

    op.create_table(
        "session_addendum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("written_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["user_account.id"],
            name=op.f("fk_session_addendum_author_user_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["treatment_session.id"],
            name=op.f("fk_session_addendum_session_id_treatment_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_addendum")),
    )
    with op.batch_alter_table("session_addendum", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_addendum_session_id"), ["session_id"], unique=False
        )

    # A plain ADD COLUMN, not a batch copy: on SQLite a copy would drop the triggers that
    # keep scale results for good (0004), and would copy every result for nothing.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE scale_result ADD COLUMN session_id INTEGER "
            "CONSTRAINT fk_scale_result_session_id_treatment_session "
            "REFERENCES treatment_session (id)"
        )
    else:
        op.add_column("scale_result", sa.Column("session_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_scale_result_session_id_treatment_session"),
            "scale_result",
            "treatment_session",
            ["session_id"],
            ["id"],
        )
    op.create_index(op.f("ix_scale_result_session_id"), "scale_result", ["session_id"])
    _keep_signed_sessions_for_good()


# SQLite and PostgreSQL both refuse: any change to a signed session's row (signing itself
# changes a draft, which is allowed) or its removal, and any change to or removal of an
# addendum. The workflows never try; this guards against anything else that might.
_SIGNED = "treatment sessions cannot be changed once signed; add an addendum"
_ADDENDUM = "session addenda cannot be changed or removed"


def _keep_signed_sessions_for_good() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER treatment_session_signed_no_{verb.lower()} BEFORE {verb} "
                "ON treatment_session FOR EACH ROW WHEN OLD.state = 'signed' "
                f"BEGIN SELECT RAISE(ABORT, '{_SIGNED}'); END"
            )
            op.execute(
                f"CREATE TRIGGER session_addendum_no_{verb.lower()} BEFORE {verb} "
                f"ON session_addendum BEGIN SELECT RAISE(ABORT, '{_ADDENDUM}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION treatment_session_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_SIGNED}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER treatment_session_signed_for_good BEFORE UPDATE OR DELETE "
            "ON treatment_session FOR EACH ROW WHEN (OLD.state = 'signed') "
            "EXECUTE FUNCTION treatment_session_refuse()"
        )
        op.execute(
            "CREATE FUNCTION session_addendum_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_ADDENDUM}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER session_addendum_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            "ON session_addendum FOR EACH STATEMENT EXECUTE FUNCTION session_addendum_refuse()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER treatment_session_signed_no_{verb}")
            op.execute(f"DROP TRIGGER session_addendum_no_{verb}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER treatment_session_signed_for_good ON treatment_session")
        op.execute("DROP FUNCTION treatment_session_refuse()")
        op.execute("DROP TRIGGER session_addendum_append_only ON session_addendum")
        op.execute("DROP FUNCTION session_addendum_refuse()")
    op.drop_index(op.f("ix_scale_result_session_id"), table_name="scale_result")
    if dialect == "sqlite":
        # SQLite drops a column only without its foreign key: recreate the table as it was,
        # then put the 0004 triggers back (a copy loses them).
        _drop_scale_session_column_sqlite()
    else:
        op.drop_constraint(
            "fk_scale_result_session_id_treatment_session", "scale_result", type_="foreignkey"
        )
        op.drop_column("scale_result", "session_id")
    with op.batch_alter_table("session_addendum", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_addendum_session_id"))
    op.drop_table("session_addendum")
    with op.batch_alter_table("treatment_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treatment_session_session_on"))
        batch_op.drop_index(batch_op.f("ix_treatment_session_patient_id"))
        batch_op.drop_index(batch_op.f("ix_treatment_session_course_id"))
    op.drop_table("treatment_session")


def _drop_scale_session_column_sqlite() -> None:
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS scale_result_no_{verb}")
    with op.batch_alter_table("scale_result", schema=None, recreate="always") as batch_op:
        batch_op.drop_column("session_id")
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER scale_result_no_{verb.lower()} BEFORE {verb} ON scale_result "
            "BEGIN SELECT RAISE(ABORT, 'scale results cannot be changed or removed; "
            "record an amendment'); END"
        )
