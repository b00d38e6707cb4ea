"""Apply the outbox to the index, in order, from the position the index records."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from datetime import UTC, timedelta

from flask import current_app, has_app_context
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session
from whoosh.index import LockError

from app.accounts.models import utcnow
from app.extensions import db
from app.search import storage
from app.search.documents import KINDS, finish, make_key, split_key
from app.search.outbox import SearchOutbox, take_pending

logger = logging.getLogger(__name__)

BATCH = 500
# Outbox ids come from the database before commit, so a transaction still open can
# commit a lower id after a higher one was applied. The position only moves past rows
# older than this; younger ones are looked at again next time, and applied if new.
SETTLE = timedelta(seconds=30)


def aware(moment):
    """SQLite returns naive datetimes for what was stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def build_document(session: Session, key: str) -> dict | None:
    """The document for ``key`` as the database has it now, or None to delete it."""
    parsed = split_key(key)
    if parsed is None:
        return None
    kind, row_id = parsed
    row = session.get(kind.model, row_id)
    if row is None:
        return None
    fields = kind.build(row)
    return None if fields is None else finish(kind.name, row_id, fields)


def write_documents(writer, session: Session, keys: Iterable[str]) -> int:
    """Update or delete each key's document in the writer."""
    count = 0
    for key in dict.fromkeys(keys):
        document = build_document(session, key)
        if document is None:
            writer.delete_by_term("key", key)
        else:
            writer.update_document(**document)
        count += 1
    return count


def apply_outbox(wait: bool = False, batch: int = BATCH) -> int:
    """Apply what the outbox holds past the index's position; returns rows applied.

    Without ``wait`` it gives up at once if another process holds the writer lock:
    that process, or the next run, applies the rows.
    """
    path = storage.live_dir()
    index = storage.open_live()
    applied = 0
    # This run reads on from ``cursor``. The recorded position stays at the last row of an
    # unbroken run of settled ones (see SETTLE), so a later run looks again at younger ids;
    # those already applied are listed beside it and not applied twice.
    cursor = 0
    held_back = False
    while True:
        try:
            writer = index.writer(timeout=30 if wait else 0)
        except LockError:
            return applied
        position = storage.read_position(path)
        done = {row_id for row_id in _read_applied(path) if row_id > position}
        if position >= cursor:
            # First batch, or another process moved the position on while the lock was free.
            cursor, held_back = position, False
        try:
            with Session(db.engine) as session:
                rows = session.execute(
                    select(SearchOutbox.id, SearchOutbox.key, SearchOutbox.created_at)
                    .where(SearchOutbox.id > cursor)
                    .order_by(SearchOutbox.id)
                    .limit(batch)
                ).all()
                fresh = [row for row in rows if row.id not in done]
                write_documents(writer, session, (row.key for row in fresh))
        except BaseException:
            # Release the writer lock now, not whenever the writer is garbage-collected.
            writer.cancel()
            raise
        if not fresh:
            writer.cancel()
        else:
            writer.commit()
        if not rows:
            return applied
        done.update(row.id for row in fresh)
        new_position = position
        if not held_back:
            settled = utcnow() - SETTLE
            for row in rows:
                if aware(row.created_at) > settled:
                    held_back = True
                    break
                new_position = row.id
        if fresh or new_position != position:
            # A crash between the two writes only makes a later run apply rows again.
            _write_applied(path, {row_id for row_id in done if row_id > new_position})
            storage.write_position(path, new_position)
        cursor = rows[-1].id
        applied += len(fresh)
        if len(rows) < batch:
            return applied


APPLIED_FILE = "outbox_applied"


def _read_applied(path) -> set[int]:
    """Ids past the position that are applied already (younger than SETTLE)."""
    try:
        return {int(word) for word in (path / APPLIED_FILE).read_text().split()}
    except (FileNotFoundError, ValueError):
        return set()


def _write_applied(path, ids: set[int]) -> None:
    temporary = path / f".{APPLIED_FILE}.{os.getpid()}"
    temporary.write_text(" ".join(str(row_id) for row_id in sorted(ids)))
    os.replace(temporary, path / APPLIED_FILE)


def rebuild(progress=None) -> int:
    """Build a complete index beside the live one, swap it in, then catch up."""
    from whoosh import index as whoosh_index

    from app.search.schema import build_schema

    with Session(db.engine) as session:
        # The new index reflects every settled row; younger ones are applied after the swap.
        start = session.scalar(
            select(func.max(SearchOutbox.id)).where(SearchOutbox.created_at < utcnow() - SETTLE)
        )
        total = sum(
            session.scalar(select(func.count()).select_from(kind.model)) or 0
            for kind in KINDS.values()
        )
        path = storage.new_dir()
        index = whoosh_index.create_in(str(path), build_schema())
        writer = index.writer(procs=1, limitmb=256)
        done = 0
        for kind in KINDS.values():
            for row_id in session.scalars(select(kind.model.id).order_by(kind.model.id)):
                write_documents(writer, session, [make_key(kind.name, row_id)])
                done += 1
                if progress and done % 200 == 0:
                    progress(done, total)
        writer.commit()
        if progress:
            progress(done, total)
    storage.write_position(path, start or 0)
    storage.swap_in(path)
    apply_outbox(wait=True)
    return done


def _after_commit(session: Session) -> None:
    """Index what the transaction changed, without waiting for the writer lock."""
    if not take_pending(session):
        return
    if not has_app_context() or not current_app.config.get("SEARCH_INDEX_ON_COMMIT", True):
        return
    try:
        apply_outbox(wait=False)
    except Exception:
        # The rows are committed: the next run or `flask search sync` applies them.
        logger.exception("could not apply the search outbox after a commit")


def install() -> None:
    """Index right after each commit that wrote outbox rows."""
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)


def verify() -> list[str]:
    """Every difference between the database and the index, one line each."""
    expected: dict[str, str] = {}
    with Session(db.engine) as session:
        for kind in KINDS.values():
            for row in session.scalars(select(kind.model)):
                fields = kind.build(row)
                if fields is not None:
                    document = finish(kind.name, row.id, fields)
                    expected[document["key"]] = document["hash"]
    indexed: dict[str, str] = {}
    with storage.open_live().searcher() as searcher:
        for fields in searcher.all_stored_fields():
            indexed[fields["key"]] = fields.get("hash", "")
    problems = []
    for key in sorted(expected.keys() - indexed.keys()):
        problems.append(f"missing from the index: {key}")
    for key in sorted(indexed.keys() - expected.keys()):
        problems.append(f"in the index but not in the database: {key}")
    for key in sorted(expected.keys() & indexed.keys()):
        if expected[key] != indexed[key]:
            problems.append(f"out of date in the index: {key}")
    return problems
