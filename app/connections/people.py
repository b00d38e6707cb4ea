"""A member as the other party sees them: their name and the contact details they share."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.connections.models import ContactPreferences, NotifyMode
from app.extensions import db
from app.members.models import Profile


@dataclass(frozen=True)
class SharedDetails:
    """What a member shares once a request between them and another is accepted."""

    email: str | None
    phone: str | None
    website: str | None

    def __bool__(self) -> bool:
        return bool(self.email or self.phone or self.website)


def profile_of_user(user_id: int) -> Profile | None:
    return db.session.scalar(select(Profile).where(Profile.user_id == user_id))


def member_name(user) -> str:
    """The name other members know: the profile's display name, else the account name."""
    profile = profile_of_user(user.id)
    return profile.display_name if profile is not None else user.name


def preferences_of(user) -> ContactPreferences:
    """The member's contact preferences; the defaults (share nothing, mail each) if unsaved."""
    preferences = db.session.get(ContactPreferences, user.id)
    if preferences is None:
        preferences = ContactPreferences(
            user_id=user.id, share_email=False, phone="", website="", notify=NotifyMode.EACH
        )
    return preferences


def shared_details(user) -> SharedDetails:
    """The contact details ``user`` chose to share. Only call it for an accepted request."""
    preferences = preferences_of(user)
    return SharedDetails(
        email=user.email if preferences.share_email else None,
        phone=preferences.phone or None,
        website=preferences.website or None,
    )
