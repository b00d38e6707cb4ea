"""Where the index lives: SEARCH_INDEX_DIR/current points to the live index directory.

A rebuild writes a new directory beside it and swaps the link atomically; the last
applied outbox id is kept in each index directory.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError, LockError  # noqa: F401 - the writers catch it
from whoosh.reading import SegmentReader

from app.search.engine.schema import build_schema

CURRENT = "current"
BUILD_LOCK = ".build.lock"
# How often ``in_live_dir`` tries again when another commit replaced the table of contents.
TOC_RACES = 5
POSITION_FILE = "outbox_position"
# What reading or writing an index directory raises once a rebuild has swapped it out
# and removed it: the caller resolves ``current`` again and goes on in the new one.
SWAPPED_OUT = (FileNotFoundError, EmptyIndexError)


def root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def live_dir() -> Path:
    """The live index directory, created empty on first use."""
    link = root() / CURRENT
    if not link.exists():
        # A rebuild under way on an empty directory makes the first index: wait for it.
        with building() as fresh:
            if not link.exists():
                whoosh_index.create_in(str(fresh), build_schema())
                swap_in_built(fresh)
    return link.resolve()


def new_dir(prefix: str = "index") -> Path:
    """A fresh directory for an index, beside the live one."""
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    path = base / f"{prefix}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir()
    return path


@contextmanager
def building() -> Iterator[Path]:
    """A new directory to build a whole index in, one build at a time across processes
    (a second waits for the first); ``swap_in_built`` makes it the live one.

    Swaps and erasures remove index directories other than the live one: the one being
    built is named apart so that neither removes it. What a build that crashed left is
    removed here.
    """
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    with open(base / BUILD_LOCK, "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        for left in base.glob("building-*"):
            shutil.rmtree(left, ignore_errors=True)
        path = new_dir("building")
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)  # gone already once swapped in


def swap_in_built(path: Path) -> Path:
    """Make the index built in ``path`` (see ``building``) the live one; its new path."""
    final = path.with_name("index-" + path.name.removeprefix("building-"))
    os.rename(path, final)
    swap_in(final)
    return final


def swap_in(path: Path) -> None:
    """Point ``current`` at ``path`` in one atomic rename, then drop older directories.

    The directory it replaces stays until the next swap: a process that resolved
    ``current`` just before can still open it, and what it writes there was committed
    before the swap, so the rebuild's catch-up applies it to the new one as well.
    """
    base = root()
    link = base / CURRENT
    previous = link.resolve() if link.exists() else None
    temporary = base / f".{CURRENT}-{os.getpid()}-{time.monotonic_ns()}"
    temporary.symlink_to(path.name)
    os.replace(temporary, link)
    _remove_directories_but(path, previous)


def drop_previous() -> None:
    """Remove every index directory but the live one (for an erasure to be complete)."""
    _remove_directories_but(live_dir())


def _remove_directories_but(*kept: Path | None) -> None:
    for other in root().glob("index-*"):
        if other not in kept and other.is_dir():
            # Open searchers keep their files on Linux; the directory entry can go.
            shutil.rmtree(other, ignore_errors=True)


def in_live_dir(work):
    """``work(path)`` on the live index directory; on the new one if a rebuild swapped it
    in and removed the old one meanwhile (the work then fails with ``SWAPPED_OUT``).

    In a directory still live, the same failure means that another process's commit
    replaced the table of contents between listing and opening it: the work is tried
    again, a few times.
    """
    path = live_dir()
    races = 0
    while True:
        try:
            return work(path)
        except SWAPPED_OUT:
            now = live_dir()
            if now == path:
                races += 1
                if races > TOC_RACES:
                    raise
            path = now


def open_live_dir():
    """The live index directory and the Whoosh index in it (see ``in_live_dir``)."""
    return in_live_dir(lambda path: (path, whoosh_index.open_dir(str(path))))


def open_live():
    """The live Whoosh index."""
    return open_live_dir()[1]


def schema_is_current() -> bool:
    """Does the live index have exactly the fields this version writes?"""
    return set(open_live().schema.names()) == set(build_schema().names())


def read_position(path: Path) -> int:
    try:
        return int((path / POSITION_FILE).read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def write_position(path: Path, position: int) -> None:
    """Record the last applied outbox id, atomically."""
    temporary = path / f".{POSITION_FILE}.{os.getpid()}"
    temporary.write_text(str(position))
    os.replace(temporary, path / POSITION_FILE)


def open_dir(path: Path):
    """The index in ``path``."""
    return whoosh_index.open_dir(str(path))


def create_in(path: Path):
    """A new, empty index with the current schema in ``path``."""
    return whoosh_index.create_in(str(path), build_schema())


def _merge_segments_with_deletions(writer, segments):
    """A Whoosh merge policy: rewrite every segment that has deleted documents.

    Rewriting copies only the live documents, so the deleted ones' stored fields and
    terms leave the files. Segments without deletions are left as they are.
    """
    kept = []
    for segment in segments:
        if segment.has_deletions():
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    return kept


def purge_deleted(timeout: float) -> None:
    """Rewrite the live index's segments that still hold deleted documents.

    Waits up to ``timeout`` seconds for the writer lock (``LockError`` after that).
    """
    writer = open_live().writer(timeout=timeout)
    try:
        writer.commit(mergetype=_merge_segments_with_deletions)
    except BaseException:
        writer.cancel()
        raise
