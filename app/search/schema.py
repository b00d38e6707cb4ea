"""What the app knows of the index's fields: the languages and the facets.

The Whoosh schema itself is built in app/search/engine/schema.py.
"""

#: Facets shown with results, and whether a document can hold several values.
FACETS = {
    "kind": False,
    "skills": True,
    "sector": False,
    "languages": True,
    "modes": True,
    "mentor": False,
    "region": False,
    "topics": True,
}
#: The query-string parameter that filters on each facet, on the page and in the API.
FACET_PARAMETERS = {
    "kind": "kind",
    "skills": "skill",
    "sector": "sector",
    "languages": "language",
    "modes": "mode",
    "mentor": "mentor",
    "region": "region",
    "topics": "topic",
}
