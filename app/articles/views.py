"""Views of the knowledge base: lists, feeds, the article page, the editor and moderation."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.articles import bp
from app.articles.access import (
    can_delete,
    can_delete_comment,
    can_edit,
    can_mark_helpful,
    can_unpublish,
    is_author,
    require_visible,
)
from app.articles.editing import (
    add_spare_rows,
    apply_article_form,
    article_version,
    diff_lines,
    fill_article_form,
    hold_for_saving,
    latest_revision,
    publish,
    restore_revision,
    unpublish,
)
from app.articles.feeds import FEED_LENGTH, feed_response
from app.articles.forms import ArticleForm, CommentForm, ListFilterForm, PreviewForm
from app.articles.listing import (
    ListFilters,
    feed_articles,
    has_marked_helpful,
    helpful_count,
    listed_articles,
    my_articles,
    translations,
)
from app.articles.models import (
    ARTICLE_VISIBILITY_LABELS,
    BODY_LENGTH,
    Article,
    ArticleKind,
    ArticleRevision,
    Comment,
    HelpfulMark,
    Topic,
)
from app.articles.tags import normalise_tag
from app.extensions import db, limiter
from app.rendering import render_article
from app.skills.models import interface_language

logger = logging.getLogger(__name__)

PER_PAGE = 20
COMMENTS_PER_PAGE = 50
REVISIONS_PER_PAGE = 50
#: The editor previews a moment after each pause in typing; this is far above that.
PREVIEW_LIMIT = "120 per minute"


def _page_number() -> int:
    return request.args.get("page", 1, type=int)


def _rendered(text: str):
    return render_article(text, permalink_title=_("Link to this section"))


def _article_or_404(article_id: int) -> Article:
    return require_visible(db.session.get(Article, article_id), current_user)


# --- lists and feeds ---------------------------------------------------------------------------


def _listing(filters: ListFilters, heading: str, form: ListFilterForm | None = None, **extra):
    from app.search.query import viewer_languages

    languages = viewer_languages(current_user, interface_language())
    page = db.paginate(
        listed_articles(filters, current_user, languages),
        page=_page_number(),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "articles/index.html",
        page=page,
        heading=heading,
        form=form,
        filters=filters,
        **extra,
    )


@bp.get("/")
def index():
    form = ListFilterForm(request.args)
    form.validate()
    topic = None
    if form.topic.data and not form.topic.errors:
        topic = db.session.scalar(select(Topic).where(Topic.slug == form.topic.data))
    filters = ListFilters(
        topic=topic,
        tag=normalise_tag(form.tag.data or "")[:100],
        language="" if form.language.errors else form.language.data or "",
        kind="" if form.kind.errors else form.kind.data or "",
    )
    return _listing(filters, _("Knowledge base"), form=form, feed_url=url_for("articles.feed"))


@bp.get("/guides")
def guides():
    filters = ListFilters(kind=ArticleKind.GUIDE.value)
    return _listing(filters, _("Guides of the cooperative"))


def _topic_or_404(slug: str) -> Topic:
    topic = db.session.scalar(select(Topic).where(Topic.slug == slug))
    if topic is None:
        abort(404)
    return topic


@bp.get("/topics/<slug>")
def by_topic(slug: str):
    topic = _topic_or_404(slug)
    return _listing(
        ListFilters(topic=topic),
        _("Topic: %(topic)s", topic=topic.name()),
        feed_url=url_for("articles.topic_feed", slug=topic.slug),
    )


@bp.get("/tags/<tag>")
def by_tag(tag: str):
    name = normalise_tag(tag)
    if not name or name != tag:
        if name:
            return redirect(url_for("articles.by_tag", tag=name))
        abort(404)
    return _listing(ListFilters(tag=name), _("Tag: %(tag)s", tag=name))


@bp.get("/authors/<int:user_id>")
def by_author(user_id: int):
    author = db.get_or_404(User, user_id)
    return _listing(ListFilters(author_id=author.id), _("Articles by %(name)s", name=author.name))


@bp.get("/mine")
@login_required
def mine():
    page = db.paginate(
        my_articles(current_user), page=_page_number(), per_page=PER_PAGE, error_out=False
    )
    return render_template("articles/mine.html", page=page)


@bp.get("/feed.atom")
def feed():
    return feed_response(feed_articles(None, FEED_LENGTH))


@bp.get("/topics/<slug>/feed.atom")
def topic_feed(slug: str):
    topic = _topic_or_404(slug)
    return feed_response(feed_articles(topic, FEED_LENGTH), topic)


# --- one article -------------------------------------------------------------------------------


def _show(article: Article, comment_form: CommentForm | None = None):
    comments = db.paginate(
        select(Comment).where(Comment.article_id == article.id).order_by(Comment.created_at),
        page=request.args.get("comments_page", 1, type=int),
        per_page=COMMENTS_PER_PAGE,
        error_out=False,
    )
    rendered = _rendered(article.body)
    return render_template(
        "articles/show.html",
        article=article,
        body=rendered.html,
        toc=rendered.toc,
        translations=translations(article, current_user),
        helpful=helpful_count(article),
        marked=has_marked_helpful(article, current_user),
        comments=comments,
        comment_form=comment_form or CommentForm(),
        may_edit=can_edit(article, current_user),
        may_unpublish=can_unpublish(article, current_user),
        may_delete=can_delete(article, current_user),
        may_mark=can_mark_helpful(article, current_user),
        may_delete_comment=lambda comment: can_delete_comment(comment, current_user),
        visibility_labels=ARTICLE_VISIBILITY_LABELS,
    )


@bp.get("/<int:article_id>")
def show(article_id: int):
    return _show(_article_or_404(article_id))


def _preview_limit_key() -> str:
    return f"article-preview:{current_user.id}"


@bp.post("/preview")
@login_required
@limiter.limit(PREVIEW_LIMIT, key_func=_preview_limit_key)
def preview():
    """The editor's live preview: the body rendered exactly as the article page renders it."""
    form = PreviewForm()
    if not form.validate_on_submit():
        # 422: the request worked, the text cannot be previewed; the message says why.
        return render_template("articles/_preview.html", errors=form.body.errors), 422
    rendered = _rendered(form.body.data or "")
    return render_template("articles/_preview.html", body=rendered.html, toc=rendered.toc)


def _previewable(text: str | None) -> bool:
    """Only a text that could be saved is rendered (a huge one would only cost time)."""
    return bool(text) and len(text) <= BODY_LENGTH


def _editor(form: ArticleForm, article: Article | None):
    """Save, publish or preview the editor's form; re-show it with errors when invalid."""
    action = request.form.get("action", "save")
    if request.method == "POST" and action == "preview":
        form.validate()  # shows the problems, saves nothing
    elif form.validate_on_submit():
        if article is not None and form.editing_since.data != hold_for_saving(article):
            db.session.rollback()  # lets go of the article
            return _edited_meanwhile(form, article)
        was_published = article is not None and article.published
        article = apply_article_form(form, article, current_user)
        if was_published or action == "publish":
            publish(article, current_user)
        db.session.commit()
        if was_published:
            flash(_("Your changes are published."), "success")
        elif article.published:
            flash(_("Your article is published."), "success")
        else:
            flash(_("Your draft is saved. Only you can see it."), "success")
        logger.info("saved article %s (published: %s)", article.id, article.published)
        return redirect(url_for("articles.show", article_id=article.id))
    return _show_editor(form, article)


def _show_editor(form: ArticleForm, article: Article | None, edited_meanwhile: bool = False):
    add_spare_rows(form)
    return render_template(
        "articles/edit.html",
        form=form,
        article=article,
        preview=_rendered(form.body.data) if _previewable(form.body.data) else None,
        may_delete=article is not None and can_delete(article, current_user),
        may_unpublish=article is not None and can_unpublish(article, current_user),
        edited_meanwhile=edited_meanwhile,
    )


def _edited_meanwhile(form: ArticleForm, article: Article):
    """The article was saved elsewhere after this editor was opened: nothing is saved, and
    the editor comes back with what was typed, so that its writer can look at the other
    changes first, then save again (which replaces them)."""
    logger.info("article %s was saved elsewhere meanwhile", article.id)
    form.editing_since.data = article_version(article)
    return _show_editor(form, article, edited_meanwhile=True), 409


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = ArticleForm(author=current_user)
    if request.method == "GET":
        fill_article_form(form, None, interface_language())
    return _editor(form, None)


@bp.route("/<int:article_id>/edit", methods=["GET", "POST"])
@login_required
def edit(article_id: int):
    article = _article_or_404(article_id)
    if not can_edit(article, current_user):
        abort(403)
    form = ArticleForm(author=article.author, article=article)
    if request.method == "GET":
        fill_article_form(form, article, interface_language())
    return _editor(form, article)


def _article_to_change(article_id: int, allowed) -> Article:
    article = _article_or_404(article_id)
    if not allowed(article, current_user):
        abort(403)
    return article


@bp.post("/<int:article_id>/publish")
@login_required
def publish_draft(article_id: int):
    article = _article_to_change(article_id, can_edit)
    if not article.published:
        publish(article, current_user)
        db.session.commit()
        flash(_("Your article is published."), "success")
    return redirect(url_for("articles.show", article_id=article.id))


@bp.post("/<int:article_id>/unpublish")
@login_required
def unpublish_article(article_id: int):
    article = _article_to_change(article_id, can_unpublish)
    unpublish(article)
    db.session.commit()
    logger.info("user %s unpublished article %s", current_user.id, article.id)
    if not is_author(article, current_user):
        flash(_("The article is unpublished; only its author can see it now."), "info")
        return redirect(url_for("articles.index"))
    flash(_("Your article is a draft again. Only you can see it."), "info")
    return redirect(url_for("articles.show", article_id=article.id))


@bp.route("/<int:article_id>/delete", methods=["GET", "POST"])
@login_required
def delete(article_id: int):
    article = _article_to_change(article_id, can_delete)
    if request.method == "POST":
        db.session.delete(article)
        db.session.commit()
        flash(_("Your article is deleted."), "info")
        return redirect(url_for("articles.mine"))
    return render_template("articles/delete.html", article=article)


# --- revisions ---------------------------------------------------------------------------------


@bp.get("/<int:article_id>/history")
def history(article_id: int):
    article = _article_or_404(article_id)
    if article.is_guide:
        abort(404)
    revisions = db.paginate(
        select(ArticleRevision)
        .where(ArticleRevision.article_id == article.id)
        .order_by(ArticleRevision.number.desc()),
        page=_page_number(),
        per_page=REVISIONS_PER_PAGE,
        error_out=False,
    )
    latest = latest_revision(article)
    return render_template(
        "articles/history.html",
        article=article,
        revisions=revisions,
        latest_number=latest.number if latest else None,
        may_restore=can_edit(article, current_user),
    )


def _revision_or_404(article: Article, number: int | None) -> ArticleRevision:
    revision = db.session.scalar(
        select(ArticleRevision).where(
            ArticleRevision.article_id == article.id, ArticleRevision.number == number
        )
    )
    if revision is None:
        abort(404)
    return revision


@bp.get("/<int:article_id>/diff")
def diff(article_id: int):
    """What changed between two revisions (``old`` and ``new``, by number)."""
    article = _article_or_404(article_id)
    new_number = request.args.get("new", type=int)
    latest = latest_revision(article)
    if new_number is None and not article.published:
        # A draft's text is kept as a revision only when it is published: its author sees
        # the draft against the last published revision, or against nothing.
        return _draft_diff(article, latest)
    if new_number is None and latest is not None:
        new_number = latest.number
    new_revision = _revision_or_404(article, new_number)
    old_number = request.args.get("old", new_revision.number - 1, type=int)
    old_revision = _revision_or_404(article, old_number)
    return render_template(
        "articles/diff.html",
        article=article,
        old=old_revision,
        new=new_revision,
        lines=diff_lines(old_revision.body, new_revision.body),
        may_restore=can_edit(article, current_user),
    )


def _draft_diff(article: Article, latest: ArticleRevision | None):
    """The author's draft against its latest revision (an empty text if it has none)."""
    if latest is None:
        old = SimpleNamespace(number=0, title="", summary="", body="", author=None)
    else:
        old = latest
    draft = SimpleNamespace(
        number=old.number + 1,
        title=article.title,
        summary=article.summary,
        body=article.body,
        author=article.author,
    )
    return render_template(
        "articles/diff.html",
        article=article,
        old=old,
        new=draft,
        draft=True,
        lines=diff_lines(old.body, draft.body),
        may_restore=latest is not None and can_edit(article, current_user),
    )


@bp.post("/<int:article_id>/revisions/<int:number>/restore")
@login_required
def restore(article_id: int, number: int):
    article = _article_to_change(article_id, can_edit)
    revision = _revision_or_404(article, number)
    latest = latest_revision(article)
    if latest is not None and (latest.title, latest.summary, latest.body) == (
        revision.title,
        revision.summary,
        revision.body,
    ):
        flash(_("This is already the text of the article."), "info")
        return redirect(url_for("articles.history", article_id=article.id))
    new_revision = restore_revision(article, revision, current_user)
    db.session.commit()
    logger.info("user %s restored revision %s of article %s", current_user.id, number, article.id)
    flash(
        _(
            "Revision %(old)d is restored as revision %(new)d.",
            old=revision.number,
            new=new_revision.number,
        ),
        "success",
    )
    return redirect(url_for("articles.show", article_id=article.id))


# --- readers: helpful marks and comments -------------------------------------------------------


@bp.post("/<int:article_id>/helpful")
@login_required
def helpful(article_id: int):
    """Mark the article helpful, or take the mark back (once per member)."""
    article = _article_to_change(article_id, can_mark_helpful)
    mark = db.session.get(HelpfulMark, (article.id, current_user.id))
    if mark is None:
        db.session.add(HelpfulMark(article_id=article.id, user_id=current_user.id))
    else:
        db.session.delete(mark)
    try:
        db.session.commit()
    except IntegrityError:  # the same member's other request was first
        db.session.rollback()
    return redirect(url_for("articles.show", article_id=article.id, _anchor="helpful"))


@bp.post("/<int:article_id>/comments")
@login_required
def comment(article_id: int):
    article = _article_or_404(article_id)
    if not article.published:
        abort(404)
    form = CommentForm()
    if not form.validate_on_submit():
        return _show(article, comment_form=form)
    new_comment = Comment(article_id=article.id, author_id=current_user.id, body=form.body.data)
    db.session.add(new_comment)
    db.session.commit()
    return redirect(
        url_for("articles.show", article_id=article.id, _anchor=f"comment-{new_comment.id}")
    )


@bp.post("/<int:article_id>/comments/<int:comment_id>/delete")
@login_required
def delete_comment(article_id: int, comment_id: int):
    article = _article_or_404(article_id)
    found = db.session.get(Comment, comment_id)
    if found is None or found.article_id != article.id:
        abort(404)
    if not can_delete_comment(found, current_user):
        abort(403)
    db.session.delete(found)
    db.session.commit()
    logger.info("user %s deleted comment %s", current_user.id, comment_id)
    flash(_("The comment is deleted."), "info")
    return redirect(url_for("articles.show", article_id=article.id, _anchor="comments"))
