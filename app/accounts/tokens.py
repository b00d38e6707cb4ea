"""Signed, expiring tokens sent by mail: password reset, invitation, address verification.

A password token carries a fingerprint of the account's password hash: once the password
is set (with the token or otherwise), the hash changes and every earlier token is dead,
so a token is used at most once. An address token carries the address it was sent to:
once the address changes, it no longer verifies anything.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.accounts.models import User
from app.extensions import db

PASSWORD_SALT = "gilde-password-reset"  # noqa: S105 - a salt, not a secret
VERIFY_SALT = "gilde-verify-email"


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _fingerprint(value: str) -> str:
    """A keyed digest: the token shows nothing of the hash it stands for."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def password_token(user: User, invitation: bool = False) -> str:
    """A token that lets its holder set ``user``'s password (an invitation lives longer)."""
    payload = {"u": user.id, "p": _fingerprint(user.password_hash or ""), "i": invitation}
    return _serializer(PASSWORD_SALT).dumps(payload)


def user_from_password_token(token: str) -> User | None:
    """The account a valid, unexpired, unused password token is for, else None."""
    config = current_app.config
    serializer = _serializer(PASSWORD_SALT)
    try:
        payload = serializer.loads(token, max_age=config["INVITATION_MAX_AGE"])
        if not payload.get("i"):
            serializer.loads(token, max_age=config["PASSWORD_RESET_MAX_AGE"])
        user = db.session.get(User, int(payload["u"]))
    except (BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None
    if user is None or not hmac.compare_digest(
        str(payload.get("p", "")), _fingerprint(user.password_hash or "")
    ):
        return None
    return user


def verification_token(user: User) -> str:
    """A token that confirms ``user`` receives mail at their current address."""
    return _serializer(VERIFY_SALT).dumps({"u": user.id, "e": _fingerprint(user.email)})


def user_from_verification_token(token: str) -> User | None:
    """The account whose current address a valid, unexpired verification token names."""
    try:
        payload = _serializer(VERIFY_SALT).loads(
            token, max_age=current_app.config["VERIFICATION_MAX_AGE"]
        )
        user = db.session.get(User, int(payload["u"]))
    except (BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None
    if user is None or not hmac.compare_digest(str(payload.get("e", "")), _fingerprint(user.email)):
        return None
    return user
