"""merged needs: a merged need's address leads to the need it became

Revision ID: 4b8e1d2c9a70
Revises: 7c2e9a4f1b63
Create Date: 2026-12-07

"""

import sqlalchemy as sa
from alembic import op

revision = "4b8e1d2c9a70"
down_revision = "7c2e9a4f1b63"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "merged_needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("old_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"],
            ["needs.id"],
            name=op.f("fk_merged_needs_need_id_needs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merged_needs")),
        sa.UniqueConstraint("old_id", name=op.f("uq_merged_needs_old_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_merged_needs_need_id"), "merged_needs", ["need_id"])


def downgrade():
    op.drop_index(op.f("ix_merged_needs_need_id"), table_name="merged_needs")
    op.drop_table("merged_needs")
