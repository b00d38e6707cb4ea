"""members' sectors name the curated sectors of content/sectors.yaml

Revision ID: 6c2d8e1f0a94
Revises: 5e7a1c9d2b40
Create Date: 2026-12-07

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "6c2d8e1f0a94"
down_revision = "5e7a1c9d2b40"
branch_labels = None
depends_on = None

#: The two sectors of the old fixed list that the curated list names otherwise; the other
#: eight kept their ids. "Arts and culture" and "Media, photo and video" are synonyms there.
RENAMED = {"arts": "culture-heritage", "media": "audiovisual"}


def _profiles():
    # The rebuild SQLite needs to widen a column must keep ids never reused (AUTOINCREMENT).
    return op.batch_alter_table("profiles", table_kwargs={"sqlite_autoincrement": True})


def upgrade():
    with _profiles() as batch_op:
        batch_op.alter_column(
            "sector", existing_type=sa.String(length=20), type_=sa.String(length=100)
        )
    # The search index holds the old ids: the outbox has the changed profiles re-indexed
    # (by `flask search sync`, or the next change that applies the outbox).
    op.execute(
        sa.text(
            "INSERT INTO search_outbox (key, created_at) SELECT 'member:' || id, :now"
            " FROM profiles WHERE sector IN ('arts', 'media')"
        ).bindparams(now=datetime.now(UTC))
    )
    for old, new in RENAMED.items():
        op.execute(
            sa.text("UPDATE profiles SET sector = :new WHERE sector = :old").bindparams(
                old=old, new=new
            )
        )


def downgrade():
    for old, new in RENAMED.items():
        op.execute(
            sa.text("UPDATE profiles SET sector = :old WHERE sector = :new").bindparams(
                old=old, new=new
            )
        )
    # Sectors the old list did not have fit in none of its ten values.
    op.execute(
        "UPDATE profiles SET sector = 'other' WHERE sector IS NOT NULL AND sector NOT IN "
        "('arts', 'design', 'media', 'digital', 'training', 'consulting', 'crafts', 'care', "
        "'events', 'other')"
    )
    with _profiles() as batch_op:
        batch_op.alter_column(
            "sector", existing_type=sa.String(length=100), type_=sa.String(length=20)
        )
