"""The values of a field in each document, read once per index segment and kept as arrays.

Whoosh computes facet counts by reading every posting of the field again on each
search (its categorizers keep nothing between searches): at 50,000 documents that was
most of a query's time. A segment never changes once written (deleting a document
only marks it), so what its documents hold can be read once and kept for as long as
the segment is live. After a commit only the new (small) segment is read.

A field's values are kept as pairs (docnum, value): ``Column.docs`` and ``Column.codes``
(an index into ``Column.table``), over the docnums of a searcher, in docnum order.
Filters, facet counts, coordinates and dates are array operations on them. A deletion
only marks a document in its segment, so the kept values still hold deleted documents:
``live`` tells them apart.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from app.search.engine.scoring import leaves, read_postings, segment_id

_EPOCH = datetime(1970, 1, 1)
_lock = threading.Lock()


@dataclass(frozen=True)
class Column:
    """A field's (docnum, value) pairs: ``table[codes[i]]`` is a value of ``docs[i]``;
    ``docs`` is sorted."""

    table: list
    docs: np.ndarray
    codes: np.ndarray
    size: int  # the searcher's docnums run from 0 to size - 1


# segment id -> field -> the segment's column (segment-relative docnums)
_by_segment: dict[str, dict[str, Column]] = {}
# field -> (segment ids of the searcher, its column)
_by_searcher: dict[str, tuple[tuple[str, ...], Column]] = {}
# (segment ids of the searcher, what for) -> a value computed from that searcher
_memo: dict[tuple, object] = {}


def _state(segment_searcher) -> tuple[str, int]:
    """A segment and how many of its documents are deleted (deletions only ever grow)."""
    reader = segment_searcher.reader()
    segment = reader.segment()
    return segment_id(reader), 0 if segment is None else segment.deleted_count()


def _read_segment(reader, fieldname: str) -> Column:
    """The field's values, from its postings (as Whoosh's own categorizers read them)."""
    table, docs, codes = [], [], []
    if fieldname in reader.schema:  # an index written by an older version may lack it
        field = reader.schema[fieldname]
        for btext in field.sortable_terms(reader, fieldname):
            found, _weights = read_postings(reader, fieldname, btext)  # deleted too: ``live``
            if len(found):
                codes.append(np.full(len(found), len(table), dtype=np.int32))
                docs.append(found)
                table.append(field.from_bytes(btext))
    docs = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32)
    codes = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32)
    order = np.argsort(docs, kind="stable")
    return Column(table=table, docs=docs[order], codes=codes[order], size=reader.doc_count_all())


def column(searcher, fieldname: str) -> Column:
    """The field's values in the documents of ``searcher`` (by its docnums)."""
    segments = leaves(searcher)
    segment_ids = tuple(leaf_id for _reader, _offset, leaf_id in segments)
    cached = _by_searcher.get(fieldname)
    if cached is not None and cached[0] == segment_ids:
        return cached[1]
    parts = []
    for reader, offset, leaf_id in segments:
        part = _by_segment.get(leaf_id, {}).get(fieldname)
        if part is None:
            part = _read_segment(reader, fieldname)
            with _lock:
                _by_segment.setdefault(leaf_id, {})[fieldname] = part
        parts.append((offset, part))
    combined = _combine(parts, searcher.doc_count_all())
    with _lock:
        _by_searcher[fieldname] = (segment_ids, combined)
        # Forget segments that merges or a rebuild have replaced.
        live = set(segment_ids)
        for gone in [s for s in _by_segment if s not in live]:
            del _by_segment[gone]
    return combined


def _combine(parts: list[tuple[int, Column]], size: int) -> Column:
    """One column from the segments' own (in docnum order, so still sorted): docnums
    shifted, codes into one table."""
    positions: dict = {}
    docs, codes = [], []
    for offset, part in parts:
        recode = np.array(
            [positions.setdefault(value, len(positions)) for value in part.table], dtype=np.int32
        )
        docs.append(part.docs + offset)
        codes.append(recode[part.codes] if len(part.table) else part.codes)
    return Column(
        table=list(positions),
        docs=np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32),
        codes=np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32),
        size=size,
    )


def docs_with(searcher, fieldname: str, value) -> np.ndarray:
    """The docnums whose field holds ``value`` (as a ``Term`` on it finds them)."""
    found = column(searcher, fieldname)
    try:
        code = found.table.index(value)
    except ValueError:
        return np.zeros(0, dtype=np.int32)
    return found.docs[found.codes == code]


def numbers(searcher, fieldname: str) -> np.ndarray:
    """Each document's value of a single-valued numeric or date field; NaN if it has none.

    Dates are given as seconds since 1970 (the index keeps them without a time zone).
    """

    def compute() -> np.ndarray:
        found = column(searcher, fieldname)
        table = np.array([as_number(value) for value in found.table], dtype=np.float64)
        out = np.full(found.size, np.nan)
        if len(found.docs):
            out[found.docs] = table[found.codes]
        return out

    return memo(searcher, ("numbers", fieldname), compute)


def as_number(value) -> float:
    """A value as ``numbers`` gives it (a date as seconds since 1970)."""
    return (value - _EPOCH).total_seconds() if isinstance(value, datetime) else float(value)


def counts(searcher, fieldname: str, found: np.ndarray) -> dict:
    """How many of the documents ``found`` (sorted docnums) hold each value."""
    values = column(searcher, fieldname)
    if not len(values.docs) or not len(found):
        return {}
    if len(found) * 40 < len(values.docs):
        # Few found: each one's pairs, a run of the sorted docs, found by bisection (with
        # more, marking them and gathering every pair is quicker).
        starts = np.searchsorted(values.docs, found, side="left")
        lengths = np.searchsorted(values.docs, found, side="right") - starts
        # Position k of the result is pair starts[i] + (k - pairs of the runs before i).
        before = np.cumsum(lengths) - lengths
        codes = values.codes[np.repeat(starts - before, lengths) + np.arange(lengths.sum())]
    else:
        marked = np.zeros(values.size, dtype=bool)
        marked[found] = True
        codes = values.codes[marked[values.docs]]
    number = np.bincount(codes, minlength=len(values.table))
    return {values.table[code]: int(number[code]) for code in np.flatnonzero(number)}


def live(searcher) -> np.ndarray:
    """Booleans by docnum: False for the deleted documents."""

    def compute() -> np.ndarray:
        out = np.ones(searcher.doc_count_all(), dtype=bool)
        for reader, offset, _leaf_id in leaves(searcher):
            segment = reader.segment()
            if segment is not None and segment.deleted_count():
                out[np.fromiter(segment.deleted_docs(), dtype=np.int32) + offset] = False
        return out

    return memo(searcher, ("live",), compute)


def memo(searcher, what: tuple, compute):
    """``compute()``, kept until the searcher's segments or their deletions change (``what``
    names it)."""
    segment_ids = tuple(_state(leaf) for leaf, _offset in searcher.leaf_searchers())
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
