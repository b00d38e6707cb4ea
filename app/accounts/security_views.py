"""Views for two-factor sign-in, the list of signed-in browsers, and staff invitations."""

from __future__ import annotations

import logging

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import bp, signins, twofactor
from app.accounts.access import staff_required
from app.accounts.forms import (
    CsrfOnlyForm,
    InviteForm,
    TwoFactorConfirmForm,
    TwoFactorLoginForm,
    TwoFactorProofForm,
    TwoFactorStartForm,
)
from app.accounts.invitations import invite_users, users_to_invite
from app.accounts.mails import send_two_factor_changed
from app.accounts.models import SignIn
from app.accounts.redirects import safe_next
from app.extensions import db, limiter

logger = logging.getLogger(__name__)

#: Wrong codes at the sign-in: per account (whatever the address) and per address.
CODE_FAILURES_PER_ACCOUNT = "5 per minute;30 per hour"
CODE_FAILURES_PER_ADDRESS = "20 per minute"
#: Wrong proofs (password or code) when turning it off or renewing the recovery codes.
PROOF_FAILURES_PER_ACCOUNT = "5 per minute"


def _code_failed(response) -> bool:
    # 303: the wrong code that ended the half-signed-in state.
    return response.status_code in (200, 303)


def _proof_failed(response) -> bool:
    return response.status_code == 400


def _member_key() -> str:
    return "two-factor:" + (str(current_user.id) if current_user.is_authenticated else "")


def _private(response_body, status: int = 200):
    """A page with secrets on it (a TOTP secret, recovery codes): kept in no cache."""
    response = make_response(response_body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(CODE_FAILURES_PER_ADDRESS, methods=["POST"], deduct_when=_code_failed)
@limiter.limit(
    CODE_FAILURES_PER_ACCOUNT,
    methods=["POST"],
    key_func=twofactor.pending_key,
    deduct_when=_code_failed,
)
def two_factor_login():
    """The second step of signing in to an account with two-factor sign-in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    user = twofactor.pending_user()
    if user is None:
        twofactor.end_pending()
        flash(_("Sign in with your password first."), "info")
        return redirect(url_for("accounts.login"))
    form = TwoFactorLoginForm()
    if form.validate_on_submit():
        used = twofactor.accept_code(user, form.code.data)
        if used:
            state = twofactor.end_pending() or {}
            login_user(user, remember=bool(state.get("r")))
            logger.info("user %s signed in with a %s code", user.id, used)
            if used == "recovery":
                left = twofactor.recovery_codes_left(user)
                flash(
                    ngettext(
                        "You used a recovery code: %(num)d is left. Make new ones in your "
                        "settings if you are running out.",
                        "You used a recovery code: %(num)d are left. Make new ones in your "
                        "settings if you are running out.",
                        left,
                    ),
                    "warning",
                )
            return redirect(safe_next(state.get("n")) or url_for("main.home"))
        if twofactor.count_failure():
            flash(_("Too many wrong codes. Sign in with your password again."), "warning")
            return redirect(url_for("accounts.login")), 303
        form.code.errors.append(_("This code is not right, or it was used already."))
    return render_template("accounts/two_factor_login.html", form=form)


@bp.get("/settings/two-factor")
@login_required
def two_factor():
    user = current_user._get_current_object()
    return _private(
        render_template(
            "accounts/two_factor.html",
            start_form=TwoFactorStartForm(),
            proof_form=TwoFactorProofForm(),
            codes_left=twofactor.recovery_codes_left(user) if user.has_two_factor else 0,
        )
    )


@bp.post("/settings/two-factor/start")
@login_required
@limiter.limit(PROOF_FAILURES_PER_ACCOUNT, key_func=_member_key, deduct_when=_proof_failed)
def two_factor_start():
    """With the password, make a secret for the member's app (not on before it is confirmed)."""
    user = current_user._get_current_object()
    if user.has_two_factor:
        return redirect(url_for("accounts.two_factor"))
    form = TwoFactorStartForm()
    if form.validate_on_submit():
        if user.check_password(form.current.data):
            user.totp_secret = twofactor.new_secret()
            user.totp_last_step = None
            db.session.commit()
            return redirect(url_for("accounts.two_factor_confirm"))
        form.current.errors.append(_("This is not your current password."))
    body = render_template(
        "accounts/two_factor.html", start_form=form, proof_form=TwoFactorProofForm(), codes_left=0
    )
    return _private(body, 400)


@bp.route("/settings/two-factor/confirm", methods=["GET", "POST"])
@login_required
@limiter.limit(PROOF_FAILURES_PER_ACCOUNT, key_func=_member_key, deduct_when=_proof_failed)
def two_factor_confirm():
    """The QR code (and the secret to type), and a first code that proves the app has it."""
    user = current_user._get_current_object()
    if user.has_two_factor or not user.totp_secret:
        return redirect(url_for("accounts.two_factor"))
    form = TwoFactorConfirmForm()
    status = 200
    if form.validate_on_submit():
        if twofactor.accept_totp(user, form.code.data):
            codes = twofactor.enable(user)
            logger.info("user %s turned two-factor sign-in on", user.id)
            send_two_factor_changed(user, turned_on=True)
            flash(_("Two-factor sign-in is on."), "success")
            return _private(render_template("accounts/recovery_codes.html", codes=codes))
        form.code.errors.append(_("This code is not right. Check the time on your phone."))
        status = 400
    elif form.is_submitted():
        status = 400
    uri = twofactor.provisioning_uri(user)
    body = render_template(
        "accounts/two_factor_confirm.html",
        form=form,
        qr_svg=twofactor.qr_code_svg(uri, _("QR code for your authenticator app")),
        secret=twofactor.grouped_secret(user.totp_secret),
    )
    return _private(body, status)


def _proven(user, form: TwoFactorProofForm) -> bool:
    """The password or a good code was given (a code given is used up)."""
    proof = form.proof.data
    if user.check_password(proof) or twofactor.accept_code(user, proof):
        return True
    form.proof.errors.append(_("This is neither your password nor a good code."))
    return False


def _proof_refused(form: TwoFactorProofForm):
    user = current_user._get_current_object()
    body = render_template(
        "accounts/two_factor.html",
        start_form=TwoFactorStartForm(),
        proof_form=form,
        codes_left=twofactor.recovery_codes_left(user),
    )
    return _private(body, 400)


@bp.post("/settings/two-factor/disable")
@login_required
@limiter.limit(PROOF_FAILURES_PER_ACCOUNT, key_func=_member_key, deduct_when=_proof_failed)
def two_factor_disable():
    user = current_user._get_current_object()
    if not user.has_two_factor:
        return redirect(url_for("accounts.two_factor"))
    form = TwoFactorProofForm()
    if form.validate_on_submit() and _proven(user, form):
        twofactor.disable(user)
        logger.info("user %s turned two-factor sign-in off", user.id)
        send_two_factor_changed(user, turned_on=False)
        flash(_("Two-factor sign-in is off."), "info")
        return redirect(url_for("accounts.two_factor"))
    return _proof_refused(form)


@bp.post("/settings/two-factor/recovery-codes")
@login_required
@limiter.limit(PROOF_FAILURES_PER_ACCOUNT, key_func=_member_key, deduct_when=_proof_failed)
def recovery_codes():
    """New recovery codes, shown once; the old ones stop working."""
    user = current_user._get_current_object()
    if not user.has_two_factor:
        return redirect(url_for("accounts.two_factor"))
    form = TwoFactorProofForm()
    if form.validate_on_submit() and _proven(user, form):
        codes = twofactor.new_recovery_codes(user)
        db.session.commit()
        flash(_("Here are your new recovery codes. The old ones no longer work."), "success")
        return _private(render_template("accounts/recovery_codes.html", codes=codes))
    return _proof_refused(form)


@bp.get("/settings/sign-ins")
@login_required
def sign_ins():
    """Where the member is signed in: device, since when, last seen."""
    return render_template(
        "accounts/sign_ins.html",
        page=signins.sign_ins_of(current_user, request.args.get("page", 1, type=int)),
        current_id=signins.current_sign_in_id(),
        describe=signins.describe_device,
        form=CsrfOnlyForm(),
    )


@bp.post("/settings/sign-ins/<int:sign_in_id>/end")
@login_required
def end_sign_in(sign_in_id: int):
    sign_in = db.session.get(SignIn, sign_in_id)
    if sign_in is None or sign_in.user_id != current_user.id:
        abort(404)
    form = CsrfOnlyForm()
    if not form.validate_on_submit():
        abort(400)
    this_browser = sign_in.id == signins.current_sign_in_id()
    signins.end_sign_in(sign_in)
    if this_browser:
        # Also clears the (now dead) remember cookie.
        logout_user()
        flash(_("You are signed out."), "info")
        return redirect(url_for("main.home"))
    flash(_("That device is signed out."), "success")
    return redirect(url_for("accounts.sign_ins"))


@bp.post("/settings/sign-ins/end-others")
@login_required
def end_other_sign_ins():
    form = CsrfOnlyForm()
    if not form.validate_on_submit():
        abort(400)
    count = signins.end_other_sign_ins(current_user)
    flash(
        ngettext(
            "%(num)d other device is signed out.", "%(num)d other devices are signed out.", count
        ),
        "success",
    )
    return redirect(url_for("accounts.sign_ins"))


@bp.route("/staff/invitations", methods=["GET", "POST"])
@staff_required
def invite():
    """Staff mail imported members an invitation to set their password."""
    form = InviteForm()
    if form.validate_on_submit():
        users, unknown = users_to_invite(form.addresses(), form.all_unconfirmed.data)
        if unknown:
            form.emails.errors.append(
                _("No account has these addresses: %(addresses)s", addresses=", ".join(unknown))
            )
        elif not users:
            flash(_("Nobody to invite: every member has confirmed their address."), "info")
            return redirect(url_for("accounts.invite"))
        else:
            sent, failed = invite_users(users)
            logger.info("user %s sent %s invitations (%s failed)", current_user.id, sent, failed)
            flash(
                ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", sent),
                "success",
            )
            if failed:
                flash(
                    ngettext(
                        "%(num)d invitation could not be sent; try again later.",
                        "%(num)d invitations could not be sent; try again later.",
                        failed,
                    ),
                    "danger",
                )
            return redirect(url_for("accounts.invite"))
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/invite.html", form=form), status
