"""Circles as search documents (the kind "circle"), found as the directory finds them."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.circles.access import circle_listed_to
from app.circles.models import CircleSkill, CircleVisibility, PeerCircle
from app.search.documents import SearchKind, holding_skill, place_fields, register, text_fields
from app.skills.models import SkillLabel


def circle_document(circle: PeerCircle) -> dict:
    """A circle's document: its name and theme, skills, language, place and modes."""
    modes = ["collective"]
    if circle.online:
        modes.append("online")
    if circle.place is not None:
        modes.append("in_person")
    return {
        "title": circle.name,
        "text": circle.theme,
        **text_fields(circle.language, f"{circle.name}\n{circle.theme}"),
        "skills": " ".join(str(skill.id) for skill in circle.skills),
        "skill_labels": " ".join(label.text for skill in circle.skills for label in skill.labels),
        "languages": circle.language,
        "modes": " ".join(modes),
        **place_fields(circle.place),
        "visibility": "public" if circle.visibility is CircleVisibility.PUBLIC else "members",
        "updated": circle.created_at,
    }


register(
    SearchKind(
        name="circle",
        label=_l("Peer circles"),
        model=PeerCircle,
        indexed=lambda circle: circle.closed_at is None,
        build=circle_document,
        visible=circle_listed_to,
        url=lambda circle: url_for("circles.show", circle_id=circle.id),
        related={
            CircleSkill: lambda row: [row.circle_id],
            SkillLabel: holding_skill(CircleSkill.circle_id),
        },
    )
)
