"""Deleting an account: what goes, what may stay under "a former member", and the index.

Each feature's erase handler (registered in app/personal.py) deletes every row of the
member that is a search document (profile, needs, articles, organisation and offers) or
that another document depends on (mentorships, for a mentor's open places) through the
ORM, so that the search outbox records it; the database's ON DELETE rules then take what
remains (blocks, helpful marks, notifications to the member...).
Afterwards ``erase_from_index`` makes sure the index files no longer hold the member's
words: Whoosh only marks a deleted document as deleted until its segment is rewritten.
"""

from __future__ import annotations

import enum
import logging

from app import images
from app.accounts.models import User
from app.extensions import db
from app.personal import Erasure, erasers
from app.search import engine
from app.search.engine import storage
from app.search.indexer import apply_outbox

logger = logging.getLogger(__name__)

#: Seconds to wait for the index's writer lock when erasing.
WRITER_TIMEOUT = 30


class WritingChoice(enum.StrEnum):
    """What happens to a leaving member's published articles and comments."""

    DELETE = "delete"
    #: Kept without an author, shown as written by "a former member".
    KEEP = "keep"


def delete_account(user: User, writing: WritingChoice) -> None:
    """Delete ``user`` and everything that is theirs; keep their published articles and
    comments without author if ``writing`` says so. Commits."""
    user_id = user.id
    erasure = Erasure(user=user, keep_writing=writing is WritingChoice.KEEP)
    # Each feature's handler, in the order they declare (app/personal.py).
    for handler in erasers():
        handler.erase(erasure)
    db.session.delete(user)
    db.session.commit()
    for kind, token in erasure.files:
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
