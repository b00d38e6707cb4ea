"""Views for registering, signing in and out, and the account settings."""

from __future__ import annotations

import json
import logging

from flask import current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash

from app.accounts import bp, signins, throttling, twofactor
from app.accounts.deletion import WritingChoice, erase_from_index
from app.accounts.deletion import delete_account as delete_user
from app.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    DeleteAccountForm,
    ForgotPasswordForm,
    LoginForm,
    PreferencesForm,
    RegisterForm,
    ResendVerificationForm,
    ResetPasswordForm,
)
from app.accounts.mails import (
    send_address_changed,
    send_already_registered,
    send_password_reset,
    send_verification,
)
from app.accounts.models import User, normalise_email
from app.accounts.personal_data import personal_export
from app.accounts.redirects import safe_next
from app.accounts.tokens import user_from_password_token, user_from_verification_token
from app.clock import utcnow
from app.extensions import db, limiter, login_manager

logger = logging.getLogger(__name__)

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Sign in to see this page.")
login_manager.login_message_category = "info"

# Checked when the e-mail is unknown, so that a wrong address costs as long as a wrong password.
_DUMMY_HASH = "scrypt:32768:8:1$qzq0yYx0H9dPGvWc$" + "0" * 128
MAILS_PER_ADDRESS = throttling.MAILS_PER_ADDRESS
MAILS_PER_IP = throttling.MAILS_PER_IP


def _form_address_key() -> str:
    return "mail-address:" + normalise_email(request.form.get("email", ""))[:254]


def _member_address_key() -> str:
    return "mail-address:" + (current_user.email if current_user.is_authenticated else "")


def _after_sign_in() -> str:
    return safe_next(request.values.get("next")) or url_for("main.home")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(MAILS_PER_IP, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        existing = User.by_email(form.email.data)
        # The visitor reads the same words either way; the owner of a taken address is
        # told by mail.
        flash(
            _(
                "Welcome to Gilde! We sent a mail to %(address)s: open the link in it to "
                "confirm your address.",
                address=normalise_email(form.email.data),
            ),
            "success",
        )
        if existing is not None:
            send_already_registered(existing)
            logger.info("registration with the address of user %s", existing.id)
            return redirect(url_for("members.onboarding"))
        user = User(name=form.name.data, email=normalise_email(form.email.data))
        user.set_password(form.password.data)
        db.session.add(user)
        db.session.commit()
        send_verification(user)
        login_user(user)
        logger.info("registered user %s", user.id)
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
            if user.has_two_factor:
                # Not signed in yet: only the code page knows of this account.
                twofactor.start_pending(user, form.remember.data, _after_sign_in())
                return redirect(url_for("accounts.two_factor_login"))
            login_user(user, remember=form.remember.data)
            return redirect(_after_sign_in())
        form.password.errors.append(_("The e-mail address or the password is not right."))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    # This browser's sign-in ends, with every copy of its cookies; the others stay.
    sign_in = db.session.get(signins.SignIn, signins.current_sign_in_id() or 0)
    if sign_in is not None:
        signins.end_sign_in(sign_in)
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.home"))


@bp.after_app_request
def note_last_seen(response):
    """Keep "last seen" of the signed-in browser roughly current."""
    return signins.note_last_seen(response)


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
            user = current_user._get_current_object()
            old_address = user.email
            user.email = normalise_email(form.email.data)
            user.email_verified_at = None
            db.session.commit()
            send_address_changed(user, old_address)
            send_verification(user)
            flash(
                _("Your e-mail address is changed. Open the link we sent to it to confirm it."),
                "success",
            )
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


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(MAILS_PER_IP, methods=["POST"])
@limiter.limit(MAILS_PER_ADDRESS, methods=["POST"], key_func=_form_address_key)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user is not None:
            send_password_reset(user)
        # The same answer for every address: the page tells no one who has an account.
        flash(
            _(
                "If an account uses %(address)s, we sent it a link to choose a new "
                "password. The link works for an hour.",
                address=normalise_email(form.email.data),
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = user_from_password_token(token)
    if user is None:
        return render_template("accounts/reset_invalid.html"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        user.rotate_session_token()
        # The link came by mail to this address: it is verified.
        if user.email_verified_at is None:
            user.email_verified_at = utcnow()
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        logger.info("password reset for user %s", user.id)
        flash(_("Your new password is set. Other devices are signed out."), "success")
        if user.has_two_factor:
            # The mailbox alone does not open an account that asks for a second factor.
            twofactor.start_pending(user, False, url_for("members.edit"))
            return redirect(url_for("accounts.two_factor_login"))
        login_user(user)
        return redirect(url_for("members.edit"))
    return render_template("accounts/reset_password.html", form=form, user=user)


@bp.get("/verify/<token>")
def verify_email(token: str):
    """Opening the mailed link confirms the address (a GET that sets only this fact)."""
    user = user_from_verification_token(token)
    if user is None:
        flash(_("This confirmation link is not valid (any more)."), "warning")
    elif user.email_verified_at is not None:
        flash(_("Your e-mail address was already confirmed."), "info")
    else:
        user.email_verified_at = utcnow()
        db.session.commit()
        logger.info("verified the address of user %s", user.id)
        flash(_("Thank you: your e-mail address is confirmed."), "success")
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return redirect(url_for("accounts.login"))


@bp.post("/verify/again")
@login_required
@limiter.limit(MAILS_PER_ADDRESS, key_func=_member_address_key)
def resend_verification():
    form = ResendVerificationForm()
    if form.validate_on_submit() and not current_user.is_verified:
        send_verification(current_user._get_current_object())
        flash(_("We sent the link again to %(address)s.", address=current_user.email), "info")
    return redirect(safe_next(request.form.get("next")) or url_for("accounts.settings"))


#: The routes that post something others see, or write to others: closed to a member
#: whose address is not confirmed, so that throwaway accounts cannot spam.
POSTING_ENDPOINTS = frozenset(
    {
        "articles.new",
        "articles.edit",
        "articles.publish_draft",
        "articles.comment",
        "connections.new_request",
        "connections.write_message",
        "needs.new",
        "needs.edit",
        "needs.respond",
        "partners.register",
        "partners.edit",
        "partners.new_offer",
        "partners.edit_offer",
        "sessions.new",
        "sessions.edit",
        "sessions.message",
        "guidance.book_slot",
        "guidance.ask_question",
        "guidance.answer_question",
    }
)


@bp.before_app_request
def require_verified_address_to_post():
    """An unverified member may look at a posting form, not send it."""
    if request.method != "POST" or request.endpoint not in POSTING_ENDPOINTS:
        return None
    if not current_app.config["REQUIRE_VERIFIED_TO_POST"]:
        return None
    if not current_user.is_authenticated or current_user.is_verified:
        return None
    flash(
        _(
            "Confirm your e-mail address first: open the link we sent you. "
            "You can have it sent again from your settings."
        ),
        "warning",
    )
    return redirect(url_for("accounts.settings"))
