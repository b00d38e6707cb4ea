"""sectors as a curated taxonomy (feat/domain)

Revision ID: 5e2a9c41d7b3
Revises: 5e551035a7b1
Create Date: 2026-12-07 09:15:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5e2a9c41d7b3'
down_revision = '5e551035a7b1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sectors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['merged_into_id'], ['sectors.id'], name=op.f('fk_sectors_merged_into_id_sectors'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sectors')),
    sa.UniqueConstraint('slug', name=op.f('uq_sectors_slug'))
    )
    op.create_table('sector_labels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sector_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('text', sa.String(length=255), nullable=False),
    sa.Column('folded', sa.String(length=255), nullable=False),
    sa.Column('preferred', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['sector_id'], ['sectors.id'], name=op.f('fk_sector_labels_sector_id_sectors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sector_labels')),
    sa.UniqueConstraint('sector_id', 'lang', 'folded', name=op.f('uq_sector_labels_sector_id'))
    )
    with op.batch_alter_table('sector_labels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sector_labels_folded'), ['folded'], unique=False)


def downgrade():
    with op.batch_alter_table('sector_labels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sector_labels_folded'))
    op.drop_table('sector_labels')
    op.drop_table('sectors')
