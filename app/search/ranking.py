"""How well each document found answers the query: the weights, in one place.

A document's rank is its text relevance (its score over the best score found, so from
0 to 1) plus, for each factor below, the factor's weight times how far the document
has it (from 0 to 1). The README's "Ranking" section lists the same weights; a test
shows each of them changing an order (tests/test_search_ranking.py).

Every factor is read from fields the field cache keeps per document
(app/search/engine/fieldcache.py): ranking is a few array operations over the documents found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from app.search.engine import fieldcache

#: How much each factor adds to a document's relevance (which is from 0 to 1).
WEIGHTS: dict[str, float] = {
    # The level at which a member holds the skill the query names (an expert the most).
    "expert": 0.6,
    "experienced": 0.35,
    "beginner": 0.1,
    # The member said they can help others with that skill.
    "can_help": 0.25,
    # The member has open mentoring places, when the search asks for mentoring.
    "mentoring": 0.4,
    # The document is in (or the member speaks) a language the viewer reads.
    "language": 0.15,
    # Near the place searched from: the whole weight at 0 km, half at DISTANCE_HALF_KM.
    "distance": 0.5,
    # How complete a member's profile is.
    "completeness": 0.1,
    # How recently it changed: the whole weight today, half after RECENT_HALF_DAYS.
    "recent": 0.1,
    # A dated document (an offer, a session) that starts soon: the whole weight today,
    # half after UPCOMING_HALF_DAYS; nothing once it has started.
    "upcoming": 0.3,
}
DISTANCE_HALF_KM = 15.0
RECENT_HALF_DAYS = 180.0
UPCOMING_HALF_DAYS = 45.0
#: Words that ask for mentoring, in nl, fr and en (folded, lower-case).
MENTORING_WORDS = frozenset(
    {
        "mentor",
        "mentors",
        "mentoring",
        "mentorat",
        "mentoraat",
        "peter",
        "meter",
        "peterschap",
        "parrain",
        "marraine",
        "parrainage",
        "godparent",
    }
)
_LEVEL_FIELDS = (("expert", "expert_in"), ("experienced", "experienced_in"))


@dataclass
class RankContext:
    """What a search asks, beyond its words, that ranking weighs."""

    skills: list[str] = field(default_factory=list)  # skill ids the query names or filters on
    languages: list[str] = field(default_factory=list)  # those the viewer reads
    mentoring: bool = False
    now: datetime | None = None


def _decay(values: np.ndarray, half: float) -> np.ndarray:
    """1 at 0, 1/2 at ``half``, towards 0 beyond; 0 where a value is missing (NaN)."""
    out = np.power(0.5, np.maximum(values, 0.0) / half)
    return np.nan_to_num(out, nan=0.0)


def _holding(searcher, fieldname: str, value: str, docnums: np.ndarray) -> np.ndarray:
    return np.isin(docnums, fieldcache.docs_with(searcher, fieldname, value))


def rank(
    searcher,
    docnums: np.ndarray,
    scores: np.ndarray,
    distances: np.ndarray | None,
    context: RankContext,
    weights: dict[str, float] | None = None,
) -> np.ndarray:
    """The rank of each of ``docnums`` (their text ``scores`` and km ``distances`` given)."""
    weights = WEIGHTS if weights is None else weights
    best = float(scores.max()) if len(scores) else 0.0
    ranked = scores / best if best > 0 else np.ones(len(docnums))
    if not len(docnums):
        return ranked
    if context.skills:
        share = 1.0 / len(context.skills)
        for skill in context.skills:
            holds = _holding(searcher, "skills", skill, docnums)
            level = np.where(holds, weights["beginner"], 0.0)
            for name, fieldname in _LEVEL_FIELDS:
                level[_holding(searcher, fieldname, skill, docnums)] = weights[name]
            helps = _holding(searcher, "helps", skill, docnums) * weights["can_help"]
            ranked += share * (level + helps)
    if context.mentoring:
        ranked += _holding(searcher, "mentor", "t", docnums) * weights["mentoring"]
    if context.languages:
        reads = np.zeros(len(docnums), dtype=bool)
        for code in context.languages:
            reads |= _holding(searcher, "languages", code, docnums)
        ranked += reads * weights["language"]
    if distances is not None:
        ranked += _decay(distances, DISTANCE_HALF_KM) * weights["distance"]
    completeness = fieldcache.numbers(searcher, "completeness")[docnums]
    ranked += np.nan_to_num(completeness, nan=0.0) * weights["completeness"]
    # The index keeps dates as naive UTC.
    now = fieldcache.as_number(context.now or datetime.now(UTC).replace(tzinfo=None))
    age_days = (now - fieldcache.numbers(searcher, "updated")[docnums]) / 86400.0
    ranked += _decay(age_days, RECENT_HALF_DAYS) * weights["recent"]
    starts_in = (fieldcache.numbers(searcher, "starts")[docnums] - now) / 86400.0
    # Started already (before today): no longer upcoming.
    starts_in[starts_in < -1] = math.nan
    ranked += _decay(starts_in, UPCOMING_HALF_DAYS) * weights["upcoming"]
    # Differences below this are noise (two profiles saved a second apart): such equals
    # keep the order Whoosh gives them.
    return np.round(ranked, 4)


def asks_for_mentoring(words: list[str]) -> bool:
    """Whether the query's words ask for a mentor."""
    return any(word.lower() in MENTORING_WORDS for word in words)
