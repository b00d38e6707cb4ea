"""Apply the outbox to the index, in order, from the position the index records."""

from __future__ import annotations

import contextlib
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import MANYTOONE, Session, joinedload, selectinload

from app.clock import as_utc, utcnow
from app.extensions import db
from app.search.documents import document_fields, finish, kinds_by_model, split_key
from app.search.engine import storage
from app.search.outbox import SearchOutbox, take_pending

logger = logging.getLogger(__name__)

BATCH = 500
# Outbox ids come from the database before commit, so a transaction still open can
# commit a lower id after a higher one was applied. The position only moves past rows
# older than this; younger ones are looked at again next time, and applied if new.
SETTLE = timedelta(seconds=30)


def build_document(session: Session, key: str) -> dict | None:
    """The document for ``key`` as the database has it now, or None to delete it."""
    parsed = split_key(key)
    if parsed is None:
        return None
    kind, row_id = parsed
    row = session.get(kind.model, row_id)
    if row is None:
        return None
    fields = document_fields(kind, row)
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
    that process applies the rows (it looks again once it lets the lock go).
    """
    # If a rebuild swaps a new directory in meanwhile, its own catch-up has applied every
    # row committed before the swap: this goes on in the new one from its position.
    return storage.in_live_dir(lambda path: _apply_outbox_to(path, wait, batch))


def _apply_outbox_to(path, wait: bool, batch: int) -> int:
    applied = 0
    # A commit that finds the lock taken leaves its rows to the run that holds it, but that
    # run may have read the outbox before the commit: so each run looks again once it has
    # let the lock go, and goes on while rows wait. Otherwise the last commits of a burst
    # waited for some later commit, and searches found the words they removed (issue 25).
    # When the lock is taken, its holder took it after this look and looks again itself.
    while _waiting_rows(path):
        count, locked = _apply_run(path, wait, batch)
        applied += count
        if locked:
            return applied
    return applied


def _waiting_rows(path) -> bool:
    """Whether the outbox holds a row past the position that is not applied yet, or one
    old enough (see SETTLE) for the position to move past it."""
    position = storage.read_position(path)
    if not _rows_past(position):
        # Nothing to do: no writer, so no lock taken and no files made (a worker polls).
        return False
    done = {row_id for row_id in _read_applied(path) if row_id > position}
    with Session(db.engine) as session:
        rows = session.execute(
            select(SearchOutbox.id, SearchOutbox.created_at)
            .where(SearchOutbox.id > position)
            .order_by(SearchOutbox.id)
            .limit(len(done) + 1)
        ).all()
    if rows and as_utc(rows[0].created_at) <= utcnow() - SETTLE:
        return True
    return any(row.id not in done for row in rows)


def _apply_run(path, wait: bool, batch: int) -> tuple[int, bool]:
    """Apply the rows past the position in batches: (rows applied, lock was taken)."""
    index = storage.open_dir(path)
    applied = 0
    # This run reads on from ``cursor``. The recorded position stays at the last row of an
    # unbroken run of settled ones (see SETTLE), so a later run looks again at younger ids;
    # those already applied are listed beside it and not applied twice.
    cursor = 0
    held_back = False
    while True:
        try:
            writer = index.writer(timeout=30 if wait else 0)
        except storage.LockError:
            return applied, True
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
            if fresh:
                writer.commit()
            else:
                discard(writer)
        except BaseException:
            discard(writer)
            raise
        if not rows:
            return applied, False
        done.update(row.id for row in fresh)
        new_position = position
        if not held_back:
            settled = utcnow() - SETTLE
            for row in rows:
                if as_utc(row.created_at) > settled:
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
            return applied, False


def _rows_past(position: int) -> bool:
    """Whether the outbox holds a row past ``position``."""
    with Session(db.engine) as session:
        found = session.scalar(select(SearchOutbox.id).where(SearchOutbox.id > position).limit(1))
    return found is not None


def discard(writer) -> None:
    """Cancel ``writer`` if it is still open: its lock and files are let go of now, not
    when it is garbage-collected, and the files of its new segment are removed.

    Whoosh's ``cancel`` leaves those (empty) files until a later commit cleans up; a
    worker polling rows too young to pass would leave three each time.
    When a rebuild has removed the writer's directory meanwhile, Whoosh's ``cancel`` fails
    at the first file it cannot create and leaves the others open: they are closed here.
    """
    if writer.is_closed:
        return
    try:
        writer.cancel()
    except OSError:
        columns, terms = writer.perdocwriter, writer.fieldwriter
        for each in (
            columns._cols._temp,
            columns._vpostfile,
            terms._tindex.dbfile,
            terms._postfile,
        ):
            if each is not None and not each.is_closed:
                each.close()
        if writer.writelock:
            writer.writelock.release()
        writer.is_closed = True
        return
    prefix = f"{writer.newsegment.segment_id()}."
    try:
        names = writer.storage.list()
    except FileNotFoundError:  # a rebuild removed the directory meanwhile
        return
    for name in names:
        if name.startswith(prefix):
            with contextlib.suppress(FileNotFoundError):  # another commit cleaned up first
                writer.storage.delete_file(name)


APPLIED_FILE = "outbox_applied"


def _read_applied(path) -> set[int]:
    """Ids past the position that are applied already (younger than SETTLE)."""
    try:
        return {int(word) for word in (path / APPLIED_FILE).read_text().split()}
    except (FileNotFoundError, ValueError):
        return set()


def applied_up_to(path) -> int:
    """The outbox id up to which every row is applied to the index in ``path``: the
    recorded position, and past it the run of younger rows applied already."""
    position = storage.read_position(path)
    applied = _read_applied(path)
    if not applied:
        return position
    with Session(db.engine) as session:
        younger = session.scalars(
            select(SearchOutbox.id)
            .where(SearchOutbox.id > position)
            .order_by(SearchOutbox.id)
            .limit(len(applied) + 1)
        )
        for row_id in younger:
            if row_id not in applied:
                break
            position = row_id
    return position


def _write_applied(path, ids: set[int]) -> None:
    temporary = path / f".{APPLIED_FILE}.{os.getpid()}"
    temporary.write_text(" ".join(str(row_id) for row_id in sorted(ids)))
    os.replace(temporary, path / APPLIED_FILE)


# Rows are read this many at a time, with what their documents need (see _load_options).
CHUNK = 2000
_NOT_LOADABLE = ("dynamic", "write_only", "noload", "raise", "raise_on_sql")


def _load_options(model, related) -> list:
    """Loader options for what documents of ``model`` read: the row's many-to-one relations,
    its collections of the ``related`` models, with their own many-to-one relations (a
    member's skills and each skill with its labels), and its many-to-many relations
    through a related model's table (an article's topics)."""
    options = []
    tables = {getattr(other, "__table__", None) for other in related}
    for relation in sa_inspect(model).relationships:
        attribute = getattr(model, relation.key)
        target = relation.mapper.class_
        if relation.lazy in _NOT_LOADABLE:
            continue
        if relation.direction is MANYTOONE:
            options.append(selectinload(attribute))
        elif target in related:
            nested = [
                selectinload(getattr(target, inner.key))
                for inner in relation.mapper.relationships
                if inner.direction is MANYTOONE
                and inner.mapper.class_ is not model
                and inner.lazy not in _NOT_LOADABLE
            ]
            options.append(selectinload(attribute).options(*nested))
        elif relation.secondary is not None and relation.secondary in tables:
            options.append(selectinload(attribute))
    return options


def load_rows(session: Session, kind, ids) -> list:
    """The rows of ``kind`` with these ids, with the relations ``kind.checks_read``, in one
    query (search pages check their hits with ``kind.indexed`` and ``kind.visible``)."""
    model = kind.model
    options = [joinedload(getattr(model, name)) for name in kind.checks_read]
    return list(session.scalars(select(model).where(model.id.in_(list(ids))).options(*options)))


def all_documents(
    session: Session, model, kinds, share: tuple[int, int] = (0, 1)
) -> Iterator[tuple[int, list[dict]]]:
    """(row id, its documents) for every row of ``model``, a chunk of rows at a time: one
    document for each of ``kinds`` (those whose model it is) that indexes the row.

    Kinds that share a model read its rows once: guides are articles of another kind.
    ``share`` (k, n) reads only the rows whose id is k modulo n, for one of n processes.
    """
    options = _load_options(model, {m for kind in kinds for m in kind.related})
    which, shares = share
    query = select(model).order_by(model.id).limit(CHUNK).options(*options)
    if shares > 1:
        query = query.where(model.id % shares == which)
    last = 0
    while True:
        rows = session.scalars(query.where(model.id > last)).all()
        if not rows:
            return
        for row in rows:
            documents = []
            for kind in kinds:
                fields = document_fields(kind, row)
                if fields is not None:
                    documents.append(finish(kind.name, row.id, fields))
            yield row.id, documents
        last = rows[-1].id
        session.expunge_all()  # memory stays bounded however many rows there are


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
        for model, kinds in kinds_by_model().items():
            for _row_id, documents in all_documents(session, model, kinds):
                for document in documents:
                    expected[document["key"]] = document["hash"]
    indexed: dict[str, str] = {}
    # A key held by two live documents is a stale one beside the true one: searches find
    # both the new and the removed words. A dict by key alone would hide it.
    copies: Counter[str] = Counter()
    with storage.open_live().searcher() as searcher:
        for fields in searcher.all_stored_fields():
            indexed[fields["key"]] = fields.get("hash", "")
            copies[fields["key"]] += 1
    problems = [
        f"{count} documents in the index for one key: {key}"
        for key, count in sorted(copies.items())
        if count > 1
    ]
    for key in sorted(expected.keys() - indexed.keys()):
        problems.append(f"missing from the index: {key}")
    for key in sorted(indexed.keys() - expected.keys()):
        problems.append(f"in the index but not in the database: {key}")
    for key in sorted(expected.keys() & indexed.keys()):
        if expected[key] != indexed[key]:
            problems.append(f"out of date in the index: {key}")
    return problems
