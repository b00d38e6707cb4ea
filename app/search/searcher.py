"""One searcher per thread, opened lazily and refreshed when the index changed."""

from __future__ import annotations

import threading

from app.search import storage

_local = threading.local()


def get_searcher():
    """A searcher on the live index, up to date with its last commit."""
    path = storage.live_dir()
    searcher = getattr(_local, "searcher", None)
    if searcher is None or _local.path != path:
        # First use, or a rebuild swapped another directory in.
        if searcher is not None:
            searcher.close()
        searcher = storage.open_live().searcher()
        _local.path = path
    elif not searcher.up_to_date():
        searcher = searcher.refresh()
    _local.searcher = searcher
    return searcher
