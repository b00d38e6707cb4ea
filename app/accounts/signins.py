"""Sign-ins, one per browser: made by every ``login_user``, checked by the user loader.

The session and remember cookies carry ``<account token>.<sign-in token>``. The account
token (``User.session_token``) ends every sign-in at once when it is replaced; the
sign-in token ends one browser's, when its row is deleted. So a member can see where
they are signed in and sign out a lost phone without touching this browser.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import g, has_request_context, request, session
from flask_babel import gettext as _
from flask_login import user_logged_in
from sqlalchemy import and_, delete, not_, or_, select

from app.accounts.models import SignIn, User
from app.clock import as_utc, utcnow
from app.extensions import db

logger = logging.getLogger(__name__)

#: How stale "last seen" may get: writing it on every request would cost a write each.
SEEN_EVERY = timedelta(minutes=5)
#: A remembered sign-in not seen for this long is forgotten (its cookie lasts a year)...
FORGOTTEN_AFTER = timedelta(days=400)
#: ... one without "keep me signed in", whose browser may have closed long ago, sooner.
IDLE_AFTER = timedelta(days=14)
#: Sign-ins listed on a page of /settings/sign-ins.
PER_PAGE = 20
SEPARATOR = "."


def cookie_id(user: User, sign_in: SignIn) -> str:
    """What the session and remember cookies hold for this sign-in."""
    return f"{user.session_token}{SEPARATOR}{sign_in.token}"


def live():
    """The condition of a sign-in still in use: seen recently enough for its kind."""
    now = utcnow()
    return or_(
        and_(SignIn.remembered, SignIn.last_seen_at > now - FORGOTTEN_AFTER),
        and_(not_(SignIn.remembered), SignIn.last_seen_at > now - IDLE_AFTER),
    )


def _record_sign_in(sender, user: User, **extra) -> None:
    """Flask-Login signed ``user`` in: give this browser a sign-in row of its own."""
    user_agent = request.user_agent.string[:300] if has_request_context() else ""
    # login_user(remember=True) has just marked the session so.
    remembered = session.get("_remember") == "set"
    sign_in = SignIn(user_id=user.id, user_agent=user_agent, remembered=remembered)
    db.session.execute(
        delete(SignIn)
        .where(SignIn.user_id == user.id, not_(live()))
        .execution_options(synchronize_session=False)
    )
    db.session.add(sign_in)
    db.session.commit()
    # login_user stored the id before telling us; the cookies are written after the view.
    session["_user_id"] = cookie_id(user, sign_in)
    g.sign_in_id = sign_in.id
    logger.info("user %s signed in (sign-in %s)", user.id, sign_in.id)


user_logged_in.connect(_record_sign_in)


def load_signed_in(value: str) -> User | None:
    """The account whose cookie id ``value`` is, if that sign-in is still live."""
    account_token, _sep, sign_in_token = value.partition(SEPARATOR)
    if not account_token or not sign_in_token:
        # A cookie from before sign-ins were recorded: signed out once, then as usual.
        return None
    row = db.session.execute(
        select(User, SignIn)
        .join(SignIn, SignIn.user_id == User.id)
        .where(User.session_token == account_token, SignIn.token == sign_in_token, live())
    ).first()
    if row is None:
        return None
    user, sign_in = row
    g.sign_in_id = sign_in.id
    if utcnow() - as_utc(sign_in.last_seen_at) > SEEN_EVERY:
        g.sign_in_seen = True
    return user


def current_sign_in_id() -> int | None:
    """The id of this browser's sign-in, if it is signed in."""
    return g.get("sign_in_id")


def note_last_seen(response):
    """After the view has done its work and committed: write "last seen" when stale."""
    if not g.pop("sign_in_seen", False):
        return response
    try:
        sign_in = db.session.get(SignIn, g.sign_in_id)
        if sign_in is not None:
            sign_in.last_seen_at = utcnow()
            db.session.commit()
    except Exception:
        # Bookkeeping only: a locked database must not cost the member the page.
        db.session.rollback()
        logger.exception("could not note when sign-in %s was last seen", g.sign_in_id)
    return response


def sign_ins_of(user: User, page: int = 1):
    """A page of the member's live sign-ins, the most recently seen first."""
    return db.paginate(
        select(SignIn)
        .where(SignIn.user_id == user.id, live())
        .order_by(SignIn.last_seen_at.desc(), SignIn.id.desc()),
        page=page,
        per_page=PER_PAGE,
        error_out=False,
    )


def end_sign_in(sign_in: SignIn) -> None:
    """Sign that browser out (commits)."""
    db.session.delete(sign_in)
    db.session.commit()


def end_other_sign_ins(user: User) -> int:
    """Sign out every browser of ``user``'s but this one; how many (commits)."""
    keep = current_sign_in_id()
    result = db.session.execute(
        delete(SignIn)
        .where(SignIn.user_id == user.id, SignIn.id != (keep or 0))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount


_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def describe_device(user_agent: str) -> str:
    """A short name for the browser a User-Agent header names, such as "Firefox on Linux"."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    if browser or system:
        return browser or system
    return _("Unknown browser")
