"""The mails about an account itself, each in its recipient's language."""

from __future__ import annotations

import logging

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.models import User
from app.accounts.tokens import password_token, verification_token
from app.mail import MailError, send_mail

logger = logging.getLogger(__name__)


def _language(user: User) -> str:
    return user.locale or "nl"


def _send(user: User, to: str, template: str, subject, **context) -> bool:
    """Render ``template`` in ``user``'s language and send it to ``to``; False if it failed."""
    language = _language(user)
    with force_locale(language):
        body = render_template(f"mail/accounts/{template}.txt", user=user, **context)
        text = str(subject())
    try:
        send_mail(to, text, body, language=language)
    except MailError:
        logger.exception("account mail %s to user %s not sent", template, user.id)
        return False
    return True


def send_password_reset(user: User) -> bool:
    """A link to choose a new password, valid for an hour."""
    url = url_for("accounts.reset_password", token=password_token(user), _external=True)
    return _send(user, user.email, "reset", lambda: _("Choose a new Gilde password"), url=url)


def send_invitation(user: User) -> bool:
    """An imported member's invitation: set a password, then review the profile."""
    token = password_token(user, invitation=True)
    url = url_for("accounts.reset_password", token=token, _external=True)
    return _send(user, user.email, "invitation", lambda: _("Your account on Gilde"), url=url)


def send_verification(user: User) -> bool:
    """A link that confirms the member receives mail at their address."""
    url = url_for("accounts.verify_email", token=verification_token(user), _external=True)
    return _send(user, user.email, "verify", lambda: _("Confirm your e-mail address"), url=url)


def send_already_registered(user: User) -> bool:
    """Someone tried to register with the address of an existing account."""
    return _send(
        user,
        user.email,
        "already_registered",
        lambda: _("You already have an account on Gilde"),
        login_url=url_for("accounts.login", _external=True),
        reset_url=url_for("accounts.forgot_password", _external=True),
    )


def send_address_changed(user: User, old_address: str) -> bool:
    """Tell the old address that the account now uses another one."""
    return _send(
        user,
        old_address,
        "address_changed",
        lambda: _("Your Gilde e-mail address was changed"),
        reset_url=url_for("accounts.forgot_password", _external=True),
    )


def send_two_factor_changed(user: User, turned_on: bool) -> bool:
    """Tell the member that two-factor sign-in was turned on or off, in case it was not them."""
    return _send(
        user,
        user.email,
        "two_factor_changed",
        (lambda: _("Two-factor sign-in is on"))
        if turned_on
        else (lambda: _("Two-factor sign-in is off")),
        turned_on=turned_on,
        reset_url=url_for("accounts.forgot_password", _external=True),
    )
