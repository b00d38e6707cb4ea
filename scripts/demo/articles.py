"""Member articles: hand-written texts, each given to a member made to fit it."""

from __future__ import annotations

from demo.articles_en import ARTICLES_EN
from demo.articles_fr import ARTICLES_FR
from demo.articles_nl import ARTICLES_NL
from demo.members import MemberInfo

ARTICLES: list[tuple[str, dict]] = [
    *(("nl", article) for article in ARTICLES_NL),
    *(("fr", article) for article in ARTICLES_FR),
    *(("en", article) for article in ARTICLES_EN),
]


def author_casts() -> list[tuple[str, dict]]:
    """(language, what the article says about its author) for every article, in order."""
    return [(lang, article["author"]) for lang, article in ARTICLES]


def make_articles(members: list[MemberInfo]) -> list[dict]:
    """The bulk records of the articles, written by the members cast for them."""
    authors = {member.cast: member for member in members if member.cast is not None}
    articles = []
    for index, (lang, article) in enumerate(ARTICLES):
        author = authors[index]
        articles.append(
            {
                "title": article["title"],
                "body": article["body"],
                "language": lang,
                "tags": list(article["tags"]),
                "author_email": author.email,
                "published": True,
            }
        )
    return articles
