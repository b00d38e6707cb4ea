"""The result cards of articles and guides: author, date, reading time, language, translations."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from flask import url_for
from flask_babel import format_date
from flask_login import current_user

from app.articles.listing import translations
from app.articles.models import Article
from app.search.cards import CardContext, register_card

#: Words read in a minute, for the reading time.
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


def reading_minutes(article: Article) -> int:
    """About how many minutes the article takes to read (at least one)."""
    return max(1, math.ceil(len(_WORD.findall(article.body or "")) / WORDS_PER_MINUTE))


def article_cards(
    articles: Sequence[Article], distances: Sequence[float | None], context: CardContext
) -> list[dict]:
    """An article's card: its author, date, reading time, language and other versions."""
    from app.articles import article_author_name

    cards = []
    for article in articles:
        published = article.published_at
        cards.append(
            {
                "author": article_author_name(article),
                "guide": article.is_guide,
                "date": published.date().isoformat() if published else None,
                "date_label": format_date(published) if published else None,
                "reading_minutes": reading_minutes(article),
                "language": article.language,
                "also_in": [
                    {
                        "language": other.language,
                        "title": other.title,
                        "url": url_for("articles.show", article_id=other.id),
                    }
                    for other in translations(article, current_user)
                ],
            }
        )
    return cards


register_card("article", article_cards)
register_card("guide", article_cards)
