"""Peer circles: small groups that meet again and again, with a facilitator and a board."""

from flask import Blueprint

bp = Blueprint("circles", __name__, url_prefix="/circles")

from app.circles import search, views  # noqa: E402, F401


@bp.app_context_processor
def inject_circle_labels() -> dict:
    """The circles' kinds by name, for every template."""
    from app.circles.models import CIRCLE_KIND_LABELS

    return {"circle_kind_labels": CIRCLE_KIND_LABELS}
