"""A member's sessions in their data export, and what leaving does to them."""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import select

from app.clock import utcnow
from app.extensions import db
from app.notifications.models import NotificationKind, notify
from app.personal import Erasure, PersonalData, register, row_data
from app.sessions.models import (
    CalendarFeed,
    GuidanceSession,
    Registration,
    RegistrationStatus,
)
from app.sessions.registrations import hold_session, promote_waiting


def personal_sessions(user) -> dict[str, Any]:
    """The member's registrations, the sessions they organise and their calendar feed."""
    registrations = db.session.scalars(
        select(Registration).where(Registration.user_id == user.id).order_by(Registration.id)
    )
    organised = db.session.scalars(
        select(GuidanceSession)
        .where(GuidanceSession.organiser_id == user.id)
        .order_by(GuidanceSession.id)
    )
    feed = db.session.get(CalendarFeed, user.id)
    return {
        "session_registrations": [
            row_data(r, session_title=r.session.title) for r in registrations
        ],
        "organised_sessions": [
            row_data(
                s,
                skills=[
                    {"session_id": s.id, "skill_id": skill.id, "skill": skill.slug}
                    for skill in s.skills
                ],
            )
            for s in organised
        ],
        "calendar_feed": row_data(feed) if feed else None,
    }


def release_sessions_of(erasure: Erasure) -> None:
    """Before an account goes: its places pass to the waiting, its coming sessions are
    called off (their participants told). The caller commits."""
    user = erasure.user
    live = db.session.scalars(
        select(Registration).where(
            Registration.user_id == user.id,
            Registration.status != RegistrationStatus.CANCELLED,
        )
    ).all()
    for registration in live:
        session = registration.session
        hold_session(session)
        registration.status = RegistrationStatus.CANCELLED
        db.session.flush()
        if session.cancelled_at is None and not session.is_past:
            promote_waiting(session)
    coming = db.session.scalars(
        select(GuidanceSession).where(
            GuidanceSession.organiser_id == user.id,
            GuidanceSession.cancelled_at.is_(None),
            GuidanceSession.ends_at > utcnow(),
        )
    ).all()
    for session in coming:
        session.cancelled_at = utcnow()
        for registration in session.registrations:
            if registration.status is not RegistrationStatus.CANCELLED:
                notify(
                    registration.user_id,
                    NotificationKind.SESSION_CANCELLED,
                    actor=None,
                    subject=session.title,
                    link=url_for("sessions.show", session_id=session.id),
                )
    db.session.flush()


def register_personal_data() -> None:
    """Declare the sessions' rows (registrations and the feed go by ON DELETE CASCADE)."""
    register(
        PersonalData(
            name="sessions",
            models=(Registration, GuidanceSession, CalendarFeed),
            export=personal_sessions,
            export_order=110,
            # Before circles: a circle's meetings are sessions its leaving facilitator organised.
            erase=release_sessions_of,
            erase_order=40,
        )
    )
