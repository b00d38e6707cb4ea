"""Views for the home page and choosing the interface language."""

from __future__ import annotations

from flask import abort, redirect, render_template, session, url_for
from flask_login import current_user

from app.accounts.redirects import safe_next
from app.extensions import db
from app.i18n import SESSION_KEY
from app.main import bp
from app.main.forms import LanguageForm


@bp.get("/")
def home():
    return render_template("main/home.html")


@bp.post("/language")
def set_language():
    """Remember the chosen language; for a member it becomes their setting."""
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400)
    session[SESSION_KEY] = form.language.data
    if current_user.is_authenticated:
        current_user.locale = form.language.data
        db.session.commit()
    return redirect(safe_next(form.next.data) or url_for("main.home"))
