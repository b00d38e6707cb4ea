"""Atom feeds (RFC 4287) of the newest articles anyone may read, all or by topic."""

from __future__ import annotations

import re
from datetime import datetime

from flask import Response, render_template, url_for
from flask_babel import gettext as _

from app.articles.models import Article, Topic
from app.clock import as_utc, utcnow
from app.rendering import render_article

FEED_LENGTH = 20
ATOM_MIMETYPE = "application/atom+xml"
#: Characters XML 1.0 does not allow at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def atom_date(moment: datetime) -> str:
    """An RFC 3339 date-time in UTC."""
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry."""
    return _NOT_XML.sub("", text)


def author_name(article: Article) -> str:
    if article.is_guide:
        return "Gilde"
    return article.author.name if article.author else _("A former member")


def _entry(article: Article) -> dict:
    content = render_article(article.body, permalinks=False).html
    return {
        "id": url_for("articles.show", article_id=article.id, _external=True),
        "url": url_for("articles.show", article_id=article.id, _external=True),
        "title": xml_text(article.title),
        "summary": xml_text(article.summary),
        "content": xml_text(str(content)),
        "language": article.language,
        "author": xml_text(author_name(article)),
        "published": atom_date(article.published_at or article.created_at),
        "updated": atom_date(article.updated_at),
        "categories": [(t.slug, xml_text(t.name(article.language))) for t in article.topics],
    }


def feed_response(articles: list[Article], topic: Topic | None = None) -> Response:
    """The Atom document of ``articles`` (newest first)."""
    if topic is None:
        title = _("Gilde knowledge base")
        self_url = url_for("articles.feed", _external=True)
        alternate = url_for("articles.index", _external=True)
    else:
        title = _("Gilde knowledge base: %(topic)s", topic=topic.name())
        self_url = url_for("articles.topic_feed", slug=topic.slug, _external=True)
        alternate = url_for("articles.by_topic", slug=topic.slug, _external=True)
    updated = max((a.updated_at for a in articles), key=atom_date, default=None) or utcnow()
    document = render_template(
        "articles/feed.xml",
        feed_id=self_url,
        title=xml_text(title),
        self_url=self_url,
        alternate=alternate,
        updated=atom_date(updated),
        entries=[_entry(article) for article in articles],
    )
    return Response(document, mimetype=ATOM_MIMETYPE)
