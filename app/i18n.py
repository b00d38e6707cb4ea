"""How the interface language is chosen, and the names of the languages."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user
from wtforms import SelectChoice

#: The interface languages, which are also the languages content is written and searched in.
LANGUAGES = ("nl", "fr", "en")
#: Each language named in itself, as the switcher shows it.
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}
SESSION_KEY = "lang"


def select_locale() -> str:
    """The member's setting, else the switcher's choice, else Accept-Language, else nl."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get(SESSION_KEY)
    if chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def language_choices() -> list[SelectChoice]:
    """The interface languages as form choices, each labelled in itself."""
    return [
        SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGE_NAMES.items()
    ]


def language_name(code: str) -> str:
    """A language, by its ISO code, named in the interface language."""
    try:
        return Locale(code).get_display_name(get_locale() or Locale("nl")).capitalize()
    except (ValueError, UnknownLocaleError):
        return code
