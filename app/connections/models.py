"""Contact requests, their threads, blocks, reports, notifications and mentorships."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import (
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type

MESSAGE_LENGTH = 2000
NOTE_LENGTH = 5000
APPRECIATION_LENGTH = 1000
REPORT_COMMENT_LENGTH = 1000
PHONE_LENGTH = 30
WEBSITE_LENGTH = 300
CONTEXT_LENGTH = 40
#: New requests a member may send in 24 hours.
DAILY_REQUEST_LIMIT = 10


class RequestTopic(enum.StrEnum):
    QUESTION = "question"
    COLLABORATION = "collaboration"
    MENTORING = "mentoring"


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class NotifyMode(enum.StrEnum):
    EACH = "each"
    DIGEST = "digest"
    NONE = "none"


class NotificationKind(enum.StrEnum):
    NEW_REQUEST = "new_request"
    ACCEPTED = "accepted"
    NEW_MESSAGE = "new_message"


class ReportReason(enum.StrEnum):
    SPAM = "spam"
    HARASSMENT = "harassment"
    INAPPROPRIATE = "inappropriate"
    OTHER = "other"


class MentorshipStatus(enum.StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED = "ended"


TOPIC_LABELS = {
    RequestTopic.QUESTION: _l("A question"),
    RequestTopic.COLLABORATION: _l("A collaboration"),
    RequestTopic.MENTORING: _l("Mentoring"),
}
STATUS_LABELS = {
    RequestStatus.PENDING: _l("Waiting for an answer"),
    RequestStatus.ACCEPTED: _l("Accepted"),
    RequestStatus.DECLINED: _l("Declined"),
    RequestStatus.WITHDRAWN: _l("Withdrawn"),
}
NOTIFY_LABELS = {
    NotifyMode.EACH: _l("An e-mail for each new request, acceptance and message"),
    NotifyMode.DIGEST: _l("One e-mail a day with everything new"),
    NotifyMode.NONE: _l("No e-mail"),
}
REASON_LABELS = {
    ReportReason.SPAM: _l("Spam or advertising"),
    ReportReason.HARASSMENT: _l("Harassment or threats"),
    ReportReason.INAPPROPRIATE: _l("Inappropriate content"),
    ReportReason.OTHER: _l("Something else"),
}
MENTORSHIP_STATUS_LABELS = {
    MentorshipStatus.ACTIVE: _l("Active"),
    MentorshipStatus.COMPLETED: _l("Completed"),
    # "Ended" is also said of an offer; French agrees it with each.
    MentorshipStatus.ENDED: lazy_pgettext("mentorship", "Ended"),
}


class ContactRequest(db.Model):
    """A member asks another for contact: a question, a collaboration or mentoring."""

    __tablename__ = "contact_requests"
    __table_args__ = (
        Index("ix_contact_requests_sender_created", "sender_id", "created_at"),
        # At most one pending request from a member to another, whatever the worker.
        Index(
            "ix_contact_requests_one_pending",
            "sender_id",
            "recipient_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[RequestTopic] = mapped_column(enum_type(RequestTopic))
    message: Mapped[str] = mapped_column(Text)
    #: Where the request was made from, as a search key: "need:9", "offer:3", "search".
    context: Mapped[str | None] = mapped_column(String(CONTEXT_LENGTH))
    status: Mapped[RequestStatus] = mapped_column(
        enum_type(RequestStatus), default=RequestStatus.PENDING
    )
    #: Sent by a member the recipient blocked: the recipient never sees it, the sender cannot tell.
    suppressed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    #: The last change or message, for ordering the inbox.
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    sender: Mapped[User] = relationship(foreign_keys=[sender_id])
    recipient: Mapped[User] = relationship(foreign_keys=[recipient_id])
    messages: Mapped[list[ContactMessage]] = relationship(
        back_populates="request",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ContactMessage.id",
    )
    mentorship: Mapped[Mentorship | None] = relationship(back_populates="request")

    def __repr__(self) -> str:
        return f"<ContactRequest {self.id} {self.topic.value} {self.status.value}>"

    def other_party(self, user) -> User:
        """The member on the other side of the request from ``user``."""
        return self.recipient if user.id == self.sender_id else self.sender


class ContactMessage(db.Model):
    """A short message in the thread of an accepted request."""

    __tablename__ = "contact_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("contact_requests.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    request: Mapped[ContactRequest] = relationship(back_populates="messages")
    author: Mapped[User] = relationship()


class ContactPreferences(db.Model):
    """What a member shares once they accept or are accepted, and how they are told of news."""

    __tablename__ = "contact_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    share_email: Mapped[bool] = mapped_column(default=False)
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), default="")
    website: Mapped[str] = mapped_column(String(WEBSITE_LENGTH), default="")
    notify: Mapped[NotifyMode] = mapped_column(enum_type(NotifyMode), default=NotifyMode.EACH)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    @property
    def shares_anything(self) -> bool:
        return bool(self.share_email or self.phone or self.website)


class MemberBlock(db.Model):
    """A member no longer receives requests (or messages) from another. Nobody else knows."""

    __tablename__ = "member_blocks"

    blocker_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    blocked_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    blocked: Mapped[User] = relationship(foreign_keys=[blocked_id])


class RequestReport(db.Model):
    """A party to a request asks staff to look at it."""

    __tablename__ = "contact_reports"
    __table_args__ = (UniqueConstraint("request_id", "reporter_id"), NEVER_REUSED_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unique (request_id, reporter_id) key also serves lookups by request.
    request_id: Mapped[int] = mapped_column(ForeignKey("contact_requests.id", ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[ReportReason] = mapped_column(enum_type(ReportReason))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    request: Mapped[ContactRequest] = relationship()
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class ContactNotification(db.Model):
    """Something a member is told by e-mail; ``sent_at`` stays empty until it is."""

    __tablename__ = "contact_notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(enum_type(NotificationKind))
    request_id: Mapped[int] = mapped_column(
        ForeignKey("contact_requests.id", ondelete="CASCADE"), index=True
    )
    #: The new message, for NEW_MESSAGE.
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_messages.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True), index=True)

    user: Mapped[User] = relationship()
    request: Mapped[ContactRequest] = relationship()
    message: Mapped[ContactMessage | None] = relationship()


class Mentorship(db.Model):
    """A mentor and a mentee, from an accepted mentoring request until it ends."""

    __tablename__ = "mentorships"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_requests.id", ondelete="CASCADE"), unique=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    goals: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date] = mapped_column(db.Date)
    status: Mapped[MentorshipStatus] = mapped_column(
        enum_type(MentorshipStatus), default=MentorshipStatus.ACTIVE
    )
    ended_on: Mapped[date | None] = mapped_column(db.Date)
    #: The mentee's word of thanks once it ended, shown on the mentor's profile unless hidden.
    appreciation: Mapped[str | None] = mapped_column(Text)
    appreciation_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    appreciation_hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    request: Mapped[ContactRequest | None] = relationship(back_populates="mentorship")
    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[User] = relationship(foreign_keys=[mentee_id])
    notes: Mapped[list[MentorshipNote]] = relationship(
        back_populates="mentorship",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=lambda: (MentorshipNote.met_on.desc(), MentorshipNote.id.desc()),
    )

    def __repr__(self) -> str:
        return f"<Mentorship {self.id} {self.status.value}>"

    @property
    def is_active(self) -> bool:
        return self.status is MentorshipStatus.ACTIVE

    def other_party(self, user) -> User:
        return self.mentee if user.id == self.mentor_id else self.mentor


class MentorshipNote(db.Model):
    """A dated note of a meeting, for the mentor and mentee only."""

    __tablename__ = "mentorship_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    met_on: Mapped[date] = mapped_column(db.Date)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    mentorship: Mapped[Mentorship] = relationship(back_populates="notes")
    author: Mapped[User] = relationship()
