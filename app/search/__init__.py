"""Search: one Whoosh index over every searchable kind, kept true by an outbox."""

from flask import Blueprint

bp = Blueprint("search", __name__, url_prefix="/search")

from app.search import views  # noqa: E402, F401
from app.search.labels import template_context  # noqa: E402

bp.context_processor(template_context)


def init_search(app) -> None:
    """Set the engine up; hook the outbox and the after-commit indexer into the sessions."""
    from app.search import engine, indexer, outbox

    engine.setup()
    outbox.install()
    indexer.install()
