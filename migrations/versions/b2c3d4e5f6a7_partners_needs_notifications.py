"""partners and offers, needs and responses, notifications

Revision ID: b2c3d4e5f6a7
Revises: a1b2c3d4e5f6
Create Date: 2026-11-23

"""

import sqlalchemy as sa
from alembic import op

revision = "b2c3d4e5f6a7"
down_revision = "a1b2c3d4e5f6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('visibility', sa.Enum('public', 'members', name='needvisibility', native_enum=False, length=20), nullable=False),
    sa.Column('status', sa.Enum('open', 'answered', 'closed', name='needstatus', native_enum=False, length=20), nullable=False),
    sa.Column('solved', sa.Enum('yes', 'partly', 'no', name='solved', native_enum=False, length=20), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_needs_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_needs_place_id_places'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs'))
    )
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_needs_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_place_id'), ['place_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_status'), ['status'], unique=False)
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('need_response', 'response_helped', 'partner_verified', name='notificationkind', native_enum=False, length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=100), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_notifications_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_link'), ['link'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_user_id'), ['user_id'], unique=False)
    op.create_table('partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('public_email', sa.String(length=254), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_partners_place_id_places'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_partners_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'], name=op.f('fk_partners_verified_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners')),
    sa.UniqueConstraint('user_id', name=op.f('uq_partners_user_id'))
    )
    with op.batch_alter_table('partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_place_id'), ['place_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_verified'), ['verified'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_verified_by_id'), ['verified_by_id'], unique=False)
    op.create_table('need_modes',
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Enum('online', 'in_person', 'individual', 'collective', name='mode', native_enum=False, length=20), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_modes_need_id_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('need_id', 'mode', name=op.f('pk_need_modes'))
    )
    with op.batch_alter_table('need_modes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_modes_mode'), ['mode'], unique=False)
    op.create_table('need_skills',
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_skills_need_id_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_need_skills_skill_id_skills'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('need_id', 'skill_id', name=op.f('pk_need_skills'))
    )
    with op.batch_alter_table('need_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_skills_skill_id'), ['skill_id'], unique=False)
    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('training', 'coworking', 'advice', 'funding', 'network', 'other', name='offerkind', native_enum=False, length=20), nullable=False),
    sa.Column('price', sa.Enum('free', 'paid', name='price', native_enum=False, length=20), nullable=False),
    sa.Column('price_text', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_offers_partner_id_partners'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_offers_place_id_places'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers'))
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offers_end_date'), ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_place_id'), ['place_id'], unique=False)
    op.create_table('partner_languages',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_languages_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('partner_id', 'lang', name=op.f('pk_partner_languages'))
    )
    with op.batch_alter_table('partner_languages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_languages_lang'), ['lang'], unique=False)
    op.create_table('need_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('article_id', sa.Integer(), nullable=True),
    sa.Column('helped', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_need_responses_article_id_articles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_need_responses_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_responses_need_id_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_need_responses_offer_id_offers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_responses'))
    )
    with op.batch_alter_table('need_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_responses_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_responses_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_responses_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_responses_offer_id'), ['offer_id'], unique=False)
    op.create_table('offer_languages',
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_languages_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offer_id', 'lang', name=op.f('pk_offer_languages'))
    )
    with op.batch_alter_table('offer_languages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_languages_lang'), ['lang'], unique=False)
    op.create_table('offer_modes',
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Enum('online', 'in_person', 'individual', 'collective', name='mode', native_enum=False, length=20), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_modes_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offer_id', 'mode', name=op.f('pk_offer_modes'))
    )
    with op.batch_alter_table('offer_modes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_modes_mode'), ['mode'], unique=False)
    op.create_table('offer_skills',
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_skills_offer_id_offers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_offer_skills_skill_id_skills'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offer_id', 'skill_id', name=op.f('pk_offer_skills'))
    )
    with op.batch_alter_table('offer_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_skills_skill_id'), ['skill_id'], unique=False)


def downgrade():
    with op.batch_alter_table('offer_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_skills_skill_id'))
    op.drop_table('offer_skills')
    with op.batch_alter_table('offer_modes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_modes_mode'))
    op.drop_table('offer_modes')
    with op.batch_alter_table('offer_languages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_languages_lang'))
    op.drop_table('offer_languages')
    with op.batch_alter_table('need_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_responses_offer_id'))
        batch_op.drop_index(batch_op.f('ix_need_responses_need_id'))
        batch_op.drop_index(batch_op.f('ix_need_responses_author_id'))
        batch_op.drop_index(batch_op.f('ix_need_responses_article_id'))
    op.drop_table('need_responses')
    with op.batch_alter_table('partner_languages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_languages_lang'))
    op.drop_table('partner_languages')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offers_place_id'))
        batch_op.drop_index(batch_op.f('ix_offers_partner_id'))
        batch_op.drop_index(batch_op.f('ix_offers_kind'))
        batch_op.drop_index(batch_op.f('ix_offers_end_date'))
    op.drop_table('offers')
    with op.batch_alter_table('need_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_skills_skill_id'))
    op.drop_table('need_skills')
    with op.batch_alter_table('need_modes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_modes_mode'))
    op.drop_table('need_modes')
    with op.batch_alter_table('partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partners_verified_by_id'))
        batch_op.drop_index(batch_op.f('ix_partners_verified'))
        batch_op.drop_index(batch_op.f('ix_partners_place_id'))
    op.drop_table('partners')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_user_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_link'))
        batch_op.drop_index(batch_op.f('ix_notifications_created_at'))
        batch_op.drop_index(batch_op.f('ix_notifications_actor_id'))
    op.drop_table('notifications')
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_needs_status'))
        batch_op.drop_index(batch_op.f('ix_needs_place_id'))
        batch_op.drop_index(batch_op.f('ix_needs_created_at'))
        batch_op.drop_index(batch_op.f('ix_needs_author_id'))
    op.drop_table('needs')
