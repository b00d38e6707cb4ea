"""Member profiles as search documents."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.i18n import LANGUAGES
from app.members.access import profile_visible_to
from app.members.models import (
    Level,
    MemberSkill,
    MentorWish,
    Profile,
    ProfileLanguage,
    ProfileMode,
    Visibility,
)
from app.search.documents import SearchKind, holding_skill, place_fields, register, text_fields
from app.skills.models import SkillLabel


def member_indexed(profile: Profile) -> bool:
    """Hidden profiles are never indexed."""
    return profile.visibility is not Visibility.HIDDEN


def profile_completeness(profile: Profile) -> float:
    """The share of a profile's parts that are filled in, from 0 to 1 (ranking weighs it)."""
    parts = [
        profile.headline,
        profile.bio,
        profile.place_id or profile.place,
        profile.skills,
        profile.languages,
        profile.modes,
        profile.website or profile.portfolio,
    ]
    return round(sum(1 for part in parts if part) / len(parts), 3)


def _at_level(profile: Profile, level: Level) -> str:
    return " ".join(str(row.skill_id) for row in profile.skills if row.level is level)


def member_document(profile: Profile) -> dict:
    """A listed profile's document."""
    skill_labels = " ".join(label.text for row in profile.skills for label in row.skill.labels)
    spoken = [code for code in profile.language_codes if code in LANGUAGES] or list(LANGUAGES)
    body = "\n".join(filter(None, [profile.headline, profile.bio]))
    return {
        "title": profile.display_name,
        "text": body,
        **text_fields(spoken, body),
        "summary": profile.headline,
        "skills": " ".join(str(row.skill_id) for row in profile.skills),
        "helps": " ".join(str(row.skill_id) for row in profile.skills if row.can_help),
        "expert_in": _at_level(profile, Level.EXPERT),
        "experienced_in": _at_level(profile, Level.EXPERIENCED),
        "completeness": profile_completeness(profile),
        "skill_labels": skill_labels,
        "sector": profile.sector,
        "languages": " ".join(profile.language_codes),
        "modes": " ".join(mode.value for mode in profile.mode_values),
        "mentor": bool(profile.mentor and profile.mentor_capacity > 0),
        **place_fields(profile.place),
        "visibility": profile.visibility.value,
        "updated": profile.updated_at,
    }


register(
    SearchKind(
        name="member",
        label=_l("Members"),
        model=Profile,
        indexed=member_indexed,
        build=member_document,
        visible=profile_visible_to,
        url=lambda profile: url_for("members.profile", profile_id=profile.id),
        related={
            MemberSkill: lambda row: [row.profile_id],
            SkillLabel: holding_skill(MemberSkill.profile_id),
            MentorWish: lambda row: [row.profile_id],
            ProfileLanguage: lambda row: [row.profile_id],
            ProfileMode: lambda row: [row.profile_id],
        },
    )
)

from app.members import cards  # noqa: E402, F401 - registers the kind's result cards
