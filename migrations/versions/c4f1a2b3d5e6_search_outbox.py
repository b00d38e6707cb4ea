"""search outbox

Revision ID: c4f1a2b3d5e6
Revises: 8bd993afe5f3
Create Date: 2026-11-23 07:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c4f1a2b3d5e6"
down_revision = "8bd993afe5f3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_outbox")),
    )


def downgrade():
    op.drop_table("search_outbox")
