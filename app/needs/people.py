"""How the people around a need are named and linked, without ever showing an e-mail address."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import Role
from app.extensions import db
from app.members.access import profile_visible_to
from app.members.models import Profile
from app.partners.access import partner_visible_to
from app.partners.models import Partner


def _partner(user) -> Partner | None:
    if user.role is not Role.PARTNER:
        return None
    return db.session.scalar(select(Partner).where(Partner.user_id == user.id))


def _profile(user) -> Profile | None:
    return db.session.scalar(select(Profile).where(Profile.user_id == user.id))


def public_name(user, viewer=None) -> str:
    """An organisation's name, else the member's display name, else the account's name.

    With a ``viewer``, an organisation the viewer may not see stays unnamed.
    """
    partner = _partner(user)
    if partner is not None:
        if viewer is not None and not partner_visible_to(partner, viewer):
            return _("An organisation not verified yet")
        return partner.name
    profile = _profile(user)
    return profile.display_name if profile is not None else user.name


def person_link(user, viewer) -> str | None:
    """The organisation's or profile page of ``user``, if ``viewer`` may see it."""
    partner = _partner(user)
    if partner is not None:
        if partner_visible_to(partner, viewer):
            return url_for("partners.show", partner_id=partner.id)
        return None
    profile = _profile(user)
    if profile is not None and profile_visible_to(profile, viewer):
        return url_for("members.profile", profile_id=profile.id)
    return None
