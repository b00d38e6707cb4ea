"""The values of a field in each document, read once per index segment and kept.

Whoosh computes facet counts by reading every posting of the field again on each
search (its categorizers keep nothing between searches): at 50,000 documents that was
most of a query's time. A segment never changes once written (deleting a document
only marks it), so what its documents hold can be read once and kept for as long as
the segment is live. After a commit only the new (small) segment is read.

``values(searcher, field)[docnum]`` is the tuple of the field's values in the document
``docnum`` of the searcher (empty when it has none): facet counts and the coordinates
of ``near`` searches are taken from it.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from itertools import chain

_NONE: tuple = ()
_lock = threading.Lock()
# segment id -> field -> values per segment-relative docnum
_by_segment: dict[str, dict[str, list[tuple]]] = {}
# field -> (segment ids of the searcher, values per docnum of that searcher)
_by_searcher: dict[str, tuple[tuple[str, ...], list[tuple]]] = {}
# field -> (the values of ``_by_searcher`` it was made from, (value, docnum) in order)
_ordered: dict[str, tuple[list[tuple], list[tuple]]] = {}
# field -> (the values it was made from, value -> the docnums that hold it)
_inverted: dict[str, tuple[list[tuple], dict]] = {}
# (segment ids of the searcher, what for) -> a value computed from that searcher
_memo: dict[tuple, object] = {}


def _segment_id(segment_searcher) -> str:
    segment = segment_searcher.reader().segment()
    return "" if segment is None else segment.segment_id()  # None: an empty index


def _read_segment(segment_searcher, fieldname: str) -> list[tuple]:
    """Each document's values, from the field's postings (as Whoosh's own categorizers)."""
    reader = segment_searcher.reader()
    lists: list[list] = [[] for _ in range(reader.doc_count_all())]
    if fieldname in reader.schema:  # an index written by an older version may lack it
        field = reader.schema[fieldname]
        for btext in field.sortable_terms(reader, fieldname):
            value = field.from_bytes(btext)
            for docnum in reader.postings(fieldname, btext).all_ids():
                lists[docnum].append(value)
    # Documents share few combinations of values (languages, modes): one tuple for each.
    shared: dict[tuple, tuple] = {}
    return [shared.setdefault(tuple(found), tuple(found)) if found else _NONE for found in lists]


def values(searcher, fieldname: str) -> list[tuple]:
    """The field's values in each document of ``searcher`` (by its docnums)."""
    leaves = list(searcher.leaf_searchers())
    segment_ids = tuple(_segment_id(leaf) for leaf, _offset in leaves)
    cached = _by_searcher.get(fieldname)
    if cached is not None and cached[0] == segment_ids:
        return cached[1]
    combined: list[tuple] = []
    for (leaf, _offset), segment_id in zip(leaves, segment_ids, strict=True):
        per_field = _by_segment.get(segment_id, {})
        segment_values = per_field.get(fieldname)
        if segment_values is None:
            segment_values = _read_segment(leaf, fieldname)
        with _lock:
            _by_segment.setdefault(segment_id, {})[fieldname] = segment_values
        combined.extend(segment_values)
    with _lock:
        _by_searcher[fieldname] = (segment_ids, combined)
        # Forget segments that merges or a rebuild have replaced.
        live = set(segment_ids)
        for segment_id in [s for s in _by_segment if s not in live]:
            del _by_segment[segment_id]
    return combined


def ordered(searcher, fieldname: str) -> list[tuple]:
    """(value, docnum) of every document with a value, in order (for ranges: bisect)."""
    per_document = values(searcher, fieldname)
    cached = _ordered.get(fieldname)
    if cached is not None and cached[0] is per_document:
        return cached[1]
    pairs = sorted((value, docnum) for docnum, found in enumerate(per_document) for value in found)
    _ordered[fieldname] = (per_document, pairs)
    return pairs


def docs_with(searcher, fieldname: str, value) -> frozenset[int]:
    """The documents whose field holds ``value`` (as a ``Term`` on it finds them)."""
    per_document = values(searcher, fieldname)
    cached = _inverted.get(fieldname)
    if cached is None or cached[0] is not per_document:
        lists: dict = {}
        for docnum, found in enumerate(per_document):
            for each in found:
                lists.setdefault(each, []).append(docnum)
        cached = (per_document, {each: frozenset(docnums) for each, docnums in lists.items()})
        _inverted[fieldname] = cached
    return cached[1].get(value, frozenset())


def memo(searcher, what: tuple, compute):
    """``compute()``, kept until the searcher's segments change (``what`` names it)."""
    segment_ids = tuple(_segment_id(leaf) for leaf, _offset in searcher.leaf_searchers())
    key = (segment_ids, what)
    try:
        return _memo[key]
    except KeyError:
        pass
    result = compute()
    with _lock:
        for old in [k for k in _memo if k[0] != segment_ids]:
            del _memo[old]
        _memo[key] = result
    return result


def counts(searcher, fieldname: str, docnums: Iterable[int]) -> Counter:
    """How many of ``docnums`` hold each value of the field."""
    per_document = values(searcher, fieldname)
    return Counter(chain.from_iterable(map(per_document.__getitem__, docnums)))
