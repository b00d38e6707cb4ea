"""The member directory's query: filters in SQL, never all profiles in memory."""

from __future__ import annotations

import math

from flask_babel import get_locale
from sqlalchemy import Select, false, func, select
from wtforms import SelectChoice

from app.extensions import db
from app.members.access import listed_profiles_clause
from app.members.models import MemberSkill, Mode, Profile, ProfileLanguage, ProfileMode
from app.places.models import Place
from app.places.regions import region_name
from app.skills.taxonomy import resolve_skill


def region_choices() -> list[SelectChoice]:
    """The regions where listed members live, named in the interface language."""
    codes = db.session.scalars(
        select(Place.region).join(Profile, Profile.place_id == Place.id).distinct()
    )
    lang = str(get_locale() or "nl")
    choices = [SelectChoice(code, region_name(code, lang)) for code in codes if code]
    return sorted(choices, key=lambda choice: choice.label)


def directory_query(form, viewer) -> tuple[Select, bool]:
    """The listed profiles matching the filters, sorted; and whether the skill was unknown."""
    stmt = select(Profile).where(listed_profiles_clause(viewer))
    skill_unknown = False
    if form.skill.data:
        skill = resolve_skill(form.skill.data)
        if skill is None:
            skill_unknown = True
            stmt = stmt.where(false())
        else:
            stmt = stmt.where(Profile.skills.any(MemberSkill.skill_id == skill.id))
    if form.sector.data:
        stmt = stmt.where(Profile.sector == form.sector.data)
    if form.language.data:
        stmt = stmt.where(Profile.languages.any(ProfileLanguage.lang == form.language.data))
    if form.mode.data in {m.value for m in Mode}:
        stmt = stmt.where(Profile.modes.any(ProfileMode.mode == Mode(form.mode.data)))
    if form.mentor.data:
        stmt = stmt.where(Profile.mentor.is_(True), Profile.mentor_capacity > 0)
    if form.region.data:
        stmt = stmt.where(Profile.place.has(Place.region == form.region.data))
    near = form.near.place
    if form.sort.data == "distance" and near is not None:
        # An equirectangular approximation orders correctly at these distances;
        # the exact distance is computed only for the page shown.
        lat = func.coalesce(Place.latitude, 1000.0)
        dx = (func.coalesce(Place.longitude, 1000.0) - near.longitude) * math.cos(
            math.radians(near.latitude)
        )
        stmt = stmt.outerjoin(Place, Profile.place_id == Place.id).order_by(
            (lat - near.latitude) * (lat - near.latitude) + dx * dx, Profile.id
        )
    else:
        stmt = stmt.order_by(func.lower(Profile.display_name), Profile.id)
    return stmt, skill_unknown
