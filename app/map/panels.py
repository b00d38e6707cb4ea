"""The map panels of other pages: their own filters, as the map's endpoint reads them."""

from __future__ import annotations

import re

from app.map import bp
from app.map.features import LANGUAGE_PATTERN, MAP_KINDS, MODES
from app.search.params import MAX_RADIUS

#: A search tab's kind -> the map's kind of marker (members and advisers: mentors).
SEARCH_KINDS = {
    "partner": "partner",
    "offer": "offer",
    "session": "session",
    "member": "mentor",
    "adviser": "mentor",
}
#: The page's query-string parameter -> the map's.
_SHARED = (
    ("q", "q"),
    ("skill", "skill"),
    ("language", "language"),
    ("mode", "mode"),
    ("near", "near"),
    ("radius", "radius_km"),
    ("radius_km", "radius_km"),
)


def _radius(value: str) -> str | None:
    try:
        km = float(value)
    except ValueError:
        return None
    return value if 0 < km <= MAX_RADIUS else None


@bp.app_template_global()
def map_panel_params(kind: str | None, args) -> dict:
    """The filters of a page's map panel, from the page's own query string: only values the
    endpoint takes, so that a filter the page ignores never empties its map."""
    from app.places.gazetteer import resolve_place

    params: dict = {"kind": kind} if kind in MAP_KINDS else {}
    for theirs, ours in _SHARED:
        value = (args.get(theirs) or "").strip()
        if not value:
            continue
        if ours == "mode" and value not in MODES:
            continue
        if ours == "language" and not re.fullmatch(LANGUAGE_PATTERN, value):
            continue
        if ours == "radius_km":
            value = _radius(value)
        if ours == "skill" or ours == "q":
            value = value[:100]
        if value:
            params[ours] = value
    if "near" in params and resolve_place(params["near"][:120]) is None:
        params.pop("near")  # the page says it does not know the place
    if "near" not in params:
        params.pop("radius_km", None)
    return params


@bp.app_template_global()
def map_kind_of_search(kind: str) -> str | None:
    """The map's kind for a search tab ("" for every kind); None: that tab has no map."""
    if not kind:
        return ""
    return SEARCH_KINDS.get(kind)
