"""The partner directory's and the offer list's queries: filters and distance in SQL."""

from __future__ import annotations

import math

from flask_babel import get_locale
from sqlalchemy import ColumnElement, Select, and_, exists, false, func, select
from wtforms import SelectChoice

from app.extensions import db
from app.members.models import Mode
from app.partners.access import listed_offers_clause, listed_partners_clause
from app.partners.forms import RADIUS_CHOICES
from app.partners.models import (
    Offer,
    OfferKind,
    OfferLanguage,
    OfferMode,
    OfferSkill,
    Partner,
    PartnerLanguage,
)
from app.places.gazetteer import EARTH_RADIUS_KM, bounding_box
from app.places.models import Place
from app.places.regions import region_name
from app.skills.taxonomy import resolve_skill

KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


def region_choices(viewer) -> list[SelectChoice]:
    """The regions where listed partners are, named in the interface language."""
    codes = db.session.scalars(
        select(Place.region)
        .join(Partner, Partner.place_id == Place.id)
        .where(listed_partners_clause(viewer))
        .distinct()
    )
    lang = str(get_locale() or "nl")
    choices = [SelectChoice(code, region_name(code, lang)) for code in codes if code]
    return sorted(choices, key=lambda choice: choice.label)


def squared_distance(place_table, near: Place):
    """An equirectangular squared distance in degrees; places without coordinates sort last."""
    lat = func.coalesce(place_table.latitude, 1000.0)
    dx = (func.coalesce(place_table.longitude, 1000.0) - near.longitude) * math.cos(
        math.radians(near.latitude)
    )
    return (lat - near.latitude) * (lat - near.latitude) + dx * dx


def within_radius(place_table, near: Place, radius_km: float) -> ColumnElement[bool]:
    """Places within ``radius_km`` of ``near``: a bounding box the index serves, then the circle."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(near.latitude, near.longitude, radius_km)
    return and_(
        place_table.latitude.between(min_lat, max_lat),
        place_table.longitude.between(min_lon, max_lon),
        squared_distance(place_table, near) <= (radius_km / KM_PER_DEGREE) ** 2,
    )


def _radius(form) -> float | None:
    """The chosen radius in km, if it is one of the choices."""
    value = form.radius.data or ""
    return float(value) if value in {str(km) for km in RADIUS_CHOICES} else None


def _offer_filters(form) -> tuple[list[ColumnElement[bool]], bool]:
    """The conditions on offers the form asks for; and whether the skill was unknown."""
    conditions: list[ColumnElement[bool]] = []
    skill_unknown = False
    if form.kind.data in {k.value for k in OfferKind}:
        conditions.append(Offer.kind == OfferKind(form.kind.data))
    if form.mode.data in {m.value for m in Mode}:
        conditions.append(Offer.modes.any(OfferMode.mode == Mode(form.mode.data)))
    if form.skill.data:
        skill = resolve_skill(form.skill.data)
        if skill is None:
            skill_unknown = True
            conditions.append(false())
        else:
            conditions.append(Offer.skills.any(OfferSkill.skill_id == skill.id))
    return conditions, skill_unknown


def offers_query(form, viewer) -> tuple[Select, bool]:
    """The listed offers matching the filters (nearest first near a place, else newest)."""
    conditions, skill_unknown = _offer_filters(form)
    where = Place.id == func.coalesce(Offer.place_id, Partner.place_id)
    stmt = (
        select(Offer)
        .join(Partner, Offer.partner_id == Partner.id)
        .outerjoin(Place, where)
        .where(listed_offers_clause(viewer), *conditions)
    )
    if form.language.data:
        stmt = stmt.where(Offer.languages.any(OfferLanguage.lang == form.language.data))
    if form.region.data:
        stmt = stmt.where(Place.region == form.region.data)
    near = form.near.place
    if near is not None:
        radius = _radius(form)
        if radius is not None:
            stmt = stmt.where(within_radius(Place, near, radius))
        return stmt.order_by(squared_distance(Place, near), Offer.id), skill_unknown
    return stmt.order_by(Offer.created_at.desc(), Offer.id.desc()), skill_unknown


def partners_query(form, viewer) -> tuple[Select, bool]:
    """The listed partners matching the filters; offer filters ask for a listed offer so."""
    conditions, skill_unknown = _offer_filters(form)
    stmt = select(Partner).outerjoin(Place, Partner.place_id == Place.id)
    stmt = stmt.where(listed_partners_clause(viewer))
    if conditions:
        stmt = stmt.where(
            exists().where(
                Offer.partner_id == Partner.id, listed_offers_clause(viewer), *conditions
            )
        )
    if form.language.data:
        stmt = stmt.where(Partner.languages.any(PartnerLanguage.lang == form.language.data))
    if form.region.data:
        stmt = stmt.where(Place.region == form.region.data)
    near = form.near.place
    if near is not None:
        radius = _radius(form)
        if radius is not None:
            stmt = stmt.where(within_radius(Place, near, radius))
        return stmt.order_by(squared_distance(Place, near), Partner.id), skill_unknown
    return stmt.order_by(func.lower(Partner.name), Partner.id), skill_unknown
