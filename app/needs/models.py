"""Needs, their skills and modes, and the responses to them."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type
from app.members.models import Mode

TITLE_LENGTH = 200
BODY_LENGTH = 5000
RESPONSE_LENGTH = 3000
MAX_SKILLS = 10


class NeedStatus(enum.StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class NeedVisibility(enum.StrEnum):
    """Who may read a need (the same values as a profile's visibility)."""

    PUBLIC = "public"
    MEMBERS = "members"


class Solved(enum.StrEnum):
    """What the author says when closing a need."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


STATUS_LABELS = {
    NeedStatus.OPEN: _l("Open"),
    NeedStatus.ANSWERED: _l("Answered"),
    NeedStatus.CLOSED: _l("Closed"),
}
SOLVED_LABELS = {
    Solved.YES: _l("Solved"),
    Solved.PARTLY: _l("Partly solved"),
    Solved.NO: _l("Not solved"),
}
NEED_VISIBILITY_LABELS = {
    NeedVisibility.MEMBERS: _l("Members: only signed-in members"),
    NeedVisibility.PUBLIC: _l("Public: anyone can see it"),
}


class Need(db.Model):
    __tablename__ = "needs"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    body: Mapped[str] = mapped_column(Text, default="")
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    visibility: Mapped[NeedVisibility] = mapped_column(
        enum_type(NeedVisibility), default=NeedVisibility.MEMBERS
    )
    status: Mapped[NeedStatus] = mapped_column(
        enum_type(NeedStatus), default=NeedStatus.OPEN, index=True
    )
    # Set when (and only while) the need is closed.
    solved: Mapped[Solved | None] = mapped_column(enum_type(Solved))
    closed_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, index=True
    )
    # Set on every change of what is shown or searched, child rows and status included.
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    author: Mapped[User] = relationship()
    place = relationship("Place")
    skills: Mapped[list[NeedSkill]] = relationship(
        cascade="all, delete-orphan", order_by="NeedSkill.position"
    )
    modes: Mapped[list[NeedMode]] = relationship(cascade="all, delete-orphan")
    responses: Mapped[list[NeedResponse]] = relationship(
        back_populates="need",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="NeedResponse.id",
    )

    def __repr__(self) -> str:
        return f"<Need {self.id} {self.status.value}>"

    @property
    def skill_ids(self) -> list[int]:
        return [row.skill_id for row in self.skills]

    @property
    def mode_values(self) -> list[Mode]:
        return [row.mode for row in self.modes]

    def touch(self) -> None:
        """Mark the need changed, also when only its child rows changed."""
        self.updated_at = utcnow()


class NeedSkill(db.Model):
    __tablename__ = "need_skills"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    skill = relationship("Skill")


class NeedMode(db.Model):
    __tablename__ = "need_modes"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[Mode] = mapped_column(enum_type(Mode), primary_key=True, index=True)


class NeedResponse(db.Model):
    """A member's or partner's answer to a need, optionally pointing to an offer or article."""

    __tablename__ = "need_responses"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    offer_id: Mapped[int | None] = mapped_column(
        ForeignKey("offers.id", ondelete="SET NULL"), index=True
    )
    # An article of the knowledge base; one that is not readable to the viewer is not shown.
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    # The need's author marked this response as the one that helped (one per need).
    helped: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    need: Mapped[Need] = relationship(back_populates="responses")
    author: Mapped[User] = relationship()
    offer = relationship("Offer")

    def __repr__(self) -> str:
        return f"<NeedResponse {self.id} to {self.need_id}>"


class MergedNeed(db.Model):
    """A need merged into another by staff: its address leads to the one it became."""

    __tablename__ = "merged_needs"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    # The merged need's id (its row is gone); never an id a new need could take again.
    old_id: Mapped[int] = mapped_column(unique=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    merged_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
