"""Where a request was sent from (a need, an offer, a search...), and the way back to it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

#: Context kind -> (endpoint of its page, name of the id argument, what it is called).
CONTEXT_PAGES = {
    "member": ("members.profile", "profile_id", _l("a profile")),
    "need": ("needs.show", "need_id", _l("a need")),
    "offer": ("partners.offer", "offer_id", _l("an offer")),
    "partner": ("partners.show", "partner_id", _l("a partner")),
    "article": ("articles.show", "article_id", _l("an article")),
    "guide": ("articles.guides", None, _l("a guide")),
    "search": ("search.index", None, _l("a search")),
    "mentors": ("connections.find_mentor", None, _l("Find a mentor")),
}


@dataclass(frozen=True)
class ContextLink:
    label: str
    url: str | None


def context_link(key: str | None) -> ContextLink | None:
    """What a context key names, with a link when its page exists (the page checks access)."""
    if not key:
        return None
    kind, _, raw_id = key.partition(":")
    if kind not in CONTEXT_PAGES:
        return None
    endpoint, argument, label = CONTEXT_PAGES[kind]
    values = {argument: int(raw_id)} if argument and raw_id.isdigit() else {}
    if argument and not values:
        return ContextLink(str(label), None)
    try:
        url = url_for(endpoint, **values)
    except BuildError:  # that feature is not there (yet)
        url = None
    return ContextLink(str(label), url)
