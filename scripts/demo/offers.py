"""Offer templates for the demo partners: kind, skills, modes, and texts as (nl, fr, en).

An English text is given only where an English-speaking partner uses the offer (None
otherwise). Descriptions may use {place}, the partner's town in the offer's language.
"""

from __future__ import annotations

from dataclasses import dataclass

FREE = "free"


@dataclass(frozen=True)
class OfferTemplate:
    kind: str
    skills: tuple[str, ...]
    modes: tuple[str, ...]
    title: tuple[str, str, str | None]
    description: tuple[str, str, str | None]
    price: tuple[str, str, str | None] = (FREE, FREE, FREE)
