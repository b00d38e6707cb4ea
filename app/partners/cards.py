"""The result cards of offers and partners: organisation, kind, dates, price and place."""

from __future__ import annotations

from collections.abc import Sequence

from flask import url_for
from flask_babel import format_date

from app.partners.models import OFFER_KIND_LABELS, PRICE_LABELS, Offer, Partner
from app.search.cards import CardContext, km, register_card


def _day(day) -> dict | None:
    return None if day is None else {"date": day.isoformat(), "label": format_date(day)}


def offer_cards(
    offers: Sequence[Offer], distances: Sequence[float | None], context: CardContext
) -> list[dict]:
    """An offer's card: its organisation, kind, dates, price and place."""
    return [
        {
            "organisation": offer.partner.name,
            "organisation_url": url_for("partners.show", partner_id=offer.partner_id),
            "kind": offer.kind.value,
            "kind_label": str(OFFER_KIND_LABELS[offer.kind]),
            "starts": _day(offer.start_date),
            "ends": _day(offer.end_date),
            "price": offer.price.value,
            "price_label": offer.price_text or str(PRICE_LABELS[offer.price]),
            "place": offer.place.name if offer.place else None,
            "distance_km": km(distance),
            "languages": offer.language_codes,
        }
        for offer, distance in zip(offers, distances, strict=True)
    ]


def partner_cards(
    partners: Sequence[Partner], distances: Sequence[float | None], context: CardContext
) -> list[dict]:
    """A partner's card: its place and languages."""
    return [
        {
            "place": partner.place.name if partner.place else None,
            "distance_km": km(distance),
            "languages": partner.language_codes,
        }
        for partner, distance in zip(partners, distances, strict=True)
    ]


register_card("offer", offer_cards)
register_card("partner", partner_cards)
