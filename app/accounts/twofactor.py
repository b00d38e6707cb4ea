"""Two-factor sign-in: TOTP codes from an app, single-use recovery codes, and the state
of a sign-in whose password was right but whose code is still to come.

That half-signed-in state lives only in the session under ``PENDING_KEY``; Flask-Login
knows nothing of it, so it opens no page. It names the account's session token, so a
password change in between (which replaces the token) ends it too.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time

import pyotp
import segno
from flask import session
from sqlalchemy import delete, func, or_, select, update

from app.accounts.models import RecoveryCode, User
from app.clock import utcnow
from app.extensions import db

ISSUER = "Gilde"
#: Seconds per TOTP code (what every authenticator app uses).
STEP = 30
#: Codes of the step before and after are accepted too: phone clocks drift.
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
#: No 0/o, 1/l/i: the codes are copied by hand from paper.
RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
RECOVERY_LENGTH = 12
PENDING_KEY = "two_factor_pending"
#: Seconds between the right password and the code before one starts again.
PENDING_LIFE = 300
#: Wrong codes before the half-signed-in state ends (the limiter also counts per account).
PENDING_TRIES = 5

_SIX_DIGITS = re.compile(r"[0-9]{6}")


def new_secret() -> str:
    """A fresh TOTP secret (160 bits, base32)."""
    return pyotp.random_base32(32)


def provisioning_uri(user: User) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_svg(uri: str, title: str) -> str:
    """The QR code of ``uri`` as inline SVG, drawn here: no image is fetched from anyone."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, border=4, title=title, dark="#000", light="#fff"
    )
    # An image for assistive technology, named by its title.
    return svg.replace("<svg ", '<svg role="img" ', 1)


def grouped_secret(secret: str) -> str:
    """The secret in groups of four, for typing into an app that cannot scan."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _matching_step(secret: str, code: str, now: float) -> int | None:
    totp = pyotp.TOTP(secret)
    current = int(now // STEP)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def accept_totp(user: User, code: str, now: float | None = None) -> bool:
    """Whether ``code`` is the account's current TOTP code, not accepted before (commits).

    The step is claimed with one conditional UPDATE, so of two requests with the same
    code, at the same moment, one wins.
    """
    code = re.sub(r"\s", "", code or "")
    if not user.totp_secret or not _SIX_DIGITS.fullmatch(code):
        return False
    step = _matching_step(user.totp_secret, code, time.time() if now is None else now)
    if step is None:
        return False
    result = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.expire(user, ["totp_last_step"])
    return result.rowcount == 1


def _normalise_recovery(code: str) -> str:
    return re.sub(r"[\s-]", "", (code or "").lower())


def _recovery_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the account's recovery codes with fresh ones; the codes, to show once."""
    db.session.execute(
        delete(RecoveryCode)
        .where(RecoveryCode.user_id == user.id)
        .execution_options(synchronize_session=False)
    )
    codes = []
    for _i in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _j in range(RECOVERY_LENGTH))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_recovery_hash(raw)))
        codes.append("-".join(raw[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4)))
    return codes


def accept_recovery_code(user: User, code: str) -> bool:
    """Whether ``code`` is one of the account's unused recovery codes; uses it (commits)."""
    raw = _normalise_recovery(code)
    if len(raw) != RECOVERY_LENGTH or any(c not in RECOVERY_ALPHABET for c in raw):
        return False
    result = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _recovery_hash(raw),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def accept_code(user: User, code: str) -> str | None:
    """ "totp" or "recovery" when ``code`` is a good one of that kind (and now used), else None."""
    if not user.has_two_factor:
        return None
    if accept_totp(user, code):
        return "totp"
    if accept_recovery_code(user, code):
        return "recovery"
    return None


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def enable(user: User) -> list[str]:
    """Turn two-factor sign-in on (its secret confirmed); the recovery codes (commits)."""
    user.totp_enabled_at = utcnow()
    codes = new_recovery_codes(user)
    db.session.commit()
    return codes


def disable(user: User) -> None:
    """Turn two-factor sign-in off and forget the secret and the recovery codes (commits)."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(
        delete(RecoveryCode)
        .where(RecoveryCode.user_id == user.id)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def start_pending(user: User, remember: bool, next_url: str) -> None:
    """The password was right: remember whose code is awaited, and where to go after."""
    session[PENDING_KEY] = {
        "u": user.id,
        "t": user.session_token,
        "r": bool(remember),
        "n": next_url,
        "e": int(time.time()) + PENDING_LIFE,
        "f": 0,
    }


def pending() -> dict | None:
    """The half-signed-in state, if one is live."""
    state = session.get(PENDING_KEY)
    if not isinstance(state, dict) or state.get("e", 0) < time.time():
        return None
    return state


def pending_user() -> User | None:
    """The account whose code is awaited, if the state is live and its token unchanged."""
    state = pending()
    if state is None:
        return None
    user = db.session.get(User, state.get("u"))
    if user is None or not hmac.compare_digest(
        user.session_token.encode(), str(state.get("t", "")).encode()
    ):
        return None
    return user


def count_failure() -> bool:
    """A wrong code; True when the state is used up (and ended)."""
    state = pending()
    if state is None:
        return True
    state["f"] = state.get("f", 0) + 1
    if state["f"] >= PENDING_TRIES:
        end_pending()
        return True
    session[PENDING_KEY] = state
    return False


def end_pending() -> dict | None:
    """Forget the half-signed-in state; what it was."""
    return session.pop(PENDING_KEY, None)


def pending_key() -> str:
    """The limiter key of the account whose code is being typed."""
    state = session.get(PENDING_KEY)
    return "two-factor:" + str(state.get("u", "") if isinstance(state, dict) else "")
