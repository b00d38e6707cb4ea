"""Who may read, edit and moderate what: the rules every page, list and feed uses."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from sqlalchemy import ColumnElement, and_

from app.articles.models import Article, ArticleKind, ArticleVisibility, Comment


def _signed_in(viewer) -> bool:
    return viewer is not None and viewer.is_authenticated


def is_author(article: Article, viewer) -> bool:
    return _signed_in(viewer) and article.author_id is not None and article.author_id == viewer.id


def article_visible_to(article: Article, viewer) -> bool:
    """A draft to its author only; published: to anyone, or to signed-in members."""
    if not article.published:
        return is_author(article, viewer)
    if article.visibility is ArticleVisibility.PUBLIC:
        return True
    return _signed_in(viewer)


def listed_articles_clause(viewer) -> ColumnElement[bool]:
    """Articles a viewer finds in lists: published ones they may read (drafts never)."""
    if _signed_in(viewer):
        return Article.published.is_(True)
    return and_(Article.published.is_(True), Article.visibility == ArticleVisibility.PUBLIC)


def public_articles_clause() -> ColumnElement[bool]:
    """What a feed, read by anyone, may carry."""
    return listed_articles_clause(None)


def require_visible(article: Article | None, viewer) -> Article:
    """The article if the viewer may read it; else sign in (members-only) or 404."""
    if article is None:
        abort(404)
    if not article_visible_to(article, viewer):
        if article.published and not _signed_in(viewer):
            abort(redirect(url_for("accounts.login", next=request.full_path.rstrip("?"))))
        abort(404)
    return article


def can_edit(article: Article, user) -> bool:
    """Its author; staff may edit (and restore) a published article to moderate it.

    Guides are edited in content/guides/ and synced, never on the site.
    """
    if article.kind is ArticleKind.GUIDE or not _signed_in(user):
        return False
    return is_author(article, user) or (article.published and user.is_staff)


def can_unpublish(article: Article, user) -> bool:
    return article.published and can_edit(article, user)


def can_delete(article: Article, user) -> bool:
    """Only its author deletes an article for good."""
    return article.kind is ArticleKind.ARTICLE and is_author(article, user)


def can_mark_helpful(article: Article, user) -> bool:
    """Any member who can read a published article, except its author."""
    return _signed_in(user) and article.published and not is_author(article, user)


def can_delete_comment(comment: Comment, user) -> bool:
    """The comment's writer, the article's author, and staff."""
    if not _signed_in(user):
        return False
    return comment.author_id == user.id or is_author(comment.article, user) or user.is_staff
