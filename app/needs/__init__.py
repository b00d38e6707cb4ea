"""Needs: members ask for help, members and partners respond, staff watch what stays unmet."""

from flask import Blueprint

bp = Blueprint("needs", __name__, url_prefix="/needs")

from app.needs import views  # noqa: E402, F401


@bp.app_context_processor
def inject_need_labels() -> dict:
    """The translated names of need statuses, outcomes and visibilities."""
    from app.needs.models import NEED_VISIBILITY_LABELS, SOLVED_LABELS, STATUS_LABELS

    return {
        "need_status_labels": STATUS_LABELS,
        "solved_labels": SOLVED_LABELS,
        "need_visibility_labels": NEED_VISIBILITY_LABELS,
    }


from app.needs import search  # noqa: E402, F401
