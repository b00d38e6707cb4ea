"""The search engine: everything that knows Whoosh's file format or internals.

The app layer (app/search/query.py, indexer.py, rebuilding.py, related.py, the views and
commands, and the features) uses the engine only through these names:

Set-up
    ``setup()``: installs the fixes to Whoosh 2.7.4 (``whoosh_fixes``), idempotently;
    ``init_search`` calls it from ``create_app``.
Open and refresh
    ``storage.open_live()`` opens the live index, ``storage.live_dir()`` creates it when
    absent; ``searcher()`` is this thread's searcher, refreshed when the index changed.
Index and delete documents
    ``storage.open_dir(path).writer()`` (add, update, delete by key), ``storage.LockError``
    when another process holds the writer; ``purge_deleted()`` rewrites the segments that
    still hold deleted documents (account erasure).
Rebuild
    ``storage.building()`` / ``storage.create_in(path)`` / ``storage.swap_in_built(path)``
    and ``bulk`` (writes whole segments in the codec's format, fast).
Search
    ``matching`` composes queries (terms, all-of, any-of); ``scoring`` evaluates them over
    postings in numpy (BM25F), ``fieldcache`` holds the facet, filter and sort columns.
Analysis
    ``analysis.stemmer(lang)``, ``analysis.ACCENT_MAP``; ``schema.build_schema()`` and its
    analyzers (what is indexed how). App-level constants live in app/search/schema.py.
"""

from __future__ import annotations

from app.search.engine import storage, whoosh_fixes
from app.search.engine.searcher import get_searcher as searcher


def setup() -> None:
    """Install the engine's fixes to Whoosh; calling it again changes nothing."""
    whoosh_fixes.install()


def purge_deleted(timeout: float) -> None:
    """Rewrite the live index's segments that hold deleted documents, so that they leave it."""
    storage.purge_deleted(timeout)


__all__ = ["purge_deleted", "searcher", "setup", "storage"]
