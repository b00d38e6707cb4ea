"""Deleting an account: what goes, what may stay under "a former member", and the index.

Every row that is a search document (profile, needs, articles, organisation and offers)
and every row another document depends on (mentorships, for a mentor's open places) is
deleted through the ORM, so that the search outbox records it; the database's ON DELETE
rules then take what remains (blocks, helpful marks, notifications to the member...).
Afterwards ``erase_from_index`` makes sure the index files no longer hold the member's
words: Whoosh only marks a deleted document as deleted until its segment is rewritten.
"""

from __future__ import annotations

import enum
import logging

from sqlalchemy import delete, or_, select, update

from app import images
from app.accounts.models import User
from app.articles.models import Article, ArticleKind, ArticleRevision, Comment
from app.circles.personal import release_circles_of
from app.connections.models import ContactRequest, Mentorship
from app.extensions import db
from app.guidance.models import Adviser, QuestionMessage
from app.members.models import Profile
from app.needs.models import Need, NeedResponse
from app.notifications.models import Notification
from app.partners.models import Partner
from app.proposals.personal_data import release_proposals_of
from app.search import engine
from app.search.engine import storage
from app.search.indexer import apply_outbox
from app.sessions.personal import release_sessions_of

logger = logging.getLogger(__name__)

#: Seconds to wait for the index's writer lock when erasing.
WRITER_TIMEOUT = 30


class WritingChoice(enum.StrEnum):
    """What happens to a leaving member's published articles and comments."""

    DELETE = "delete"
    #: Kept without an author, shown as written by "a former member".
    KEEP = "keep"


def _delete_all(rows) -> int:
    """Delete ORM rows one by one, so the search outbox sees each."""
    count = 0
    for row in rows:
        db.session.delete(row)
        count += 1
    return count


def delete_account(user: User, writing: WritingChoice) -> None:
    """Delete ``user`` and everything that is theirs; keep their published articles and
    comments without author if ``writing`` says so. Commits."""
    user_id = user.id
    articles = db.session.scalars(
        select(Article).where(Article.author_id == user_id, Article.kind == ArticleKind.ARTICLE)
    ).all()
    comments = db.session.scalars(select(Comment).where(Comment.author_id == user_id)).all()
    if writing is WritingChoice.KEEP:
        for article in articles:
            if article.published:
                article.author_id = None
            else:
                # A draft without an author could never be read or finished by anyone.
                db.session.delete(article)
        for comment in comments:
            comment.author_id = None
    else:
        _delete_all(articles)
        _delete_all(comments)
    # Revisions they saved (of kept articles, or of others' as staff) keep their text only.
    db.session.execute(
        update(ArticleRevision)
        .where(ArticleRevision.author_id == user_id)
        .values(author_id=None)
        .execution_options(synchronize_session=False)
    )
    _delete_all(db.session.scalars(select(Need).where(Need.author_id == user_id)))
    _delete_all(db.session.scalars(select(NeedResponse).where(NeedResponse.author_id == user_id)))
    _delete_all(
        db.session.scalars(
            select(Mentorship).where(
                or_(Mentorship.mentor_id == user_id, Mentorship.mentee_id == user_id)
            )
        )
    )
    _delete_all(
        db.session.scalars(
            select(ContactRequest).where(
                or_(ContactRequest.sender_id == user_id, ContactRequest.recipient_id == user_id)
            )
        )
    )
    release_sessions_of(user)
    release_circles_of(user)
    release_proposals_of(user, keep_writing=writing is WritingChoice.KEEP)
    profiles = db.session.scalars(select(Profile).where(Profile.user_id == user_id)).all()
    partners = db.session.scalars(select(Partner).where(Partner.user_id == user_id)).all()
    pictures = [("photos", p.photo) for p in profiles] + [("logos", p.logo) for p in partners]
    _delete_all(profiles)
    # An adviser profile is a search document; their appointments and hours go with it.
    _delete_all(db.session.scalars(select(Adviser).where(Adviser.user_id == user_id)))
    # Their messages in others' guidance questions are private threads, not published writing.
    db.session.execute(
        delete(QuestionMessage)
        .where(QuestionMessage.author_id == user_id)
        .execution_options(synchronize_session=False)
    )
    _delete_all(partners)
    # Others' notifications about what they did keep their sense, not their name.
    db.session.execute(
        update(Notification)
        .where(Notification.actor_id == user_id)
        .values(actor_id=None, actor_name="")
        .execution_options(synchronize_session=False)
    )
    db.session.delete(user)
    db.session.commit()
    for kind, token in pictures:
        images.remove(kind, token)
    logger.info("deleted user %s (articles and comments: %s)", user_id, writing.value)


def erase_from_index() -> None:
    """Apply the outbox, then rewrite the index segments that still hold deleted documents.

    Waits for the writer lock (an account deletion is rare; its erasure must not be left
    to chance). Costs a rewrite of the affected segments, at most the whole index.
    """
    apply_outbox(wait=True)
    engine.purge_deleted(timeout=WRITER_TIMEOUT)
    # The index a rebuild replaced is kept until the next swap; it still holds them.
    storage.drop_previous()
