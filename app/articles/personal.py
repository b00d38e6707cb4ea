"""A member's articles, comments and marks in their data export, and what leaving does."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, update

from app.articles.models import (
    Article,
    ArticleKind,
    ArticleRevision,
    ArticleSkill,
    ArticleTag,
    ArticleTopic,
    Comment,
    HelpfulMark,
)
from app.extensions import db
from app.personal import (
    Erasure,
    PersonalData,
    delete_rows,
    register,
    row_data,
    rows,
    skill_name,
)


def export_articles(user) -> dict[str, Any]:
    """Their articles (with tags, topics, skills, revisions), others' revisions, comments."""
    return {
        "articles": _articles(user),
        "revisions_of_other_articles": _other_revisions(user),
        "comments": [
            row_data(comment, article_title=comment.article.title)
            for comment in rows(Comment, Comment.author_id == user.id)
        ],
        "helpful_marks": [
            row_data(mark, article_title=db.session.get(Article, mark.article_id).title)
            for mark in rows(HelpfulMark, HelpfulMark.user_id == user.id)
        ],
    }


def _articles(user) -> list[dict[str, Any]]:
    return [
        row_data(
            article,
            tags=[row_data(row) for row in rows(ArticleTag, ArticleTag.article_id == article.id)],
            topics=[
                row_data(row) for row in rows(ArticleTopic, ArticleTopic.article_id == article.id)
            ],
            skills=[
                row_data(row, skill=skill_name(row.skill_id))
                for row in rows(ArticleSkill, ArticleSkill.article_id == article.id)
            ],
            revisions=[
                row_data(row)
                for row in rows(ArticleRevision, ArticleRevision.article_id == article.id)
            ],
        )
        for article in rows(
            Article, Article.author_id == user.id, Article.kind == ArticleKind.ARTICLE
        )
    ]


def _other_revisions(user) -> list[dict[str, Any]]:
    """Revisions they saved of articles that are not theirs (staff moderating)."""
    return [
        row_data(revision, article_title=revision.article.title)
        for revision in rows(
            ArticleRevision,
            ArticleRevision.author_id == user.id,
            ArticleRevision.article.has(
                or_(Article.author_id.is_(None), Article.author_id != user.id)
            ),
        )
    ]


def erase_articles(erasure: Erasure) -> None:
    """Their articles and comments go, or stay without author if they keep their writing."""
    user_id = erasure.user.id
    articles = rows(Article, Article.author_id == user_id, Article.kind == ArticleKind.ARTICLE)
    comments = rows(Comment, Comment.author_id == user_id)
    if erasure.keep_writing:
        for article in articles:
            if article.published:
                article.author_id = None
            else:
                # A draft without an author could never be read or finished by anyone.
                db.session.delete(article)
        for comment in comments:
            comment.author_id = None
    else:
        delete_rows(articles)
        delete_rows(comments)
    # Revisions they saved (of kept articles, or of others' as staff) keep their text only.
    db.session.execute(
        update(ArticleRevision)
        .where(ArticleRevision.author_id == user_id)
        .values(author_id=None)
        .execution_options(synchronize_session=False)
    )


def register_personal_data() -> None:
    """Declare the articles' rows (helpful marks go by ON DELETE CASCADE)."""
    register(
        PersonalData(
            name="articles",
            models=(Article, ArticleRevision, Comment, HelpfulMark),
            export=export_articles,
            export_order=40,
            erase=erase_articles,
            erase_order=10,
        )
    )
