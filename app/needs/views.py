"""Views for the needs board, a need and its responses, and the staff's unmet-needs radar."""

from __future__ import annotations

import json
import logging
from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms import SelectChoice

from app.accounts.access import staff_required
from app.extensions import db
from app.needs import bp
from app.needs.access import (
    can_delete_need,
    can_delete_response,
    can_post_need,
    can_respond,
    is_author,
    require_response,
    require_visible_need,
)
from app.needs.board import board_query, has_helpable_skills, region_choices
from app.needs.charts import bar_chart, line_chart
from app.needs.editing import apply_need_form, fill_need_form, set_status
from app.needs.forms import BoardFilterForm, NeedForm, RadarPeriodForm, ResponseForm, StatusForm
from app.needs.matching import suggestions_for
from app.needs.models import (
    SOLVED_LABELS,
    STATUS_LABELS,
    MergedNeed,
    Need,
    NeedResponse,
    NeedStatus,
    Solved,
)
from app.needs.people import person_link, public_name
from app.needs.radar import build_radar, radar_csv, unmet_needs
from app.needs.trends import (
    CLASS_LABELS,
    DIMENSION_LABELS,
    SOURCE_LABELS,
    build_trends,
    default_period,
    table_csv,
    trends_tables,
)
from app.notifications.models import NotificationKind, forget_notifications, notify
from app.partners.access import current_offers_clause, offer_visible_to, partner_of
from app.partners.editing import add_spare_skill_rows
from app.partners.models import Offer
from app.skills.models import interface_language
from app.skills.readings import flash_loose_readings

logger = logging.getLogger(__name__)

PER_PAGE = 20


@bp.app_template_global()
def need_person_name(user) -> str:
    """How a need's author or a responder is named to the current visitor."""
    return public_name(user, current_user)


@bp.app_template_global()
def need_person_link(user) -> str | None:
    """Where a need's author or a responder can be seen by the current visitor, if anywhere."""
    return person_link(user, current_user)


@bp.get("/")
def board():
    form = BoardFilterForm(request.args)
    form.region.choices = [SelectChoice("", _("Any region")), *region_choices(current_user)]
    form.validate()
    stmt, skill_unknown = board_query(form, current_user)
    page = db.paginate(
        stmt, page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False
    )
    signed_in = current_user.is_authenticated
    no_helpable_skills = form.can_help.data and signed_in and not has_helpable_skills(current_user)
    return render_template(
        "needs/board.html",
        form=form,
        page=page,
        skill_unknown=skill_unknown,
        no_helpable_skills=no_helpable_skills,
        may_post=can_post_need(current_user),
    )


@bp.get("/mine")
@login_required
def mine():
    needs = db.session.scalars(
        select(Need)
        .where(Need.author_id == current_user.id)
        .order_by(Need.created_at.desc(), Need.id.desc())
    )
    return render_template("needs/mine.html", needs=list(needs))


def _need_editor(form: NeedForm, need: Need | None):
    """The new-need and edit-need page; ``need`` is None for a new one."""
    if request.method == "GET" and need is not None:
        fill_need_form(form, need)
    elif form.validate_on_submit():
        similar = _similar_to_new(form) if need is None else []
        if similar:
            add_spare_skill_rows(form.skills)
            return render_template("needs/edit.html", form=form, need=None, similar=similar)
        # Before the new need is in the session: the resolver's queries would flush it.
        flash_loose_readings(form.skills)
        if need is None:
            need = Need(author_id=current_user.id)
            db.session.add(need)
        apply_need_form(form, need)
        db.session.commit()
        flash(_("Your need is saved."), "success")
        return redirect(url_for("needs.show", need_id=need.id))
    add_spare_skill_rows(form.skills)
    return render_template("needs/edit.html", form=form, need=need)


def _similar_to_new(form: NeedForm) -> list[Need]:
    """The similar needs to show before a new one is posted, unless the member has seen them
    and chose to post theirs anyway."""
    if request.form.get("post_anyway"):
        return []
    from app.proposals.demand import similar_needs

    return similar_needs(f"{form.title.data}\n{form.body.data}", current_user, interface_language())


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if not can_post_need(current_user):
        abort(403)
    return _need_editor(NeedForm(), None)


def _own_need(need_id: int) -> Need:
    """The need, if the viewer may see it (else 404 or sign in) and wrote it (else 403)."""
    need = require_visible_need(need_id, current_user)
    if not is_author(need, current_user):
        abort(403)
    return need


@bp.route("/<int:need_id>/edit", methods=["GET", "POST"])
@login_required
def edit(need_id: int):
    return _need_editor(NeedForm(), _own_need(need_id))


def _articles_of(user) -> list:
    """The user's published articles, if the knowledge base is there."""
    try:
        from app.articles.models import Article
    except ImportError:  # pragma: no cover - the knowledge base ships separately
        return []
    return list(
        db.session.scalars(
            select(Article)
            .where(Article.author_id == user.id, Article.published.is_(True))
            .order_by(Article.published_at.desc(), Article.id.desc())
        )
    )


def _visible_articles(ids, viewer) -> dict:
    """The articles with these ids that the viewer may read, by id."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    try:
        from app.articles.access import article_visible_to
        from app.articles.models import Article
    except ImportError:  # pragma: no cover - the knowledge base ships separately
        return {}
    articles = db.session.scalars(select(Article).where(Article.id.in_(ids)))
    return {a.id: a for a in articles if article_visible_to(a, viewer)}


def _response_form() -> ResponseForm:
    """The response form, offering the responder's current offers and published articles."""
    form = ResponseForm()
    partner = partner_of(current_user)
    offers = []
    if partner is not None:
        offers = db.session.scalars(
            select(Offer)
            .where(Offer.partner_id == partner.id, current_offers_clause())
            .order_by(Offer.title, Offer.id)
        )
    form.offer.choices = [
        SelectChoice("", _("None")),
        *(SelectChoice(str(o.id), o.title) for o in offers),
    ]
    form.article.choices = [
        SelectChoice("", _("None")),
        *(SelectChoice(str(a.id), a.title) for a in _articles_of(current_user)),
    ]
    return form


def _show(need: Need, response_form=None, status_form=None, status: int = 200):
    """The need's page; the forms keep what was typed when they come back with errors."""
    may_respond = can_respond(need, current_user)
    author = is_author(need, current_user)
    if may_respond and response_form is None:
        response_form = _response_form()
    if author and status_form is None:
        status_form = StatusForm(
            formdata=None,
            status=need.status.value,
            solved=need.solved.value if need.solved else None,
        )
    articles = _visible_articles((r.article_id for r in need.responses), current_user)
    return render_template(
        "needs/show.html",
        need=need,
        is_author=author,
        response_form=response_form if may_respond else None,
        status_form=status_form if author else None,
        suggestions=suggestions_for(need, current_user),
        articles=articles,
        offer_visible=lambda offer: offer is not None and offer_visible_to(offer, current_user),
        can_delete_need=can_delete_need(need, current_user),
        can_delete_response=lambda r: can_delete_response(r, current_user),
    ), status


@bp.get("/<int:need_id>")
def show(need_id: int):
    if db.session.get(Need, need_id) is None:
        # A merged need's links (in mails, notifications, bookmarks) lead to where it went.
        merged = db.session.scalar(select(MergedNeed).where(MergedNeed.old_id == need_id))
        if merged is not None:
            return redirect(url_for("needs.show", need_id=merged.need_id), 301)
    return _show(require_visible_need(need_id, current_user))


@bp.post("/<int:need_id>/responses")
@login_required
def respond(need_id: int):
    need = require_visible_need(need_id, current_user)
    if not can_respond(need, current_user):
        abort(403)
    form = _response_form()
    if not form.validate_on_submit():
        return _show(need, response_form=form)
    response = NeedResponse(
        need=need,
        author_id=current_user.id,
        body=form.body.data,
        offer_id=int(form.offer.data) if form.offer.data else None,
        article_id=int(form.article.data) if form.article.data else None,
    )
    db.session.add(response)
    db.session.flush()
    link = url_for("needs.show", need_id=need.id)
    notify(
        need.author_id,
        NotificationKind.NEED_RESPONSE,
        actor=current_user,
        actor_name=public_name(current_user),
        subject=need.title,
        link=f"{link}#response-{response.id}",
    )
    db.session.commit()
    flash(_("Your response is sent."), "success")
    return redirect(f"{link}#response-{response.id}")


@bp.post("/<int:need_id>/status")
@login_required
def change_status(need_id: int):
    need = _own_need(need_id)
    form = StatusForm()
    if not form.validate_on_submit():
        return _show(need, status_form=form)
    status = NeedStatus(form.status.data)
    solved = Solved(form.solved.data) if form.solved.data else None
    if solved is not None and need.status is not NeedStatus.CLOSED:
        # Saying whether it was solved closes the need (the form says so): else the answer
        # would be thrown away without a word. A closed need reopened keeps its old answer
        # checked in the form: choosing "open" then reopens it.
        status = NeedStatus.CLOSED
    elif status is not NeedStatus.CLOSED:
        solved = None
    set_status(need, status, solved)
    db.session.commit()
    if status is NeedStatus.CLOSED:
        flash(_("Your need is closed: %(solved)s.", solved=SOLVED_LABELS[solved]), "success")
    else:
        flash(
            _("The status of your need is saved: %(status)s.", status=STATUS_LABELS[status]),
            "success",
        )
    return redirect(url_for("needs.show", need_id=need.id))


@bp.post("/<int:need_id>/responses/<int:response_id>/helped")
@login_required
def mark_helped(need_id: int, response_id: int):
    """The author marks (or unmarks) the response that helped; one per need."""
    need = _own_need(need_id)
    response = require_response(need, response_id)
    if response.helped:
        response.helped = False
    else:
        for other in need.responses:
            other.helped = other is response
        if need.status is NeedStatus.OPEN:
            set_status(need, NeedStatus.ANSWERED)
        notify(
            response.author_id,
            NotificationKind.RESPONSE_HELPED,
            actor=current_user,
            actor_name=public_name(current_user),
            subject=need.title,
            link=url_for("needs.show", need_id=need.id) + f"#response-{response.id}",
        )
    need.touch()
    db.session.commit()
    return redirect(url_for("needs.show", need_id=need.id) + f"#response-{response.id}")


@bp.post("/<int:need_id>/responses/<int:response_id>/delete")
@login_required
def delete_response(need_id: int, response_id: int):
    need = require_visible_need(need_id, current_user)
    response = require_response(need, response_id)
    if not can_delete_response(response, current_user):
        abort(403)
    forget_notifications(url_for("needs.show", need_id=need.id) + f"#response-{response.id}")
    db.session.delete(response)
    need.touch()
    db.session.commit()
    flash(_("The response is deleted."), "info")
    return redirect(url_for("needs.show", need_id=need.id))


@bp.post("/<int:need_id>/delete")
@login_required
def delete(need_id: int):
    need = require_visible_need(need_id, current_user)
    if not can_delete_need(need, current_user):
        abort(403)
    back = url_for("needs.mine" if is_author(need, current_user) else "needs.board")
    forget_notifications(url_for("needs.show", need_id=need.id))
    db.session.delete(need)
    db.session.commit()
    logger.info("need %s deleted by user %s", need_id, current_user.id)
    flash(_("The need is deleted."), "info")
    return redirect(back)


def _radar_period() -> tuple[RadarPeriodForm, date, date]:
    """The period asked for, else (or when it is not a period) the last twelve months."""
    form = RadarPeriodForm(request.args)
    since, until = default_period()
    if form.validate():
        until = form.until.data or until
        since = form.since.data or min(since, until)
        if since > until:
            form.until.errors = [_("The end of the period comes before its start.")]
            since, until = default_period()
    return form, since, until


def _trend_chart(trends):
    labels = {
        "new": _("New needs"),
        "answered": _("Answered"),
        "solved": _("Solved"),
        "unmet": _("Unmet"),
    }
    return line_chart(
        [m.month for m in trends.months],
        {key: [getattr(m, key) for m in trends.months] for key in labels},
        labels,
    )


@bp.get("/radar")
@staff_required
def radar():
    """Staff: the needs nobody answered or that stayed unsolved, by skill and by region; over
    the period asked for, the trends by month and whether an answer already existed."""
    form, since, until = _radar_period()
    trends = build_trends(since, until)
    class_rows = [(str(CLASS_LABELS[key]), value) for key, value in trends.classes.items()]
    return render_template(
        "needs/radar.html",
        radar=build_radar(),
        needs=unmet_needs(),
        period_form=form,
        trends=trends,
        trend_chart=_trend_chart(trends),
        class_bars=bar_chart(class_rows),
        source_labels=SOURCE_LABELS,
        class_labels=CLASS_LABELS,
        dimension_labels=DIMENSION_LABELS,
        period_args={"since": since.isoformat(), "until": until.isoformat()},
    )


@bp.get("/radar/trends.json")
@staff_required
def radar_trends_json():
    """Every table of the radar over the period, as JSON."""
    _form, since, until = _radar_period()
    lang = interface_language()
    tables = trends_tables(build_trends(since, until, lang=lang), lang)
    body = {"since": since.isoformat(), "until": until.isoformat(), **tables}
    return Response(
        json.dumps(body, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="gilde-radar-{since}-{until}.json"'},
    )


@bp.get("/radar/<any(months, breakdown, classes):table>.csv")
@staff_required
def radar_trends_csv(table: str):
    """One table of the radar over the period, as CSV."""
    _form, since, until = _radar_period()
    lang = interface_language()
    rows = trends_tables(build_trends(since, until, lang=lang), lang)[table]
    return Response(
        "\ufeff" + table_csv(rows),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="gilde-radar-{table}-{since}-{until}.csv"'
        },
    )


@bp.get("/radar.csv")
@staff_required
def radar_download():
    radar = build_radar()
    filename = f"gilde-unmet-needs-{radar.now:%Y-%m-%d}.csv"
    return Response(
        "\ufeff" + radar_csv(radar),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
