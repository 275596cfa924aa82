"""letters and annual reviews

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written once, never changed or removed: the database refuses it too.
KEPT_FOR_GOOD = {
    "archived_letter": "archived letters cannot be changed or removed",
    "annual_review": "annual reviews cannot be changed or removed; record a new review",
}


def upgrade() -> None:
    op.create_table(
        "clinic_image",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_clinic_image")),
    )
    op.create_table(
        "prescriber_signature",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_prescriber_signature_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_prescriber_signature")),
    )
    op.create_table(
        "archived_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "consent_reaffirmation",
                "medical_necessity",
                "annual_review_summary",
                "booster_schedule",
                name="letter_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("template_version", sa.String(length=40), nullable=False),
        sa.Column("content_version", sa.String(length=40), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("signer_npi", sa.String(length=10), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["user_account.id"],
            name=op.f("fk_archived_letter_author_user_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_archived_letter_patient_id_patient")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archived_letter")),
    )
    with op.batch_alter_table("archived_letter", schema=None) as batch_op:
        batch_op.create_index("ix_archived_letter_kind", ["kind", "created_at"], unique=False)
        batch_op.create_index(
            "ix_archived_letter_patient", ["patient_id", "created_at"], unique=False
        )

    op.create_table(
        "annual_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("reviewer_user_id", sa.Integer(), nullable=True),
        sa.Column("reviewer", sa.String(length=120), nullable=False),
        sa.Column("safety_assessment", sa.Text(), nullable=False),
        sa.Column("cognitive_completion_id", sa.Integer(), nullable=True),
        sa.Column("cognitive_scale_result_id", sa.Integer(), nullable=True),
        sa.Column("cognitive_note", sa.Text(), nullable=False),
        sa.Column("continuation_discussion", sa.Text(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "continue",
                "extend_interval",
                "taper",
                "transition",
                "stop",
                name="review_decision",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("decision_reasoning", sa.Text(), nullable=False),
        sa.Column("consent_reaffirmed", sa.Boolean(), nullable=False),
        sa.Column("consent_reaffirmed_on", sa.Date(), nullable=True),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cognitive_completion_id"],
            ["monitoring_completion.id"],
            name=op.f("fk_annual_review_cognitive_completion_id_monitoring_completion"),
        ),
        sa.ForeignKeyConstraint(
            ["cognitive_scale_result_id"],
            ["scale_result.id"],
            name=op.f("fk_annual_review_cognitive_scale_result_id_scale_result"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["treatment_course.id"],
            name=op.f("fk_annual_review_course_id_treatment_course"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_annual_review_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_user_id"],
            ["user_account.id"],
            name=op.f("fk_annual_review_reviewer_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_review")),
    )
    with op.batch_alter_table("annual_review", schema=None) as batch_op:
        batch_op.create_index(
            "ix_annual_review_patient", ["patient_id", "reviewed_on"], unique=False
        )

    for table, message in KEPT_FOR_GOOD.items():
        _keep_for_good(table, message)


def _keep_for_good(table: str, message: str) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse()"
        )


def _allow_changes(table: str) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(f"DROP TRIGGER {table}_no_update")
        op.execute(f"DROP TRIGGER {table}_no_delete")
    elif dialect == "postgresql":
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute(f"DROP FUNCTION {table}_refuse()")


def downgrade() -> None:
    for table in KEPT_FOR_GOOD:
        _allow_changes(table)
    with op.batch_alter_table("annual_review", schema=None) as batch_op:
        batch_op.drop_index("ix_annual_review_patient")
    op.drop_table("annual_review")
    with op.batch_alter_table("archived_letter", schema=None) as batch_op:
        batch_op.drop_index("ix_archived_letter_patient")
        batch_op.drop_index("ix_archived_letter_kind")
    op.drop_table("archived_letter")
    op.drop_table("prescriber_signature")
    op.drop_table("clinic_image")
