"""Writing a whole segment at once, for a rebuild: the files Whoosh's writer makes, faster.

Whoosh's writer sends every word through a chain of generic token objects, every posting
through a pool that pickles, sorts and merges them, and then through a postings writer
that checks each one again: about 7 ms of a core per document here. A rebuild has every
document at hand and adds them in order, so ``SegmentBuilder`` analyses our text fields
with plain string operations, keeps each term's postings in arrays, and writes each
term's blocks of postings in one go, as Whoosh's postings writer does. The segment it
writes is byte for byte the one Whoosh's writer would (tests/test_search_bulk.py
compares them file by file).
"""

from __future__ import annotations

import re
import struct
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Callable
from itertools import chain, pairwise
from operator import sub
from pickle import dumps

from whoosh import analysis, formats
from whoosh.codec import default_codec
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.fields import UnknownFieldError
from whoosh.index import TOC, clean_files
from whoosh.lang import stemmer_for_language
from whoosh.util.numeric import byte_to_length, length_to_byte

# Whoosh's default tokenizer, as ``findall`` wants it: its group made non-capturing.
_WHOOSH_TOKENS = r"\w+(\.?\w+)*"
_TOKENS = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)
_uint = struct.Struct("!I")
_pack_int = struct.Struct("!i").pack
_LITTLE_ENDIAN = sys.byteorder == "little"
_pack_ushort = struct.Struct("!H").pack


def token_filter(analyzer) -> Callable[[str], str | None] | None:
    """What ``analyzer`` makes of each token of Whoosh's default tokenizer (None: dropped
    as a stop word), or None when the analyzer is not such a plain chain.

    The filters known are lower-casing, stop words, stemming and character folding, in
    any order and with any settings; each works on one token alone.
    """
    if not isinstance(analyzer, analysis.CompositeAnalyzer):
        return None
    tokenizer, *filters = analyzer.items
    if type(tokenizer) is not analysis.RegexTokenizer or tokenizer.gaps:
        return None
    if tokenizer.expression.pattern != _WHOOSH_TOKENS:
        return None
    steps = []
    for step in filters:
        kind = type(step)
        if kind is analysis.LowercaseFilter:
            steps.append(str.lower)
        elif kind is analysis.StopFilter:
            steps.append(_stop_step(step))
        elif kind is analysis.StemFilter:
            steps.append(_stem_step(step))
        elif kind is analysis.CharsetFilter:
            steps.append(lambda word, charmap=step.charmap: word.translate(charmap))
        else:
            return None

    def one(word: str) -> str | None:
        for step in steps:
            word = step(word)
            if word is None:
                return None
        return word

    one.drops_words = analysis.StopFilter in map(type, filters)
    return one


def _stop_step(step):
    stops, low, high = step.stops, step.min, step.max

    def kept(word):
        size = len(word)
        if size < low or (high is not None and size > high) or word in stops:
            return None
        return word

    return kept


def _stem_step(step):
    # As StemFilter.clear() picks it.
    stem = stemmer_for_language(step.lang) if step.lang else step.stemfn
    ignore = step.ignore
    return lambda word: word if word in ignore else stem(word)


def fast_words(analyzer) -> Callable[[str], list[str]] | None:
    """A function giving the words ``analyzer`` indexes a text under, in order, or None when
    the analyzer is not a plain chain (see ``token_filter``)."""
    one = token_filter(analyzer)
    return None if one is None else _Words(one)


class _Words(dict):
    """The words a text is indexed under, in order; each distinct token is filtered once.

    The filters are pure functions of one token, and a rebuild meets the same tokens
    again and again.
    """

    def __init__(self, one) -> None:
        super().__init__()
        self.one = one
        self.drops_words = one.drops_words

    def __missing__(self, token):
        word = self.one(token)
        if len(self) < _TOKENS_KEPT:  # a long tail of rare tokens is not worth keeping
            self[token] = word
        return word

    def __call__(self, text: str) -> list[str]:
        words = map(self.__getitem__, _TOKENS.findall(text))
        if self.drops_words:
            return [word for word in words if word is not None]
        return list(words)


# How many distinct tokens a text field keeps the words of (see _Words).
_TOKENS_KEPT = 200_000
# How many values' postings a field keeps, when Whoosh analyses its values.
_INDEXED_VALUES = 4096
# How a field's postings are kept while the segment is built.
_FREQUENCIES, _POSITIONS, _WHOOSH = "frequencies", "positions", "whoosh"


class _Field:
    """One field's postings in the segment being built: term -> (documents, payloads).

    Payloads are what the field needs to write a posting: its frequency, its encoded
    positions, or, for fields Whoosh analyses, its (term, frequency, weight, value).
    """

    def __init__(self, field) -> None:
        self.field = field
        self.boost = getattr(field.format, "field_boost", 1.0)
        fmt = type(field.format)
        plain = fmt in (formats.Frequency, formats.Positions)
        words = fast_words(field.analyzer) if plain else None
        if words is not None and fmt is formats.Positions and words.drops_words:
            words = None  # dropping stop words renumbers positions: Whoosh's analysis does that
        if words is None:
            self.mode, self.words = _WHOOSH, None
        else:
            self.mode = _FREQUENCIES if fmt is formats.Frequency else _POSITIONS
            self.words = words
        # Terms are kept as text for our own analysis (encoded once, when written).
        self.terms: dict = {}
        # The field's length in each document, as the segment's reader gives it back.
        self.lengths = array("I")
        # The postings Whoosh's analysis gave for a value (see ``_index``).
        self.indexed: dict = {}
        fixed_size = field.format.fixed_value_size() if field.format else None
        self.keeps_indexed = fixed_size is not None and fixed_size >= 0

    def add(self, docnum: int, value) -> int:
        """Add the postings of ``value``; returns how many words it has (its length)."""
        if self.words is None or not isinstance(value, str):
            return self._add_analysed(docnum, value)
        words = self.words(value)
        terms = self.terms
        known = terms.get
        # This runs for every posting of a rebuild: no calls it can do without.
        if self.mode is _FREQUENCIES:
            for word, freq in Counter(words).items():
                postings = known(word)
                if postings is None:
                    terms[word] = (array("I", (docnum,)), array("I", (freq,)))
                else:
                    postings[0].append(docnum)
                    postings[1].append(freq)
        else:
            where: dict[str, list[int]] = {}
            for position, word in enumerate(words):
                where.setdefault(word, []).append(position)
            for word, positions in where.items():
                value = _encode_positions(positions)
                postings = known(word)
                if postings is None:
                    terms[word] = (array("I", (docnum,)), [value])
                else:
                    postings[0].append(docnum)
                    postings[1].append(value)
        return len(words)

    def _add_analysed(self, docnum: int, value) -> int:
        if self.mode is not _WHOOSH:
            # A list of words for a text field: Whoosh's analysis decides (it keeps them
            # as they are); those postings have to be kept the general way from now on.
            self._to_whoosh_mode()
        length = 0
        terms = self.terms
        for item in self._index(value):
            length += item[1]
            postings = terms.get(item[0])
            if postings is None:
                terms[item[0]] = (array("I", (docnum,)), [item])
            else:
                postings[0].append(docnum)
                postings[1].append(item)
        return length

    def _index(self, value) -> list:
        # Most such values repeat (a kind, a region, a place's coordinates); the postings
        # of a value are the same each time. Lists are not kept, nor more than a few, nor
        # values of varying size: a block pickles those as one tuple, and would write one
        # object met twice as a reference (see _encode_positions).
        if not self.keeps_indexed:
            return list(self.field.index(value))
        key = (type(value), value)
        try:
            return self.indexed[key]
        except KeyError:
            items = list(self.field.index(value))
            if len(self.indexed) < _INDEXED_VALUES:
                self.indexed[key] = items
            return items
        except TypeError:
            return list(self.field.index(value))

    def _to_whoosh_mode(self) -> None:
        terms = {}
        for word, (docs, payloads) in self.terms.items():
            term = word.encode("utf-8")
            terms[term] = (docs, [self._whoosh_payload(term, p) for p in payloads])
        self.terms, self.mode, self.words = terms, _WHOOSH, None

    def _whoosh_payload(self, term: bytes, payload) -> tuple[bytes, int, float, bytes]:
        if self.mode is _FREQUENCIES:
            return term, payload, payload * self.boost, _uint.pack(payload)
        freq = _uint.unpack_from(payload)[0]
        return term, freq, freq * self.boost, payload

    def sorted_terms(self):
        """(term bytes, documents, weights, values) in the order of the terms' bytes."""
        if self.mode is _WHOOSH:
            items = sorted(self.terms.items())
        else:
            items = sorted(
                (word.encode("utf-8"), postings) for word, postings in self.terms.items()
            )
        mode, boost = self.mode, self.boost
        for term, (docs, payloads) in items:
            if mode is _FREQUENCIES:
                # The frequencies are the values: _term_postings packs them as Whoosh does.
                weights = [freq * boost for freq in payloads]
                values = payloads
            elif mode is _POSITIONS:
                weights = [_uint.unpack_from(value)[0] * boost for value in payloads]
                values = payloads
            else:
                weights = [item[2] for item in payloads]
                values = [item[3] for item in payloads]
            yield term, docs, weights, values


# Whoosh's Positions value of a word found once, in two parts: its count, and the pickle
# of [its position] for each position.
_ONE = _uint.pack(1)
_ONE_POSITION: dict[int, bytes] = {}


def _encode_positions(positions: list[int]) -> bytes:
    """Whoosh's ``Positions.encode``.

    Each value is a new object, as Whoosh's are: a block pickles its values as one tuple,
    and pickle would write a value it met before as a reference, changing the bytes.
    """
    if len(positions) == 1:
        # Most words occur once in a document: the pickle of [position] is kept.
        tail = _ONE_POSITION.get(positions[0])
        if tail is None:
            tail = _ONE_POSITION[positions[0]] = dumps(positions, 2)
        return _ONE + tail
    deltas = [positions[0]] + [b - a for a, b in pairwise(positions)]
    return _uint.pack(len(deltas)) + dumps(deltas, 2)


def _term_postings(docs, weights, values, lengths, fixed_size, limit: int, compression: int):
    """One term's postings as ``W3PostingsWriter`` writes them (its blocks, headed by a
    magic number), with the statistics its ``W3TermInfo`` records."""
    chunks = [WHOOSH3_HEADER_MAGIC]
    total_weight = 0
    minlength = None
    maxlength = maxweight = 0
    count = len(docs)
    for start in range(0, count, limit):
        end = start + limit
        ids = docs[start:end]
        raw_weights = weights[start:end]
        stored_weights = array("f", raw_weights)
        size = len(ids)
        if stored_weights.count(1.0) == size:
            mini_weights = None
        elif stored_weights.count(stored_weights[0]) == size:
            mini_weights = stored_weights[0]
        else:
            mini_weights = tuple(stored_weights)
        if fixed_size is None or fixed_size < 0:
            mini_values = tuple(value for value in values[start:end] if value)
        elif fixed_size == 0:
            mini_values = None
        elif isinstance(values, array):
            packed = values[start:end]
            if _LITTLE_ENDIAN:
                packed.byteswap()
            mini_values = packed.tobytes()
        else:
            mini_values = b"".join(values[start:end])
        mini_ids = tuple(map(sub, ids, chain((0,), ids)))
        data = dumps((mini_ids, mini_weights, mini_values), 2)
        if compression:
            data = zlib.compress(data, compression)
        if lengths is None:
            shortest, longest = None, 0
        else:
            block_lengths = list(map(lengths.__getitem__, ids))
            shortest = min(block_lengths)
            if not shortest:
                shortest = min((length for length in block_lengths if length), default=None)
            longest = max(block_lengths)
        heaviest = max(0, max(raw_weights))
        info = dumps(
            (
                size,
                ids[-1],
                heaviest,
                compression,
                length_to_byte(shortest),
                length_to_byte(longest),
            ),
            2,
        )
        blocklength = len(info) + len(data)
        chunks += (_pack_int(-blocklength if end >= count else blocklength), info, data)
        total_weight += sum(stored_weights)
        if minlength is None:
            minlength = shortest
        elif shortest is not None:
            minlength = min(minlength, shortest)
        maxlength = max(maxlength, longest)
        maxweight = max(maxweight, heaviest)
    info = W3TermInfo(total_weight, count, minlength, maxlength, maxweight, docs[0], docs[-1])
    return info, b"".join(chunks)


class SegmentBuilder:
    """Adds documents to one new segment of ``index`` and writes it in one go."""

    def __init__(self, index) -> None:
        self.storage = index.storage
        self.schema = index.schema
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"{name}: term vectors and spelling fields are not supported")
        self.codec = default_codec()
        self.segment = self.codec.new_segment(self.storage, index.indexname)
        self.fields = {name: _Field(field) for name, field in self.schema.items()}
        self.perdoc = self.codec.per_document_writer(self.storage, self.segment)
        self.docnum = 0

    def add_document(self, **values) -> None:
        """What ``writer.add_document`` does, for documents without boosts."""
        for name in values:
            if name.startswith("_"):
                raise ValueError(f"{name}: boosts and custom stored values are not supported")
            if name not in self.fields:
                raise UnknownFieldError(f"No field named {name!r} in {self.schema}")
        docnum = self.docnum
        perdoc = self.perdoc
        perdoc.start_doc(docnum)
        for name in sorted(values):
            value = values[name]
            if value is None:
                continue
            field = self.fields[name]
            schema_field = field.field
            length = 0
            if schema_field.indexed:
                words = field.add(docnum, value)
                length = words if schema_field.scorable else 0
            perdoc.add_field(name, schema_field, value if schema_field.stored else None, length)
            column = schema_field.column_type
            if column:
                perdoc.add_column_value(name, column, schema_field.to_column_value(value))
            if length:
                lengths = field.lengths
                lengths.extend(bytes(docnum - len(lengths)))
                lengths.append(byte_to_length(length_to_byte(length)))
        perdoc.finish_doc()
        self.docnum += 1

    def close(self) -> None:
        """Let go of the files of a segment that will not be finished."""
        if not self.perdoc.is_closed:
            self.perdoc.close()

    def finish(self):
        """Write the terms and postings, make the segment one file and return it."""
        self.perdoc.close()
        codec = self.codec
        fieldwriter = codec.field_writer(self.storage, self.segment)
        terms_index = fieldwriter._tindex
        fieldmap = fieldwriter._fieldmap
        limit, compression = codec._blocklimit, codec._compression
        postfile = fieldwriter._postfile
        write, offset = postfile.write, postfile.tell()
        for name in sorted(self.fields):
            field = self.fields[name]
            if not field.terms:
                continue
            prefix = _pack_ushort(len(fieldmap))
            fieldmap[name] = len(fieldmap)
            # A field that is not scored keeps no lengths: Whoosh reads them all as 0.
            lengths = field.lengths if field.field.scorable else None
            if lengths is not None:
                lengths.extend(bytes(self.docnum - len(lengths)))
            fixed_size = field.field.format.fixed_value_size()
            for term, docs, weights, values in field.sorted_terms():
                info, postings = _term_postings(
                    docs, weights, values, lengths, fixed_size, limit, compression
                )
                info.set_extent(offset, len(postings))
                write(postings)
                offset += len(postings)
                terms_index.add(prefix + term, info.to_bytes())
            field.terms = {}
        fieldwriter.close()
        self.segment.set_doc_count(self.docnum)
        self.segment.create_compound_file(self.storage)
        return self.segment


def add_segments(index, segments: list) -> None:
    """Make ``segments`` what ``index`` holds: a new table of contents lists them.

    For an index nothing else writes (a rebuild's, in a directory of its own).
    """
    generation = index.latest_generation() + 1
    TOC(index.schema, segments, generation).write(index.storage, index.indexname)
    clean_files(index.storage, index.indexname, generation, segments)
