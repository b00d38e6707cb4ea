"""The sessions a member's home page offers: upcoming, in their region or online."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.clock import utcnow
from app.extensions import db
from app.main.home import NEWS_ITEMS, NewsItem, NewsSection
from app.members.profiles import profile_of
from app.places.models import Place
from app.sessions.display import local_time
from app.sessions.models import GuidanceSession, Registration, listed_sessions_clause


def sessions_near(user) -> NewsSection | None:
    """Upcoming sessions in the member's region, or online, that they have not joined."""
    profile = profile_of(user)
    region = profile.place.region if profile is not None and profile.place else None
    where_ok = GuidanceSession.online.is_(True)
    if region:
        where_ok = or_(where_ok, Place.region == region)
    joined = select(Registration.session_id).where(Registration.user_id == user.id)
    sessions = db.session.scalars(
        select(GuidanceSession)
        .outerjoin(Place, GuidanceSession.place_id == Place.id)
        .where(
            GuidanceSession.starts_at > utcnow(),
            GuidanceSession.cancelled_at.is_(None),
            listed_sessions_clause(),
            where_ok,
            GuidanceSession.id.not_in(joined),
        )
        .order_by(GuidanceSession.starts_at, GuidanceSession.id)
        .limit(NEWS_ITEMS)
    ).all()
    return NewsSection(
        key="sessions-near",
        title=_("Sessions near you or online"),
        items=[
            NewsItem(
                url=url_for("sessions.show", session_id=s.id), title=s.title, detail=local_time(s)
            )
            for s in sessions
        ],
        more_url=url_for("sessions.agenda"),
        more_label=_("The whole agenda"),
    )


def register_news() -> None:
    """Add the section to the home page's (once, however many apps are created)."""
    from app.main.home import NEWS_SECTIONS

    if sessions_near not in NEWS_SECTIONS:
        NEWS_SECTIONS.append(sessions_near)
