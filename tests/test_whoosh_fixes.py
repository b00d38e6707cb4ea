"""Our fixes to Whoosh 2.7.4 (app/search/engine/whoosh_fixes.py), on a real index in tmp_path."""

from __future__ import annotations

import contextlib
import gc
import os
import struct
from concurrent.futures import ThreadPoolExecutor

import pytest
from whoosh import index, query

from app.search.engine import whoosh_fixes
from app.search.engine.schema import build_schema
from app.search.engine.scoring import read_postings

PAGE = os.sysconf("SC_PAGE_SIZE")


@pytest.fixture(autouse=True)
def _fixed():
    """The fixes are installed by the engine's set-up, not on import: these tests install them."""
    whoosh_fixes.install()


def build(path, documents: int = 3000):
    """An index of one compound segment, large enough to span many pages per file."""
    ix = index.create_in(str(path), build_schema())
    with ix.writer() as writer:
        for number in range(documents):
            writer.add_document(
                key=f"member:{number}",
                kind="member",
                title=f"Vertaler {number}",
                text=f"Vertaling en tolk, dossier {number} " + "woord " * (number % 40),
                visibility="public",
                summary=f"Samenvatting {number} " * 5,
            )
    return ix


def resident_bytes_of(path: str, names: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Each named file inside the mapped compound segment ``path``: how many of its bytes
    are in this process's resident memory (from /proc/self/pagemap), and its length."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    folder, name = os.path.split(path)
    opened = CompoundStorage(FileStorage(folder).open_file(name), use_mmap=False)
    ranges = {each.split(".", 1)[1]: opened.range(each) for each in opened.list()}
    opened.close()
    ranges = {each: where for each, where in ranges.items() if each in names}
    resident = dict.fromkeys(ranges, 0)
    with open("/proc/self/maps") as maps, open("/proc/self/pagemap", "rb") as pagemap:
        for line in maps:
            fields = line.split()
            if len(fields) < 6 or fields[5] != path:
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            file_offset = int(fields[2], 16)
            pagemap.seek(start // PAGE * 8)
            entries = pagemap.read((end - start) // PAGE * 8)
            for page in range(len(entries) // 8):
                (entry,) = struct.unpack_from("Q", entries, page * 8)
                if not entry >> 63:  # not present
                    continue
                where = file_offset + page * PAGE
                for each, (offset, length) in ranges.items():
                    if offset < where + PAGE and where < offset + length:
                        resident[each] += PAGE
    return {each: (resident[each], ranges[each][1]) for each in ranges}


def segment_file(tmp_path) -> str:
    (found,) = [str(p) for p in tmp_path.iterdir() if p.suffix == ".seg"]
    return found


@pytest.mark.skipif(not os.path.exists("/proc/self/pagemap"), reason="needs Linux's pagemap")
def test_postings_and_stored_fields_are_read_without_mapping_them(tmp_path):
    ix = build(tmp_path)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        stored = [searcher.stored_fields(docnum) for docnum in range(reader.doc_count_all())]
        docnums, _weights = read_postings(reader, "text", b"vertaling")
        resident = resident_bytes_of(segment_file(tmp_path), ("pst", "_stored.col", "trm"))
    assert len(docnums) == 3000
    assert stored[1234]["summary"] == "Samenvatting 1234 " * 5
    # The term table stays mapped. Around each page it faults in, the kernel maps up to
    # 64 KiB of cached neighbours, which may reach into the next file.
    assert resident["trm"][0] > 0
    for name in ("pst", "_stored.col"):
        in_memory, length = resident[name]
        assert length > 4 * 64 * 1024
        assert in_memory <= 64 * 1024, name


def open_descriptors_of(path: str) -> int:
    found = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the listing's own descriptor, closed by now
            found += os.readlink(f"/proc/self/fd/{fd}") == path
    return found


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="needs Linux's /proc")
def test_closing_a_searcher_closes_the_descriptors_it_reads_with(tmp_path):
    ix = build(tmp_path, documents=50)
    path = segment_file(tmp_path)
    searcher = ix.searcher()
    searcher.stored_fields(3)
    read_postings(searcher.reader(), "text", b"vertaling")
    # The mapping's own (Python's mmap keeps one), the segment's, and one for each of the
    # postings and the stored fields.
    assert open_descriptors_of(path) == 4
    searcher.close()
    # The mapping outlives the searcher until nothing refers to it: it is let go of then.
    del searcher
    gc.collect()
    assert open_descriptors_of(path) == 0


def test_a_closed_searcher_refuses_to_read_instead_of_reading_another_file(tmp_path):
    ix = build(tmp_path, documents=50)
    searcher = ix.searcher()
    reader = searcher.reader()
    postings = reader._terms._postfile
    searcher.close()
    # The descriptor number may already belong to another file.
    with open(os.devnull, "rb"), pytest.raises(ValueError, match="closed"):
        postings.get(0, 4)


def test_threads_reading_one_searcher_each_get_their_own_documents(tmp_path):
    ix = build(tmp_path, documents=600)
    with ix.searcher() as searcher:

        def read(start: int) -> list[str]:
            return [searcher.stored_fields(n)["key"] for n in range(start, 600, 7)]

        with ThreadPoolExecutor(max_workers=7) as pool:
            found = list(pool.map(read, range(7)))
    assert found == [[f"member:{n}" for n in range(start, 600, 7)] for start in range(7)]


def test_whoosh_reads_postings_through_the_same_files(tmp_path):
    ix = build(tmp_path, documents=600)
    with ix.searcher() as searcher:
        ours = read_postings(searcher.reader(), "text", b"woord")[0].tolist()
        found = searcher.search(query.Term("text", "woord"), limit=None)
        assert sorted(hit.docnum for hit in found) == ours
        assert len(ours) == 585  # 15 of each 40 have no "woord"
        # Whoosh reads a block's header with pickle.load, which wants readline.
        postings = searcher.reader()._terms._postfile
        postings.seek(0)
        line = postings.file.readline()
        assert line.endswith(b"\n") and b"\n" not in line[:-1]
        assert line == postings.get(0, len(line))
        assert postings.tell() == len(line)


def test_a_segment_that_cannot_be_mapped_is_read_by_whoosh_as_before(tmp_path):
    ix = build(tmp_path, documents=50)
    ix.storage.supports_mmap = False
    with ix.searcher() as searcher:
        assert searcher.stored_fields(7)["key"] == "member:7"
        assert len(read_postings(searcher.reader(), "text", b"vertaling")[0]) == 50


def test_an_index_in_memory_is_read_by_whoosh_as_before():
    from whoosh.filedb.filestore import RamStorage

    ix = RamStorage().create_index(build_schema())
    with ix.writer() as writer:
        for number in range(30):
            writer.add_document(key=f"member:{number}", text="vertaling", visibility="public")
    with ix.searcher() as searcher:
        assert searcher.stored_fields(7)["key"] == "member:7"
        assert len(read_postings(searcher.reader(), "text", b"vertaling")[0]) == 30
