"""One searcher per thread, opened lazily and refreshed when the index changed."""

from __future__ import annotations

import threading

from app.search.engine import storage

_local = threading.local()


def get_searcher():
    """A searcher on the live index, up to date with its last commit."""
    searcher = getattr(_local, "searcher", None)
    if searcher is not None and _local.path == storage.live_dir():
        try:
            if not searcher.up_to_date():
                searcher = searcher.refresh()
            _local.searcher = searcher
            return searcher
        except storage.SWAPPED_OUT:
            pass  # a rebuild removed the directory since live_dir() was read
    # First use, or a rebuild swapped another directory in.
    if searcher is not None:
        _close(searcher)
    _local.path, index = storage.open_live_dir()
    _local.searcher = index.searcher()
    return _local.searcher


def _close(searcher) -> None:
    """Close what is still open: a ``refresh()`` that failed has closed part of it."""
    for reader, _base in searcher.reader().leaf_readers():
        # An empty index's reader (Whoosh's EmptyReader) has no ``is_closed``, nothing to close.
        if not getattr(reader, "is_closed", True):
            reader.close()
