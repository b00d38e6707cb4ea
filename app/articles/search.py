"""Articles and guides as search documents."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.articles.access import article_visible_to
from app.articles.models import Article, ArticleKind, ArticleSkill, ArticleTag, ArticleTopic
from app.search.documents import SearchKind, holding_skill, register, text_fields
from app.skills.models import SkillLabel


def _indexed(article: Article, kind: ArticleKind) -> bool:
    """Published articles (or guides) are; drafts never."""
    return article.kind is kind and article.published


def _document(article: Article) -> dict:
    """A published article's (or guide's) document."""
    body = "\n".join(filter(None, [article.summary, article.body]))
    return {
        "title": article.title,
        "text": body,
        **text_fields(article.language, f"{article.title}\n{body}"),
        "summary": article.summary,
        "skills": " ".join(str(row.skill_id) for row in article.skills),
        "skill_labels": " ".join(
            label.text for row in article.skills for label in row.skill.labels
        ),
        "languages": article.language,
        "topics": " ".join(topic.slug for topic in article.topics),
        "visibility": article.visibility.value,
        "updated": article.updated_at,
        # Versions of one text in other languages: one result (app/search/ranking.py).
        "translation": f"{article.kind.value}:{article.translation_key}"
        if article.translation_key
        else None,
    }


def _article_ids(row) -> list[int]:
    return [row.article_id]


RELATED = {
    ArticleSkill: _article_ids,
    ArticleTag: _article_ids,
    ArticleTopic: _article_ids,
    SkillLabel: holding_skill(ArticleSkill.article_id),
}

for _kind in (ArticleKind.ARTICLE, ArticleKind.GUIDE):
    register(
        SearchKind(
            name=_kind.value,
            label=_l("Articles") if _kind is ArticleKind.ARTICLE else _l("Guides"),
            model=Article,
            indexed=lambda article, kind=_kind: _indexed(article, kind),
            build=_document,
            visible=article_visible_to,
            url=lambda article: url_for("articles.show", article_id=article.id),
            related=RELATED,
        )
    )

from app.articles import cards  # noqa: E402, F401 - registers the kind's result cards
