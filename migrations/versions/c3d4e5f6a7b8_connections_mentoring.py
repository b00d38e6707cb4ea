"""connections: contact requests, blocks, reports, mentorships

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2026-11-23

"""

import sqlalchemy as sa
from alembic import op

revision = "c3d4e5f6a7b8"
down_revision = "b2c3d4e5f6a7"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('share_email', sa.Boolean(), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('notify', sa.Enum('each', 'digest', 'none', name='notifymode', native_enum=False, length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_contact_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_contact_preferences'))
    )
    op.create_table('contact_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sender_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.Enum('question', 'collaboration', 'mentoring', name='requesttopic', native_enum=False, length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('context', sa.String(length=40), nullable=True),
    sa.Column('status', sa.Enum('pending', 'accepted', 'declined', 'withdrawn', name='requeststatus', native_enum=False, length=20), nullable=False),
    sa.Column('suppressed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_contact_requests_recipient_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sender_id'], ['users.id'], name=op.f('fk_contact_requests_sender_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_requests'))
    )
    with op.batch_alter_table('contact_requests', schema=None) as batch_op:
        batch_op.create_index('ix_contact_requests_one_pending', ['sender_id', 'recipient_id'], unique=True, sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
        batch_op.create_index(batch_op.f('ix_contact_requests_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index('ix_contact_requests_sender_created', ['sender_id', 'created_at'], unique=False)
    op.create_table('member_blocks',
    sa.Column('blocker_id', sa.Integer(), nullable=False),
    sa.Column('blocked_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['blocked_id'], ['users.id'], name=op.f('fk_member_blocks_blocked_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['blocker_id'], ['users.id'], name=op.f('fk_member_blocks_blocker_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('blocker_id', 'blocked_id', name=op.f('pk_member_blocks'))
    )
    with op.batch_alter_table('member_blocks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_blocks_blocked_id'), ['blocked_id'], unique=False)
    op.create_table('contact_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_contact_messages_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['contact_requests.id'], name=op.f('fk_contact_messages_request_id_contact_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_messages'))
    )
    with op.batch_alter_table('contact_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_messages_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_messages_request_id'), ['request_id'], unique=False)
    op.create_table('contact_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Enum('spam', 'harassment', 'inappropriate', 'other', name='reportreason', native_enum=False, length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_contact_reports_reporter_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['contact_requests.id'], name=op.f('fk_contact_reports_request_id_contact_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_contact_reports_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_reports')),
    sa.UniqueConstraint('request_id', 'reporter_id', name=op.f('uq_contact_reports_request_id'))
    )
    op.create_table('mentorships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('goals', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('active', 'completed', 'ended', name='mentorshipstatus', native_enum=False, length=20), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('appreciation', sa.Text(), nullable=True),
    sa.Column('appreciation_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('appreciation_hidden', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mentee_id'], ['users.id'], name=op.f('fk_mentorships_mentee_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], name=op.f('fk_mentorships_mentor_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['contact_requests.id'], name=op.f('fk_mentorships_request_id_contact_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentorships')),
    sa.UniqueConstraint('request_id', name=op.f('uq_mentorships_request_id'))
    )
    with op.batch_alter_table('mentorships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentorships_mentee_id'), ['mentee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentorships_mentor_id'), ['mentor_id'], unique=False)
    op.create_table('contact_notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('new_request', 'accepted', 'new_message', name='notificationkind', native_enum=False, length=20), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['message_id'], ['contact_messages.id'], name=op.f('fk_contact_notifications_message_id_contact_messages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['contact_requests.id'], name=op.f('fk_contact_notifications_request_id_contact_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_contact_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_notifications'))
    )
    with op.batch_alter_table('contact_notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_notifications_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_notifications_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_notifications_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_notifications_user_id'), ['user_id'], unique=False)
    op.create_table('mentorship_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentorship_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_mentorship_notes_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentorship_id'], ['mentorships.id'], name=op.f('fk_mentorship_notes_mentorship_id_mentorships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentorship_notes'))
    )
    with op.batch_alter_table('mentorship_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentorship_notes_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentorship_notes_mentorship_id'), ['mentorship_id'], unique=False)


def downgrade():
    with op.batch_alter_table('mentorship_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentorship_notes_mentorship_id'))
        batch_op.drop_index(batch_op.f('ix_mentorship_notes_author_id'))
    op.drop_table('mentorship_notes')
    with op.batch_alter_table('contact_notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_notifications_user_id'))
        batch_op.drop_index(batch_op.f('ix_contact_notifications_sent_at'))
        batch_op.drop_index(batch_op.f('ix_contact_notifications_request_id'))
        batch_op.drop_index(batch_op.f('ix_contact_notifications_message_id'))
    op.drop_table('contact_notifications')
    with op.batch_alter_table('mentorships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentorships_mentor_id'))
        batch_op.drop_index(batch_op.f('ix_mentorships_mentee_id'))
    op.drop_table('mentorships')
    op.drop_table('contact_reports')
    with op.batch_alter_table('contact_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_messages_request_id'))
        batch_op.drop_index(batch_op.f('ix_contact_messages_author_id'))
    op.drop_table('contact_messages')
    with op.batch_alter_table('member_blocks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_blocks_blocked_id'))
    op.drop_table('member_blocks')
    with op.batch_alter_table('contact_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_requests_sender_created')
        batch_op.drop_index(batch_op.f('ix_contact_requests_recipient_id'))
        batch_op.drop_index('ix_contact_requests_one_pending', sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
    op.drop_table('contact_requests')
    op.drop_table('contact_preferences')
