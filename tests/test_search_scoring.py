"""Matching and scoring with arrays (app/search/engine/scoring.py) against Whoosh's own search."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import index, qparser, query

from app.search.engine import fieldcache, scoring
from app.search.engine.schema import build_schema
from app.search.query import TEXT_FIELDS

DOCUMENTS = [
    ("nl", "Boekhouding voor zelfstandigen", "Ik doe de boekhouding van kleine zaken in Gent."),
    ("fr", "Comptabilité", "Je tiens la comptabilité des indépendants à Liège et à Namur."),
    ("en", "Bookkeeping", "Bookkeeping and accounting for freelancers in Ghent."),
    ("nl", "Webdesign", "Websites en webdesign, ook boekhoudsoftware koppelen."),
    ("fr", "Graphisme", "Graphisme, identité visuelle et mise en page à Bruxelles."),
    ("en", "Photography", "Event photography and portraits; accounting for nothing."),
    ("nl", "Timmerman", "Meubels op maat, trappen en boekenkasten in hout."),
    ("fr", "Traduction", "Traduction juridique et comptable, néerlandais et anglais."),
]


def add(writer, number: int, lang: str, title: str, text: str) -> None:
    writer.add_document(
        key=f"member:{number}",
        kind="member",
        title=title,
        text=text,
        **{f"text_{lang}": f"{title}\n{text}"},
        skills=str(number % 3),
        visibility="public",
    )


@pytest.fixture
def searcher(tmp_path):
    """A real index of three segments, with a deletion and an update in the first."""
    ix = index.create_in(str(tmp_path), build_schema())
    number = 0
    for part in (DOCUMENTS[:4], DOCUMENTS[4:], DOCUMENTS[:2]):
        with ix.writer() as writer:
            writer.merge = False  # keep the segments apart
            for lang, title, text in part:
                number += 1
                add(writer, number, lang, title, text)
    with ix.writer() as writer:
        writer.merge = False
        writer.delete_by_term("key", "member:1")
        writer.update_document(
            key="member:2", kind="member", title="Comptable", text="Gent", visibility="public"
        )
    with ix.searcher() as opened:
        assert len(opened.leaf_searchers()) > 1 and opened.reader().has_deletions()
        yield opened


def whoosh_found(searcher, q) -> list[tuple[float, int]]:
    return [(round(score, 9), docnum) for score, docnum in searcher.search(q, limit=None).top_n]


def array_found(searcher, q) -> list[tuple[float, int]]:
    matched, scores = scoring.evaluate(searcher, q)
    matched &= fieldcache.live(searcher)
    docnums = np.flatnonzero(matched)
    order = docnums[np.lexsort((docnums, -scores[docnums]))]
    return [(round(float(scores[docnum]), 9), int(docnum)) for docnum in order]


def parsed(searcher, text: str):
    boosts = {"title": 3.0, "skill_labels": 2.0, "text_fr": 1.5}
    return qparser.MultifieldParser(TEXT_FIELDS, searcher.schema, fieldboosts=boosts).parse(text)


QUERIES = [
    "boekhouding",
    "comptabilité gent",
    "accounting OR graphisme",
    "bookkeeping AND NOT ghent",
    "hout OR traduction OR webdesign OR comptable",
    "nothingmatches",
    "à",
]


@pytest.mark.parametrize("text", QUERIES)
def test_parsed_queries_find_and_score_as_whoosh(searcher, text):
    q = parsed(searcher, text)
    assert array_found(searcher, q) == whoosh_found(searcher, q)


@pytest.mark.parametrize(
    "q",
    [
        query.Term("skills", "1", boost=2.0),
        query.Or([query.Term("text", "gent"), query.Term("skills", "2", boost=2.0)]),
        query.And([query.Term("text", "en"), query.Not(query.Term("title", "webdesign"))]),
        query.AndNot(query.Term("text", "et"), query.Term("text_fr", "comptabl")),
        query.AndMaybe(query.Term("text", "et"), query.Term("text", "traduction")),
        query.FuzzyTerm("text", "boekhoudinj", maxdist=1, prefixlength=1),
        query.Or([query.Term("title", "comptable"), query.FuzzyTerm("text", "gemt")]),
        query.Prefix("title", "boek"),
        query.Term("nofield", "x"),
        query.Every(),
        query.NullQuery,
    ],
    ids=repr,
)
def test_every_query_shape_of_the_search_box_finds_and_scores_as_whoosh(searcher, q):
    assert array_found(searcher, q) == whoosh_found(searcher, q)


def test_the_fuzzy_pass_reuses_the_words_result_and_scores_as_whoosh(searcher):
    base = parsed(searcher, "comptabilité gemt")
    fuzzy = query.Or([query.FuzzyTerm("text", "gemt"), query.FuzzyTerm("title", "gemt")])
    known: dict = {}
    matched, _scores = scoring.evaluate(searcher, base, known)
    kept = known[base][0].copy()
    matched[:] = True  # the caller filters what it gets in place
    both = query.Or([base, fuzzy])
    # Evaluated from the kept result of ``base``, which is neither changed nor stale.
    with_known = scoring.evaluate(searcher, both, known)
    assert np.array_equal(known[base][0], kept)
    without = scoring.evaluate(searcher, both)
    assert np.array_equal(with_known[0], without[0])
    assert np.array_equal(with_known[1], without[1])
    assert array_found(searcher, both) == whoosh_found(searcher, both)
    assert len(array_found(searcher, both)) > len(array_found(searcher, base))


def test_a_phrase_is_left_to_whoosh(searcher):
    assert scoring.evaluate(searcher, parsed(searcher, '"boekhouding van"')) is None


def test_kept_postings_stay_true_when_few_are_kept_and_the_index_changes(
    searcher, tmp_path, monkeypatch
):
    monkeypatch.setattr(scoring._postings, "limit", 3)
    q = parsed(searcher, "comptabilité OR boekhouding OR gent")
    assert array_found(searcher, q) == whoosh_found(searcher, q)
    ix = index.open_dir(str(tmp_path))
    with ix.writer() as writer:
        writer.delete_by_term("key", "member:3")  # merges: new segments, new docnums
        add(writer, 90, "nl", "Boekhouding", "Boekhouding in Gent, ook in het weekend.")
    with ix.searcher() as changed:
        assert array_found(changed, q) == whoosh_found(changed, q)
        assert len(array_found(changed, q)) == len(array_found(searcher, q)) + 1


def test_live_leaves_out_deleted_documents_that_the_kept_values_still_hold(searcher):
    live = fieldcache.live(searcher)
    deleted = [d for d in range(searcher.doc_count_all()) if searcher.reader().is_deleted(d)]
    assert deleted and not live[deleted].any()
    assert live.sum() == searcher.doc_count()
    public = fieldcache.docs_with(searcher, "visibility", "public")
    assert set(public[live[public]].tolist()) == set(searcher.reader().all_doc_ids())


def test_holders_are_the_documents_whoosh_finds_a_word_in_and_deleted_ones(searcher):
    reader = searcher.reader()
    for word in ("gent", "comptable", "boekhouder", "nowhere"):
        held = sorted(scoring.holders(searcher, "text", word).tolist())
        expected = sorted(searcher.docs_for_query(query.Term("text", word)))
        assert [docnum for docnum in held if not reader.is_deleted(docnum)] == expected
        if word == "gent":  # the deleted first document held it
            assert any(reader.is_deleted(docnum) for docnum in held)
