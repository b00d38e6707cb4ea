"""Views for registering, signing in and out, and the account settings."""

from __future__ import annotations

import json
import logging

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash

from app.accounts import bp, throttling
from app.accounts.deletion import WritingChoice, erase_from_index
from app.accounts.deletion import delete_account as delete_user
from app.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    DeleteAccountForm,
    LoginForm,
    PreferencesForm,
    RegisterForm,
)
from app.accounts.models import User, normalise_email, utcnow
from app.accounts.personal_data import personal_export
from app.accounts.redirects import safe_next
from app.extensions import db, limiter, login_manager

logger = logging.getLogger(__name__)

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Sign in to see this page.")
login_manager.login_message_category = "info"

# Checked when the e-mail is unknown, so that a wrong address costs as long as a wrong password.
_DUMMY_HASH = "scrypt:32768:8:1$qzq0yYx0H9dPGvWc$" + "0" * 128


def _after_sign_in() -> str:
    return safe_next(request.values.get("next")) or url_for("main.home")


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        user = User(name=form.name.data, email=normalise_email(form.email.data))
        user.set_password(form.password.data)
        db.session.add(user)
        db.session.commit()
        login_user(user)
        logger.info("registered user %s", user.id)
        flash(_("Welcome to Gilde, %(name)s!", name=user.name), "success")
        return redirect(url_for("members.onboarding"))
    return render_template("accounts/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(throttling.FAILURES_PER_ADDRESS, methods=["POST"], deduct_when=throttling.failed)
@limiter.limit(
    throttling.FAILURES_PER_ACCOUNT,
    methods=["POST"],
    key_func=throttling.account_key,
    deduct_when=throttling.failed,
)
def login():
    if current_user.is_authenticated:
        return redirect(_after_sign_in())
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user is None:
            check_password_hash(_DUMMY_HASH, form.password.data)
        elif user.check_password(form.password.data):
            login_user(user, remember=form.remember.data)
            return redirect(_after_sign_in())
        form.password.errors.append(_("The e-mail address or the password is not right."))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    current_user.rotate_session_token()
    db.session.commit()
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.home"))


@bp.get("/settings")
@login_required
def settings():
    form = PreferencesForm(locale=current_user.locale or "nl")
    return render_template("accounts/settings.html", form=form)


@bp.post("/settings/preferences")
@login_required
def preferences():
    form = PreferencesForm()
    if form.validate_on_submit():
        current_user.locale = form.locale.data
        db.session.commit()
        flash(_("Your preferences are saved."), "success")
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", form=form), 400


@bp.route("/settings/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            user = current_user._get_current_object()
            user.set_password(form.password.data)
            user.rotate_session_token()
            db.session.commit()
            # Every other device is signed out; this one signs in again under the new token.
            login_user(user)
            flash(_("Your password is changed. Other devices are signed out."), "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/settings/email", methods=["GET", "POST"])
@login_required
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            current_user.email = normalise_email(form.email.data)
            db.session.commit()
            flash(_("Your e-mail address is changed."), "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/change_email.html", form=form)


@bp.route("/settings/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            user = current_user._get_current_object()
            logout_user()
            delete_user(user, WritingChoice(form.writing.data))
            try:
                erase_from_index()
            except Exception:
                # The account is gone from the database; `flask search sync` or the next
                # commit removes its documents, and a rebuild rewrites what still holds them.
                logger.exception("could not erase a deleted account from the search index")
            flash(_("Your account is deleted."), "info")
            return redirect(url_for("main.home"))
    return render_template("accounts/delete.html", form=form)


@bp.get("/settings/export")
@login_required
def export_data():
    """Everything the member entered, as a JSON file to keep (a GET that only reads)."""
    data = personal_export(current_user._get_current_object())
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = make_response(body + "\n")
    response.mimetype = "application/json"
    stamp = utcnow().strftime("%Y-%m-%d")
    response.headers["Content-Disposition"] = f'attachment; filename="gilde-my-data-{stamp}.json"'
    # Personal data: no shared or private cache keeps a copy.
    response.headers["Cache-Control"] = "no-store"
    return response
