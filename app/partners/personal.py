"""An organisation account's organisation and offers in its data export, and its going."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app import images
from app.extensions import db
from app.partners.models import (
    Offer,
    OfferLanguage,
    OfferMode,
    OfferSkill,
    Partner,
    PartnerLanguage,
)
from app.personal import (
    Erasure,
    PersonalData,
    delete_rows,
    register,
    row_data,
    rows,
    skill_name,
)


def export_organisation(user) -> dict[str, Any]:
    """The organisation of a partner account, with its offers."""
    partner = db.session.scalar(select(Partner).where(Partner.user_id == user.id))
    if partner is None:
        return {"organisation": None}
    offers = [
        row_data(
            offer,
            modes=[row_data(row) for row in rows(OfferMode, OfferMode.offer_id == offer.id)],
            languages=[
                row_data(row) for row in rows(OfferLanguage, OfferLanguage.offer_id == offer.id)
            ],
            skills=[
                row_data(row, skill=skill_name(row.skill_id))
                for row in rows(OfferSkill, OfferSkill.offer_id == offer.id)
            ],
        )
        for offer in rows(Offer, Offer.partner_id == partner.id)
    ]
    return {
        "organisation": row_data(
            partner,
            logo_files=images.stored_files("logos", partner.logo),
            languages=[
                row_data(row)
                for row in rows(PartnerLanguage, PartnerLanguage.partner_id == partner.id)
            ],
            offers=offers,
        )
    }


def erase_organisation(erasure: Erasure) -> None:
    """The organisation and its offers (search documents); its logo once committed."""
    partners = rows(Partner, Partner.user_id == erasure.user.id)
    erasure.files += [("logos", partner.logo) for partner in partners]
    delete_rows(partners)


def register_personal_data() -> None:
    """Declare the organisation's rows."""
    register(
        PersonalData(
            name="partners",
            models=(Partner,),
            export=export_organisation,
            export_order=80,
            erase=erase_organisation,
            erase_order=90,
        )
    )
