"""A member's result card: who they are, how good they are at what was asked, and why found."""

from __future__ import annotations

from collections.abc import Sequence

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.members.models import LEVEL_LABELS, MODE_LABELS, Level, MemberSkill, Profile
from app.search.cards import CardContext, initials, km, register_card
from app.skills.models import interface_language

#: Skills shown on a card when the search named none of the member's.
SKILLS_SHOWN = 4
_LEVEL_ORDER = {Level.EXPERT: 0, Level.EXPERIENCED: 1, Level.BEGINNER: 2}


def _load(profiles: Sequence[Profile]) -> None:
    """What the cards read, for all the profiles in a few queries (not a few per card)."""
    ids = [profile.id for profile in profiles]
    db.session.scalars(
        select(Profile)
        .where(Profile.id.in_(ids))
        .options(
            selectinload(Profile.skills).joinedload(MemberSkill.skill),
            selectinload(Profile.languages),
            selectinload(Profile.modes),
            joinedload(Profile.place),
        )
        .execution_options(populate_existing=True)
    ).all()


def member_cards(
    profiles: Sequence[Profile], distances: Sequence[float | None], context: CardContext
) -> list[dict]:
    """The cards of these profiles (``distances`` in km from the place searched, or None)."""
    from app.connections.mentoring import open_places_by_profile

    profiles = list(profiles)
    if not profiles:
        return []
    _load(profiles)
    places = open_places_by_profile(profiles)
    return [
        member_card(profile, distance, context, places.get(profile.id, 0))
        for profile, distance in zip(profiles, distances, strict=True)
    ]


def member_card(
    profile: Profile, distance: float | None, context: CardContext, open_places: int
) -> dict:
    """One profile's card (see ``member_cards``)."""
    lang = interface_language()
    asked = set(context.skills)
    rows = sorted(profile.skills, key=lambda row: (_LEVEL_ORDER[row.level], row.position))
    matched = [row for row in rows if str(row.skill_id) in asked]

    def skill(row: MemberSkill) -> dict:
        return {
            "id": row.skill_id,
            "label": row.skill.label(lang),
            "level": row.level.value,
            "level_label": str(LEVEL_LABELS[row.level]),
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
        "mode_labels": [str(MODE_LABELS[mode]) for mode in profile.mode_values],
        "can_help": [row.skill.label(lang) for row in rows if row.can_help],
        "open_places": open_places,
    }
    card["reason"] = _reason(card, matched, readable, context)
    return card


def _reason(card: dict, matched: list[MemberSkill], readable: list[str], context) -> str:
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
