"""Names of kinds, facets and facet values, in the interface language."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.search.documents import KINDS
from app.search.schema import FACET_PARAMETERS

FACET_TITLES = {
    "skills": _l("Skill"),
    "sector": _l("Sector"),
    "languages": _l("Language"),
    "modes": _l("Ways of working"),
    "mentor": _l("Mentoring"),
    "region": _l("Region"),
    "topics": _l("Topic"),
    "when": _l("When"),
}
#: The date facet's values (app/search/query.py ``WHEN_DAYS``).
WHEN_LABELS = {
    "week": _l("In the coming week"),
    "month": _l("In the coming month"),
    "later": _l("Later"),
}
#: The badge of one result: a kind in the singular ("Member", not "Members").
SINGULAR_KIND_LABELS = {
    "member": _l("Member"),
    "article": _l("Article"),
    "guide": _l("Guide"),
    "need": _l("Need"),
    "partner": _l("Partner"),
    "offer": _l("Offer"),
    "adviser": _l("Adviser"),
    "session": _l("Session"),
    "circle": _l("Peer circle"),
}
SORT_LABELS = {"relevance": _l("Relevance"), "date": _l("Newest"), "distance": _l("Nearest")}


def kind_labels() -> dict:
    """What people call each searchable kind, in the order the kinds were registered."""
    return {name: kind.label or name for name, kind in KINDS.items()}


def facet_label(name: str, value: str) -> str:
    """What a facet value is called for people."""
    from app.extensions import db
    from app.i18n import language_name
    from app.members.models import MODE_LABELS, Mode
    from app.places.regions import region_name
    from app.skills.models import Skill
    from app.skills.sectors import sector_label

    lang = str(get_locale() or "nl")
    if name == "skills" and value.isdigit():
        skill = db.session.get(Skill, int(value))
        return skill.label(lang) if skill else value
    if name == "sector":
        return sector_label(value)
    if name == "languages":
        return language_name(value)
    if name == "modes" and value in {m.value for m in Mode}:
        return str(MODE_LABELS[Mode(value)])
    if name == "mentor":
        return str(_l("Mentors with open places"))
    if name == "when":
        return str(WHEN_LABELS.get(value, value))
    if name == "region":
        return region_name(value, lang)
    if name == "kind":
        return str(kind_labels().get(value, value))
    if name == "topics":
        from sqlalchemy import select

        from app.articles.models import Topic

        topic = db.session.scalar(select(Topic).where(Topic.slug == value))
        return topic.name(lang) if topic else value
    return value


def template_context() -> dict:
    return {
        "kind_labels": kind_labels(),
        "kind_badges": SINGULAR_KIND_LABELS,
        "facet_titles": FACET_TITLES,
        "facet_parameters": {**FACET_PARAMETERS, "when": "when"},
        "sort_labels": SORT_LABELS,
        "facet_label": facet_label,
    }
