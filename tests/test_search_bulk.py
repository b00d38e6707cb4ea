"""The rebuild's segment writer (app/search/engine/bulk.py) writes exactly what Whoosh's does."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from whoosh import analysis, fields
from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from app.i18n import LANGUAGES
from app.search.engine import bulk
from app.search.engine.schema import build_schema, folding_analyzer, language_analyzer

XSS_DIR = Path(__file__).parent / "data" / "xss"

ODD_TEXTS = [
    "",
    "   \t\n",
    "İstanbul ﬁnance Straße ǅungla Ǆ",
    "naïve café crème brûlée ÉTÉ",
    "e\u0301te\u0301 with combining accents",
    "ΣΊΣΥΦΟΣ ὀδυσσεύς",
    "日本語のテキスト and 한국어",
    "emoji 👩‍💻 zero\u200bwidth soft\u00adhyphen",
    "3.141 big-time under_score a.b.c v2.0.1",
    "l'économie d'entreprise qu'il s'est aujourd'hui",
    "De boekhouding van zelfstandigen, de BTW-aangifte en het ondernemingsnummer.",
    "La comptabilité des indépendants et la déclaration de TVA",
    "Bookkeeping for freelancers: invoices, VAT returns and the running costs",
    "\x00\x01 control \x1f characters \x7f",
    "x" * 3000,
]

VOCABULARY = [
    "gilde",
    "boekhouding",
    "boekhouder",
    "comptabilité",
    "comptable",
    "bookkeeping",
    "bookkeeper",
    "vertaling",
    "traduction",
    "translation",
    "illustratie",
    "illustration",
    "fotografie",
    "photographie",
    "photography",
    "Gent",
    "Gand",
    "Ghent",
    "Liège",
    "Luik",
    "Bruxelles",
    "Brussel",
    "Antwerpen",
    "Anvers",
    "les",
    "des",
    "het",
    "een",
    "the",
    "and",
    "créatif",
    "créative",
    "creatieve",
    "zelfstandige",
    "indépendant",
    "freelancer",
    "être",
    "été",
    "élève",
    "Ærø",
]


def texts() -> list[str]:
    payloads = [
        line
        for path in sorted(XSS_DIR.glob("*.txt"))
        for line in path.read_text(errors="replace").splitlines()
    ]
    return ODD_TEXTS + payloads


@pytest.mark.parametrize("lang", [None, *LANGUAGES])
def test_each_text_gives_the_words_whooshs_analyzer_gives(lang):
    analyzer = folding_analyzer() if lang is None else language_analyzer(lang)
    words = bulk.fast_words(analyzer)
    assert words is not None
    for text in texts():
        assert words(text) == [token.text for token in analyzer(text)], text


def test_analyzers_it_does_not_know_are_left_to_whoosh():
    # Whoosh's stemming analyzer is the same kind of chain, in English.
    stemming = analysis.StemmingAnalyzer()
    text = "The running costs of the Guild"
    assert bulk.fast_words(stemming)(text) == [token.text for token in stemming(text)]
    assert bulk.fast_words(analysis.NgramAnalyzer(3)) is None
    assert bulk.fast_words(analysis.KeywordAnalyzer()) is None
    assert bulk.fast_words(analysis.RegexTokenizer(r"\S+") | analysis.LowercaseFilter()) is None
    assert bulk.fast_words(analysis.RegexTokenizer() | analysis.NgramFilter(2)) is None
    assert bulk.fast_words(analysis.SpaceSeparatedTokenizer()) is None


def our_documents(count: int) -> list[dict]:
    """Documents of our schema; every one holds "gilde", so its postings fill several blocks."""
    rng = random.Random(3)
    odd = texts()
    documents = []
    for number in range(count):
        lang = LANGUAGES[number % 3]
        body = " ".join(rng.choices(VOCABULARY, k=rng.randint(1, 60)))
        text = f"gilde {body} {rng.choice(odd)}"
        document = {
            "key": f"member:{number}",
            "kind": rng.choice(["member", "article", "offer"]),
            "title": f"Gilde {rng.choice(VOCABULARY)} {rng.choice(odd)[:80]}",
            "text": text,
            f"text_{lang}": text,
            "skills": " ".join(str(rng.randint(1, 40)) for _ in range(rng.randint(0, 4))),
            "skill_labels": " ".join(rng.choices(VOCABULARY, k=5)),
            "languages": lang,
            "mentor": rng.random() < 0.3,
            "visibility": rng.choice(["public", "members"]),
            "updated": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=number),
            "summary": body[:100],
            "hash": f"{number:032x}",
        }
        if number % 4:
            document.update(
                region="BE-VLG",
                place="Gent",
                lat=51.05 + number / 1000,
                lon=3.72 - number / 1000,
                modes="online in_person",
            )
        if number % 7 == 0:
            document["ends"] = datetime(2027, 1, 1, tzinfo=UTC)
        documents.append(document)
    return documents


def other_documents() -> list[dict]:
    """Fields Whoosh analyses itself: a list of words, stop words in a field with positions,
    a boosted field, numbers."""
    rng = random.Random(5)
    documents = []
    for number in range(300):
        words = rng.choices(["Gent", "Liège", "les", "Ærø"], k=3)
        document = {
            "id": str(number),
            # Texts first, then lists too: the postings so far are kept the general way.
            "listed": " ".join(words) if number < 5 else words,
            "prose": " ".join(rng.choices(VOCABULARY, k=20)),
            "plain": rng.choice(ODD_TEXTS) + " gilde" if number != 7 else ["gilde", "Gent"],
            "count": number,
        }
        documents.append(document)
    return documents


OTHER_SCHEMA = fields.Schema(
    id=fields.ID(stored=True, unique=True),
    listed=fields.TEXT(analyzer=folding_analyzer(), phrase=False),
    prose=fields.TEXT(analyzer=analysis.StemmingAnalyzer(), stored=True),
    plain=fields.TEXT(analyzer=folding_analyzer(), field_boost=2.5),
    count=fields.NUMERIC(int, stored=True, sortable=True),
)


def build_both(tmp_path, schema, documents):
    """The same documents written by Whoosh's writer and by ``SegmentBuilder``."""
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "bulk").mkdir()
    theirs = whoosh_index.create_in(str(tmp_path / "whoosh"), schema)
    writer = theirs.writer()
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    ours = whoosh_index.create_in(str(tmp_path / "bulk"), schema)
    builder = bulk.SegmentBuilder(ours)
    # The segment's files are named after its random id.
    builder.segment.segid = theirs._segments()[0].segid
    for document in documents:
        builder.add_document(**document)
    bulk.add_segments(ours, [builder.finish()])
    return theirs, ours


def segment_files(index) -> dict[str, bytes]:
    [segment] = index._segments()
    compound = segment.open_compound_file(index.storage)
    try:
        return {name: compound.open_file(name).read() for name in compound.list()}
    finally:
        compound.close()


@pytest.mark.parametrize("schema", ["ours", "other"])
def test_a_segment_is_byte_for_byte_the_one_whooshs_writer_makes(tmp_path, schema):
    if schema == "ours":
        schema, documents = build_schema(), our_documents(400)
    else:
        schema, documents = OTHER_SCHEMA, other_documents()
    theirs, ours = build_both(tmp_path, schema, documents)

    expected = segment_files(theirs)
    assert segment_files(ours) == expected
    assert len(expected) > 5
    [their_segment], [our_segment] = theirs._segments(), ours._segments()
    assert our_segment._fieldlengths == their_segment._fieldlengths
    assert our_segment.doc_count_all() == len(documents)
    # More than one block of postings: the fewest words of every document.
    with ours.searcher() as searcher:
        field = "text" if "text" in schema else "plain"
        assert searcher.doc_frequency(field, "gilde") == len(documents) > 128
        hits = searcher.search(QueryParser(field, schema).parse("gilde"), limit=None)
        assert len(hits) == len(documents)


def test_what_the_builder_cannot_write_is_refused(tmp_path):
    vectors = fields.Schema(body=fields.TEXT(vector=True))
    with pytest.raises(ValueError, match="vectors"):
        bulk.SegmentBuilder(whoosh_index.create_in(str(tmp_path), vectors))
    builder = bulk.SegmentBuilder(whoosh_index.create_in(str(tmp_path), build_schema()))
    with pytest.raises(ValueError, match="boosts"):
        builder.add_document(title="Gilde", _title_boost=2.0)
    with pytest.raises(fields.UnknownFieldError):
        builder.add_document(colour="blue")
    builder.add_document(title="Gilde")
    builder.close()  # its files are let go of (a ResourceWarning fails the test)
