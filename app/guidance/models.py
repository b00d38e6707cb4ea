"""Offices, guidance topics, advisers, availability, appointments and "ask an adviser" questions."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type

NAME_LENGTH = 100
ADDRESS_LENGTH = 300
HOURS_LENGTH = 1000
DESCRIPTION_LENGTH = 2000
REASON_LENGTH = 500
TOPIC_ID_LENGTH = 40
#: The time zone every office's hours and every slot are meant in.
TIMEZONE = "Europe/Brussels"


class AdviserKind(enum.StrEnum):
    STAFF = "staff"
    PEER = "peer"


class Mode(enum.StrEnum):
    OFFICE = "office"
    VIDEO = "video"
    PHONE = "phone"


class AppointmentStatus(enum.StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"


class QuestionStatus(enum.StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    CLOSED = "closed"


class Helped(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


MODE_VALUES = frozenset(mode.value for mode in Mode)
MODE_LABELS = {
    Mode.OFFICE: _l("At an office"),
    Mode.VIDEO: _l("By video"),
    Mode.PHONE: _l("By phone"),
}
KIND_LABELS = {AdviserKind.STAFF: _l("Adviser"), AdviserKind.PEER: _l("Peer adviser")}
APPOINTMENT_STATUS_LABELS = {
    AppointmentStatus.BOOKED: _l("Booked"),
    AppointmentStatus.CANCELLED: _l("Cancelled"),
}
QUESTION_STATUS_LABELS = {
    QuestionStatus.OPEN: _l("Waiting for an adviser"),
    QuestionStatus.ASSIGNED: _l("Assigned to an adviser"),
    QuestionStatus.ANSWERED: _l("Answered"),
    QuestionStatus.CLOSED: _l("Closed"),
}
HELPED_LABELS = {Helped.YES: _l("Yes"), Helped.PARTLY: _l("Partly"), Helped.NO: _l("No")}
WEEKDAY_LABELS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)


def _current_language() -> str:
    locale = get_locale()
    return str(locale.language) if locale else "en"


class GuidanceTopic(db.Model):
    """A guidance topic of the curated list (content/guidance_topics.yaml)."""

    __tablename__ = "guidance_topics"

    id: Mapped[str] = mapped_column(String(TOPIC_ID_LENGTH), primary_key=True)
    label_nl: Mapped[str] = mapped_column(String(NAME_LENGTH))
    label_fr: Mapped[str] = mapped_column(String(NAME_LENGTH))
    label_en: Mapped[str] = mapped_column(String(NAME_LENGTH))
    #: Skill ids of the taxonomy this topic covers, space-separated (for suggestions on needs).
    skill_ids: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    def label(self, lang: str | None = None) -> str:
        """The topic's name in ``lang``, by default the interface language."""
        lang = lang or _current_language()
        return getattr(self, f"label_{lang}", None) or self.label_en


class Office(db.Model):
    """One of the cooperative's local offices."""

    __tablename__ = "guidance_offices"
    __table_args__ = NEVER_REUSED_IDS  # their ids are in URLs

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    address: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    opening_hours: Mapped[str] = mapped_column(Text, default="")
    #: ISO 639-1 codes, space-separated.
    languages: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    place = relationship("Place")
    advisers: Mapped[list[AdviserOffice]] = relationship(
        back_populates="office", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def region(self) -> str | None:
        return self.place.region if self.place else None

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split()


class Adviser(db.Model):
    """A staff member's adviser profile, or an experienced member made a peer adviser."""

    __tablename__ = "advisers"
    __table_args__ = NEVER_REUSED_IDS  # their ids are in URLs

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[AdviserKind] = mapped_column(enum_type(AdviserKind), default=AdviserKind.STAFF)
    headline: Mapped[str] = mapped_column(String(160), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[str] = mapped_column(String(60), default="")
    #: Modes they see people in (Mode values), space-separated.
    modes: Mapped[str] = mapped_column(String(60), default="")
    slot_minutes: Mapped[int] = mapped_column(default=30)
    #: A peer adviser's role taken back, or a staff profile switched off; kept for history.
    active: Mapped[bool] = mapped_column(default=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    topics: Mapped[list[AdviserTopic]] = relationship(cascade="all, delete-orphan")
    skills: Mapped[list[AdviserSkill]] = relationship(cascade="all, delete-orphan")
    offices: Mapped[list[AdviserOffice]] = relationship(
        back_populates="adviser", cascade="all, delete-orphan"
    )
    hours: Mapped[list[WeeklyHours]] = relationship(
        cascade="all, delete-orphan", order_by="(WeeklyHours.weekday, WeeklyHours.starts)"
    )
    absences: Mapped[list[Absence]] = relationship(
        cascade="all, delete-orphan", order_by="Absence.first_day"
    )

    @property
    def topic_ids(self) -> list[str]:
        return [row.topic_id for row in self.topics]

    @property
    def skill_ids(self) -> list[int]:
        return [row.skill_id for row in self.skills]

    @property
    def office_ids(self) -> list[int]:
        return [row.office_id for row in self.offices]

    @property
    def mode_values(self) -> list[Mode]:
        return [Mode(value) for value in self.modes.split() if value in MODE_VALUES]

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split()


class AdviserTopic(db.Model):
    __tablename__ = "adviser_topics"

    adviser_id: Mapped[int] = mapped_column(
        ForeignKey("advisers.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[str] = mapped_column(
        ForeignKey("guidance_topics.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    topic: Mapped[GuidanceTopic] = relationship()


class AdviserSkill(db.Model):
    __tablename__ = "adviser_skills"

    adviser_id: Mapped[int] = mapped_column(
        ForeignKey("advisers.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    skill = relationship("Skill")


class AdviserOffice(db.Model):
    __tablename__ = "adviser_offices"

    adviser_id: Mapped[int] = mapped_column(
        ForeignKey("advisers.id", ondelete="CASCADE"), primary_key=True
    )
    office_id: Mapped[int] = mapped_column(
        ForeignKey("guidance_offices.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    adviser: Mapped[Adviser] = relationship(back_populates="offices")
    office: Mapped[Office] = relationship(back_populates="advisers")


class WeeklyHours(db.Model):
    """Hours an adviser sees people every week, at an office or (no office) remotely."""

    __tablename__ = "adviser_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    adviser_id: Mapped[int] = mapped_column(
        ForeignKey("advisers.id", ondelete="CASCADE"), index=True
    )
    office_id: Mapped[int | None] = mapped_column(
        ForeignKey("guidance_offices.id", ondelete="CASCADE"), index=True
    )
    #: 0 is Monday, as date.weekday() says.
    weekday: Mapped[int]
    #: Local wall-clock times in TIMEZONE.
    starts: Mapped[time] = mapped_column(db.Time)
    ends: Mapped[time] = mapped_column(db.Time)

    office: Mapped[Office | None] = relationship()


class Absence(db.Model):
    """Days an adviser takes no appointments (holidays), both days included."""

    __tablename__ = "adviser_absences"

    id: Mapped[int] = mapped_column(primary_key=True)
    adviser_id: Mapped[int] = mapped_column(
        ForeignKey("advisers.id", ondelete="CASCADE"), index=True
    )
    first_day: Mapped[date] = mapped_column(db.Date)
    last_day: Mapped[date] = mapped_column(db.Date)
    note: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")


class Appointment(db.Model):
    """A member's appointment with an adviser; times in UTC."""

    __tablename__ = "appointments"
    __table_args__ = (
        # Two members booking the same slot at once: the database lets one through.
        Index(
            "ix_appointments_one_booked_per_slot",
            "adviser_id",
            "starts_at",
            unique=True,
            sqlite_where=text("status = 'booked'"),
            postgresql_where=text("status = 'booked'"),
        ),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    adviser_id: Mapped[int] = mapped_column(ForeignKey("advisers.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    office_id: Mapped[int | None] = mapped_column(
        ForeignKey("guidance_offices.id", ondelete="SET NULL"), index=True
    )
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("guidance_questions.id", ondelete="SET NULL"), index=True
    )
    topic_id: Mapped[str] = mapped_column(
        ForeignKey("guidance_topics.id", ondelete="RESTRICT"), index=True
    )
    mode: Mapped[Mode] = mapped_column(enum_type(Mode))
    description: Mapped[str] = mapped_column(Text, default="")
    #: The member's region when they booked (a figure of the local-presence page).
    region: Mapped[str | None] = mapped_column(String(10))
    starts_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))
    status: Mapped[AppointmentStatus] = mapped_column(
        enum_type(AppointmentStatus), default=AppointmentStatus.BOOKED
    )
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    change_reason: Mapped[str] = mapped_column(String(REASON_LENGTH), default="")
    reminder_sent_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    helped: Mapped[Helped | None] = mapped_column(enum_type(Helped))
    could_be_remote: Mapped[bool | None]
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    adviser: Mapped[Adviser] = relationship()
    member: Mapped[User] = relationship(foreign_keys=[member_id])
    office: Mapped[Office | None] = relationship()
    topic: Mapped[GuidanceTopic] = relationship()


class Question(db.Model):
    """An "ask an adviser" question, routed to the offices of the member's region."""

    __tablename__ = "guidance_questions"
    __table_args__ = NEVER_REUSED_IDS  # their ids are in URLs

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    topic_id: Mapped[str] = mapped_column(
        ForeignKey("guidance_topics.id", ondelete="RESTRICT"), index=True
    )
    mode: Mapped[Mode] = mapped_column(enum_type(Mode))
    body: Mapped[str] = mapped_column(Text)
    #: The member's region when they asked: which offices' queue it is in (None: every one).
    region: Mapped[str | None] = mapped_column(String(10), index=True)
    adviser_id: Mapped[int | None] = mapped_column(
        ForeignKey("advisers.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[QuestionStatus] = mapped_column(
        enum_type(QuestionStatus), default=QuestionStatus.OPEN, index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    helped: Mapped[Helped | None] = mapped_column(enum_type(Helped))
    could_be_remote: Mapped[bool | None]

    member: Mapped[User] = relationship()
    adviser: Mapped[Adviser | None] = relationship()
    topic: Mapped[GuidanceTopic] = relationship()
    messages: Mapped[list[QuestionMessage]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="QuestionMessage.id"
    )


class QuestionMessage(db.Model):
    """A message in a question's thread, from the member or the adviser."""

    __tablename__ = "guidance_question_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("guidance_questions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    author: Mapped[User | None] = relationship()
