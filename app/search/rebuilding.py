"""A full rebuild: every document written anew beside the live index, then swapped in.

The rows are shared out by id among a few forked processes. Each reads its share from
the database, builds the documents and writes them as segments with
``bulk.SegmentBuilder``; the new index is those segments.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import shutil
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.extensions import db
from app.search.documents import kinds_by_model
from app.search.engine import bulk, storage
from app.search.indexer import SETTLE, all_documents, apply_outbox
from app.search.outbox import SearchOutbox

# From this many rows on, a rebuild reads and indexes in two processes; below it one is
# as fast and forks nothing.
PARALLEL_FROM = 5000
# A rebuild process writes a segment of at most this many documents, then starts another:
# a segment being built is held in memory, about 10 KB a document (the bench's 25,500
# documents made a process 357 MB at its peak).
SEGMENT_DOCUMENTS = 30_000
# How often (in rows) a rebuild reports its progress.
PROGRESS_EVERY = 200
# New objects between two runs of Python's cycle collector, during a rebuild.
_COLLECT_EVERY = 50_000
# How long the parent waits for a word from the processes before it checks they live.
_POLL_S = 1.0


def rebuild(progress=None, processes: int | None = None) -> int:
    """Build a complete index beside the live one, swap it in, then catch up with the
    outbox; returns the number of rows read. ``progress(done, total)`` is told about rows.
    """
    with storage.building() as path:
        with Session(db.engine) as session:
            # The new index reflects every settled row; younger ones are applied after the swap.
            start = session.scalar(
                select(func.max(SearchOutbox.id)).where(SearchOutbox.created_at < utcnow() - SETTLE)
            )
            total = sum(
                session.scalar(select(func.count()).select_from(model)) or 0
                for model in kinds_by_model()
            )
        if processes is None:
            several = total >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
            processes = 2 if several else 1
        index = storage.create_in(path)
        done = 0

        def rows_read(count: int) -> None:
            nonlocal done
            done += count
            if progress:
                progress(done, total)

        if processes == 1:
            segments = build_share(index, (0, 1), rows_read)
        else:
            segments = _build_in_processes(index, processes, rows_read)
        bulk.add_segments(index, segments)
        # The builders' scratch directory (Whoosh's writer removes its own the same way).
        shutil.rmtree(path / f"{index.indexname}.tmp", ignore_errors=True)
        storage.write_position(path, start or 0)
        storage.swap_in_built(path)
    apply_outbox(wait=True)
    return done


def build_share(index, share: tuple[int, int], rows_read) -> list:
    """Write the documents of one share of the rows (see ``all_documents``) as segments of
    ``index``, a new one every SEGMENT_DOCUMENTS; ``rows_read(count)`` hears of the rows
    as they are read."""
    with _fewer_collections():
        segments = []
        builder = bulk.SegmentBuilder(index)
        unreported = 0
        try:
            with Session(db.engine) as session:
                for model, kinds in kinds_by_model().items():
                    for _row_id, documents in all_documents(session, model, kinds, share):
                        for document in documents:
                            if builder.docnum == SEGMENT_DOCUMENTS:
                                segments.append(builder.finish())
                                builder = bulk.SegmentBuilder(index)
                            builder.add_document(**document)
                        unreported += 1
                        if unreported == PROGRESS_EVERY:
                            rows_read(unreported)
                            unreported = 0
        except BaseException:
            builder.close()
            raise
        if unreported:
            rows_read(unreported)
        if builder.docnum:
            segments.append(builder.finish())
        else:
            builder.close()
        return segments


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run Python's cycle collector less often.

    A rebuild makes millions of objects: rows, documents, postings. The collector, run
    after every 700 new objects, went through those still alive each time; that was a
    third of a rebuild's time. Cycles are still collected, every 50,000 new objects.
    """
    before = gc.get_threshold()
    gc.set_threshold(_COLLECT_EVERY, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build_in_processes(index, processes: int, rows_read) -> list:
    """``build_share`` in ``processes`` forked processes, one share each."""
    context = multiprocessing.get_context("fork")
    messages = context.Queue()
    app = current_app._get_current_object()
    workers = [
        context.Process(
            target=_build_share_in_child,
            args=(app, index, (which, processes), messages),
            name=f"gilde-rebuild-{which}",
            daemon=True,
        )
        for which in range(processes)
    ]
    for worker in workers:
        worker.start()
    segments: list = []
    finished = 0
    try:
        while finished < processes:
            try:
                message = messages.get(timeout=_POLL_S)
            except queue.Empty:
                for worker in workers:
                    if worker.exitcode not in (None, 0):
                        message = f"{worker.name} ended with code {worker.exitcode}"
                        raise RuntimeError(message) from None
                continue
            kind, payload = message
            if kind == "rows":
                rows_read(payload)
            elif kind == "segments":
                segments.extend(payload)
                finished += 1
            else:
                raise RuntimeError(f"a rebuild process failed:\n{payload}")
    finally:
        for worker in workers:
            if worker.is_alive() and finished < processes:
                worker.kill()
            worker.join()
        messages.close()
    return segments


def _build_share_in_child(app, index, share, messages) -> None:
    try:
        with app.app_context():
            # A forked process must not use the connections it inherited from its parent.
            db.engine.dispose(close=False)
            segments = build_share(index, share, lambda count: messages.put(("rows", count)))
        messages.put(("segments", segments))
    except BaseException:
        messages.put(("failed", traceback.format_exc()))
        raise
    finally:
        messages.close()
        messages.join_thread()
