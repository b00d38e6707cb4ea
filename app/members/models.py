"""A member's skill profile: what they can do, where, how, and who may see it."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type
from app.skills.models import SLUG_LENGTH


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"
    HIDDEN = "hidden"


class Level(enum.StrEnum):
    BEGINNER = "beginner"
    EXPERIENCED = "experienced"
    EXPERT = "expert"


class Mode(enum.StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


VISIBILITY_LABELS = {
    Visibility.PUBLIC: _l("Public: anyone can see it"),
    Visibility.MEMBERS: _l("Members: only signed-in members"),
    Visibility.HIDDEN: _l("Hidden: only me"),
}
LEVEL_LABELS = {
    Level.BEGINNER: _l("Beginner"),
    Level.EXPERIENCED: _l("Experienced"),
    Level.EXPERT: _l("Expert"),
}
MODE_LABELS = {
    Mode.ONLINE: _l("Online"),
    Mode.IN_PERSON: _l("In person"),
    Mode.INDIVIDUAL: _l("One to one"),
    Mode.COLLECTIVE: _l("In a group"),
}
#: Languages a member can say they speak, by ISO 639-1 code.
#: The limits of a profile, read by the profile form and the bulk checker (app/data/).
DISPLAY_NAME_LENGTH = 100
HEADLINE_LENGTH = 160
BIO_LENGTH = 5000
URL_LENGTH = 300
MAX_SKILLS = 30
MAX_WISHES = 10
MAX_CAPACITY = 20
SPOKEN_LANGUAGES = ("nl", "fr", "en", "de", "es", "it", "pt", "pl", "ro", "tr", "ar")


class Profile(db.Model):
    __tablename__ = "profiles"
    __table_args__ = (
        # The map reads the mentors who chose it (app/map/features.py) on every request.
        Index("ix_profiles_on_map", "on_map", "mentor"),
        NEVER_REUSED_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_LENGTH))
    headline: Mapped[str] = mapped_column(String(HEADLINE_LENGTH), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    # A sector's slug (app/skills/sectors.py): stable, and what the search facet counts.
    sector: Mapped[str | None] = mapped_column(String(SLUG_LENGTH))
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    website: Mapped[str] = mapped_column(String(URL_LENGTH), default="")
    portfolio: Mapped[str] = mapped_column(String(URL_LENGTH), default="")
    # Names the stored photo files (app/images.py); a new upload gets a new one.
    photo: Mapped[str | None] = mapped_column(String(40))
    mentor: Mapped[bool] = mapped_column(default=False)
    mentor_capacity: Mapped[int] = mapped_column(default=0)
    visibility: Mapped[Visibility] = mapped_column(
        enum_type(Visibility), default=Visibility.MEMBERS
    )
    #: Shown on the map (at the town's coordinates), to those who may see the profile.
    on_map: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    user: Mapped[User] = relationship()
    place = relationship("Place")
    skills: Mapped[list[MemberSkill]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="MemberSkill.position"
    )
    mentor_wishes: Mapped[list[MentorWish]] = relationship(cascade="all, delete-orphan")
    languages: Mapped[list[ProfileLanguage]] = relationship(cascade="all, delete-orphan")
    modes: Mapped[list[ProfileMode]] = relationship(cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Profile {self.id} {self.visibility.value}>"

    @property
    def language_codes(self) -> list[str]:
        return [row.lang for row in self.languages]

    @property
    def mode_values(self) -> list[Mode]:
        return [row.mode for row in self.modes]


class MemberSkill(db.Model):
    __tablename__ = "member_skills"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    level: Mapped[Level] = mapped_column(enum_type(Level), default=Level.EXPERIENCED)
    can_help: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    profile: Mapped[Profile] = relationship(back_populates="skills")
    skill = relationship("Skill")


class MentorWish(db.Model):
    """A skill the member is looking for a mentor in."""

    __tablename__ = "mentor_wishes"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    skill = relationship("Skill")


class ProfileLanguage(db.Model):
    __tablename__ = "profile_languages"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)


class ProfileMode(db.Model):
    __tablename__ = "profile_modes"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[Mode] = mapped_column(enum_type(Mode), primary_key=True, index=True)
