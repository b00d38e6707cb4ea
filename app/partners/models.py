"""Partner organisations and their offers."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type
from app.members.models import Mode

NAME_LENGTH = 150
TITLE_LENGTH = 200
ADDRESS_LENGTH = 300
PRICE_TEXT_LENGTH = 200
DESCRIPTION_LENGTH = 5000
MAX_OFFER_SKILLS = 10


class OfferKind(enum.StrEnum):
    TRAINING = "training"
    COWORKING = "coworking"
    ADVICE = "advice"
    FUNDING = "funding"
    NETWORK = "network"
    OTHER = "other"


class Price(enum.StrEnum):
    FREE = "free"
    PAID = "paid"


OFFER_KIND_LABELS = {
    OfferKind.TRAINING: _l("Training"),
    OfferKind.COWORKING: _l("Coworking"),
    OfferKind.ADVICE: _l("Advice"),
    OfferKind.FUNDING: _l("Funding"),
    OfferKind.NETWORK: _l("Network"),
    OfferKind.OTHER: _l("Other"),
}
PRICE_LABELS = {
    Price.FREE: _l("Free"),
    Price.PAID: _l("Paid"),
}


def today() -> date:
    """The current date in UTC: an offer ending today is listed until the day is over."""
    return utcnow().date()


class Partner(db.Model):
    """An organisation with a partner account; anonymous visitors see it once staff verify it."""

    __tablename__ = "partners"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    # The organisation's public contact address, shown on its page (never the account's).
    public_email: Mapped[str] = mapped_column(String(254), default="")
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    address: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    # Names the stored logo files (app/images.py); a new upload gets a new one.
    logo: Mapped[str | None] = mapped_column(String(40))
    verified: Mapped[bool] = mapped_column(default=False, index=True)
    verified_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    verified_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    # Set on every change of what is shown or searched, child rows included.
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    place = relationship("Place")
    languages: Mapped[list[PartnerLanguage]] = relationship(cascade="all, delete-orphan")
    offers: Mapped[list[Offer]] = relationship(
        back_populates="partner", cascade="all, delete-orphan", order_by="Offer.id"
    )

    def __repr__(self) -> str:
        state = "verified" if self.verified else "unverified"
        return f"<Partner {self.id} {state}>"

    @property
    def language_codes(self) -> list[str]:
        return [row.lang for row in self.languages]

    def touch(self) -> None:
        """Mark the partner changed, also when only its child rows changed."""
        self.updated_at = utcnow()


class PartnerLanguage(db.Model):
    __tablename__ = "partner_languages"

    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)


class Offer(db.Model):
    """What a partner offers members; it leaves every list once its end date has passed."""

    __tablename__ = "offers"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[OfferKind] = mapped_column(enum_type(OfferKind), index=True)
    price: Mapped[Price] = mapped_column(enum_type(Price), default=Price.FREE)
    price_text: Mapped[str] = mapped_column(String(PRICE_TEXT_LENGTH), default="")
    # Both optional: no end date means ongoing.
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, index=True)
    # Null: the organisation's place.
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    partner: Mapped[Partner] = relationship(back_populates="offers")
    own_place = relationship("Place")
    modes: Mapped[list[OfferMode]] = relationship(cascade="all, delete-orphan")
    languages: Mapped[list[OfferLanguage]] = relationship(cascade="all, delete-orphan")
    skills: Mapped[list[OfferSkill]] = relationship(
        cascade="all, delete-orphan", order_by="OfferSkill.position"
    )

    def __repr__(self) -> str:
        return f"<Offer {self.id} {self.kind.value}>"

    @property
    def place(self):
        """Where the offer takes place: its own place, else the organisation's."""
        return self.own_place or self.partner.place

    @property
    def expired(self) -> bool:
        return self.end_date is not None and self.end_date < today()

    @property
    def mode_values(self) -> list[Mode]:
        return [row.mode for row in self.modes]

    @property
    def language_codes(self) -> list[str]:
        return [row.lang for row in self.languages]

    def touch(self) -> None:
        """Mark the offer changed, also when only its child rows changed."""
        self.updated_at = utcnow()


class OfferMode(db.Model):
    __tablename__ = "offer_modes"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[Mode] = mapped_column(enum_type(Mode), primary_key=True, index=True)


class OfferLanguage(db.Model):
    __tablename__ = "offer_languages"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)


class OfferSkill(db.Model):
    __tablename__ = "offer_skills"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    skill = relationship("Skill")
