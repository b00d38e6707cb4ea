"""Reading an organisation and its offers into their forms, and saving the forms back."""

from __future__ import annotations

from flask_babel import get_locale

from app.members.models import Mode
from app.members.profiles import _reuse
from app.partners.forms import OfferForm, PartnerForm
from app.partners.models import (
    Offer,
    OfferKind,
    OfferLanguage,
    OfferMode,
    OfferSkill,
    Partner,
    PartnerLanguage,
    Price,
)
from app.skills.taxonomy import name_key, resolve_or_create_skill

SPARE_SKILL_ROWS = 2


def skill_ids_of(rows) -> list[int]:
    """The skills named in a FieldList of skill rows, resolved (community ones made), in order."""
    lang = str(get_locale() or "nl")
    ids: dict[int, None] = {}
    for row in rows:
        # A name of invisible characters only names nothing.
        if name_key(row.form.name.data or ""):
            ids.setdefault(resolve_or_create_skill(row.form.name.data, lang).id, None)
    return list(ids)


def fill_skill_rows(field, skills) -> None:
    """Show these skills in a FieldList of skill rows."""
    while field.entries:
        field.pop_entry()
    for skill in skills:
        field.append_entry({"name": skill.label()})


def add_spare_skill_rows(field) -> None:
    """Empty rows so that skills can be added without JavaScript."""
    target = min(len(field.entries) + SPARE_SKILL_ROWS, field.max_entries)
    while len(field.entries) < target:
        field.append_entry()


def fill_partner_form(form: PartnerForm, partner: Partner) -> None:
    form.name.data = partner.name
    form.description.data = partner.description
    form.website.data = partner.website
    form.public_email.data = partner.public_email
    form.place.data = partner.place
    form.address.data = partner.address
    form.languages.data = partner.language_codes


def apply_partner_form(form: PartnerForm, partner: Partner) -> None:
    """Write the validated form into the organisation; the caller commits."""
    partner.name = form.name.data
    partner.description = form.description.data or ""
    partner.website = form.website.data or ""
    partner.public_email = form.public_email.data or ""
    partner.place = form.place.place
    partner.address = form.address.data or ""
    partner.languages = _reuse(
        partner.languages,
        lambda r: r.lang,
        dict.fromkeys(form.languages.data),
        lambda code: PartnerLanguage(lang=code),
    )
    partner.touch()


def fill_offer_form(form: OfferForm, offer: Offer) -> None:
    form.title.data = offer.title
    form.description.data = offer.description
    form.kind.data = offer.kind.value
    form.modes.data = [mode.value for mode in offer.mode_values]
    form.languages.data = offer.language_codes
    fill_skill_rows(form.skills, [row.skill for row in offer.skills])
    form.price.data = offer.price.value
    form.price_text.data = offer.price_text
    form.start_date.data = offer.start_date
    form.end_date.data = offer.end_date
    form.place.data = offer.own_place


def apply_offer_form(form: OfferForm, offer: Offer, partner: Partner) -> Offer:
    """Write the validated form into the offer; the caller adds and commits."""
    offer.title = form.title.data
    offer.description = form.description.data or ""
    offer.kind = OfferKind(form.kind.data)
    offer.price = Price(form.price.data)
    offer.price_text = (form.price_text.data or "") if offer.price is Price.PAID else ""
    offer.start_date = form.start_date.data
    offer.end_date = form.end_date.data
    # The organisation's own place is not copied: the offer follows it when it moves.
    place = form.place.place
    follows_partner = place is not None and place.id == partner.place_id
    offer.own_place = None if follows_partner else place
    offer.modes = _reuse(
        offer.modes,
        lambda r: r.mode,
        dict.fromkeys(Mode(v) for v in form.modes.data),
        lambda mode: OfferMode(mode=mode),
    )
    offer.languages = _reuse(
        offer.languages,
        lambda r: r.lang,
        dict.fromkeys(form.languages.data),
        lambda code: OfferLanguage(lang=code),
    )
    offer.skills = _reuse(
        offer.skills,
        lambda r: r.skill_id,
        skill_ids_of(form.skills),
        lambda skill_id: OfferSkill(skill_id=skill_id),
    )
    for position, row in enumerate(offer.skills):
        row.position = position
    offer.touch()
    return offer
