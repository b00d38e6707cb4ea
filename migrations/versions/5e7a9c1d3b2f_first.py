"""profile photos and partner logos

Revision ID: 5e7a9c1d3b2f
Revises: b86ef9c0cca8
Create Date: 2026-12-07 08:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5e7a9c1d3b2f"
down_revision = "b86ef9c0cca8"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(sa.Column("photo", sa.String(length=40), nullable=True))
    with op.batch_alter_table("partners") as batch:
        batch.add_column(sa.Column("logo", sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table("partners") as batch:
        batch.drop_column("logo")
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("photo")
