"""Demand on needs ("me too"), and the service proposals that answer groups of needs."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type

TITLE_LENGTH = 200
BODY_LENGTH = 10000
AUDIENCE_LENGTH = 300
COMMENT_LENGTH = 3000
REASON_LENGTH = 2000


class NeedMeToo(db.Model):
    """A member who has the same need as the one posted says so (once per member)."""

    __tablename__ = "need_me_toos"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, index=True
    )

    user: Mapped[User] = relationship()


class AnswerKind(enum.StrEnum):
    """The kind of service a proposal asks for."""

    GUIDANCE = "guidance"
    TRAINING = "training"
    TOOL = "tool"
    ADVICE_DESK = "advice_desk"
    PARTNERSHIP = "partnership"
    OTHER = "other"


class ProposalStatus(enum.StrEnum):
    PROPOSED = "proposed"
    UNDER_STUDY = "under_study"
    PLANNED = "planned"
    AVAILABLE = "available"
    DECLINED = "declined"


ANSWER_KIND_LABELS = {
    AnswerKind.GUIDANCE: _l("Guidance"),
    AnswerKind.TRAINING: _l("Training"),
    AnswerKind.TOOL: _l("Tool"),
    AnswerKind.ADVICE_DESK: _l("Advice desk"),
    AnswerKind.PARTNERSHIP: _l("Partnership"),
    AnswerKind.OTHER: _l("Other"),
}
PROPOSAL_STATUS_LABELS = {
    ProposalStatus.PROPOSED: _l("Proposed"),
    ProposalStatus.UNDER_STUDY: _l("Under study"),
    ProposalStatus.PLANNED: _l("Planned"),
    ProposalStatus.AVAILABLE: _l("Available"),
    ProposalStatus.DECLINED: _l("Declined"),
}
#: Where each status may go next (staff only); a declined proposal may be studied again.
TRANSITIONS = {
    ProposalStatus.PROPOSED: {
        ProposalStatus.UNDER_STUDY,
        ProposalStatus.PLANNED,
        ProposalStatus.DECLINED,
    },
    ProposalStatus.UNDER_STUDY: {
        ProposalStatus.PROPOSED,
        ProposalStatus.PLANNED,
        ProposalStatus.DECLINED,
    },
    ProposalStatus.PLANNED: {
        ProposalStatus.UNDER_STUDY,
        ProposalStatus.AVAILABLE,
        ProposalStatus.DECLINED,
    },
    ProposalStatus.AVAILABLE: {ProposalStatus.PLANNED},
    ProposalStatus.DECLINED: {ProposalStatus.UNDER_STUDY},
}


class Proposal(db.Model):
    """A proposal for a new service, turning a group of needs into something to build."""

    __tablename__ = "proposals"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept without author when the author leaves and keeps their writing.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    body: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[AnswerKind] = mapped_column(enum_type(AnswerKind), default=AnswerKind.OTHER)
    audience: Mapped[str] = mapped_column(String(AUDIENCE_LENGTH), default="")
    status: Mapped[ProposalStatus] = mapped_column(
        enum_type(ProposalStatus), default=ProposalStatus.PROPOSED, index=True
    )
    # Why it was declined; kept only while declined.
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    # What answers it once available: an offer, a session or a guide (an article).
    answer_offer_id: Mapped[int | None] = mapped_column(
        ForeignKey("offers.id", ondelete="SET NULL"), index=True
    )
    answer_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("guidance_sessions.id", ondelete="SET NULL"), index=True
    )
    answer_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    status_changed_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    author: Mapped[User | None] = relationship()
    answer_offer = relationship("Offer")
    answer_session = relationship("GuidanceSession")
    answer_article = relationship("Article")
    links: Mapped[list[ProposalNeed]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ProposalNeed.need_id"
    )
    supports: Mapped[list[ProposalSupport]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    comments: Mapped[list[ProposalComment]] = relationship(
        back_populates="proposal",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ProposalComment.id",
    )

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.status.value}>"

    @property
    def need_ids(self) -> list[int]:
        return [link.need_id for link in self.links]

    def touch(self) -> None:
        """Mark the proposal changed, also when only its child rows changed."""
        self.updated_at = utcnow()


class ProposalNeed(db.Model):
    """A need a proposal answers."""

    __tablename__ = "proposal_needs"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    need = relationship("Need")


class ProposalSupport(db.Model):
    """A member supports a proposal (once each)."""

    __tablename__ = "proposal_supports"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)


class ProposalComment(db.Model):
    __tablename__ = "proposal_comments"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), index=True
    )
    # Kept without author when the author leaves and keeps their writing.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()
