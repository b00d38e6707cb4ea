"""Values every template can use: languages and the navigation."""

from __future__ import annotations

import flask_babel as babel_dates
from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.i18n import LANGUAGE_NAMES, language_name
from app.pages.content import FOOTER_PAGES
from app.rendering import render_markdown

# A feature's link shows once the feature's blueprint is registered.
NAVIGATION = (
    ("members.directory", _l("Directory")),
    ("articles.index", _l("Knowledge base")),
    ("partners.index", _l("Partners")),
    ("needs.board", _l("Needs")),
    ("guidance.offices", _l("Guidance")),
    ("sessions.agenda", _l("Agenda")),
    ("circles.directory", _l("Circles")),
    ("proposals.roadmap", _l("Roadmap")),
    ("map.index", _l("Map")),
)
SEARCH_ENDPOINT = "search.index"
#: Babel's name of the one date format every page uses.
DATE_FORMAT = "medium"
# A signed-in member's own things, in the menu once their feature is registered.
MEMBER_NAVIGATION = (
    ("members.my_profile", _l("My profile")),
    ("needs.mine", _l("My needs")),
    ("sessions.mine", _l("My sessions")),
)


def format_day(value, format=None) -> str:
    """A date as this language writes it, the same on every page ("7 dec. 2026")."""
    if value is None:
        return ""
    return babel_dates.format_date(value, DATE_FORMAT)


def format_moment(value, format=None) -> str:
    """A date and time: the one date format, then the time ("7 dec. 2026 09:30")."""
    if value is None:
        return ""
    return f"{format_day(value)} {babel_dates.format_time(value, 'short')}"


def register_filters(app) -> None:
    """Filters for rendering member content, and the one date format of each language."""
    app.add_template_filter(render_markdown, "markdown")
    # Flask-Babel's filters of the same names take a format each page chose; ours do not.
    app.add_template_filter(format_day, "dateformat")
    app.add_template_filter(format_moment, "datetimeformat")
    app.add_template_filter(language_name, "language_name")


def inject_globals() -> dict:
    """The language names, the current locale and the navigation links."""
    views = current_app.view_functions
    return {
        "language_names": LANGUAGE_NAMES,
        "current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
        "nav_items": [(endpoint, label) for endpoint, label in NAVIGATION if endpoint in views],
        "search_endpoint": SEARCH_ENDPOINT if SEARCH_ENDPOINT in views else None,
        "member_nav_items": [
            (endpoint, label) for endpoint, label in MEMBER_NAVIGATION if endpoint in views
        ],
        "footer_pages": FOOTER_PAGES if "pages.show" in views else (),
    }
