"""Peer circles: small groups of members who meet again and again on a theme."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import db, enum_type
from app.places.models import Place
from app.skills.models import Skill

NAME_LENGTH = 150
MESSAGE_LENGTH = 2000
MAX_SIZE = 30


class CircleKind(enum.StrEnum):
    INTERVISION = "intervision"
    CO_GUIDANCE = "co_guidance"
    TRADE = "trade"
    STARTERS = "starters"
    OTHER = "other"


CIRCLE_KIND_LABELS = {
    CircleKind.INTERVISION: _l("Intervision"),
    CircleKind.CO_GUIDANCE: _l("Co-guidance"),
    CircleKind.TRADE: _l("Trade circle"),
    CircleKind.STARTERS: _l("Starters' circle"),
    CircleKind.OTHER: _l("Other"),
}


class Admission(enum.StrEnum):
    """How one becomes a member: at once, or once the facilitator accepts."""

    OPEN = "open"
    ON_REQUEST = "on_request"


class CircleVisibility(enum.StrEnum):
    """Who finds the circle (its name, theme and facilitator); its page is for its members."""

    PUBLIC = "public"
    MEMBERS = "members"


class MembershipStatus(enum.StrEnum):
    MEMBER = "member"
    REQUESTED = "requested"
    DECLINED = "declined"
    LEFT = "left"


class PeerCircle(db.Model):
    """A circle: a theme, a facilitator, a size limit, and its members."""

    __tablename__ = "peer_circles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    theme: Mapped[str] = mapped_column(Text, default="")
    # The language the theme is written in, and the one the circle speaks.
    language: Mapped[str] = mapped_column(String(5), default="nl")
    kind: Mapped[CircleKind] = mapped_column(enum_type(CircleKind), default=CircleKind.OTHER)
    online: Mapped[bool] = mapped_column(default=False)
    # Where an in-person circle meets; its region is the place's.
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # The facilitator counts: a circle of 8 is the facilitator and seven others.
    size_limit: Mapped[int] = mapped_column(default=8)
    admission: Mapped[Admission] = mapped_column(enum_type(Admission), default=Admission.OPEN)
    visibility: Mapped[CircleVisibility] = mapped_column(
        enum_type(CircleVisibility), default=CircleVisibility.MEMBERS
    )
    closed_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    place: Mapped[Place | None] = relationship()
    facilitator: Mapped[User | None] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary="circle_skills")
    memberships: Mapped[list[CircleMembership]] = relationship(
        back_populates="circle", cascade="all, delete-orphan", order_by="CircleMembership.id"
    )

    def __repr__(self) -> str:
        return f"<PeerCircle {self.id} {self.name!r}>"

    @property
    def members(self) -> list[CircleMembership]:
        return [m for m in self.memberships if m.status is MembershipStatus.MEMBER]

    @property
    def requests(self) -> list[CircleMembership]:
        return [m for m in self.memberships if m.status is MembershipStatus.REQUESTED]

    @property
    def places_left(self) -> int:
        return max(self.size_limit - len(self.members), 0)

    def membership_of(self, user) -> CircleMembership | None:
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        for membership in self.memberships:
            if membership.user_id == user.id:
                return membership
        return None

    def has_member(self, user) -> bool:
        membership = self.membership_of(user)
        return membership is not None and membership.status is MembershipStatus.MEMBER


class CircleSkill(db.Model):
    __tablename__ = "circle_skills"

    circle_id: Mapped[int] = mapped_column(
        ForeignKey("peer_circles.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CircleMembership(db.Model):
    """A member of a circle, or someone asking to be one."""

    __tablename__ = "circle_memberships"
    __table_args__ = (UniqueConstraint("circle_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(
        ForeignKey("peer_circles.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[MembershipStatus] = mapped_column(enum_type(MembershipStatus))
    # What the asker tells the facilitator about themselves.
    motivation: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    circle: Mapped[PeerCircle] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<CircleMembership {self.circle_id}/{self.user_id} {self.status.value}>"


class CircleMessage(db.Model):
    """A message on a circle's board, read by its members only."""

    __tablename__ = "circle_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(
        ForeignKey("peer_circles.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(String(MESSAGE_LENGTH))
    created_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, index=True
    )

    author: Mapped[User] = relationship()
