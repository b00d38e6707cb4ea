"""Queries the app layer composes without naming Whoosh: terms, all-of and any-of."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from whoosh import query

from app.search.engine import scoring

#: What the builders return; only the engine looks inside.
Query = query.Query


def term(field: str, value: str) -> Query:
    """Documents whose ``field`` holds ``value`` (an indexed term, as the schema stores it)."""
    return query.Term(field, value)


def any_term(field: str, values: Iterable[str]) -> Query:
    """Documents whose ``field`` holds one of ``values``."""
    return query.Or([query.Term(field, value) for value in values])


def all_of(parts: Iterable[Query]) -> Query:
    """Documents every part matches."""
    return query.And(list(parts))


def any_of(parts: Iterable[Query]) -> Query:
    """Documents some part matches."""
    return query.Or(list(parts))


def documents(searcher, q: Query, allowed, excluded: Query | None = None) -> Iterator[dict]:
    """The stored fields of the documents ``q`` matches among those ``allowed`` (booleans by
    docnum, the search's own filter), in docnum order, leaving out those ``excluded`` matches.

    Evaluated as every search is (app/search/engine/scoring.py), not by Whoosh's matchers.
    """
    matched = _evaluated(searcher, q)[0] & allowed
    if excluded is not None:
        matched &= ~_evaluated(searcher, excluded)[0]
    for docnum in np.flatnonzero(matched).tolist():
        yield searcher.stored_fields(docnum)


def _evaluated(searcher, q: Query):
    result = scoring.evaluate(searcher, q)
    if result is None:
        raise ValueError(f"not a query of terms: {q!r}")
    return result


def ranked(searcher, q: Query, allowed, limit: int) -> list[int]:
    """The docnums of the ``limit`` best-scored documents ``q`` matches among those
    ``allowed``: best first, equal scores in docnum order (as Whoosh orders them)."""
    matched, scores = _evaluated(searcher, q)
    docnums = np.flatnonzero(matched & allowed)
    order = np.lexsort((docnums, -scores[docnums]))
    return docnums[order][:limit].tolist()


def matches(searcher, q: Query):
    """Booleans by docnum: the documents ``q`` matches."""
    return _evaluated(searcher, q)[0]
