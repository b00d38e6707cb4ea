"""The knowledge base's lists: latest, by topic, tag, author, language and kind; translations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from app.articles.access import listed_articles_clause, public_articles_clause
from app.articles.models import (
    ARTICLE_LANGUAGES,
    Article,
    ArticleKind,
    ArticleTag,
    ArticleVisibility,
    HelpfulMark,
    Topic,
)
from app.extensions import db


@dataclass(frozen=True)
class ListFilters:
    """What a list is narrowed to; empty values do not narrow it."""

    topic: Topic | None = None
    tag: str = ""
    author_id: int | None = None
    language: str = ""
    kind: str = ""


def _newest_first(stmt: Select) -> Select:
    return stmt.order_by(Article.published_at.desc(), Article.id.desc()).options(
        selectinload(Article.topics), selectinload(Article.tags), selectinload(Article.author)
    )


def _filtered(stmt: Select, filters: ListFilters) -> Select:
    if filters.topic is not None:
        stmt = stmt.where(Article.topics.any(Topic.id == filters.topic.id))
    if filters.tag:
        stmt = stmt.where(Article.tags.any(ArticleTag.name == filters.tag))
    if filters.author_id is not None:
        stmt = stmt.where(Article.author_id == filters.author_id)
    if filters.language in ARTICLE_LANGUAGES:
        stmt = stmt.where(Article.language == filters.language)
    if filters.kind in {kind.value for kind in ArticleKind}:
        stmt = stmt.where(Article.kind == ArticleKind(filters.kind))
    return stmt


def listed_articles(filters: ListFilters, viewer, languages: list[str] | None = None) -> Select:
    """The published articles and guides the viewer may read, newest first; a text
    translated into several languages once, in the first of ``languages`` it has."""
    stmt = _filtered(select(Article).where(listed_articles_clause(viewer)), filters)
    if not filters.language:
        stmt = stmt.where(~_better_translation(viewer, languages or []))
    return _newest_first(stmt)


def _better_translation(viewer, languages: list[str]):
    """Whether the viewer may read another version of the article in a language they
    prefer (earlier in ``languages``; among equals, the first written: the original)."""
    other = aliased(Article)

    def preference(table):
        return case(
            {code: position for position, code in enumerate(languages)},
            value=table.language,
            else_=len(languages),
        )

    readable = [other.published.is_(True)]
    if not getattr(viewer, "is_authenticated", False):
        readable.append(other.visibility == ArticleVisibility.PUBLIC)
    return (
        exists()
        .where(
            Article.translation_key.is_not(None),
            other.translation_key == Article.translation_key,
            other.kind == Article.kind,
            other.id != Article.id,
            *readable,
            or_(
                preference(other) < preference(Article),
                and_(preference(other) == preference(Article), other.id < Article.id),
            ),
        )
        .correlate(Article)
    )


def feed_articles(topic: Topic | None, limit: int) -> list[Article]:
    """The newest articles anyone may read, for a feed."""
    stmt = _filtered(select(Article).where(public_articles_clause()), ListFilters(topic=topic))
    return list(db.session.scalars(_newest_first(stmt).limit(limit)))


def my_articles(author) -> Select:
    """Everything the author wrote, drafts included, last changed first."""
    return (
        select(Article)
        .where(Article.author_id == author.id)
        .order_by(Article.updated_at.desc(), Article.id.desc())
    )


def translations(article: Article, viewer) -> list[Article]:
    """The other-language versions of an article that the viewer may read."""
    if not article.translation_key:
        return []
    return list(
        db.session.scalars(
            select(Article)
            .where(
                Article.translation_key == article.translation_key,
                Article.kind == article.kind,
                Article.id != article.id,
                Article.language != article.language,
                listed_articles_clause(viewer),
            )
            .order_by(Article.language)
        )
    )


def helpful_count(article: Article) -> int:
    return db.session.scalar(
        select(func.count()).select_from(HelpfulMark).where(HelpfulMark.article_id == article.id)
    )


def has_marked_helpful(article: Article, user) -> bool:
    if not user.is_authenticated:
        return False
    return db.session.get(HelpfulMark, (article.id, user.id)) is not None


def active_topics() -> list[Topic]:
    return list(
        db.session.scalars(select(Topic).where(Topic.active.is_(True)).order_by(Topic.position))
    )
