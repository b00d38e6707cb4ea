"""The result card of a need: its place, status and skills."""

from __future__ import annotations

from collections.abc import Sequence

from app.needs.models import Need
from app.search.cards import CardContext, km, register_card
from app.skills.models import interface_language


def need_cards(
    needs: Sequence[Need], distances: Sequence[float | None], context: CardContext
) -> list[dict]:
    """A need's card: where, its status and the skills it asks for."""
    lang = interface_language()
    return [
        {
            "place": need.place.name if need.place else None,
            "distance_km": km(distance),
            "status": need.status.value,
            "skills": [row.skill.label(lang) for row in need.skills],
        }
        for need, distance in zip(needs, distances, strict=True)
    ]


register_card("need", need_cards)
