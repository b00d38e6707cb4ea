"""Reading a member's profile into the form and saving the form back."""

from __future__ import annotations

from flask_babel import get_locale
from sqlalchemy import select

from app.extensions import db
from app.i18n import LANGUAGES
from app.members.forms import ProfileForm
from app.members.models import (
    Level,
    MemberSkill,
    MentorWish,
    Mode,
    Profile,
    ProfileLanguage,
    ProfileMode,
    Visibility,
)
from app.skills.taxonomy import resolve_or_create_skill

SPARE_SKILL_ROWS = 3


def profile_of(user) -> Profile | None:
    """The profile of this user, if they made one."""
    return db.session.scalar(select(Profile).where(Profile.user_id == user.id))


def reading_languages(viewer, lang: str) -> list[str]:
    """The languages a viewer reads: the interface's ``lang`` first, then their profile's."""
    languages = [lang] if lang in LANGUAGES else []
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        profile = profile_of(viewer)
        if profile is not None:
            languages += [code for code in profile.language_codes if code not in languages]
    return languages


def fill_profile_form(form, profile: Profile | None, user) -> None:
    """Show the saved profile (or a new member's defaults) in the form.

    Fills the fields the form has: the full profile form, or the onboarding's few.
    """
    if profile is None:
        form.display_name.data = user.name
        return
    values = {
        "display_name": profile.display_name,
        "headline": profile.headline,
        "bio": profile.bio,
        "sector": profile.sector or "",
        "place": profile.place,
        "languages": profile.language_codes,
        "modes": [mode.value for mode in profile.mode_values],
        "mentor": profile.mentor,
        "mentor_capacity": profile.mentor_capacity,
        "website": profile.website,
        "portfolio": profile.portfolio,
        "visibility": profile.visibility.value,
        "on_map": profile.on_map,
    }
    for name, value in values.items():
        if name in form:
            form[name].data = value
    while form.skills.entries:
        form.skills.pop_entry()
    for row in profile.skills[: form.skills.max_entries]:
        form.skills.append_entry(
            {"name": row.skill.label(), "level": row.level.value, "can_help": row.can_help}
        )
    if "mentor_wishes" in form:
        while form.mentor_wishes.entries:
            form.mentor_wishes.pop_entry()
        for wish in profile.mentor_wishes:
            form.mentor_wishes.append_entry({"name": wish.skill.label()})


def add_spare_rows(form: ProfileForm) -> None:
    """Empty rows so a member can add skills even without JavaScript."""
    target = min(len(form.skills.entries) + SPARE_SKILL_ROWS, form.skills.max_entries)
    while len(form.skills.entries) < target:
        form.skills.append_entry()
    wishes = form.mentor_wishes
    if all(row.form.name.data for row in wishes) and len(wishes.entries) < wishes.max_entries:
        wishes.append_entry()


def _resolve(name: str):
    """The skill a member typed, created as a community skill when unknown."""
    skill = resolve_or_create_skill(name, str(get_locale() or "nl"))
    if skill.id is None:
        db.session.flush()
    return skill


def _reuse(rows, key, wanted_keys, make):
    """Keep existing rows for wanted keys (same primary key), make the missing ones."""
    existing = {key(row): row for row in rows}
    return [existing.get(k) or make(k) for k in wanted_keys]


def _new_member_skill(skill_id: int) -> MemberSkill:
    return MemberSkill(skill_id=skill_id)


def apply_profile_form(form, profile: Profile | None, user) -> Profile:
    """Write the validated form into the user's profile; the caller commits.

    Only the fields the form has change: the onboarding leaves the rest as it is.
    """
    if profile is None:
        profile = Profile(user_id=user.id)
        db.session.add(profile)
    has = form.__contains__
    profile.display_name = form.display_name.data
    if has("headline"):
        profile.headline = form.headline.data or ""
    if has("bio"):
        profile.bio = form.bio.data or ""
    if has("sector"):
        profile.sector = form.sector.data or None
    if has("place"):
        profile.place = form.place.place
    if has("mentor"):
        profile.mentor = form.mentor.data
        profile.mentor_capacity = (form.mentor_capacity.data or 0) if form.mentor.data else 0
    if has("website"):
        profile.website = form.website.data or ""
    if has("portfolio"):
        profile.portfolio = form.portfolio.data or ""
    if has("visibility"):
        profile.visibility = Visibility(form.visibility.data)
    if has("on_map"):
        profile.on_map = bool(form.on_map.data)
    if has("languages"):
        profile.languages = _reuse(
            profile.languages,
            lambda r: r.lang,
            dict.fromkeys(form.languages.data),
            lambda code: ProfileLanguage(lang=code),
        )
    if has("modes"):
        profile.modes = _reuse(
            profile.modes,
            lambda r: r.mode,
            dict.fromkeys(Mode(v) for v in form.modes.data),
            lambda mode: ProfileMode(mode=mode),
        )
    _apply_skills(form, profile)
    if has("mentor_wishes"):
        wishes = dict.fromkeys(
            _resolve(row.form.name.data).id for row in form.mentor_wishes if row.form.name.data
        )
        profile.mentor_wishes = _reuse(
            profile.mentor_wishes,
            lambda r: r.skill_id,
            wishes,
            lambda sid: MentorWish(skill_id=sid),
        )
    return profile


def _apply_skills(form, profile: Profile) -> None:
    chosen = {}
    for row in form.skills:
        if row.form.name.data:
            chosen.setdefault(_resolve(row.form.name.data).id, row.form)
    if not isinstance(form, ProfileForm):
        # The onboarding shows the first skills only; the others stay as they are.
        for member_skill in profile.skills[len(form.skills.entries) :]:
            chosen.setdefault(member_skill.skill_id, None)
    profile.skills = _reuse(profile.skills, lambda r: r.skill_id, chosen, _new_member_skill)
    for position, member_skill in enumerate(profile.skills):
        row = chosen[member_skill.skill_id]
        if row is not None:
            member_skill.level = Level(row.level.data)
            member_skill.can_help = row.can_help.data
        member_skill.position = position
