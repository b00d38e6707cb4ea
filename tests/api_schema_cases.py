"""Schemathesis against the OpenAPI document: the API answers as the document says (issue 25).

Bounded and derandomized, so that it runs in every test run (and so in CI), and fast.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app import create_app
from app.extensions import db

# Schemathesis reads the document when the tests are collected: the app is made then,
# on a database and index of its own that live as long as the test process.
_PLACE = tempfile.TemporaryDirectory(prefix="gilde-api-")
_APP = create_app(
    {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(_PLACE.name) / 'gilde.db'}",
        "SEARCH_INDEX_DIR": str(Path(_PLACE.name) / "search_index"),
    }
)
with _APP.app_context():
    db.create_all()

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _APP)


@schema.parametrize()
@settings(
    max_examples=50,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_the_api_answers_as_its_document_says(case):
    with _APP.app_context():
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    if response.status_code == 400 and case.meta.generation.mode.is_positive:
        # The document says which valid-looking values still get a 400: a place or a
        # skill the site does not know (no schema can list them), and a radius without a
        # place (a rule between two parameters). Anything else is ST202.
        field = json.loads(response.content)["field"]
        assert field in NAMES_SOMETHING_KNOWN, (case.query, response.content)


# Parameters whose value must name a place or skill the site knows, or that need another;
# a bounding box's edges must come in order (a rule between its four numbers).
NAMES_SOMETHING_KNOWN = {"near", "skill", "radius_km", "bbox"}
