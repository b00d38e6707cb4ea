"""Views for blocking members and for one's contact preferences."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.connections import bp
from app.connections.contacts import (
    block_member,
    blocked_members,
    unblock_member,
)
from app.connections.forms import ContactPreferencesForm
from app.connections.models import NotifyMode
from app.connections.people import preferences_of
from app.connections.view_helpers import back, current_member
from app.extensions import db


@bp.post("/block/<int:user_id>")
@login_required
def block(user_id: int):
    blocked = db.get_or_404(User, user_id)
    if blocked.id == current_user.id:
        abort(403)
    block_member(current_member(), blocked)
    flash(_("You blocked this member. They are not told."), "info")
    return back(url_for("connections.settings"))


@bp.post("/unblock/<int:user_id>")
@login_required
def unblock(user_id: int):
    db.get_or_404(User, user_id)
    unblock_member(current_member(), user_id)
    flash(_("The block is lifted."), "info")
    return back(url_for("connections.settings"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    preferences = preferences_of(current_member())
    form = ContactPreferencesForm()
    if request.method == "GET":
        form.share_email.data = preferences.share_email
        form.phone.data = preferences.phone
        form.website.data = preferences.website
        form.notify.data = preferences.notify.value
    elif form.validate_on_submit():
        preferences.share_email = form.share_email.data
        preferences.phone = form.phone.data or ""
        preferences.website = form.website.data or ""
        preferences.notify = NotifyMode(form.notify.data)
        db.session.add(preferences)
        try:
            db.session.commit()
        except IntegrityError:  # the same first save, sent twice at once
            db.session.rollback()
            form.form_errors.append(_("Your settings changed meanwhile. Please save again."))
        else:
            flash(_("Your contact settings are saved."), "success")
            return redirect(url_for("connections.settings"))
    return render_template(
        "connections/settings.html", form=form, blocks=blocked_members(current_member())
    )
