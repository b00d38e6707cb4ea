"""Notifications on the site: what happened that concerns a member, until they read it."""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

from app.notifications import views  # noqa: E402, F401


@bp.app_context_processor
def inject_unread_count() -> dict:
    """How many unread notifications the signed-in user has (nothing for visitors)."""
    from flask_login import current_user
    from sqlalchemy.exc import SQLAlchemyError

    from app.extensions import db
    from app.notifications.models import unread_count

    if not (current_user and current_user.is_authenticated):
        return {}
    try:
        return {"unread_notifications": unread_count(current_user.id)}
    except SQLAlchemyError:
        # The error page of a failed database must still render, without the count.
        db.session.rollback()
        return {}
