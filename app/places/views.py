"""The place suggestions that autocomplete a place field."""

from __future__ import annotations

from flask import jsonify, request

from app.places import bp
from app.places.gazetteer import clean, suggest_places
from app.places.models import Place
from app.text import fold

MAX_QUERY_LENGTH = 100
MAX_SUGGESTIONS = 10
MIN_QUERY_LENGTH = 2


def place_label(place: Place) -> str:
    """What a person recognises a place by: "Gent, Vlaanderen, BE"; "Wiltz, LU"."""
    if place.region == place.country:
        return f"{place.name}, {place.country}"
    return f"{place.name}, {place.region_name()}, {place.country}"


@bp.get("/suggest")
def suggest():
    """Up to ten places whose names start with ``q``, as JSON; ``[]`` under two characters."""
    query = clean(request.args.get("q", "", type=str)[:MAX_QUERY_LENGTH])
    if len(fold(query)) < MIN_QUERY_LENGTH:
        places = []
    else:
        places = suggest_places(query, limit=MAX_SUGGESTIONS)
    response = jsonify(
        [
            {
                "id": place.id,
                "name": place.name,
                "label": place_label(place),
                "country": place.country,
                "region": place.region,
                "region_name": place.region_name(),
            }
            for place in places
        ]
    )
    # The labels are in the visitor's language.
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response
