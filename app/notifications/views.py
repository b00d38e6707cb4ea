"""The signed-in user's notifications: the list, opening one, marking them read."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select, update

from app.accounts.redirects import safe_next
from app.clock import utcnow
from app.extensions import db
from app.notifications import bp
from app.notifications.models import Notification

PER_PAGE = 30


def _own_or_404(notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    return notification


@bp.get("/")
@login_required
def index():
    stmt = (
        select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    page = db.paginate(
        stmt, page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False
    )
    return render_template("notifications/index.html", page=page)


@bp.post("/<int:notification_id>/open")
@login_required
def open_notification(notification_id: int):
    """Mark it read and go where it leads."""
    notification = _own_or_404(notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return redirect(safe_next(notification.link) or url_for("notifications.index"))


@bp.post("/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    notification = _own_or_404(notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return redirect(url_for("notifications.index"))


@bp.post("/read-all")
@login_required
def mark_all_read():
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
    return redirect(url_for("notifications.index"))
