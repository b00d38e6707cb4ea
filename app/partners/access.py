"""Who may see which partner and offer, and who may change them: the rules every page uses."""

from __future__ import annotations

from flask import abort
from sqlalchemy import ColumnElement, and_, or_, select, true

from app.accounts.models import Role
from app.extensions import db
from app.partners.models import Offer, Partner, today


def _signed_in(viewer) -> bool:
    return viewer is not None and viewer.is_authenticated


def is_partner_account(user) -> bool:
    return _signed_in(user) and user.role is Role.PARTNER


def partner_of(user) -> Partner | None:
    """The organisation of a partner account, if any."""
    if not is_partner_account(user):
        return None
    return db.session.scalar(select(Partner).where(Partner.user_id == user.id))


def owns_partner(partner: Partner, viewer) -> bool:
    return _signed_in(viewer) and partner.user_id == viewer.id


def partner_visible_to(partner: Partner, viewer) -> bool:
    """Verified: anyone. Unverified: signed-in users (marked so); anonymous visitors never."""
    return partner.verified or _signed_in(viewer)


def listed_partners_clause(viewer) -> ColumnElement[bool]:
    """Partners a viewer finds in lists: the same rule as the pages."""
    return true() if _signed_in(viewer) else Partner.verified.is_(True)


def current_offers_clause() -> ColumnElement[bool]:
    """Offers whose end date has not passed (ongoing ones have none)."""
    return or_(Offer.end_date.is_(None), Offer.end_date >= today())


def listed_offers_clause(viewer) -> ColumnElement[bool]:
    """Current offers of partners the viewer may see; the caller joins Partner."""
    return and_(current_offers_clause(), listed_partners_clause(viewer))


def offer_visible_to(offer: Offer, viewer) -> bool:
    """An offer's page follows its partner; an ended offer still shows, marked as ended."""
    return partner_visible_to(offer.partner, viewer)


def require_visible_partner(partner_id: int, viewer) -> Partner:
    """The partner, or 404 when it does not exist or the viewer may not see it."""
    partner = db.session.get(Partner, partner_id)
    if partner is None or not partner_visible_to(partner, viewer):
        abort(404)
    return partner


def require_own_offer(offer_id: int, user) -> Offer:
    """The offer if it is the user's organisation's: 404 if unseen, 403 if someone else's."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or not offer_visible_to(offer, user):
        abort(404)
    if not owns_partner(offer.partner, user):
        abort(403)
    return offer
