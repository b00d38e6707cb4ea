"""The notifications table, and ``notify`` for the features that tell a member something."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type

SUBJECT_LENGTH = 200
LINK_LENGTH = 300


class NotificationKind(enum.StrEnum):
    NEED_RESPONSE = "need_response"
    RESPONSE_HELPED = "response_helped"
    PARTNER_VERIFIED = "partner_verified"
    SESSION_PLACE = "session_place"
    SESSION_CANCELLED = "session_cancelled"
    SESSION_MESSAGE = "session_message"
    CIRCLE_REQUEST = "circle_request"
    CIRCLE_ACCEPTED = "circle_accepted"
    CIRCLE_DECLINED = "circle_declined"
    CIRCLE_MEETING = "circle_meeting"
    NEED_MERGED = "need_merged"
    PROPOSAL_STATUS = "proposal_status"


#: What each kind says, with the actor's name and the subject (a title) filled in when shown,
#: so that a notification reads in the language of whoever reads it.
NOTIFICATION_MESSAGES = {
    NotificationKind.NEED_RESPONSE: _l("%(actor)s responded to your need “%(subject)s”."),
    NotificationKind.RESPONSE_HELPED: _l(
        "%(actor)s marked your response to “%(subject)s” as the one that helped."
    ),
    NotificationKind.PARTNER_VERIFIED: _l("Your organisation “%(subject)s” is verified."),
    NotificationKind.SESSION_PLACE: _l("A place freed up for you in “%(subject)s”."),
    NotificationKind.SESSION_CANCELLED: _l("The session “%(subject)s” is cancelled."),
    NotificationKind.SESSION_MESSAGE: _l("%(actor)s wrote to the participants of “%(subject)s”."),
    NotificationKind.CIRCLE_REQUEST: _l("%(actor)s asks to join your circle “%(subject)s”."),
    NotificationKind.CIRCLE_ACCEPTED: _l("You are a member of the circle “%(subject)s” now."),
    NotificationKind.CIRCLE_DECLINED: _l("Your request to join “%(subject)s” was declined."),
    NotificationKind.CIRCLE_MEETING: _l("A new meeting of the circle “%(subject)s” is planned."),
    NotificationKind.NEED_MERGED: _l(
        "Your need was merged into the same need “%(subject)s”: its responses are there."
    ),
    NotificationKind.PROPOSAL_STATUS: _l("The service proposal “%(subject)s” changed status."),
}


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(enum_type(NotificationKind))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # The actor's name and the subject's title as they were: the notification reads the same
    # after either changes, and needs no access to the feature's rows.
    actor_name: Mapped[str] = mapped_column(String(100), default="")
    subject: Mapped[str] = mapped_column(String(SUBJECT_LENGTH), default="")
    # A path on this site, where the notification leads.
    link: Mapped[str] = mapped_column(String(LINK_LENGTH), index=True)
    created_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, index=True
    )
    read_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind.value}>"

    @property
    def message(self) -> str:
        template = str(NOTIFICATION_MESSAGES[self.kind])
        # An actor who deleted their account leaves no name behind.
        actor = self.actor_name or str(_l("A former member"))
        return template % {"actor": actor, "subject": self.subject}


def notify(
    user_id: int,
    kind: NotificationKind,
    *,
    actor,
    subject: str,
    link: str,
    actor_name: str | None = None,
) -> None:
    """Tell a user about something; the caller commits. Nobody is told about their own act.

    ``actor_name`` is how the actor is shown (default: their account name).
    """
    if actor is not None and actor.id == user_id:
        return
    if actor_name is None:
        actor_name = actor.name if actor is not None else ""
    db.session.add(
        Notification(
            user_id=user_id,
            kind=kind,
            actor_id=actor.id if actor is not None else None,
            actor_name=actor_name[:100],
            subject=subject[:SUBJECT_LENGTH],
            link=link[:LINK_LENGTH],
        )
    )


def forget_notifications(link: str) -> None:
    """Delete the notifications leading to ``link`` (or into it), when the thing is deleted."""
    db.session.execute(
        delete(Notification).where(
            (Notification.link == link) | Notification.link.startswith(link + "#", autoescape=True)
        )
    )


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
    )
