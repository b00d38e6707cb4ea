"""A member's result card: who they are, how good they are at what was asked, and why found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.members.models import LEVEL_LABELS, MODE_LABELS, Level, MemberSkill, Profile
from app.search.cards import CardContext, initials, km, register_card
from app.skills.models import interface_language, skill_names

#: Skills shown on a card when the search named none of the member's.
SKILLS_SHOWN = 4
_LEVEL_ORDER = {Level.EXPERT: 0, Level.EXPERIENCED: 1, Level.BEGINNER: 2}


class _Held(NamedTuple):
    """A skill as a card shows it: read as plain rows, not as ORM objects with all labels."""

    skill_id: int
    level: Level
    can_help: bool
    position: int


def _load(profiles: Sequence[Profile]) -> dict[int, list[_Held]]:
    """What the cards read, for all the profiles in a few queries (not a few per card).

    The skills come as rows and their names from the preferred labels alone: a skill has
    a dozen synonyms, and loading them all made the cards most of a search's time.
    """
    ids = [profile.id for profile in profiles]
    db.session.scalars(
        select(Profile)
        .where(Profile.id.in_(ids))
        .options(
            selectinload(Profile.languages),
            selectinload(Profile.modes),
            joinedload(Profile.place),
        )
        .execution_options(populate_existing=True)
    ).all()
    held: dict[int, list[_Held]] = {profile_id: [] for profile_id in ids}
    for profile_id, *row in db.session.execute(
        select(
            MemberSkill.profile_id,
            MemberSkill.skill_id,
            MemberSkill.level,
            MemberSkill.can_help,
            MemberSkill.position,
        ).where(MemberSkill.profile_id.in_(ids))
    ):
        held[profile_id].append(_Held(*row))
    return held


def member_cards(
    profiles: Sequence[Profile], distances: Sequence[float | None], context: CardContext
) -> list[dict]:
    """The cards of these profiles (``distances`` in km from the place searched, or None)."""
    from app.connections.mentoring import open_places_by_profile

    profiles = list(profiles)
    if not profiles:
        return []
    held = _load(profiles)
    places = open_places_by_profile(profiles)
    lang = interface_language()
    words = _Words(
        skills=skill_names({row.skill_id for rows in held.values() for row in rows}, lang),
        levels={level: str(label) for level, label in LEVEL_LABELS.items()},
        modes={mode: str(label) for mode, label in MODE_LABELS.items()},
    )
    return [
        member_card(profile, distance, context, places.get(profile.id, 0), held[profile.id], words)
        for profile, distance in zip(profiles, distances, strict=True)
    ]


class _Words(NamedTuple):
    """The names a page of cards shows, translated once for the page, not once per card."""

    skills: dict[int, str]
    levels: dict[Level, str]
    modes: dict


def member_card(
    profile: Profile,
    distance: float | None,
    context: CardContext,
    open_places: int,
    held: list[_Held],
    words: _Words,
) -> dict:
    """One profile's card (see ``member_cards``)."""
    asked = set(context.skills)
    rows = sorted(held, key=lambda row: (_LEVEL_ORDER[row.level], row.position))
    matched = [row for row in rows if str(row.skill_id) in asked]

    def skill(row: _Held) -> dict:
        return {
            "id": row.skill_id,
            "label": words.skills[row.skill_id],
            "level": row.level.value,
            "level_label": words.levels[row.level],
            "can_help": row.can_help,
        }

    readable = [code for code in profile.language_codes if code in context.languages]
    card = {
        "name": profile.display_name,
        "headline": profile.headline,
        "initials": initials(profile.display_name),
        "photo_url": (
            url_for("members.photo", profile_id=profile.id, token=profile.photo, size="small")
            if profile.photo
            else None
        ),
        "url": url_for("members.profile", profile_id=profile.id),
        "matched_skills": [skill(row) for row in matched],
        "skills": [
            skill(row) for row in (matched + [r for r in rows if r not in matched])[:SKILLS_SHOWN]
        ],
        "place": profile.place.name if profile.place else None,
        "distance_km": km(distance),
        "languages": profile.language_codes,
        "modes": [mode.value for mode in profile.mode_values],
        "mode_labels": [words.modes[mode] for mode in profile.mode_values],
        "can_help": [words.skills[row.skill_id] for row in rows if row.can_help],
        "open_places": open_places,
    }
    card["reason"] = _reason(card, matched, readable, context)
    return card


def _reason(card: dict, matched: list[_Held], readable: list[str], context) -> str:
    """The card's one line on why it was found: "Expert in Boekhouding · 4 km · speaks fr, nl"."""
    parts = []
    if matched:
        best = card["matched_skills"][0]
        parts.append(_("%(level)s in %(skill)s", level=best["level_label"], skill=best["label"]))
        if best["can_help"]:
            parts.append(_("can help"))
    if context.mentoring and card["open_places"]:
        parts.append(
            ngettext(
                "%(num)d open mentoring place", "%(num)d open mentoring places", card["open_places"]
            )
        )
    if card["distance_km"] is not None:
        parts.append(_("%(km)s km", km=round(card["distance_km"])))
    if readable:
        parts.append(_("speaks %(languages)s", languages=", ".join(sorted(readable))))
    return " · ".join(parts)


register_card("member", member_cards)
