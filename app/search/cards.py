"""Result cards: what a result shows about itself and why it was found, for the page and the API.

A feature registers, for its kind, a function that turns a page of rows into cards (plain
dicts that JSON can carry): the search page renders them with one macro per kind, the
API returns them as they are, so the two always say the same. The member directory,
"find a mentor" and the suggestions of a need make their members' cards here too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class CardContext:
    """What a card explains itself against: the search's skills, place and viewer."""

    skills: list[str] = field(default_factory=list)  # skill ids the search names (as text)
    languages: list[str] = field(default_factory=list)  # the languages the viewer reads
    mentoring: bool = False
    near: Any = None  # the Place searched from


#: kind -> (rows, distances in km or None each, context) -> one card per row
CARD_MAKERS: dict[str, Callable[[Sequence[Any], Sequence[float | None], CardContext], list]] = {}


def register_card(kind: str, make: Callable) -> None:
    """Let a kind's results show a card (see the module's docstring)."""
    CARD_MAKERS[kind] = make


def cards_for(
    kind: str, rows: Sequence[Any], distances: Sequence[float | None], context: CardContext
) -> list[dict]:
    """The cards of rows of one kind, in their order (empty dicts for a kind without cards)."""
    make = CARD_MAKERS.get(kind)
    if make is None or not rows:
        return [{} for _row in rows]
    return make(rows, distances, context)


def attach_cards(hits: list, context: CardContext) -> None:
    """Give each search hit its ``card``, a kind at a time."""
    by_kind: dict[str, list] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit)
    for kind, group in by_kind.items():
        made = cards_for(kind, [h.row for h in group], [h.distance_km for h in group], context)
        for hit, card in zip(group, made, strict=True):
            hit.card = card


def initials(name: str) -> str:
    """Up to two capital letters for a name, shown where a photo would be."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    letters = [word[0] for word in words[:1] + words[1:][-1:]]
    return "".join(letters).upper() or "?"


def km(distance: float | None) -> float | None:
    return None if distance is None else round(distance, 1)
