"""Queries: parsing over every language, skill expansion, filters, facets and distance."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from whoosh import qparser, query, sorting
from whoosh.highlight import ContextFragmenter, HtmlFormatter

from app.search.documents import KINDS, split_key
from app.search.schema import FACETS, LANGUAGES
from app.search.searcher import get_searcher

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
    near: object = None  # a Place
    radius_km: float | None = None
    sort: str = "relevance"  # relevance | date | distance
    page: int = 1
    per_page: int = 20


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


@dataclass
class SearchResults:
    total: int = 0
    page: int = 1
    per_page: int = 20
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    fuzzy: bool = False

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def clean_query(text: str) -> str:
    """Control characters out, length capped, white space folded, unpaired quotes dropped."""
    text = " ".join(_CONTROL.sub(" ", text or "")[:MAX_QUERY].split())
    if text.count('"') % 2:
        text = text.replace('"', " ")
    return text


def _parser(schema, lang: str):
    boosts = {"title": 3.0, "skill_labels": 2.0, f"text_{lang}": 1.5}
    parser = qparser.MultifieldParser(TEXT_FIELDS, schema, fieldboosts=boosts)
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.remove_plugin_class(qparser.BoostPlugin)
    return parser


def _skill_expansion(words: list[str]) -> list[tuple[int, int, int]]:
    """(start, end, skill id) for runs of words that name a skill, longest first."""
    from app.skills.taxonomy import resolve_skill

    found = []
    taken: set[int] = set()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            span = set(range(start, start + size))
            if span & taken:
                continue
            skill = resolve_skill(" ".join(words[start : start + size]))
            if skill is not None:
                found.append((start, start + size, skill.id))
                taken |= span
    return sorted(found)


def build_query(text: str, schema, lang: str):
    """The query for ``text``: each word over every text field, or the skill it names."""
    words = _WORD.findall(text)
    if not words:
        return None
    parser = _parser(schema, lang)
    has_syntax = any(ch in text for ch in '"()') or re.search(r"\b(AND|OR|NOT)\b", text)
    if has_syntax:
        try:
            parsed = parser.parse(text)
            if parsed is not query.NullQuery:
                return parsed
        except Exception:  # noqa: S110 - any syntax the parser cannot take is searched as words
            pass
    expansions = {start: (end, skill) for start, end, skill in _skill_expansion(words)}
    parts = []
    index = 0
    while index < len(words):
        if index in expansions:
            end, skill = expansions[index]
            phrase = parser.parse(" ".join(words[index:end]))
            parts.append(query.Or([phrase, query.Term("skills", str(skill), boost=2.0)]))
            index = end
        else:
            parts.append(parser.parse(words[index]))
            index += 1
    parts = [part for part in parts if part is not query.NullQuery]
    return query.And(parts) if parts else None


def _fuzzy_query(text: str):
    words = [w.lower() for w in _WORD.findall(text)]
    parts = [
        query.Or(
            [
                query.FuzzyTerm(name, word, maxdist=1, prefixlength=1)
                for name in ("text", "title", "skill_labels")
            ]
        )
        for word in words
        if len(word) > 2
    ]
    return query.And(parts) if parts else None


def _suggestion(searcher, text: str) -> str | None:
    corrector = searcher.corrector("text")
    changed = False
    out = []
    for word in _WORD.findall(text):
        lower = word.lower()
        best = corrector.suggest(lower, limit=1, maxdist=1, prefix=1)
        if best and best[0] != lower and len(lower) > 2:
            out.append(best[0])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None


def _filters(request: SearchRequest, viewer):
    terms = [
        query.Or([query.Term("visibility", v) for v in visibilities_for(viewer)]),
    ]
    for name, value in (
        ("kind", request.kind),
        ("sector", request.sector),
        ("languages", request.language),
        ("modes", request.mode),
        ("region", request.region),
        ("topics", request.topic),
        ("skills", request.skill),
    ):
        if value:
            terms.append(query.Term(name, str(value)))
    if request.mentor:
        terms.append(query.Term("mentor", True))
    if request.near is not None and request.radius_km:
        from app.places.gazetteer import bounding_box

        min_lat, max_lat, min_lon, max_lon = bounding_box(
            request.near.latitude, request.near.longitude, request.radius_km
        )
        terms.append(query.NumericRange("lat", min_lat, max_lat))
        terms.append(query.NumericRange("lon", min_lon, max_lon))
    return query.And(terms)


def visibilities_for(viewer) -> list[str]:
    """Anonymous visitors see public documents; members also members-only ones."""
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        return ["public", "members"]
    return ["public"]


def _distance(request: SearchRequest, fields: dict) -> float | None:
    if request.near is None or "lat" not in fields:
        return None
    from app.places.gazetteer import distance_km

    return distance_km(request.near, (fields["lat"], fields["lon"]))


def _facet_counts(results) -> dict[str, dict[str, int]]:
    counts = {}
    for name in FACETS:
        groups = results.groups(name)
        counts[name] = {
            str(value): len(docs) if isinstance(docs, list) else docs
            for value, docs in groups.items()
            if value not in (None, "")
        }
    # A boolean field groups as "t"/"f"; only the mentors are worth a link.
    mentors = counts.pop("mentor", {}).get("t", 0)
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
    filters = _filters(request, viewer)
    results = SearchResults(page=request.page, per_page=request.per_page)
    hits, facets_source = _run(searcher, base, filters, request)
    if text and len(hits) < FEW_HITS:
        results.suggestion = _suggestion(searcher, text)
        fuzzy = _fuzzy_query(text)
        if fuzzy is not None:
            fuzzy_hits, fuzzy_source = _run(searcher, query.Or([base, fuzzy]), filters, request)
            if len(fuzzy_hits) > len(hits):
                hits, facets_source = fuzzy_hits, fuzzy_source
                results.fuzzy = True
    results.total = len(hits)
    results.facets = _facet_counts(facets_source)
    start = (request.page - 1) * request.per_page
    results.hits = _checked(hits[start : start + request.per_page], viewer, base, request)
    return results


def _run(searcher, base, filters, request: SearchRequest):
    facets = [sorting.FieldFacet(name, allow_overlap=multi) for name, multi in FACETS.items()]
    sortedby = None
    reverse = False
    if request.sort == "date":
        sortedby, reverse = "updated", True
    results = searcher.search(
        base,
        filter=filters,
        limit=None,
        groupedby=facets,
        sortedby=sortedby,
        reverse=reverse,
        terms=True,
    )
    hits = list(results)
    if request.near is not None:
        with_distance = [(hit, _distance(request, hit.fields())) for hit in hits]
        if request.radius_km:
            with_distance = [
                (hit, d) for hit, d in with_distance if d is not None and d <= request.radius_km
            ]
        if request.sort == "distance":
            with_distance.sort(key=lambda pair: (pair[1] is None, pair[1] or 0))
        hits = [hit for hit, _d in with_distance]
    return hits, results


_FORMATTER = HtmlFormatter(tagname="mark", between=" … ")


def _checked(hits, viewer, base, request: SearchRequest) -> list[Hit]:
    """Load each hit's row and keep it only if the viewer may see it now."""
    from app.extensions import db

    shown = []
    for hit in hits:
        fields = hit.fields()
        parsed = split_key(fields["key"])
        if parsed is None:
            continue
        kind, row_id = parsed
        row = db.session.get(kind.model, row_id)
        if row is None or kind.build(row) is None or not kind.visible(row, viewer):
            continue
        hit.results.fragmenter = ContextFragmenter(maxchars=200, surround=40)
        hit.results.formatter = _FORMATTER
        # Whoosh escapes the text it highlights; a plain summary is escaped here.
        highlighted = hit.highlights("text", top=2)
        snippet = Markup(highlighted) if highlighted else escape(fields.get("summary", "")[:200])  # noqa: S704
        shown.append(
            Hit(
                kind=kind.name,
                id=row_id,
                title=fields.get("title", ""),
                url=kind.url(row),
                snippet=snippet,
                score=float(hit.score or 0.0),
                distance_km=_distance(request, fields),
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
    visible = query.Or([query.Term("visibility", v) for v in visibilities_for(viewer)])
    results = searcher.search(query.And(parts), filter=visible, limit=limit)
    return [(hit["kind"], hit["title"]) for hit in results]
