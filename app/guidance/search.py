"""Advisers and peer advisers as search documents (the kind "adviser")."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.guidance.models import (
    Adviser,
    AdviserKind,
    AdviserOffice,
    AdviserSkill,
    AdviserTopic,
    Mode,
)
from app.i18n import LANGUAGES
from app.search.documents import SearchKind, holding_skill, place_fields, register, text_fields
from app.skills.models import SkillLabel

#: The search's own modes facet speaks of online and in-person help.
SEARCH_MODES = {Mode.OFFICE: "in_person", Mode.VIDEO: "online", Mode.PHONE: "online"}


def adviser_visible_to(adviser: Adviser, viewer) -> bool:
    """Staff advisers are public; peer advisers are members, seen by signed-in members."""
    if not adviser.active:
        return viewer is not None and viewer.is_authenticated and viewer.is_staff
    if adviser.kind is AdviserKind.STAFF:
        return True
    return viewer is not None and viewer.is_authenticated


def adviser_document(adviser: Adviser) -> dict:
    """An active adviser's document: name, topics in every language, skills, offices."""
    topic_words = " ".join(row.topic.label(lang) for row in adviser.topics for lang in LANGUAGES)
    spoken = [code for code in adviser.language_codes if code in LANGUAGES] or list(LANGUAGES)
    body = "\n".join(filter(None, [adviser.headline, adviser.bio, topic_words]))
    first_office = adviser.offices[0].office if adviser.offices else None
    return {
        "title": adviser.user.name,
        "text": body,
        **text_fields(spoken, body),
        "summary": adviser.headline,
        "skills": " ".join(str(skill_id) for skill_id in adviser.skill_ids),
        "helps": " ".join(str(skill_id) for skill_id in adviser.skill_ids),
        "skill_labels": " ".join(
            label.text for row in adviser.skills for label in row.skill.labels
        ),
        "languages": " ".join(adviser.language_codes),
        "modes": " ".join(sorted({SEARCH_MODES[mode] for mode in adviser.mode_values})),
        **place_fields(first_office.place if first_office else None),
        "visibility": "public" if adviser.kind is AdviserKind.STAFF else "members",
        "updated": adviser.updated_at,
    }


register(
    SearchKind(
        name="adviser",
        label=_l("Advisers"),
        model=Adviser,
        indexed=lambda adviser: adviser.active,
        build=adviser_document,
        visible=adviser_visible_to,
        url=lambda adviser: url_for("guidance.adviser", adviser_id=adviser.id),
        checks_read=("user",),
        related={
            AdviserSkill: lambda row: [row.adviser_id],
            AdviserTopic: lambda row: [row.adviser_id],
            AdviserOffice: lambda row: [row.adviser_id],
            SkillLabel: holding_skill(AdviserSkill.adviser_id),
        },
    )
)
