"""Skill suggestions for forms, and the staff pages that curate community skills."""

from __future__ import annotations

import logging
from math import ceil

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.accounts.access import staff_required
from app.extensions import db
from app.skills import bp
from app.skills.forms import MergeSkillForm, PromoteSkillForm, category_choices
from app.skills.models import Skill, SkillCategory, SkillStatus, interface_language
from app.skills.taxonomy import (
    merge_skills,
    name_key,
    promote_skill,
    skill_usage,
    suggest_skills,
)

logger = logging.getLogger(__name__)

SUGGEST_MIN_LENGTH = 2
SUGGEST_MAX_LENGTH = 100
PER_PAGE = 50


@bp.get("/suggest")
def suggest():
    """Skills for an autocomplete, as JSON in the interface language."""
    query = request.args.get("q", "")[:SUGGEST_MAX_LENGTH]
    if len(name_key(query)) < SUGGEST_MIN_LENGTH:
        return jsonify([])
    lang = interface_language()
    return jsonify(
        [
            {
                "id": skill.id,
                "label": label,
                "category": skill.category.label(lang) if skill.category else None,
                "community": skill.is_community,
            }
            for skill, label in suggest_skills(query, lang)
        ]
    )


def _community_skill(skill_id: int) -> Skill:
    skill = db.session.get(Skill, skill_id)
    if skill is None or skill.status is not SkillStatus.COMMUNITY:
        abort(404)
    return skill


def _page() -> int | None:
    return request.args.get("page", type=int)


def _community_page(bound: MergeSkillForm | PromoteSkillForm | None = None, status: int = 200):
    """The community skills, most used first, each with its merge and promote forms."""
    community = select(Skill.id).where(Skill.status == SkillStatus.COMMUNITY)
    usage = skill_usage(community)
    ids = list(db.session.scalars(community.order_by(Skill.created_at.desc(), Skill.id.desc())))
    ids.sort(key=lambda skill_id: -usage.get(skill_id, 0))
    pages = max(1, ceil(len(ids) / PER_PAGE))
    page = min(max(_page() or 1, 1), pages)
    shown = ids[(page - 1) * PER_PAGE : page * PER_PAGE]
    skills = {
        skill.id: skill for skill in db.session.scalars(select(Skill).where(Skill.id.in_(shown)))
    }
    choices = category_choices()
    rows = []
    for skill_id in shown:
        skill = skills[skill_id]
        merge = MergeSkillForm(skill, formdata=None)
        promote = PromoteSkillForm(skill, choices, formdata=None)
        if bound is not None and bound.skill.id == skill_id:
            merge, promote = (
                (bound, promote) if isinstance(bound, MergeSkillForm) else (merge, bound)
            )
        rows.append(
            {"skill": skill, "usage": usage.get(skill_id, 0), "merge": merge, "promote": promote}
        )
    return render_template(
        "skills/community.html", rows=rows, page=page, pages=pages, total=len(ids)
    ), status


@bp.get("/community")
@staff_required
def community():
    """The skills members added that the taxonomy did not know."""
    return _community_page()


@bp.post("/community/<int:skill_id>/merge")
@staff_required
def merge(skill_id: int):
    """Merge a community skill into an existing skill."""
    skill = _community_skill(skill_id)
    form = MergeSkillForm(skill)
    if not form.validate_on_submit():
        return _community_page(bound=form, status=400)
    source_label, target = skill.label(), form.target_skill
    merge_skills(skill, target)
    db.session.commit()
    logger.info("user %s merged skill %s into %s", current_user.id, skill_id, target.id)
    flash(
        _("“%(source)s” is merged into “%(target)s”.", source=source_label, target=target.label()),
        "success",
    )
    return redirect(url_for("skills.community", page=_page()))


@bp.post("/community/<int:skill_id>/promote")
@staff_required
def promote(skill_id: int):
    """Make a community skill a curated one."""
    skill = _community_skill(skill_id)
    form = PromoteSkillForm(skill, category_choices())
    if not form.validate_on_submit():
        return _community_page(bound=form, status=400)
    category = None
    if form.category.data:
        category = db.session.scalar(
            select(SkillCategory).where(SkillCategory.slug == form.category.data)
        )
    promote_skill(skill, slug=form.slug.data or None, category=category)
    db.session.commit()
    logger.info("user %s promoted skill %s to curated", current_user.id, skill_id)
    flash(_("“%(skill)s” is now a curated skill.", skill=skill.label()), "success")
    return redirect(url_for("skills.community", page=_page()))
