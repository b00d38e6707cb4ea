"""The sessions as calendar events: one session, a member's private feed, the public feed."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from app.calendars import CalendarEvent
from app.clock import as_utc, utcnow
from app.extensions import db
from app.sessions.models import (
    CalendarFeed,
    GuidanceSession,
    Registration,
    RegistrationStatus,
    new_feed_token,
)


def session_events(sessions) -> list[CalendarEvent]:
    """Calendar events of the sessions; never the online link (a feed can be forwarded)."""
    events = []
    for session in sessions:
        location = ", ".join(
            part for part in (session.address, session.place.name if session.place else "") if part
        )
        events.append(
            CalendarEvent(
                uid=f"session-{session.id}@gilde",
                title=session.title,
                starts_at=as_utc(session.starts_at),
                ends_at=as_utc(session.ends_at),
                timezone=session.timezone,
                description=session.description[:2000],
                location=location,
                url=url_for("sessions.show", session_id=session.id, _external=True),
                cancelled=session.cancelled_at is not None,
            )
        )
    return events


def sessions_of(user_id: int) -> list[GuidanceSession]:
    """The sessions the member has a place in (cancelled ones stay, marked cancelled)."""
    return list(
        db.session.scalars(
            select(GuidanceSession)
            .join(Registration)
            .where(
                Registration.user_id == user_id,
                Registration.status == RegistrationStatus.REGISTERED,
            )
            .order_by(GuidanceSession.starts_at)
        )
    )


def public_sessions() -> list[GuidanceSession]:
    """Upcoming public sessions."""
    return list(
        db.session.scalars(
            select(GuidanceSession)
            .where(
                GuidanceSession.public.is_(True),
                GuidanceSession.cancelled_at.is_(None),
                GuidanceSession.ends_at > utcnow(),
            )
            .order_by(GuidanceSession.starts_at)
            .limit(500)
        )
    )


def feed_of(user) -> CalendarFeed:
    """The member's private feed, made on first use; commits when it is new."""
    feed = db.session.get(CalendarFeed, user.id)
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        db.session.add(feed)
        db.session.commit()
    return feed


def renew_feed(user) -> CalendarFeed:
    """A new secret address; the old one stops working. Commits."""
    feed = feed_of(user)
    feed.token = new_feed_token()
    db.session.commit()
    return feed
