"""The circles a member's home page suggests: by the skills they share, and their region."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import false, or_, select

from app.circles.access import listed_circles_clause
from app.circles.models import CircleMembership, CircleSkill, PeerCircle
from app.extensions import db
from app.main.home import NEWS_ITEMS, NewsItem, NewsSection
from app.members.models import MemberSkill
from app.members.profiles import profile_of
from app.places.models import Place


def suggested_circles(user, limit: int = NEWS_ITEMS) -> list[PeerCircle]:
    """Circles the member is not in, sharing a skill of their profile or in their region."""
    profile = profile_of(user)
    if profile is None:
        return []
    region = profile.place.region if profile.place else None
    skills = select(MemberSkill.skill_id).where(MemberSkill.profile_id == profile.id)
    shares = PeerCircle.skills.any(CircleSkill.skill_id.in_(skills))
    near = Place.region == region if region else false()
    joined = select(CircleMembership.circle_id).where(CircleMembership.user_id == user.id)
    return list(
        db.session.scalars(
            select(PeerCircle)
            .outerjoin(Place, PeerCircle.place_id == Place.id)
            .where(listed_circles_clause(user), or_(shares, near), PeerCircle.id.not_in(joined))
            .order_by(PeerCircle.created_at.desc(), PeerCircle.id.desc())
            .limit(limit)
        )
    )


def circles_for_you(user) -> NewsSection | None:
    """The home page's section of suggested circles."""
    circles = suggested_circles(user)
    return NewsSection(
        key="circles",
        title=_("Peer circles for you"),
        items=[
            NewsItem(
                url=url_for("circles.show", circle_id=c.id),
                title=c.name,
                detail=", ".join(
                    part
                    for part in (c.place.name if c.place else "", _("Online") if c.online else "")
                    if part
                ),
            )
            for c in circles
        ],
        more_url=url_for("circles.directory"),
        more_label=_("All peer circles"),
    )


def register_news() -> None:
    """Add the section to the home page's (once, however many apps are created)."""
    from app.main.home import NEWS_SECTIONS

    if circles_for_you not in NEWS_SECTIONS:
        NEWS_SECTIONS.append(circles_for_you)
