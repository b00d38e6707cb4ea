"""Skill suggestions for forms, and the staff pages that curate community skills and sectors."""

from __future__ import annotations

import logging
from math import ceil

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from app.accounts.access import staff_required
from app.extensions import db
from app.skills import bp
from app.skills.forms import (
    MergeSectorForm,
    MergeSkillForm,
    PromoteSkillForm,
    SectorForm,
    category_choices,
)
from app.skills.models import Skill, SkillCategory, SkillStatus, interface_language
from app.skills.sectors import (
    OTHER,
    Sector,
    SectorError,
    add_sector,
    all_sectors,
    merge_sector,
    rename_sector,
    sector_usage,
)
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


def _sectors_page(bound: SectorForm | MergeSectorForm | None = None, status: int = 200):
    """Every sector with its members' count, a rename form and a merge form."""
    sectors = all_sectors()
    usage = sector_usage()
    rows = []
    for sector in sectors:
        rename = SectorForm(formdata=None, sector=sector)
        merge = MergeSectorForm(sector, sectors, formdata=None)
        if bound is not None and bound.sector is not None and bound.sector.id == sector.id:
            if isinstance(bound, SectorForm):
                rename = bound
            else:
                merge = bound
        rows.append(
            {"sector": sector, "usage": usage.get(sector.slug, 0), "rename": rename, "merge": merge}
        )
    new = bound if isinstance(bound, SectorForm) and bound.sector is None else None
    return render_template(
        "skills/sectors.html", rows=rows, new=new or SectorForm(formdata=None), other=OTHER
    ), status


def _sector(sector_id: int) -> Sector:
    sector = db.session.get(Sector, sector_id)
    if sector is None or sector.merged_into_id is not None:
        abort(404)
    return sector


@bp.get("/sectors")
@staff_required
def sectors():
    """The sectors members choose from: staff add, rename and merge them."""
    return _sectors_page()


@bp.post("/sectors")
@staff_required
def add_sector_view():
    """Add a sector."""
    form = SectorForm()
    if not form.validate_on_submit():
        return _sectors_page(bound=form, status=400)
    try:
        sector = add_sector(form.labels())
    except SectorError:
        db.session.rollback()
        form.nl.errors = [*form.nl.errors, _("Another sector already has one of these names.")]
        return _sectors_page(bound=form, status=400)
    db.session.commit()
    logger.info("user %s added sector %s", current_user.id, sector.slug)
    flash(_("The sector “%(sector)s” is added.", sector=sector.label()), "success")
    return redirect(url_for("skills.sectors"))


@bp.post("/sectors/<int:sector_id>/rename")
@staff_required
def rename_sector_view(sector_id: int):
    """Rename a sector in the three languages; its old names keep finding it."""
    sector = _sector(sector_id)
    form = SectorForm(sector=sector)
    if not form.validate_on_submit():
        return _sectors_page(bound=form, status=400)
    try:
        rename_sector(sector, form.labels())
    except SectorError:
        db.session.rollback()
        form.nl.errors = [*form.nl.errors, _("Another sector already has one of these names.")]
        return _sectors_page(bound=form, status=400)
    db.session.commit()
    logger.info("user %s renamed sector %s", current_user.id, sector.slug)
    flash(_("The sector is renamed “%(sector)s”.", sector=sector.label()), "success")
    return redirect(url_for("skills.sectors"))


@bp.post("/sectors/<int:sector_id>/merge")
@staff_required
def merge_sector_view(sector_id: int):
    """Merge a sector into another: its members move, its names find the other."""
    sector = _sector(sector_id)
    form = MergeSectorForm(sector, all_sectors())
    if not form.validate_on_submit():
        return _sectors_page(bound=form, status=400)
    target = _sector(int(form.target.data))
    try:
        moved = merge_sector(sector, target)
    except SectorError:
        db.session.rollback()
        form.target.errors = [_("“%(sector)s” cannot be merged.", sector=sector.label())]
        return _sectors_page(bound=form, status=400)
    source_label = sector.label()
    db.session.commit()
    logger.info("user %s merged sector %s into %s", current_user.id, sector.slug, target.slug)
    flash(
        ngettext(
            "“%(source)s” is merged into “%(target)s”; %(num)d member moved.",
            "“%(source)s” is merged into “%(target)s”; %(num)d members moved.",
            moved,
            source=source_label,
            target=target.label(),
        ),
        "success",
    )
    return redirect(url_for("skills.sectors"))
