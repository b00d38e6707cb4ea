"""Suggestions for a need: members who can help, partner offers, articles and upcoming
sessions on its skills.

They come from the search index, each checked against the database like a search hit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.members.models import Profile
from app.needs.models import Need
from app.search.documents import make_key

MAX_MEMBERS = 8
MAX_OFFERS = 6
MAX_ARTICLES = 6
MAX_SESSIONS = 4


@dataclass(frozen=True)
class Suggestion:
    """A suggested member profile, offer or article; how many of the need's skills it covers,
    and how far it is from the need's place (None without places)."""

    item: Any
    shared_skills: int
    distance_km: float | None = None


@dataclass(frozen=True)
class Suggestions:
    members: list[Suggestion]
    offers: list[Suggestion]
    articles: list[Suggestion]
    #: The members' result cards (app/members/cards.py), in the order of ``members``.
    member_cards: list[dict] = field(default_factory=list)
    sessions: list[Suggestion] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.members or self.offers or self.articles or self.sessions)


def _suggest(kinds, need: Need, viewer, **options) -> list[Suggestion]:
    # Imported here: the search queries import app.accounts, whose views reach this module.
    from app.search.related import related_to_skills

    related = related_to_skills(kinds, need.skill_ids, viewer, **options)
    return [Suggestion(r.row, r.shared_skills, r.distance_km) for r in related]


def suggest_members(need: Need, viewer, limit: int = MAX_MEMBERS) -> list[Suggestion]:
    """Listed profiles that can help with a needed skill, but the author's own.

    Nearest first when the need has a place (profiles without one last), then by the number
    of needed skills they cover; else by that number, then by name.
    """
    own = db.session.scalar(select(Profile.id).where(Profile.user_id == need.author_id))
    return _suggest(
        "member",
        need,
        viewer,
        field="helps",
        near=need.place,
        exclude=[make_key("member", own)] if own is not None else [],
        then="title",
        limit=limit,
    )


def suggest_offers(need: Need, viewer=None, limit: int = MAX_OFFERS) -> list[Suggestion]:
    """Current offers of verified partners on the needed skills; nearest first near a place,
    then by the number of needed skills they cover, then newest."""
    return _suggest("offer", need, viewer, near=need.place, limit=limit)


def suggest_articles(need: Need, viewer, limit: int = MAX_ARTICLES) -> list[Suggestion]:
    """Published articles and guides on the needed skills that the viewer may read: those
    covering most of the skills first, then the newest."""
    return _suggest(("article", "guide"), need, viewer, limit=limit)


def suggest_sessions(need: Need, viewer, limit: int = MAX_SESSIONS) -> list[Suggestion]:
    """Sessions to come on the needed skills, nearest first near a place (online ones after),
    then by the number of needed skills they cover, then the newest."""
    # The index drops a session the day after it ends; one that ended today goes here.
    found = _suggest("session", need, viewer, near=need.place, limit=limit + MAX_SESSIONS)
    return [s for s in found if not s.item.is_past][:limit]


def suggestions_for(need: Need, viewer) -> Suggestions:
    """Everything suggested for a need, as ``viewer`` may see it."""
    from app.members.cards import member_cards
    from app.members.profiles import reading_languages
    from app.search.cards import CardContext
    from app.skills.models import interface_language

    members = suggest_members(need, viewer)
    context = CardContext(
        skills=[str(skill_id) for skill_id in need.skill_ids],
        languages=reading_languages(viewer, interface_language()),
        near=need.place,
    )
    return Suggestions(
        members=members,
        offers=suggest_offers(need, viewer),
        articles=suggest_articles(need, viewer),
        sessions=suggest_sessions(need, viewer),
        member_cards=member_cards(
            [s.item for s in members], [s.distance_km for s in members], context
        ),
    )
