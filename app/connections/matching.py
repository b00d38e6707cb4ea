"""Find a mentor: mentors with a skill and an open place, ranked for the member who asks.

The ranking is plain enough to explain on the page: the higher skill level first;
among equals, mentors who speak a language the member speaks; then the nearest
(mentors whose place is unknown last); then by name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from flask_babel import get_locale
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import selectinload

from app.connections.models import Mentorship, MentorshipStatus
from app.connections.people import profile_of_user
from app.extensions import db
from app.members.access import listed_profiles_clause
from app.members.models import Level, MemberSkill, Profile
from app.places.gazetteer import distance_km
from app.skills.models import Skill

LEVEL_RANK = {Level.EXPERT: 3, Level.EXPERIENCED: 2, Level.BEGINNER: 1}
#: The most mentors one skill's ranking weighs (the highest levels first).
MAX_CANDIDATES = 500


@dataclass(frozen=True)
class MentorMatch:
    """A mentor for a skill, with what their rank rests on."""

    profile: Profile
    level: Level
    open_places: int
    shared_languages: list[str] = field(default_factory=list)
    distance_km: float | None = None

    def sort_key(self) -> tuple:
        return (
            -LEVEL_RANK[self.level],
            not self.shared_languages,
            self.distance_km if self.distance_km is not None else math.inf,
            self.profile.display_name.casefold(),
            self.profile.id,
        )


@dataclass(frozen=True)
class Seeker:
    """What the ranking knows of the member looking for a mentor."""

    user_id: int | None
    languages: frozenset[str]
    place: object | None


def seeker_of(viewer) -> Seeker:
    """The viewer's languages and place, from their profile; else the interface language."""
    if viewer is None or not viewer.is_authenticated:
        return Seeker(None, frozenset({str(get_locale() or "nl")}), None)
    profile = profile_of_user(viewer.id)
    languages = set(profile.language_codes) if profile is not None else set()
    if not languages:
        languages = {viewer.locale or str(get_locale() or "nl")}
    return Seeker(viewer.id, frozenset(languages), profile.place if profile is not None else None)


def _active_counts():
    return (
        select(Mentorship.mentor_id, func.count(Mentorship.id).label("active"))
        .where(Mentorship.status == MentorshipStatus.ACTIVE)
        .group_by(Mentorship.mentor_id)
        .subquery()
    )


def find_mentors(skill: Skill, viewer, limit: int = 30, exclude=()) -> list[MentorMatch]:
    """Listed mentors who have ``skill`` and an open place, best first."""
    seeker = seeker_of(viewer)
    active = _active_counts()
    taken = func.coalesce(active.c.active, 0)
    level_order = case(
        {Level.EXPERT.value: 0, Level.EXPERIENCED.value: 1}, value=MemberSkill.level, else_=2
    )
    stmt = (
        select(Profile, MemberSkill.level, (Profile.mentor_capacity - taken).label("places"))
        .join(
            MemberSkill,
            and_(MemberSkill.profile_id == Profile.id, MemberSkill.skill_id == skill.id),
        )
        .outerjoin(active, active.c.mentor_id == Profile.user_id)
        .where(
            listed_profiles_clause(viewer),
            Profile.mentor.is_(True),
            Profile.mentor_capacity > taken,
        )
        .options(selectinload(Profile.languages), selectinload(Profile.place))
        .order_by(level_order, Profile.id)
        .limit(MAX_CANDIDATES)
    )
    if seeker.user_id is not None:
        stmt = stmt.where(Profile.user_id != seeker.user_id)
    if exclude:
        stmt = stmt.where(Profile.id.not_in(list(exclude)))
    matches = []
    for profile, level, open_count in db.session.execute(stmt):
        distance = None
        if seeker.place is not None and profile.place is not None:
            distance = distance_km(seeker.place, profile.place)
        shared = sorted(seeker.languages & set(profile.language_codes))
        matches.append(MentorMatch(profile, level, open_count, shared, distance))
    matches.sort(key=MentorMatch.sort_key)
    return matches[:limit]


def other_mentors(profile: Profile, viewer, limit: int = 3) -> list[MentorMatch]:
    """Mentors with an open place who share a skill with ``profile`` (a mentor who is full)."""
    found: dict[int, MentorMatch] = {}
    for row in profile.skills:
        for match in find_mentors(row.skill, viewer, limit=limit, exclude=[profile.id, *found]):
            found.setdefault(match.profile.id, match)
        if len(found) >= limit:
            break
    return list(found.values())[:limit]
