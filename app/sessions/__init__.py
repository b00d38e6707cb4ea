"""Collective guidance: sessions people register for, with waiting lists and calendars."""

from flask import Blueprint

bp = Blueprint("sessions", __name__, url_prefix="/sessions")

from app.sessions import search, views  # noqa: E402, F401


@bp.app_context_processor
def inject_session_labels() -> dict:
    """The kinds' names and how a session's time reads, for every template."""
    from app.sessions.display import local_time
    from app.sessions.models import KIND_LABELS

    return {"session_kind_labels": KIND_LABELS, "session_time": local_time}
