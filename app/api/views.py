"""GET /api/v1/search, GET /api/v1/map (GeoJSON) and GET /api/v1/openapi.json."""

from __future__ import annotations

from flask import jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.api import bp
from app.api.openapi import MAX_LENGTHS, choices, openapi_document
from app.search.params import SearchParameterError, parse_search_args
from app.search.query import run_search
from app.search.views import interface_language


@bp.get("/search")
def search():
    """Search as the web page does, with the same visibility."""
    for name, limit in MAX_LENGTHS.items():
        if len(request.args.get(name, "")) > limit:
            message = _("Give at most %(n)d characters.", n=limit)
            return jsonify(error="bad_request", field=name, message=message), 400
    for name, allowed in choices().items():
        if name in request.args and request.args[name] not in allowed:
            message = _("Give one of: %(choices)s.", choices=", ".join(allowed))
            return jsonify(error="bad_request", field=name, message=message), 400
    try:
        search_request = parse_search_args(request.args)
    except SearchParameterError as problem:
        return jsonify(error="bad_request", field=problem.field, message=str(problem.message)), 400
    if search_request.notices:
        # An unknown place, or a distance without one: the page searches without the
        # distance and says so; the API asks again, with the places it may have meant.
        notice = search_request.notices[0]
        return jsonify(error="bad_request", **notice.as_json()), 400
    results = run_search(search_request, current_user, interface_language())
    return jsonify(
        total=results.total,
        page=results.page,
        results=[
            {
                "kind": hit.kind,
                "id": hit.id,
                "title": hit.title,
                "url": hit.url,
                "snippet": str(hit.snippet),
                "score": round(hit.score, 4),
                "distance_km": None if hit.distance_km is None else round(hit.distance_km, 1),
                "card": hit.card,
            }
            for hit in results.hits
        ],
        facets=results.facets,
        suggestion=results.suggestion,
        # Words one letter from those asked were searched too: a result may hold none of
        # the words asked (a word an edit removed finds the document by its new one).
        close_matches=results.fuzzy,
    )


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(url_for("api.search", _external=False).rsplit("/", 1)[0]))


@bp.get("/map")
def map_features():
    """The map's markers as GeoJSON, with the search's visibility rules."""
    from app.map.features import map_markers, parse_map_args

    try:
        map_request = parse_map_args(request.args)
    except SearchParameterError as problem:
        return jsonify(error="bad_request", field=problem.field, message=str(problem.message)), 400
    if map_request.notices:
        return jsonify(error="bad_request", **map_request.notices[0].as_json()), 400
    result = map_markers(map_request, current_user, interface_language())
    response = jsonify(result.as_geojson())
    response.mimetype = "application/geo+json"
    return response
