"""The OpenAPI 3.1 document describing every API route."""

from __future__ import annotations

from app.search.documents import KINDS
from app.search.params import MAX_RADIUS, SORT_ALIASES, SORTS
from app.search.query import MAX_PER_PAGE, WHEN_DAYS

RESPONSE_FIELDS = ["total", "page", "results", "facets", "suggestion", "close_matches"]


def choices() -> dict[str, list[str]]:
    """The values each parameter with a choice may take (the document's enums); present
    with another value, even empty, it gets a 400. Read when asked: features register
    their kinds in create_app, after this module is imported."""
    return {
        "kind": list(KINDS),
        "mentor": ["true", "false", "1", "0"],
        "sort": [*SORTS, *SORT_ALIASES],
    }


#: The longest value of each text parameter; a longer one gets a 400, as documented.
MAX_LENGTHS = {
    "q": 2000,
    "skill": 100,
    "sector": 40,
    "mode": 40,
    "region": 40,
    "topic": 40,
    "language": 40,
    "near": 120,
}


def _string(description: str, **extra) -> dict:
    return {"type": "string", "description": description, **extra}


_SKILL = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "label": {"type": "string"},
        "level": {"type": "string", "enum": ["beginner", "experienced", "expert"]},
        "level_label": {"type": "string"},
        "can_help": {"type": "boolean"},
    },
}
_DAY = {
    "type": ["object", "null"],
    "properties": {"date": {"type": "string", "format": "date"}, "label": {"type": "string"}},
}
_TEXTS = {"type": "array", "items": {"type": "string"}}
_NULLABLE_TEXT = {"type": ["string", "null"]}
#: What a result shows about itself (app/search/cards.py): the fields depend on its kind.
CARD_SCHEMA = {
    "type": "object",
    "description": "What the result's card on the search page shows. A member: name, "
    "headline, initials, photo_url, matched_skills and skills (with levels), place, "
    "distance_km, languages, modes, can_help, open_places and reason (why it was found). "
    "An offer: organisation, kind, starts, ends, price, place. An article or guide: author, "
    "date, reading_minutes, language, also_in (its other languages). A partner or need: "
    "place and languages or skills.",
    "properties": {
        "name": {"type": "string"},
        "headline": {"type": "string"},
        "initials": {"type": "string"},
        "photo_url": _NULLABLE_TEXT,
        "matched_skills": {"type": "array", "items": _SKILL},
        "skills": {"type": "array", "items": _SKILL},
        "place": _NULLABLE_TEXT,
        "distance_km": {"type": ["number", "null"]},
        "languages": _TEXTS,
        "modes": _TEXTS,
        "can_help": _TEXTS,
        "open_places": {"type": "integer"},
        "reason": {"type": "string"},
        "organisation": {"type": "string"},
        "kind": {"type": "string"},
        "starts": _DAY,
        "ends": _DAY,
        "price": {"type": "string"},
        "price_label": {"type": "string"},
        "author": {"type": "string"},
        "date": _NULLABLE_TEXT,
        "reading_minutes": {"type": "integer"},
        "language": {"type": "string"},
        "also_in": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "language": {"type": "string"},
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                },
            },
        },
    },
}


def openapi_document(base_path: str) -> dict:
    """The document, with ``base_path`` (``/api/v1``) as the server."""
    allowed = choices()
    parameters = [
        ("q", _string("Words to search for, in nl, fr or en.", maxLength=MAX_LENGTHS["q"])),
        (
            "kind",
            _string("One kind of result.", enum=allowed["kind"]),
        ),
        (
            "skill",
            _string("A skill, by name in any language or by id.", maxLength=MAX_LENGTHS["skill"]),
        ),
        ("sector", _string("A sector code.", maxLength=MAX_LENGTHS["sector"])),
        ("language", _string("A language code (ISO 639-1).", maxLength=MAX_LENGTHS["language"])),
        (
            "mode",
            _string("online, in_person, individual or collective.", maxLength=MAX_LENGTHS["mode"]),
        ),
        (
            "mentor",
            _string("true: mentors with open places only.", enum=allowed["mentor"]),
        ),
        ("region", _string("A region code such as BE-VLG.", maxLength=MAX_LENGTHS["region"])),
        ("topic", _string("A topic id of the knowledge base.", maxLength=MAX_LENGTHS["topic"])),
        (
            "when",
            _string(
                "Dated results (sessions, offers) that begin within a week, a month, or later.",
                enum=list(WHEN_DAYS),
            ),
        ),
        (
            "near",
            _string(
                "A place name in any language (Gent, Gand, Ghent).", maxLength=MAX_LENGTHS["near"]
            ),
        ),
        (
            "radius_km",
            {
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": MAX_RADIUS,
                "description": "Kilometres around `near`; without `near` the answer is a 400.",
            },
        ),
        (
            "sort",
            _string(
                "Order of results (newest = date, nearest = distance).",
                enum=allowed["sort"],
            ),
        ),
        ("page", {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1}),
        ("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20}),
    ]
    error = {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "field": {"type": "string"},
            "message": {"type": "string"},
            # An unknown place: the known ones it may have meant (app/places/notices.py).
            "suggestions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
                    "required": ["name", "url"],
                },
            },
        },
        "required": ["error", "message"],
    }
    result = {
        "type": "object",
        "properties": {
            "kind": {"type": "string"},
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "snippet": {"type": "string"},
            "score": {"type": "number"},
            "distance_km": {"type": ["number", "null"]},
            "card": CARD_SCHEMA,
        },
        "required": ["kind", "id", "title", "url", "snippet", "score", "distance_km"],
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Gilde API",
            "version": "1.0.0",
            "description": "Search the members, articles, guides, partners, offers and needs "
            "of the cooperative. Results respect visibility exactly as the web pages do.",
        },
        "servers": [{"url": base_path}],
        "paths": {
            "/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Search every kind of thing",
                    "parameters": [
                        {"name": name, "in": "query", "required": False, "schema": schema}
                        for name, schema in parameters
                    ],
                    "responses": {
                        "200": {
                            "description": "The results",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "total": {"type": "integer"},
                                            "page": {"type": "integer"},
                                            "results": {"type": "array", "items": result},
                                            "facets": {
                                                "type": "object",
                                                "additionalProperties": {
                                                    "type": "object",
                                                    "additionalProperties": {"type": "integer"},
                                                },
                                            },
                                            "suggestion": {"type": ["string", "null"]},
                                            "close_matches": {
                                                "type": "boolean",
                                                "description": "Few results had the words"
                                                " asked: words one letter from them were"
                                                " searched too.",
                                            },
                                        },
                                        "required": [
                                            "total",
                                            "page",
                                            "results",
                                            "facets",
                                            "suggestion",
                                            "close_matches",
                                        ],
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": (
                                "A parameter cannot be used: a value longer than its"
                                " maxLength, or a place (near) or skill that the site"
                                " does not know"
                            ),
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            },
            "/map": _map_path(error),
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "The OpenAPI document",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
    }


def _map_path(error: dict) -> dict:
    """GET /map: the map's markers as GeoJSON (app/map/features.py)."""
    from app.map.features import (
        BBOX_PATTERN,
        DEFAULT_LIMIT,
        LANGUAGE_PATTERN,
        MAP_KINDS,
        MAX_LIMIT,
        MODES,
    )
    from app.map.features import MAX_LENGTHS as MAP_LENGTHS

    parameters = [
        ("q", _string("Words to search for, in nl, fr or en.", maxLength=MAP_LENGTHS["q"])),
        (
            "kind",
            {
                "type": "array",
                "items": {"type": "string", "enum": list(MAP_KINDS)},
                "description": "Kinds of marker (repeat the parameter, or separate by commas); "
                "mentor: mentors and peer advisers who meet people in person.",
            },
        ),
        ("mode", _string("How the help is given.", enum=list(MODES))),
        (
            "skill",
            _string("A skill, by name in any language or by id.", maxLength=MAP_LENGTHS["skill"]),
        ),
        ("language", _string("A language code (ISO 639-1).", pattern=LANGUAGE_PATTERN)),
        (
            "near",
            _string(
                "A place name in any language: the nearest markers come first.",
                maxLength=MAP_LENGTHS["near"],
            ),
        ),
        (
            "radius_km",
            {
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": MAX_RADIUS,
                "description": "Kilometres around `near`; without `near` the answer is a 400.",
            },
        ),
        (
            "bbox",
            _string(
                "west,south,east,north in degrees (longitudes from -180 to 180, latitudes "
                "from -90 to 90, west before east and south before north).",
                pattern=BBOX_PATTERN,
                maxLength=MAP_LENGTHS["bbox"],
            ),
        ),
        (
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        ),
    ]
    feature = {
        "type": "object",
        "properties": {
            "type": {"const": "Feature"},
            "id": {"type": "string"},
            "geometry": {
                "type": "object",
                "description": "The town's coordinates (never an address).",
                "properties": {
                    "type": {"const": "Point"},
                    "coordinates": {
                        "type": "array",
                        "items": {"type": "number"},
                        "minItems": 2,
                        "maxItems": 2,
                    },
                },
                "required": ["type", "coordinates"],
            },
            "properties": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string", "enum": list(MAP_KINDS)},
                    "kind_label": {"type": "string"},
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "place": {"type": "string"},
                    "distance_km": {"type": ["number", "null"]},
                },
                "required": ["kind", "id", "title", "url", "place", "distance_km"],
            },
        },
        "required": ["type", "id", "geometry", "properties"],
    }
    return {
        "get": {
            "operationId": "map",
            "summary": "The map's markers as GeoJSON, with the visibility of search",
            "description": "Partners, offers, sessions, offices, and the mentors and peer "
            "advisers who chose to appear on the map, at their town's coordinates; in the "
            "order of the map page's list (nearest first with `near`).",
            "parameters": [
                {
                    "name": name,
                    "in": "query",
                    "required": False,
                    "schema": schema,
                    **({"style": "form", "explode": True} if name == "kind" else {}),
                }
                for name, schema in parameters
            ],
            "responses": {
                "200": {
                    "description": "A GeoJSON FeatureCollection",
                    "content": {
                        "application/geo+json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "type": {"const": "FeatureCollection"},
                                    "features": {"type": "array", "items": feature},
                                    "total": {"type": "integer"},
                                    "truncated": {"type": "boolean"},
                                },
                                "required": ["type", "features", "total", "truncated"],
                            }
                        }
                    },
                },
                "400": {
                    "description": "A parameter cannot be used: out of its range or pattern, "
                    "a bounding box whose edges are in the wrong order, a place (near) or "
                    "skill that the site does not know, a radius without a place",
                    "content": {"application/json": {"schema": error}},
                },
            },
        }
    }
