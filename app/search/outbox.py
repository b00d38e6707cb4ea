"""The transactional outbox: every change to a searchable row leaves a row here.

The rows are inserted during the flush that writes the change, so they commit or
roll back with it; after a commit the indexer applies them (app/search/indexer.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import String, event, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db
from app.search.documents import keys_for

logger = logging.getLogger(__name__)

# session.info keys: what this flush will write, and what this transaction wrote.
_BEFORE = "search_outbox_before"
_WRITTEN = "search_outbox_written"


class SearchOutbox(db.Model):
    __tablename__ = "search_outbox"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)


def _before_flush(session: Session, flush_context, instances) -> None:
    """Keys of changed and deleted rows, while their relations can still be read."""
    keys = set()
    for obj in session.deleted:
        keys |= keys_for(obj)
    for obj in session.dirty:
        if session.is_modified(obj):
            keys |= keys_for(obj)
    session.info.setdefault(_BEFORE, set()).update(keys)


def _after_flush(session: Session, flush_context) -> None:
    """New rows have their ids now: write one outbox row per affected document."""
    keys = session.info.pop(_BEFORE, set())
    for obj in session.new:
        keys |= keys_for(obj)
    _write(session, keys)


def _write(session: Session, keys: Iterable[str]) -> None:
    written = session.info.setdefault(_WRITTEN, set())
    fresh = sorted(set(keys) - written)
    if fresh:
        now = utcnow()
        session.execute(insert(SearchOutbox), [{"key": key, "created_at": now} for key in fresh])
        written.update(fresh)


def enqueue_keys(keys: Iterable[str], session: Session | None = None) -> None:
    """Queue documents that a bulk UPDATE or DELETE changed (the flush hooks never see those).

    The rows join the current transaction, like those the flush writes.
    """
    _write(session or db.session, keys)


def enqueue_affected(objects: Iterable[Any], session: Session | None = None) -> None:
    """Queue the documents a change to each of ``objects`` affects, as if the ORM changed it.

    After a bulk statement, pass the rows it touched (or rows whose ``related`` rule finds
    the touched ones, such as a skill's labels for its holders).
    """
    keys: set[str] = set()
    for obj in objects:
        keys |= keys_for(obj)
    enqueue_keys(keys, session)


def _end_transaction(session: Session, *args) -> None:
    session.info.pop(_BEFORE, None)
    session.info.pop(_WRITTEN, None)


def take_pending(session: Session) -> bool:
    """Did the transaction just committed write outbox rows? Forgets them."""
    return bool(session.info.pop(_WRITTEN, None))


def install() -> None:
    """Hook the outbox into every SQLAlchemy session (once per process)."""
    if event.contains(Session, "before_flush", _before_flush):
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "after_rollback", _end_transaction)
