"""The OpenAPI 3.1 document describing every API route."""

from __future__ import annotations

from app.search.documents import KINDS
from app.search.params import MAX_RADIUS, SORTS
from app.search.query import MAX_PER_PAGE

RESPONSE_FIELDS = ["total", "page", "results", "facets", "suggestion"]

#: The values each parameter with a choice may take (the document's enums); present with
#: another value, even empty, it gets a 400.
CHOICES = {"kind": list(KINDS), "mentor": ["true", "false", "1", "0"], "sort": list(SORTS)}
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


def openapi_document(base_path: str) -> dict:
    """The document, with ``base_path`` (``/api/v1``) as the server."""
    parameters = [
        ("q", _string("Words to search for, in nl, fr or en.", maxLength=MAX_LENGTHS["q"])),
        (
            "kind",
            _string("One kind of result.", enum=CHOICES["kind"]),
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
            _string("true: mentors with open places only.", enum=CHOICES["mentor"]),
        ),
        ("region", _string("A region code such as BE-VLG.", maxLength=MAX_LENGTHS["region"])),
        ("topic", _string("A topic id of the knowledge base.", maxLength=MAX_LENGTHS["topic"])),
        (
            "near",
            _string(
                "A place name in any language (Gent, Gand, Ghent).", maxLength=MAX_LENGTHS["near"]
            ),
        ),
        ("radius_km", {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_RADIUS}),
        ("sort", _string("Order of results.", enum=CHOICES["sort"])),
        ("page", {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1}),
        ("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20}),
    ]
    error = {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "field": {"type": "string"},
            "message": {"type": "string"},
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
                                        },
                                        "required": [
                                            "total",
                                            "page",
                                            "results",
                                            "facets",
                                            "suggestion",
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
