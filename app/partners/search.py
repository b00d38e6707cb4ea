"""Partner organisations and their offers as search documents."""

from __future__ import annotations

from datetime import datetime, time

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.i18n import LANGUAGES
from app.partners.access import offer_visible_to, partner_visible_to
from app.partners.models import (
    Offer,
    OfferLanguage,
    OfferMode,
    OfferSkill,
    Partner,
    PartnerLanguage,
)
from app.search.documents import SearchKind, holding_skill, place_fields, register, text_fields
from app.skills.models import SkillLabel


def _spoken(codes: list[str]) -> list[str]:
    return [code for code in codes if code in LANGUAGES] or list(LANGUAGES)


def partner_indexed(partner: Partner) -> bool:
    """Search never shows an unverified partner."""
    return partner.verified


def partner_document(partner: Partner) -> dict:
    """A verified partner's document."""
    return {
        "title": partner.name,
        "text": partner.description,
        **text_fields(_spoken(partner.language_codes), f"{partner.name}\n{partner.description}"),
        "languages": " ".join(partner.language_codes),
        **place_fields(partner.place),
        "visibility": "public",
        "updated": partner.updated_at,
    }


def offer_indexed(offer: Offer) -> bool:
    """A verified partner's offers are; once its end date has passed, queries leave it out."""
    return offer.partner.verified


def offer_document(offer: Offer) -> dict:
    """An offer's document."""
    body = "\n".join(filter(None, [offer.partner.name, offer.description]))
    return {
        "title": offer.title,
        "text": body,
        **text_fields(_spoken(offer.language_codes), f"{offer.title}\n{body}"),
        "summary": offer.partner.name,
        "skills": " ".join(str(row.skill_id) for row in offer.skills),
        "skill_labels": " ".join(label.text for row in offer.skills for label in row.skill.labels),
        "languages": " ".join(offer.language_codes),
        "modes": " ".join(mode.value for mode in offer.mode_values),
        **place_fields(offer.place),
        "visibility": "public",
        "updated": offer.updated_at,
        # Shown through the whole of its last day.
        "ends": datetime.combine(offer.end_date, time.min) if offer.end_date else None,
        "starts": datetime.combine(offer.start_date, time.min) if offer.start_date else None,
    }


def _offer_visible(offer: Offer, viewer) -> bool:
    return not offer.expired and offer_visible_to(offer, viewer)


register(
    SearchKind(
        name="partner",
        label=_l("Partners"),
        model=Partner,
        indexed=partner_indexed,
        build=partner_document,
        visible=partner_visible_to,
        url=lambda partner: url_for("partners.show", partner_id=partner.id),
        related={PartnerLanguage: lambda row: [row.partner_id]},
    )
)
register(
    SearchKind(
        name="offer",
        label=_l("Offers"),
        model=Offer,
        indexed=offer_indexed,
        build=offer_document,
        visible=_offer_visible,
        url=lambda offer: url_for("partners.offer", offer_id=offer.id),
        checks_read=("partner",),
        related={
            # Verifying a partner, or moving it, changes what its offers' documents hold.
            Partner: lambda partner: [offer.id for offer in partner.offers],
            OfferLanguage: lambda row: [row.offer_id],
            OfferMode: lambda row: [row.offer_id],
            OfferSkill: lambda row: [row.offer_id],
            SkillLabel: holding_skill(OfferSkill.offer_id),
        },
    )
)

from app.partners import cards  # noqa: E402, F401 - registers the kind's result cards
