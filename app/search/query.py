"""Queries: parsing over every language, skill expansion, filters, facets and distance."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, time

import numpy as np
from markupsafe import escape
from whoosh import qparser, query

from app.clock import utcnow
from app.i18n import LANGUAGES
from app.paging import KnownTotal
from app.search import ranking
from app.search.documents import KINDS, SearchKind, split_key
from app.search.engine import fieldcache, scoring
from app.search.engine.lru import LRU
from app.search.engine.searcher import get_searcher
from app.search.schema import FACET_PARAMETERS, FACETS
from app.search.snippets import snippet

MAX_QUERY = 200
MAX_PER_PAGE = 50
FEW_HITS = 3
TEXT_FIELDS = ["title", "text", "skill_labels", *(f"text_{lang}" for lang in LANGUAGES)]
# Characters that are syntax to the parser; a query that does not parse is searched as words.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchRequest:
    q: str = ""
    kind: str = ""
    skill: str = ""
    sector: str = ""
    language: str = ""
    mode: str = ""
    mentor: bool = False
    region: str = ""
    topic: str = ""
    #: When a dated document (a session, an offer) begins: a key of ``WHEN_DAYS``.
    when: str = ""
    near: object = None  # a Place
    radius_km: float | None = None
    sort: str = "relevance"  # relevance | date | distance
    page: int = 1
    per_page: int = 20
    #: What to tell about the place or distance asked for (app/places/notices.py).
    notices: list = field(default_factory=list)


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    url: str
    snippet: str
    score: float
    distance_km: float | None
    row: object = None
    #: What the result shows about itself (app/search/cards.py): the same on page and API.
    card: dict = field(default_factory=dict)


@dataclass
class SearchResults:
    total: int = 0
    page: int = 1
    per_page: int = 20
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    fuzzy: bool = False
    #: The languages the viewer reads and the skills the search names (for the cards).
    languages: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def iter_pages(self) -> Iterator[int | None]:
        """The page numbers to link to, None for a gap, as other lists' pagination has them.

        Past the last page (a page number typed in), the links lead back to the last ones.
        """
        return KnownTotal(page=self.page, per_page=self.per_page, total=self.total).iter_pages()


def clean_query(text: str) -> str:
    """Control characters out, length capped, white space folded, unpaired quotes dropped."""
    text = " ".join(_CONTROL.sub(" ", text or "")[:MAX_QUERY].split())
    if text.count('"') % 2:
        text = text.replace('"', " ")
    return text


def _boosts(lang: str) -> dict[str, float]:
    return {"title": 3.0, "skill_labels": 2.0, f"text_{lang}": 1.5}


def _parser(schema, lang: str):
    parser = qparser.MultifieldParser(TEXT_FIELDS, schema, fieldboosts=_boosts(lang))
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.remove_plugin_class(qparser.BoostPlugin)
    return parser


def _word_query(word: str, schema, boosts: dict[str, float]):
    """One word over every text field, each analysing it its own way: the query the
    parser makes of a plain word, without its millisecond of parsing."""
    terms = [
        query.Term(name, text, boost=boosts.get(name, 1.0))
        for name in TEXT_FIELDS
        for text in schema[name].process_text(word, mode="query")
    ]
    if not terms:
        return None  # a stop word in every field
    return terms[0] if len(terms) == 1 else query.Or(terms)


def _exact_phrases(q, schema):
    """The query with quoted phrases only in the fields that keep word positions (the title
    and the text): a phrase is the words as written, not their stems."""
    if isinstance(q, query.Phrase):
        keeps_positions = q.fieldname in schema and schema[q.fieldname].format.supports("positions")
        return q if keeps_positions else query.NullQuery
    return q.apply(lambda sub: _exact_phrases(sub, schema))


def _skill_expansion(words: list[str], lang: str | None = None) -> list[tuple[int, int, int]]:
    """(start, end, skill id) for runs of words that name a skill, as the resolver reads
    them (another inflection, a compound written apart, a typo), longest first."""
    from app.skills.taxonomy import resolve_skill_ids

    runs = {
        (start, start + size): " ".join(words[start : start + size])
        for size in (3, 2, 1)
        for start in range(len(words) - size + 1)
    }
    skills = resolve_skill_ids(runs.values(), lang)
    found = []
    taken: set[int] = set()
    for (start, end), name in runs.items():  # longest first, then from the left
        span = set(range(start, end))
        if name in skills and not span & taken:
            found.append((start, end, skills[name]))
            taken |= span
    return sorted(found)


def build_query(text: str, schema, lang: str):
    """The query for ``text``: each word over every text field, or the skill it names."""
    words = _WORD.findall(text)
    if not words:
        return None
    has_syntax = any(ch in text for ch in '"()') or re.search(r"\b(AND|OR|NOT)\b", text)
    if has_syntax:
        try:
            parsed = _exact_phrases(_parser(schema, lang).parse(text), schema).normalize()
            if parsed is not query.NullQuery:
                return parsed
        except Exception:  # noqa: S110 - any syntax the parser cannot take is searched as words
            pass
    boosts = _boosts(lang)
    expansions = {start: (end, skill) for start, end, skill in _skill_expansion(words, lang)}
    parts = []
    index = 0
    while index < len(words):
        end, skill = expansions.get(index, (index + 1, None))
        each = [_word_query(word, schema, boosts) for word in words[index:end]]
        each = [part for part in each if part is not None]
        # The run's words, all of them (a run of one word unless the run names a skill).
        run = (each[0] if len(each) == 1 else query.And(each)) if each else None
        if skill is not None:
            skill_term = query.Term("skills", str(skill), boost=2.0)
            parts.append(query.Or([run, skill_term]) if run is not None else skill_term)
        elif run is not None:
            parts.append(run)
        index = end
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else query.And(parts)


# (segment id, field, word) -> the field's words within edit distance 1 of the word there
MAX_NEAR_WORDS = 20_000
_near = LRU(MAX_NEAR_WORDS)


def _near_in_segment(reader, fieldname: str, word: str) -> list:
    """The words of a field within edit distance 1 of a word (same first letter) in one
    segment, kept (most recently used first) since a segment never changes.

    Whoosh walks the segment's words with an automaton for each use: to estimate a fuzzy
    term's size and to match it, and the spelling corrector once more over the whole index.
    """
    return _near.get(
        (scoring.segment_id(reader), fieldname, word),
        lambda: list(reader.terms_within(fieldname, word, 1, prefix=1)),
    )


def _near_in_index(reader, fieldname: str, word: str) -> set:
    return set().union(
        *(_near_in_segment(leaf, fieldname, word) for leaf, _offset in reader.leaf_readers())
    )


class _FuzzyTerm(query.FuzzyTerm):
    """Whoosh's FuzzyTerm (edit distance 1, same first letter), its words found once."""

    def __init__(self, fieldname: str, text: str) -> None:
        super().__init__(fieldname, text, maxdist=1, prefixlength=1)

    def _btexts(self, ixreader):
        if ixreader.is_atomic():
            return _near_in_segment(ixreader, self.fieldname, self.text)
        return sorted(_near_in_index(ixreader, self.fieldname, self.text))


# The fields the fuzzy pass looks in: the words people type, names and titles, skills.
_FUZZY_FIELDS = ("text", "title", "skill_labels")


def _fuzzy_query(text: str):
    words = [w.lower() for w in _WORD.findall(text)]
    parts = [
        query.Or([_FuzzyTerm(name, word) for name in _FUZZY_FIELDS])
        for word in words
        if len(word) > 2
    ]
    return query.And(parts) if parts else None


def _suggestion(searcher, text: str, shown: np.ndarray) -> str | None:
    """Each word the viewer's documents do not hold replaced by the word one edit away
    that most of them hold (``shown``: booleans by docnum), if one does.

    The candidates are those of Whoosh's spelling corrector (``maxdist=1, prefix=1``), from
    the words found for the fuzzy pass. They are counted in the viewer's documents only,
    not the whole index: words of members-only documents neither reach an anonymous
    visitor nor decide what is suggested to them. A word is compared as the index keeps
    it (accents folded): "comptabilité" is not corrected to "comptabilite"; a suggestion
    is written as such a document writes it, with its accents.
    """
    reader = searcher.reader()
    schema = searcher.schema

    def seen_in(fieldname: str, word: str) -> int:
        return int(np.count_nonzero(shown[scoring.holders(searcher, fieldname, word)]))

    def held(word: str) -> bool:
        return any(
            seen_in(name, token)
            for name in _FUZZY_FIELDS
            for token in schema[name].process_text(word, mode="query")
        )

    def as_written(folded: str) -> str:
        holders = scoring.holders(searcher, "text", folded)
        visible = holders[shown[holders]]
        if len(visible):
            text = searcher.stored_fields(int(visible[0])).get("text") or ""
            for word in _WORD.findall(text):
                # Folding keeps a word's length but for a few letters (æ, ß): a cheap test
                # first, the analyzer only for the few words it lets through.
                if abs(len(word) - len(folded)) <= 2 and list(
                    schema["text"].process_text(word)
                ) == [folded]:
                    return word.lower()
        return folded

    changed = False
    out = []
    for word in _WORD.findall(text):
        indexed = list(schema["text"].process_text(word, mode="query"))
        if len(indexed) != 1 or len(indexed[0]) <= 2 or held(word):
            out.append(word)  # a stop word, too short to correct, or found as it is
            continue
        candidates = sorted(_near_in_index(reader, "text", indexed[0]))
        counted = [(seen_in("text", candidate), candidate) for candidate in candidates]
        # The most seen; of those equally seen, the first in alphabetical order.
        count, best = max(counted, key=lambda pair: pair[0], default=(0, None))
        if count:
            out.append(as_written(best))
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None


def _allowed(searcher, request: SearchRequest, viewer) -> np.ndarray:
    """Booleans by docnum: the documents a search may show, those ``shown_to`` the viewer,
    with the facets asked for, within the radius's bounding box.

    Made from the values kept per document (app/search/fieldcache.py). As a Whoosh query,
    the filter was matched again on each search, and ranges on ``lat`` and ``lon`` cost
    more than all the rest of it.
    """
    allowed = _shown(searcher, viewer).copy()
    for name, parameter in FACET_PARAMETERS.items():
        value = getattr(request, parameter)
        if name == "mentor":
            value = "t" if value else ""  # how Whoosh stores True
        if value:
            holding = np.zeros(allowed.size, dtype=bool)
            holding[fieldcache.docs_with(searcher, name, str(value))] = True
            allowed &= holding
    if request.when:
        allowed &= _starting(searcher, request.when)
    if request.near is not None and request.radius_km:
        allowed &= _in_box(searcher, request)
    return allowed


#: The date facet's values: what starts within so many days from now (or after, "later").
#: Dated documents only; one that began and has not ended is "this week".
WHEN_DAYS = {"week": 7, "month": 31, "later": None}


def _starting(searcher, when: str) -> np.ndarray:
    """Booleans by docnum: the dated documents that begin in the period ``when``."""
    starts = fieldcache.numbers(searcher, "starts")
    now = fieldcache.as_number(utcnow().replace(tzinfo=None))
    days = WHEN_DAYS[when]
    with np.errstate(invalid="ignore"):
        if days is None:
            return starts >= now + WHEN_DAYS["month"] * 86400.0
        return starts < now + days * 86400.0


def _when_counts(searcher, found: np.ndarray) -> dict[str, int]:
    """How many of the documents found begin in each period."""
    counts = {when: int((found & _starting(searcher, when)).sum()) for when in WHEN_DAYS}
    return {when: count for when, count in counts.items() if count}


def _shown(searcher, viewer) -> np.ndarray:
    """Booleans by docnum: ``shown_to(viewer)`` (kept until the index changes)."""
    visibilities = tuple(visibilities_for(viewer))
    today = _today()

    def compute() -> np.ndarray:
        shown = np.zeros(searcher.doc_count_all(), dtype=bool)
        for visibility in visibilities:
            shown[fieldcache.docs_with(searcher, "visibility", visibility)] = True
        # A document without an end has NaN there, which is never before today.
        shown &= ~(fieldcache.numbers(searcher, "ends") < fieldcache.as_number(today))
        return shown & fieldcache.live(searcher)

    return fieldcache.memo(searcher, ("shown", visibilities, today), compute)


def _today() -> datetime:
    return datetime.combine(utcnow().date(), time.min)


def _in_box(searcher, request: SearchRequest) -> np.ndarray:
    """Booleans by docnum: the documents within the bounding box of the search's radius."""
    from app.places.gazetteer import bounding_box

    min_lat, max_lat, min_lon, max_lon = bounding_box(
        request.near.latitude, request.near.longitude, request.radius_km
    )
    latitudes = fieldcache.numbers(searcher, "lat")
    longitudes = fieldcache.numbers(searcher, "lon")
    # A document without a place has NaN there, outside every box.
    return (
        (latitudes >= min_lat)
        & (latitudes <= max_lat)
        & (longitudes >= min_lon)
        & (longitudes <= max_lon)
    )


def shown_to(viewer) -> query.Query:
    """Documents the viewer may see and that have not ended (an offer past its end date)."""
    today = _today()
    return query.And(
        [
            query.Or([query.Term("visibility", v) for v in visibilities_for(viewer)]),
            query.Not(query.DateRange("ends", None, today, endexcl=True)),
        ]
    )


def visibilities_for(viewer) -> list[str]:
    """Anonymous visitors see public documents; members also members-only ones."""
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        return ["public", "members"]
    return ["public"]


def distance_from(near, fields: dict) -> float | None:
    """Km from the place ``near`` to a document's place; None without either."""
    if near is None or "lat" not in fields:
        return None
    from app.places.gazetteer import distance_km

    return distance_km(near, (fields["lat"], fields["lon"]))


def _facet_counts(searcher, found: np.ndarray, names=tuple(FACETS)) -> dict[str, dict[str, int]]:
    """Each facet's values among the documents found (booleans by docnum), with how many
    hold each (of the facets ``names``).

    Whoosh's own grouping (``groupedby``) reads every posting of the eight facet fields
    again on each search; the values per document are kept instead (app/search/fieldcache.py).
    """
    counts = {}
    docnums = np.flatnonzero(found)
    for name in names:
        counts[name] = {
            str(value): number
            for value, number in fieldcache.counts(searcher, name, docnums).items()
            if value not in (None, "")
        }
    # A boolean field groups as "t"/"f"; only the mentors are worth a link.
    if "mentor" in counts:
        mentors = counts.pop("mentor").get("t", 0)
        counts["mentor"] = {"true": mentors} if mentors else {}
    return counts


def run_search(request: SearchRequest, viewer, lang: str) -> SearchResults:
    """Search as ``viewer`` sees; each hit shown is checked against the database."""
    searcher = get_searcher()
    text = clean_query(request.q)
    every = query.Every()
    base = build_query(text, searcher.schema, lang) if text else every
    if base is None:
        base = every
    allowed = _allowed(searcher, request, viewer)
    results = SearchResults(page=request.page, per_page=request.per_page)
    evaluated: dict = {}  # the fuzzy pass adds to the words' own result
    context = rank_context(base, request, viewer, lang, text)
    results.languages = context.languages
    results.skills = context.skills
    found = _run(searcher, base, allowed, request, evaluated, context)
    if text and len(found.order) < FEW_HITS:
        results.suggestion = _suggestion(searcher, text, _shown(searcher, viewer))
        # A quoted phrase asks for those very words: no near ones instead.
        fuzzy = _fuzzy_query(text) if '"' not in text else None
        if fuzzy is not None:
            fuzzy_found = _run(
                searcher, query.Or([base, fuzzy]), allowed, request, evaluated, context
            )
            if len(fuzzy_found.order) > len(found.order):
                found = fuzzy_found
                results.fuzzy = True
    results.total = len(found.order)
    results.facets = _facet_counts(searcher, found.matched)
    results.facets["when"] = _when_counts(searcher, found.matched)
    if request.kind:
        # The kinds are tabs: each counts what its tab would show, whichever one is open.
        any_kind = replace(request, kind="")
        every_tab = _run(
            searcher,
            found.query,
            _allowed(searcher, any_kind, viewer),
            any_kind,
            evaluated,
            context,
        )
        results.facets["kind"] = _facet_counts(searcher, every_tab.matched, ("kind",))["kind"]
    start = (request.page - 1) * request.per_page
    docnums = found.order[start : start + request.per_page]
    distances = (
        _distances(searcher, request.near, docnums)
        if request.near is not None
        else np.full(len(docnums), np.nan)
    )
    page = [
        (
            searcher.stored_fields(int(docnum)),
            float(found.ranks.get(int(docnum), found.scores[docnum])),
            None if np.isnan(distance) else float(distance),
        )
        for docnum, distance in zip(docnums, distances, strict=True)
    ]
    # The words to mark: those of the query in the text field, a fuzzy word's neighbours too.
    from_bytes = searcher.schema["text"].from_bytes
    words = frozenset(
        from_bytes(word)
        for _field, word in found.query.existing_terms(
            searcher.reader(), fieldname="text", expand=True
        )
    )
    results.hits = _checked(page, words, viewer)
    from app.search.cards import CardContext, attach_cards

    attach_cards(
        results.hits,
        CardContext(context.skills, context.languages, context.mentoring, request.near),
    )
    return results


def _distances(searcher, near, docnums: np.ndarray) -> np.ndarray:
    """Km from the place ``near`` to each document's place; NaN where it has none."""
    from app.places.gazetteer import distances_km

    return distances_km(
        near,
        fieldcache.numbers(searcher, "lat")[docnums],
        fieldcache.numbers(searcher, "lon")[docnums],
    )


# A hit of the page: its stored fields, score and distance in km (None: no ``near``).
_PageHit = tuple[dict, float, float | None]


class _PageRanks:
    """The rank of a docnum found, looked up only for the page's few hits."""

    def __init__(self, docnums: np.ndarray, ranks: np.ndarray) -> None:
        self.docnums, self.ranks = docnums, ranks

    def get(self, docnum: int, default):
        at = int(np.searchsorted(self.docnums, docnum))
        if at < len(self.docnums) and self.docnums[at] == docnum:
            return self.ranks[at]
        return default


@dataclass
class _Found:
    query: query.Query
    matched: np.ndarray  # booleans by docnum
    scores: np.ndarray  # by docnum
    order: np.ndarray  # the docnums found, in the order asked for
    ranks: _PageRanks  # the rank of each docnum found (app/search/ranking.py)


def viewer_languages(viewer, lang: str) -> list[str]:
    """The languages the viewer reads: the interface's first, then their profile's."""
    from app.members.profiles import reading_languages

    return reading_languages(viewer, lang)


def rank_context(base, request: SearchRequest, viewer, lang: str, text: str):
    """What ranking weighs besides the words: the skills named, languages, mentoring."""
    skills = (
        []
        if base is None
        else sorted({str(word) for name, word in base.iter_all_terms() if name == "skills"})
    )
    if request.skill and request.skill not in skills:
        skills.append(request.skill)
    return ranking.RankContext(
        skills=skills,
        languages=viewer_languages(viewer, lang),
        mentoring=request.mentor or ranking.asks_for_mentoring(_WORD.findall(text)),
        now=_now(),
    )


def _now() -> datetime:
    return utcnow().replace(tzinfo=None)


def _one_per_translation(searcher, docnums: np.ndarray, languages: list[str]) -> np.ndarray:
    """Booleans over ``docnums``: one version of each text translated into several
    languages, the one in the first of ``languages`` found (else the first version)."""

    def compute() -> np.ndarray:
        found = fieldcache.column(searcher, "translation")
        out = np.full(found.size, -1, dtype=np.int64)
        if len(found.docs):
            out[found.docs] = found.codes
        return out

    groups = fieldcache.memo(searcher, ("translation groups",), compute)[docnums]
    keep = groups < 0
    if keep.all():
        return keep
    preference = np.full(len(docnums), len(languages), dtype=np.int64)
    for position, code in reversed(list(enumerate(languages))):
        preference[np.isin(docnums, fieldcache.docs_with(searcher, "languages", code))] = position
    grouped = np.flatnonzero(~keep)
    order = grouped[np.lexsort((docnums[grouped], preference[grouped], groups[grouped]))]
    first = np.ones(len(order), dtype=bool)
    first[1:] = groups[order][1:] != groups[order][:-1]
    keep[order[first]] = True
    return keep


def _run(
    searcher,
    base,
    allowed: np.ndarray,
    request: SearchRequest,
    evaluated: dict,
    context: ranking.RankContext | None = None,
) -> _Found:
    """Every document found among those ``allowed``, with its score, in order.

    Nothing is read per hit here: the page's hits are made from these afterwards, and
    distances come from the coordinates kept per document (app/search/fieldcache.py).
    """
    result = scoring.evaluate(searcher, base, evaluated)
    if result is None:  # a quoted phrase: Whoosh matches it
        matched = np.zeros(allowed.size, dtype=bool)
        scores = np.zeros(allowed.size, dtype=np.float64)
        allowed_set = set(np.flatnonzero(allowed).tolist())
        for score, docnum in searcher.search(base, filter=allowed_set, limit=None).top_n:
            matched[docnum] = True
            scores[docnum] = score
    else:
        matched, scores = result
        matched &= allowed
    docnums = np.flatnonzero(matched)
    if request.near is not None:
        distances = _distances(searcher, request.near, docnums)
        if request.radius_km:
            within = distances <= request.radius_km  # NaN, no place, is never within
            matched[docnums[~within]] = False
            docnums, distances = docnums[within], distances[within]
    context = context or ranking.RankContext()
    once = _one_per_translation(searcher, docnums, context.languages)
    if not once.all():
        matched[docnums[~once]] = False
        docnums = docnums[once]
        if request.near is not None:
            distances = distances[once]
    ranks = ranking.rank(
        searcher,
        docnums,
        scores[docnums],
        distances if request.near is not None else None,
        context,
    )
    # Best first, and equal ranks by docnum as Whoosh orders them; by date or by
    # distance, equals best first. Documents without a date or a place come last.
    keys = [docnums, -ranks]
    if request.sort == "date":
        newest = fieldcache.numbers(searcher, "updated")[docnums]
        keys.append(np.nan_to_num(-newest, nan=np.inf))
    elif request.sort == "distance" and request.near is not None:
        keys.append(np.nan_to_num(distances, nan=np.inf))
    sorting = np.lexsort(keys)
    order = docnums[sorting]
    return _Found(base, matched, scores, order, _PageRanks(docnums, ranks))


def checked_row(fields: dict, viewer) -> tuple[SearchKind, int, object] | None:
    """The kind, id and row of a hit's document, if the database still has the row, still
    indexes it and the viewer may see it now; else None. The index may lag behind."""
    from app.extensions import db

    parsed = split_key(fields["key"])
    if parsed is None:
        return None
    kind, row_id = parsed
    row = db.session.get(kind.model, row_id)
    if row is None or not kind.indexed(row) or not kind.visible(row, viewer):
        return None
    return kind, row_id, row


def _load_page(page: list[_PageHit]) -> list:
    """Load the rows of the page's hits, a kind at a time with what checking them reads,
    into the session (``checked_row`` finds them there); the caller keeps the list."""
    from app.extensions import db
    from app.search.indexer import load_rows

    wanted: dict[str, set[int]] = {}
    for fields, _score, _distance in page:
        parsed = split_key(fields["key"])
        if parsed is not None:
            wanted.setdefault(parsed[0].name, set()).add(parsed[1])
    return [row for name, ids in wanted.items() for row in load_rows(db.session, KINDS[name], ids)]


def _checked(page: list[_PageHit], words: frozenset[str], viewer) -> list[Hit]:
    """Load each hit's row and keep it only if the viewer may see it now."""
    shown = []
    loaded = _load_page(page)  # noqa: F841 - held while the rows are checked
    for fields, score, distance in page:
        checked = checked_row(fields, viewer)
        if checked is None:
            continue
        kind, row_id, row = checked
        # A document without text (a profile with no headline nor bio) has nothing to mark.
        marked = snippet(fields.get("text", ""), words)
        shown.append(
            Hit(
                kind=kind.name,
                id=row_id,
                title=fields.get("title", ""),
                url=kind.url(row),
                snippet=marked or escape(fields.get("summary", "")[:200]),
                score=score,
                distance_km=distance,
                row=row,
            )
        )
    return shown


def known_kind(name: str) -> bool:
    return name in KINDS


def suggest_titles(text: str, viewer, limit: int = 5) -> list[tuple[str, str]]:
    """(kind, title) of documents whose title has a word starting with the text's last word."""
    words = [w.lower() for w in _WORD.findall(clean_query(text))]
    if not words:
        return []
    searcher = get_searcher()
    parts = [query.Term("title", w) for w in words[:-1]] + [query.Prefix("title", words[-1])]
    results = searcher.search(query.And(parts), filter=shown_to(viewer), limit=limit)
    return [(hit["kind"], hit["title"]) for hit in results]


def find_all(request: SearchRequest, viewer, lang: str, within=None):
    """Every document a search finds as ``viewer`` sees it, in the search's order, with no
    page cut and no fuzzy pass (the map shows them all): (searcher, docnums, distances).

    ``within(searcher)`` may narrow what is allowed (booleans by docnum); ``distances`` is
    None without ``request.near``.
    """
    searcher = get_searcher()
    text = clean_query(request.q)
    base = (build_query(text, searcher.schema, lang) if text else None) or query.Every()
    allowed = _allowed(searcher, request, viewer)
    if within is not None:
        allowed &= within(searcher)
    context = rank_context(base, request, viewer, lang, text)
    found = _run(searcher, base, allowed, request, {}, context)
    distances = (
        _distances(searcher, request.near, found.order) if request.near is not None else None
    )
    return searcher, found.order, distances
