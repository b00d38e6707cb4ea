"""One answer to an unknown place, and to a distance without a place, on every page.

The search page, the API, the member directory, the partner lists and the need form all
take a place by name. When it names no known place, each says so the same way: a clear
message with the nearest known names as links (the same page, that name instead), and
the results without the distance filter rather than an empty page. The API answers 400
with the same suggestions in its body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import has_request_context, request, url_for
from flask_babel import gettext as _

from app.places.gazetteer import clean, suggest_places

#: How many known places an unknown name suggests.
SUGGESTIONS = 5


@dataclass
class PlaceNotice:
    """What a page says about the place (or distance) it was given."""

    message: str
    #: (name, link to the same page with that place) for the nearest known names.
    suggestions: list[tuple[str, str]] = field(default_factory=list)
    field: str = "near"

    def as_json(self) -> dict:
        return {
            "field": self.field,
            "message": self.message,
            "suggestions": [{"name": name, "url": url} for name, url in self.suggestions],
        }


def _link(parameter: str, name: str) -> str:
    """The current page, with ``name`` as the place and from its first page."""
    args = request.args.to_dict(flat=False)
    args[parameter] = [name]
    args.pop("page", None)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def unknown_place(text: str, parameter: str = "near") -> PlaceNotice:
    """The notice for a place name the gazetteer does not know, with the likeliest ones."""
    name = " ".join(clean(text or "").split())
    found = suggest_places(name, limit=SUGGESTIONS)
    names = list(dict.fromkeys(place.name for place in found))
    if names:
        message = _(
            "We do not know the place “%(name)s”. Did you mean one of these? "
            "Meanwhile the results are not filtered by distance.",
            name=name,
        )
    else:
        message = _(
            "We do not know the place “%(name)s”. Meanwhile the results are not "
            "filtered by distance.",
            name=name,
        )
    has_request = has_request_context() and request.endpoint is not None
    return PlaceNotice(
        message=message,
        suggestions=[(n, _link(parameter, n) if has_request else "") for n in names],
        field=parameter,
    )


def radius_without_place(parameter: str = "radius_km") -> PlaceNotice:
    """The notice for a distance given without a place to measure it from."""
    return PlaceNotice(
        message=_("A distance needs a place: give one, or the distance is not used."),
        field=parameter,
    )


def form_notices(form, near: str = "near", radius: str | None = None) -> list[PlaceNotice]:
    """The notices for a filter form's place field (and distance field, if it has one)."""
    field = getattr(form, near)
    notices = []
    if field.data and field.place is None:
        notices.append(unknown_place(field.data, near))
    elif radius and getattr(form, radius).data and not field.data:
        notices.append(radius_without_place(radius))
    return notices
