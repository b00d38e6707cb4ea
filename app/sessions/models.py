"""Sessions (workshops, information sessions, peer exchanges…), registrations and feeds."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship

if TYPE_CHECKING:
    from app.circles.models import PeerCircle

from app.accounts.models import User
from app.clock import as_utc, utcnow
from app.extensions import db, enum_type
from app.partners.models import Partner
from app.places.models import Place
from app.skills.models import Skill

DEFAULT_TIMEZONE = "Europe/Brussels"
TITLE_LENGTH = 200
LINK_LENGTH = 500


class SessionKind(enum.StrEnum):
    WORKSHOP = "workshop"
    INFORMATION = "information"
    PEER_EXCHANGE = "peer_exchange"
    COWORKING = "coworking"
    TRAINING = "training"
    OTHER = "other"


KIND_LABELS = {
    SessionKind.WORKSHOP: _l("Workshop"),
    SessionKind.INFORMATION: _l("Information session"),
    SessionKind.PEER_EXCHANGE: _l("Peer exchange"),
    SessionKind.COWORKING: _l("Coworking day"),
    SessionKind.TRAINING: _l("Training"),
    SessionKind.OTHER: _l("Other"),
}


class OrganiserKind(enum.StrEnum):
    MEMBER = "member"
    PARTNER = "partner"
    STAFF = "staff"


class RegistrationStatus(enum.StrEnum):
    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class GuidanceSession(db.Model):
    """One session: a time, a place and/or a link, a number of places."""

    __tablename__ = "guidance_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="nl")
    kind: Mapped[SessionKind] = mapped_column(enum_type(SessionKind), default=SessionKind.WORKSHOP)
    online: Mapped[bool] = mapped_column(default=False)
    in_person: Mapped[bool] = mapped_column(default=True)
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    address: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(LINK_LENGTH), default="")
    starts_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), index=True)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    capacity: Mapped[int] = mapped_column(default=12)
    # Spoken languages, comma-separated codes ("nl,fr").
    languages: Mapped[str] = mapped_column(String(20), default="nl")
    price: Mapped[str] = mapped_column(String(100), default="")
    public: Mapped[bool] = mapped_column(default=True)
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organiser_kind: Mapped[OrganiserKind] = mapped_column(
        enum_type(OrganiserKind), default=OrganiserKind.MEMBER
    )
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partners.id", ondelete="SET NULL"), index=True
    )
    # A meeting of a peer circle: seen by the circle's members only, unless ``public``.
    circle_id: Mapped[int | None] = mapped_column(
        ForeignKey("peer_circles.id", ondelete="CASCADE"), index=True
    )
    cancelled_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    place: Mapped[Place | None] = relationship()
    organiser: Mapped[User | None] = relationship()
    circle: Mapped[PeerCircle | None] = relationship()
    partner: Mapped[Partner | None] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary="guidance_session_skills")
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Registration.id"
    )

    def __repr__(self) -> str:
        return f"<GuidanceSession {self.id} {self.title!r}>"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime:
        return as_utc(self.starts_at).astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return as_utc(self.ends_at).astimezone(self.zone)

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def is_past(self) -> bool:
        return as_utc(self.ends_at) <= utcnow()

    @property
    def circle_only(self) -> bool:
        """A circle's meeting its members alone may see."""
        return self.circle_id is not None and not self.public

    def registration_of(self, user) -> Registration | None:
        """The member's live registration (registered or waiting), if any."""
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        for registration in self.registrations:
            if registration.user_id == user.id and registration.status is not (
                RegistrationStatus.CANCELLED
            ):
                return registration
        return None

    @property
    def registered(self) -> list[Registration]:
        return [r for r in self.registrations if r.status is RegistrationStatus.REGISTERED]

    @property
    def waiting(self) -> list[Registration]:
        return [r for r in self.registrations if r.status is RegistrationStatus.WAITING]

    @property
    def places_left(self) -> int:
        return max(self.capacity - len(self.registered), 0)


def listed_sessions_clause():
    """Sessions that lists (agenda, feeds, home page, search) may show: not a circle's own."""
    return or_(GuidanceSession.circle_id.is_(None), GuidanceSession.public.is_(True))


class GuidanceSessionSkill(db.Model):
    __tablename__ = "guidance_session_skills"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("guidance_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Registration(db.Model):
    """A member's place (or place in the queue) for a session."""

    __tablename__ = "session_registrations"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("guidance_sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(enum_type(RegistrationStatus))
    # The waiting list is served in the order people joined it.
    queued_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    attended: Mapped[bool | None] = mapped_column()
    reminded_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    session: Mapped[GuidanceSession] = relationship(back_populates="registrations")
    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Registration {self.session_id}/{self.user_id} {self.status.value}>"


class CalendarFeed(db.Model):
    """A member's private calendar address: whoever knows the token sees their sessions."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_feed_token)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
