"""Values every template can use: languages and the navigation."""

from __future__ import annotations

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.i18n import LANGUAGE_NAMES, language_name
from app.rendering import render_markdown

# A feature's link shows once the feature's blueprint is registered.
NAVIGATION = (
    ("members.directory", _l("Directory")),
    ("articles.index", _l("Knowledge base")),
    ("partners.index", _l("Partners")),
    ("needs.board", _l("Needs")),
    ("sessions.agenda", _l("Agenda")),
)
SEARCH_ENDPOINT = "search.index"


def register_filters(app) -> None:
    """Filters for rendering member content."""
    app.add_template_filter(render_markdown, "markdown")
    app.add_template_filter(language_name, "language_name")


def inject_globals() -> dict:
    """The language names, the current locale and the navigation links."""
    views = current_app.view_functions
    return {
        "language_names": LANGUAGE_NAMES,
        "current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
        "nav_items": [(endpoint, label) for endpoint, label in NAVIGATION if endpoint in views],
        "search_endpoint": SEARCH_ENDPOINT if SEARCH_ENDPOINT in views else None,
    }
