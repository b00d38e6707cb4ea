"""map: members choose to appear on the map

Revision ID: 7c2e9a4f1b63
Revises: 07079bd4e235
Create Date: 2026-12-07

"""

import sqlalchemy as sa
from alembic import op

revision = "7c2e9a4f1b63"
down_revision = "07079bd4e235"
branch_labels = None
depends_on = None


def _profiles():
    # SQLite rebuilds the table for a column with an expression default: the rebuilt one must
    # keep ids never reused (AUTOINCREMENT).
    return op.batch_alter_table("profiles", table_kwargs={"sqlite_autoincrement": True})


def upgrade():
    # Off for everyone: appearing on the map is each member's own choice.
    with _profiles() as batch_op:
        batch_op.add_column(
            sa.Column("on_map", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index("ix_profiles_on_map", ["on_map", "mentor"])


def downgrade():
    with _profiles() as batch_op:
        batch_op.drop_index("ix_profiles_on_map")
        batch_op.drop_column("on_map")
