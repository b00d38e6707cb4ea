"""The knowledge base: members' articles and the cooperative's curated guides."""

from flask import Blueprint
from markupsafe import Markup

bp = Blueprint("articles", __name__, url_prefix="/articles")

from app.articles import views  # noqa: E402, F401


@bp.app_template_filter("article_markdown")
def article_markdown(text: str) -> Markup:
    """Markdown of the knowledge base (comments), with ids that cannot clash with the page's."""
    from app.rendering import render_article

    return render_article(text, permalinks=False).html


@bp.app_template_global()
def article_author_name(article) -> str:
    """Who wrote an article: its author, the cooperative for a guide, or a former member."""
    from app.articles.feeds import author_name

    return author_name(article)


@bp.app_template_global()
def other_languages(article) -> list:
    """The versions of an article in other languages that the current viewer may read."""
    from flask_login import current_user

    from app.articles.listing import translations

    return translations(article, current_user)


from app.articles import search  # noqa: E402, F401
