"""Needs as search documents."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.i18n import LANGUAGES
from app.needs.access import need_visible_to
from app.needs.models import Need, NeedMode, NeedSkill, NeedStatus
from app.search.documents import SearchKind, holding_skill, place_fields, register, text_fields
from app.skills.models import SkillLabel


def need_indexed(need: Need) -> bool:
    """An open or answered need is; a closed one is history and leaves search."""
    return need.status is not NeedStatus.CLOSED


def need_document(need: Need) -> dict:
    """An open or answered need's document."""
    return {
        "title": need.title,
        "text": need.body,
        # A need has no language of its own: it is analysed in all three.
        **text_fields(LANGUAGES, f"{need.title}\n{need.body}"),
        "skills": " ".join(str(row.skill_id) for row in need.skills),
        "skill_labels": " ".join(label.text for row in need.skills for label in row.skill.labels),
        "modes": " ".join(mode.value for mode in need.mode_values),
        **place_fields(need.place),
        "visibility": need.visibility.value,
        "updated": need.updated_at,
    }


register(
    SearchKind(
        name="need",
        label=_l("Needs"),
        model=Need,
        indexed=need_indexed,
        build=need_document,
        visible=need_visible_to,
        url=lambda need: url_for("needs.show", need_id=need.id),
        related={
            NeedSkill: lambda row: [row.need_id],
            NeedMode: lambda row: [row.need_id],
            SkillLabel: holding_skill(NeedSkill.need_id),
        },
    )
)

from app.needs import cards  # noqa: E402, F401 - registers the kind's result cards
