"""A member's circles in their data export, and what leaving does to the circles they lead."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.circles.models import CircleMembership, CircleMessage, MembershipStatus, PeerCircle
from app.extensions import db
from app.personal import Erasure, PersonalData, register, row_data
from app.sessions.models import GuidanceSession


def personal_circles(user) -> dict[str, Any]:
    """The member's memberships and requests, the circles they lead, their board messages."""
    memberships = db.session.scalars(
        select(CircleMembership)
        .where(CircleMembership.user_id == user.id)
        .order_by(CircleMembership.id)
    )
    led = db.session.scalars(
        select(PeerCircle).where(PeerCircle.facilitator_id == user.id).order_by(PeerCircle.id)
    )
    messages = db.session.scalars(
        select(CircleMessage).where(CircleMessage.author_id == user.id).order_by(CircleMessage.id)
    )
    return {
        "circle_memberships": [row_data(m, circle_name=m.circle.name) for m in memberships],
        "facilitated_circles": [
            row_data(
                c,
                skills=[
                    {"circle_id": c.id, "skill_id": skill.id, "skill": skill.slug}
                    for skill in c.skills
                ],
            )
            for c in led
        ],
        "circle_messages": [
            row_data(m, circle_name=db.session.get(PeerCircle, m.circle_id).name) for m in messages
        ],
    }


def release_circles_of(erasure: Erasure) -> None:
    """Before an account goes: each circle it leads passes to its longest-standing other
    member, or goes if it has none. Its memberships and messages go with the account (ON
    DELETE CASCADE). The caller commits."""
    user = erasure.user
    led = db.session.scalars(select(PeerCircle).where(PeerCircle.facilitator_id == user.id)).all()
    for circle in led:
        heirs = [
            m
            for m in circle.memberships
            if m.status is MembershipStatus.MEMBER and m.user_id != user.id
        ]
        if heirs:
            circle.facilitator_id = min(
                heirs, key=lambda m: (m.decided_at or m.created_at, m.id)
            ).user_id
        else:
            # Its meetings one by one, so the search outbox sees the public ones go.
            for meeting in db.session.scalars(
                select(GuidanceSession).where(GuidanceSession.circle_id == circle.id)
            ):
                db.session.delete(meeting)
            db.session.delete(circle)
    db.session.flush()


def register_personal_data() -> None:
    """Declare the circles' rows."""
    register(
        PersonalData(
            name="circles",
            models=(PeerCircle, CircleMembership, CircleMessage),
            export=personal_circles,
            export_order=120,
            erase=release_circles_of,
            erase_order=50,
        )
    )
