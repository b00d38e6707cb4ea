"""Reading a member's profile into the form and saving the form back."""

from __future__ import annotations

from flask_babel import get_locale
from sqlalchemy import select

from app.extensions import db
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
    languages = [lang] if lang in ("nl", "fr", "en") else []
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        profile = profile_of(viewer)
        if profile is not None:
            languages += [code for code in profile.language_codes if code not in languages]
    return languages


def fill_profile_form(form: ProfileForm, profile: Profile | None, user) -> None:
    """Show the saved profile (or a new member's defaults) in the form."""
    if profile is None:
        form.display_name.data = user.name
        return
    form.display_name.data = profile.display_name
    form.headline.data = profile.headline
    form.bio.data = profile.bio
    form.sector.data = profile.sector or ""
    form.place.data = profile.place
    form.languages.data = profile.language_codes
    form.modes.data = [mode.value for mode in profile.mode_values]
    form.mentor.data = profile.mentor
    form.mentor_capacity.data = profile.mentor_capacity
    form.website.data = profile.website
    form.portfolio.data = profile.portfolio
    form.visibility.data = profile.visibility.value
    while form.skills.entries:
        form.skills.pop_entry()
    for row in profile.skills:
        form.skills.append_entry(
            {"name": row.skill.label(), "level": row.level.value, "can_help": row.can_help}
        )
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


def apply_profile_form(form: ProfileForm, profile: Profile | None, user) -> Profile:
    """Write the validated form into the user's profile; the caller commits."""
    if profile is None:
        profile = Profile(user_id=user.id)
        db.session.add(profile)
    profile.display_name = form.display_name.data
    profile.headline = form.headline.data or ""
    profile.bio = form.bio.data or ""
    profile.sector = form.sector.data or None
    profile.place = form.place.place
    profile.mentor = form.mentor.data
    profile.mentor_capacity = (form.mentor_capacity.data or 0) if form.mentor.data else 0
    profile.website = form.website.data or ""
    profile.portfolio = form.portfolio.data or ""
    profile.visibility = Visibility(form.visibility.data)
    profile.languages = _reuse(
        profile.languages,
        lambda r: r.lang,
        dict.fromkeys(form.languages.data),
        lambda code: ProfileLanguage(lang=code),
    )
    profile.modes = _reuse(
        profile.modes,
        lambda r: r.mode,
        dict.fromkeys(Mode(v) for v in form.modes.data),
        lambda mode: ProfileMode(mode=mode),
    )

    chosen = {}
    for row in form.skills:
        if row.form.name.data:
            chosen.setdefault(_resolve(row.form.name.data).id, row.form)
    profile.skills = _reuse(profile.skills, lambda r: r.skill_id, chosen, _new_member_skill)
    for position, member_skill in enumerate(profile.skills):
        row = chosen[member_skill.skill_id]
        member_skill.level = Level(row.level.data)
        member_skill.can_help = row.can_help.data
        member_skill.position = position

    wishes = dict.fromkeys(
        _resolve(row.form.name.data).id for row in form.mentor_wishes if row.form.name.data
    )
    profile.mentor_wishes = _reuse(
        profile.mentor_wishes, lambda r: r.skill_id, wishes, lambda sid: MentorWish(skill_id=sid)
    )
    return profile
