"""What the index holds on a set of skills: the members, offers and articles a need suggests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from app.search.documents import split_key
from app.search.engine.matching import all_of, any_term, documents
from app.search.engine.searcher import get_searcher
from app.search.query import _shown, checked_row, distance_from


@dataclass(frozen=True)
class Related:
    """A row whose document lists some of the skills: how many, and how far from the place."""

    row: Any
    shared_skills: int
    distance_km: float | None = None


@dataclass(frozen=True)
class _Candidate:
    fields: dict
    row_id: int
    shared_skills: int
    distance_km: float | None


def related_to_skills(
    kinds: str | Iterable[str],
    skill_ids: Iterable[int],
    viewer,
    *,
    field: str = "skills",
    near=None,
    exclude: Iterable[str] = (),
    then: Literal["newest", "title"] = "newest",
    limit: int = 10,
) -> list[Related]:
    """Rows of ``kinds`` whose documents list any of ``skill_ids`` in ``field``, as ``viewer``
    may see them, leaving out the documents whose keys are in ``exclude``.

    With a place ``near``: nearest first (documents without coordinates last), then by how
    many of the skills they list; without one, by that number. Ties go to the newest
    document, or with ``then="title"`` to titles in alphabetical order. Like every search
    hit, each row is checked against the database before it is kept.
    """
    wanted = {str(skill_id) for skill_id in skill_ids}
    if not wanted or limit <= 0:
        return []
    names = [kinds] if isinstance(kinds, str) else list(kinds)
    matches = all_of([any_term("kind", names), any_term(field, sorted(wanted))])
    excluded = list(exclude)
    searcher = get_searcher()
    # The search's own visibility filter, and its evaluation: the rule is written once.
    found = documents(
        searcher,
        matches,
        _shown(searcher, viewer),
        any_term("key", excluded) if excluded else None,
    )
    candidates = []
    for fields in found:
        parsed = split_key(fields["key"])
        if parsed is None:
            continue
        shared = len(wanted & set(fields.get(field, "").split()))
        candidates.append(_Candidate(fields, parsed[1], shared, distance_from(near, fields)))
    _rank(candidates, by_distance=near is not None, then=then)
    found = []
    for candidate in candidates:
        checked = checked_row(candidate.fields, viewer)
        if checked is None:
            continue
        found.append(Related(checked[2], candidate.shared_skills, candidate.distance_km))
        if len(found) == limit:
            break
    return found


def _rank(candidates: list[_Candidate], *, by_distance: bool, then: str) -> None:
    """Sort in place: each stable sort orders what the next one leaves tied."""
    candidates.sort(key=lambda c: c.row_id)
    if then == "title":
        candidates.sort(key=lambda c: c.fields.get("title", "").casefold())
    else:
        candidates.sort(key=lambda c: c.fields.get("updated") or datetime.min, reverse=True)
    candidates.sort(key=lambda c: -c.shared_skills)
    if by_distance:
        candidates.sort(key=lambda c: (c.distance_km is None, c.distance_km or 0.0))
