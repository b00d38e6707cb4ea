"""Six fixes to Whoosh 2.7.4 (pinned; no release has come since 2016), installed by ``install``.

Writing a segment asks, for every posting, for the length of its field in its document.
Fields without lengths (ID, KEYWORD, NUMERIC, DATETIME, BOOLEAN) have no length column,
and Whoosh, finding none, did not remember that: it looked for the column's file on disk
again, one ``stat`` per posting. With the trie terms of ``lat``, ``lon`` and ``updated``
that was a third of the time of a full rebuild. A segment's files never change once it
is written, so the answer "no column" can be kept like any other.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec import base as whoosh_base
from whoosh.codec import whoosh3
from whoosh.filedb import compound, structfile


def _cached_reader(self, fieldname, column):
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


# A fuzzy term builds the automaton of the words within its edit distance anew for each
# segment it looks in, and again to estimate its size there (about a millisecond each).
# The automaton depends on nothing but the word, the distance and the prefix.
_cached_levenshtein_dfa = staticmethod(
    functools.lru_cache(maxsize=1024)(whoosh_base.Automata.levenshtein_dfa)
)


# A segment is one file, mapped into memory; each file inside it was opened as
# ``BytesIO(memoryview)``, which on Python 3 copies it: opening the index read its terms
# and postings into the process (270 MB resident at 50,000 documents, half of it a
# private copy). This reads the mapped file where it is, copying only what is read.
class _ReadOnlyFile:
    """A read-only file with a position, over its ``pread(position, size)``."""

    def __init__(self, length: int) -> None:
        self._length = length
        self._pos = 0
        self.closed = False

    def pread(self, position: int, size: int) -> bytes:
        raise NotImplementedError

    def read(self, size=-1):
        if size is None or size < 0:
            size = self._length - self._pos
        data = self.pread(self._pos, size)
        self._pos += len(data)
        return data

    def readline(self, size=-1):  # pickle.load asks for it
        limit = self._length - self._pos if size is None or size < 0 else size
        line = b""
        while len(line) < limit:
            chunk = self.pread(self._pos + len(line), min(256, limit - len(line)))
            if not chunk:
                break
            newline = chunk.find(b"\n")
            line += chunk if newline < 0 else chunk[: newline + 1]
            if newline >= 0:
                break
        self._pos += len(line)
        return line

    def seek(self, where, whence=0):
        if whence == 1:
            where += self._pos
        elif whence == 2:
            where += self._length
        self._pos = where
        return where

    def tell(self):
        return self._pos

    def close(self):
        self.closed = True


class _MappedView(_ReadOnlyFile):
    """A read-only file over a memoryview."""

    def __init__(self, view) -> None:
        super().__init__(len(view))
        self._view = view

    def pread(self, position: int, size: int) -> bytes:
        return bytes(self._view[position : position + max(0, size)])


class _MappedFile(structfile.BufferFile):
    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = _MappedView(buf)


# Mapped, a page of the segment read once stays in the process's resident memory (with
# its neighbours: the kernel maps up to 16 cached pages at each fault). Postings are read
# once per term and kept as arrays, and a document's stored fields once per hit shown, at
# random places: over a few hundred searches a worker came to hold most of both files,
# 60 of its 200 MB at 50,000 documents. They are read with ``pread`` instead, through the
# kernel's page cache (shared by all workers), and nothing of them stays mapped. The term
# tables, looked up and walked a few bytes at a time, stay mapped.
_READ_NOT_MAPPED = (".pst", "._stored.col")


class _PreadView(_ReadOnlyFile):
    """A read-only file over a range of a file descriptor of its own, read with ``pread``
    (so threads sharing it never move each other's position)."""

    def __init__(self, fd: int, start: int, length: int) -> None:
        super().__init__(length)
        self._fd = fd
        self._start = start

    def pread(self, position: int, size: int) -> bytes:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        size = max(0, min(size, self._length - position))
        data = os.pread(self._fd, size, self._start + position)
        if len(data) != size:
            raise OSError(f"short read: {len(data)} of {size} bytes")
        return data

    def close(self):
        if not self.closed:
            super().close()
            os.close(self._fd)


class _PreadFile(structfile.StructFile):
    def get(self, position, length):
        return self.file.pread(position, length)


_compound_init = compound.CompoundStorage.__init__
_compound_open_file = compound.CompoundStorage.open_file
_compound_close = compound.CompoundStorage.close


def _compound_init_keeping_fd(self, dbfile, use_mmap=True, basepos=0):
    # Whoosh closes the segment's file once it is mapped: a descriptor is kept for pread.
    self._pread_fd = None
    if use_mmap:
        # Not a real file (a RamStorage's, say): Whoosh does not map it either.
        with contextlib.suppress(AttributeError, OSError):
            self._pread_fd = os.dup(dbfile.fileno())
    try:
        _compound_init(self, dbfile, use_mmap, basepos)
    except BaseException:
        _close_pread_fd(self)
        raise
    if self._source is None:  # not mapped: Whoosh reads the file itself
        _close_pread_fd(self)


def _close_pread_fd(storage) -> None:
    if storage._pread_fd is not None:
        os.close(storage._pread_fd)
        storage._pread_fd = None


def _open_file_read_not_mapped(self, name, *args, **kwargs):
    if getattr(self, "_pread_fd", None) is None or not name.endswith(_READ_NOT_MAPPED):
        return _compound_open_file(self, name, *args, **kwargs)
    if self.is_closed:
        raise compound.StorageError("Storage was closed")
    offset, length = self.range(name)
    # Each file its own descriptor: closing the segment cannot pull it from under a read.
    return _PreadFile(_PreadView(os.dup(self._pread_fd), offset, length), name=name)


def _close_with_fd(self):
    try:
        _compound_close(self)
    finally:
        _close_pread_fd(self)


# Writing a segment's postings asks for the length of the field in the posting's document
# once per posting (for the blocks' length bounds), reading the lengths column each time.
# A document's length in a field is the same for all its postings there: it is read once.
class _KeptLengths:
    """A segment's per-document reader whose field lengths are read once per document."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self._fields.get(fieldname)
        if lengths is None:
            read = self._reader.doc_field_length
            lengths = [read(each, fieldname, 0) for each in range(self._reader.doc_count_all())]
            self._fields[fieldname] = lengths
        return lengths[docnum] or default


_add_postings = whoosh_base.FieldWriter.add_postings


def _add_postings_with_kept_lengths(self, schema, lengths, items):
    return _add_postings(self, schema, _KeptLengths(lengths) if lengths else lengths, items)


# Refreshing a searcher reuses the segment readers it already has and closes the rest.
# When a segment named by the table of contents is gone before it is opened (another
# process's commit merged it away), Whoosh reads the table again and retries, with the
# same old reader: the first attempt has closed some of its segment readers, and the
# retry closed them a second time (``ReaderClosed``) or put a closed one in the new
# reader. Each attempt is offered only the segment readers still open.
class _OpenLeaves:
    """The still-open segment readers of a reader, as ``reuse`` for ``_reader``."""

    def __init__(self, reader) -> None:
        self._reader = reader

    def leaf_readers(self):
        leaves = self._reader.leaf_readers()
        # An empty index's reader has nothing to close, nor an ``is_closed``.
        return [(leaf, base) for leaf, base in leaves if not getattr(leaf, "is_closed", False)]


_open_reader = whoosh_index.FileIndex._reader.__func__


def _reader_reusing_open_leaves(cls, storage, schema, segments, generation, reuse=None):
    reuse = _OpenLeaves(reuse) if reuse else reuse
    return _open_reader(cls, storage, schema, segments, generation, reuse=reuse)


@dataclass(frozen=True)
class Patch:
    """One fix: ``attribute`` of ``owner`` replaced by ``fixed`` while installed."""

    name: str
    owner: Any
    attribute: str
    fixed: Any


#: Every fix, by name; the tests show each one's bug is gone when it is installed.
PATCHES = (
    Patch("no_column_kept", whoosh3.W3PerDocReader, "_cached_reader", _cached_reader),
    Patch("levenshtein_cached", whoosh_base.Automata, "levenshtein_dfa", _cached_levenshtein_dfa),
    Patch("segment_mapped_in_place", compound, "BufferFile", _MappedFile),
    Patch("read_not_mapped", compound.CompoundStorage, "__init__", _compound_init_keeping_fd),
    Patch("read_not_mapped", compound.CompoundStorage, "open_file", _open_file_read_not_mapped),
    Patch("read_not_mapped", compound.CompoundStorage, "close", _close_with_fd),
    Patch("lengths_kept", whoosh_base.FieldWriter, "add_postings", _add_postings_with_kept_lengths),
    Patch(
        "refresh_reuses_open_leaves",
        whoosh_index.FileIndex,
        "_reader",
        classmethod(_reader_reusing_open_leaves),
    ),
)
#: The fixes' names (one fix may replace several attributes).
NAMES = tuple(dict.fromkeys(patch.name for patch in PATCHES))
# Whoosh's own attributes, read before anything is patched (``vars``: a staticmethod or
# classmethod must be put back as the descriptor it was).
_ORIGINALS = [vars(patch.owner)[patch.attribute] for patch in PATCHES]
_installed: set[str] = set()
_lock = threading.Lock()


def install(names: Iterable[str] | None = None) -> None:
    """Apply the fixes (all, or those named); applying one twice changes nothing."""
    chosen = set(NAMES if names is None else names) - _installed
    with _lock:
        chosen -= _installed
        for patch in PATCHES:
            if patch.name in chosen:
                setattr(patch.owner, patch.attribute, patch.fixed)
        _installed.update(chosen)


def uninstall(names: Iterable[str] | None = None) -> None:
    """Put Whoosh's own code back (all, or the fixes named): for the tests."""
    chosen = set(NAMES if names is None else names)
    with _lock:
        chosen &= _installed
        for patch, original in zip(PATCHES, _ORIGINALS, strict=True):
            if patch.name in chosen:
                setattr(patch.owner, patch.attribute, original)
        _installed.difference_update(chosen)


def installed() -> frozenset[str]:
    """The names of the fixes applied now."""
    return frozenset(_installed)
