"""Which documents a query matches and their scores, over whole posting lists at once.

Whoosh matches a query one document at a time: each step of an ``And`` of ``Or``s over
six fields is several Python calls, and scoring every match of a two-word query took
60 ms at 50,000 documents. Here each term's postings are read once (a segment never
changes once written) and kept as arrays; a query is then a few array operations over
every document of the index. The scores are Whoosh's own (BM25F, with its idf and
average field lengths over the whole index), so the order of results is unchanged.

``evaluate`` handles what the search box produces: terms, ``And``, ``Or``, ``Not``,
``AndNot``, ``AndMaybe``, fuzzy and prefix terms, ``Every``. For anything else (a quoted
phrase needs positions) it returns None and the caller asks Whoosh.
"""

from __future__ import annotations

import io
import pickle
import threading
import zlib

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.query.qcore import _NullQuery
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import _length_byte_cache

from app.search.engine.lru import LRU

#: Postings kept, all terms together (8 bytes each): the most recently used terms stay.
MAX_POSTINGS = 1_500_000
# Whoosh's lengths are rounded into a byte; it reads a length of 0 as 1 when scoring.
_LENGTHS = np.array(_length_byte_cache, dtype=np.float32)
_LENGTHS[0] = 1.0
_EMPTY = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))

_lock = threading.Lock()
# (segment id, field, term) -> (docnums, weights) in that segment
_postings = LRU(MAX_POSTINGS, size=lambda found: len(found[0]))
# (segment id, field) -> the field's length in each document of the segment
_lengths: dict[tuple[str, str], np.ndarray] = {}
# The segments of the last search: what is kept for others is dropped when they change.
_live: frozenset[str] = frozenset()


class Unsupported(Exception):
    """A query this module does not evaluate."""


def evaluate(searcher, q, known: dict | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """(matched, scores) of ``q`` over every docnum of ``searcher``, or None if it cannot.

    ``matched`` is a boolean array; ``scores`` is 0 where nothing matched. Deleted
    documents are not left out here: the caller's filter does that. ``known`` holds
    queries evaluated before on this searcher, with their (matched, scores): a part of
    ``q`` found there is not evaluated again, and ``q``'s own result is added to it.
    """
    weighting = searcher.weighting
    if type(weighting) is not BM25F or weighting._field_B:
        return None
    try:
        matched, scores = _Evaluation(searcher, weighting, known or {}).run(q)
    except Unsupported:
        return None
    if known is not None:
        known[q] = (matched.copy(), scores.copy())
    return matched, scores


class _Evaluation:
    def __init__(self, searcher, weighting: BM25F, known: dict) -> None:
        self.searcher = searcher
        self.known = known
        self.k1 = weighting.K1
        self.b = weighting.B
        self.size = searcher.doc_count_all()
        self.leaves = leaves(searcher)
        _forget_other_segments(frozenset(leaf_id for _r, _o, leaf_id in self.leaves))

    def empty(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64)

    def run(self, q) -> tuple[np.ndarray, np.ndarray]:
        # A compound query's hash walks its whole subtree: only asked when there is a hit.
        if self.known and q in self.known:
            matched, scores = self.known[q]
            return matched.copy(), scores.copy()  # the caller adds to them in place
        kind = type(q)
        if kind is query.Term:
            matched, scores = self.empty()
            self._add_term(matched, scores, q.fieldname, q.text, q.boost, self.leaves)
            return matched, scores
        if isinstance(q, query.MultiTerm) and not isinstance(q, query.Variations):
            return self._multi_term(q)
        if kind is query.And:
            return self._combine(q.subqueries, np.logical_and)
        if kind is query.Or and not q.scale:
            return self._combine(q.subqueries, np.logical_or)
        if kind is query.Not:
            matched, _scores = self.run(q.query)
            return ~matched, np.where(matched, 0.0, q.boost)
        if kind is query.AndNot:
            matched, scores = self.run(q.a)
            excluded, _scores = self.run(q.b)
            matched &= ~excluded
            return matched, np.where(matched, scores, 0.0)
        if kind is query.AndMaybe:
            matched, scores = self.run(q.a)
            _maybe, more = self.run(q.b)
            return matched, np.where(matched, scores + more, 0.0)
        if kind is query.Every and not q.fieldname:
            return np.ones(self.size, dtype=bool), np.full(self.size, q.boost)
        if isinstance(q, _NullQuery):
            return self.empty()
        raise Unsupported(kind.__name__)

    def _combine(self, subqueries, join) -> tuple[np.ndarray, np.ndarray]:
        # As Whoosh's intersection and union matchers: the scores of the parts are added.
        if not subqueries:
            return self.empty()
        if join is np.logical_or:
            matched, scores = self.empty()
        else:
            matched, scores = self.run(subqueries[0])
            subqueries = subqueries[1:]
        for sub in subqueries:
            if join is np.logical_or and type(sub) is query.Term:
                # Added where it is found, in the same order: no array of its own to add.
                self._add_term(matched, scores, sub.fieldname, sub.text, sub.boost, self.leaves)
                continue
            sub_matched, sub_scores = self.run(sub)
            join(matched, sub_matched, out=matched)
            scores += sub_scores
        if join is np.logical_and:
            scores[~matched] = 0.0
        return matched, scores

    def _multi_term(self, q) -> tuple[np.ndarray, np.ndarray]:
        # Whoosh expands the words of a fuzzy or prefix term in each segment by itself and
        # scores them as an Or of plain terms (whatever its ``constantscore`` says).
        matched, scores = self.empty()
        if q.fieldname not in self.searcher.schema:
            return matched, scores
        for leaf in self.leaves:
            for btext in set(q._btexts(leaf[0])):
                if btext:
                    self._add_term(matched, scores, q.fieldname, btext, 1.0, [leaf])
        return matched, scores

    def _add_term(self, matched, scores, fieldname, text, boost, leaves) -> None:
        schema = self.searcher.schema
        if fieldname not in schema:
            return
        field = schema[fieldname]
        try:
            btext = text if isinstance(text, bytes) else field.to_bytes(text)
        except ValueError:
            return
        found = [
            (reader, offset, segment_id, *_segment_postings(reader, segment_id, fieldname, btext))
            for reader, offset, segment_id in leaves
        ]
        found = [each for each in found if len(each[3])]
        if not found:
            return  # as Whoosh, which asks for no statistics of a term the index lacks
        scorable = field.scorable
        if scorable:
            idf = self.searcher.idf(fieldname, btext)
            average = self.searcher.avg_field_length(fieldname) or 1
        for reader, offset, segment_id, docnums, kept_weights in found:
            weights = kept_weights.astype(np.float64)  # kept small, scored as Whoosh scores
            if scorable:
                lengths = _field_lengths(reader, segment_id, fieldname)[docnums].astype(np.float64)
                k1, b = self.k1, self.b
                norm = k1 * (1 - b + b * lengths / average)
                term_scores = idf * (weights * (k1 + 1)) / (weights + norm)  # Whoosh's bm25()
            else:
                term_scores = weights
            where = docnums + offset
            matched[where] = True
            scores[where] += term_scores * boost


def _segment_postings(reader, segment_id: str, fieldname: str, btext: bytes):
    """The docnums and weights of a term in one segment, read once and kept."""
    return _postings.get(
        (segment_id, fieldname, btext), lambda: read_postings(reader, fieldname, btext)
    )


def holders(searcher, fieldname: str, text: str) -> np.ndarray:
    """The docnums of the documents that hold a term, over all of ``searcher``."""
    btext = searcher.schema[fieldname].to_bytes(text)
    parts = [
        _segment_postings(reader, leaf_id, fieldname, btext)[0] + offset
        for reader, offset, leaf_id in leaves(searcher)
    ]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def leaves(searcher) -> list[tuple]:
    """(reader, first docnum, segment id) of each of ``searcher``'s segments."""
    found = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        found.append((reader, offset, segment_id(reader)))
    return found


def segment_id(reader) -> str:
    """What identifies a segment's reader in the caches kept per segment."""
    segment = reader.segment()
    return "" if segment is None else segment.segment_id()  # None: an empty index


def read_postings(reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """All of a term's postings in one segment, deleted documents too (the caller's filter
    leaves them out)."""
    try:
        terminfo = reader.term_info(fieldname, btext)
    except TermNotFound:
        return _EMPTY
    if terminfo.is_inlined():  # a short list kept inside the term's entry
        docnums, weights, _values = terminfo.inlined_postings()
        weights = [1.0] * len(docnums) if weights is None else weights
        return np.array(docnums, dtype=np.int32), np.array(weights, dtype=np.float32)
    offset, _length = terminfo.extent()
    postfile = reader._terms._postfile
    position = offset + 4  # past the tag that starts a term's postings
    # A block at a time, read straight from the segment's buffer: the block's length, a
    # pickled header, then its (compressed) pickled data, up to 128 postings. Whoosh reads
    # the header through a file object a few bytes at a time, and adds up the docnums,
    # stored as differences, in a Python generator.
    id_blocks, weight_blocks = [], []
    while True:
        length = postfile.get_int(position)
        block = io.BytesIO(postfile.get(position + 4, abs(length)))
        # Our own index, which Whoosh itself reads with pickle.
        header = pickle.load(block)  # noqa: S301 - (count, last id, max weight, compressed, …)
        data = block.read()
        deltas, weights = pickle.loads(zlib.decompress(data) if header[3] else data)[:2]  # noqa: S301
        id_blocks.append(np.cumsum(np.asarray(deltas, dtype=np.int32), dtype=np.int32))
        if weights is None or isinstance(weights, float):
            weights = np.full(len(deltas), 1.0 if weights is None else weights)
        weight_blocks.append(np.asarray(weights, dtype=np.float32))
        if length < 0:  # the last block
            break
        position += 4 + length
    return np.concatenate(id_blocks), np.concatenate(weight_blocks)


def _field_lengths(reader, segment_id: str, fieldname: str) -> np.ndarray:
    """Each document's length in the field (in words, as Whoosh rounds it)."""
    key = (segment_id, fieldname)
    found = _lengths.get(key)
    if found is None:
        count = reader.doc_count_all()
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        codes = np.zeros(count, dtype=np.uint8)
        if column is not None:
            # One byte per document, the last ones left out when they hold the default 0.
            stored = column._dbfile.get(column._basepos, column._count)
            codes[: len(stored)] = np.frombuffer(stored, dtype=np.uint8)
        found = _LENGTHS[codes]
        with _lock:
            _lengths[key] = found
    return found


def _forget_other_segments(live: frozenset[str]) -> None:
    """Drop what was kept for segments that merges or a rebuild have replaced."""
    global _live
    if live == _live:
        return
    with _lock:
        _live = live
        for key in [key for key in _lengths if key[0] not in live]:
            del _lengths[key]
    _postings.forget(lambda key: key[0] in live)
