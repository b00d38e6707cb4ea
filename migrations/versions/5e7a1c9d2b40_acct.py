"""accounts: e-mail verification

Revision ID: 5e7a1c9d2b40
Revises: 5e2a9c41d7b3
Create Date: 2026-12-07

"""

import sqlalchemy as sa
from alembic import op

revision = "5e7a1c9d2b40"
down_revision = "5e2a9c41d7b3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True))
    # Members who joined before verification existed keep every right they had.
    op.execute("UPDATE users SET email_verified_at = created_at")


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("email_verified_at")
