"""The needs board's query: open needs, filtered in SQL, and "needs I can help with"."""

from __future__ import annotations

from flask_babel import get_locale
from sqlalchemy import Select, false, select
from wtforms import SelectChoice

from app.extensions import db
from app.members.models import MemberSkill, Mode, Profile
from app.needs.access import board_clause
from app.needs.models import Need, NeedMode, NeedSkill
from app.places.models import Place
from app.places.regions import region_name
from app.skills.taxonomy import resolve_skill


def region_choices(viewer) -> list[SelectChoice]:
    """The regions of the open needs on the board, named in the interface language."""
    codes = db.session.scalars(
        select(Place.region)
        .join(Need, Need.place_id == Place.id)
        .where(board_clause(viewer))
        .distinct()
    )
    lang = str(get_locale() or "nl")
    choices = [SelectChoice(code, region_name(code, lang)) for code in codes if code]
    return sorted(choices, key=lambda choice: choice.label)


def helpable_skill_ids(user) -> Select:
    """The skills a member said they can help others with."""
    return (
        select(MemberSkill.skill_id)
        .join(Profile, MemberSkill.profile_id == Profile.id)
        .where(Profile.user_id == user.id, MemberSkill.can_help.is_(True))
    )


def has_helpable_skills(user) -> bool:
    return db.session.scalar(helpable_skill_ids(user).limit(1)) is not None


def board_query(form, viewer) -> tuple[Select, bool]:
    """The open needs the viewer may see matching the filters, newest first; and whether the
    skill was unknown."""
    stmt = select(Need).where(board_clause(viewer))
    skill_unknown = False
    if form.skill.data:
        skill = resolve_skill(form.skill.data)
        if skill is None:
            skill_unknown = True
            stmt = stmt.where(false())
        else:
            stmt = stmt.where(Need.skills.any(NeedSkill.skill_id == skill.id))
    if form.mode.data in {m.value for m in Mode}:
        stmt = stmt.where(Need.modes.any(NeedMode.mode == Mode(form.mode.data)))
    if form.region.data:
        stmt = stmt.where(Need.place.has(Place.region == form.region.data))
    if form.can_help.data and viewer.is_authenticated:
        stmt = stmt.where(
            Need.author_id != viewer.id,
            Need.skills.any(NeedSkill.skill_id.in_(helpable_skill_ids(viewer))),
        )
    return stmt.order_by(Need.created_at.desc(), Need.id.desc()), skill_unknown
