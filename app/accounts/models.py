"""The user account: identity, credentials, role, sign-ins (devices) and second factor."""

from __future__ import annotations

import enum
import secrets
import string
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type, login_manager

#: The limits of an account, read by its forms and the bulk checker (app/data/).
EMAIL_LENGTH = 254
NAME_LENGTH = 100


class Role(enum.StrEnum):
    MEMBER = "member"
    PARTNER = "partner"
    STAFF = "staff"
    ADMIN = "admin"


def password_hash_method() -> str:
    """scrypt, unless the tests asked the app for a cheap hash (never read from the environment)."""
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    return "scrypt"


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def unusable_password_hash() -> str:
    """A well-formed scrypt hash of no known password (an account imported, not registered).

    No password matches it, yet checking one costs as long as against a real hash, so a
    sign-in attempt does not tell such an account apart. It costs nothing to make, where
    hashing a random password takes ~50 ms: that matters when importing 10,000 accounts.
    """
    alphabet = string.ascii_letters + string.digits
    salt = "".join(secrets.choice(alphabet) for _ in range(16))
    return f"scrypt:32768:8:1${salt}${secrets.token_hex(64)}"


def normalise_email(email: str) -> str:
    """E-mail addresses are compared without surrounding space and case."""
    return email.strip().lower()


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role), default=Role.MEMBER)
    locale: Mapped[str | None] = mapped_column(String(5))
    # Flask-Login stores this token, not the id, in the session and remember cookies:
    # replacing it signs out every copy of every old cookie at once.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    # When the member showed they receive mail at ``email``; None until then (and again
    # after a change of address). Unverified accounts may read, not post or write to others.
    email_verified_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    # Two-factor sign-in (app/accounts/twofactor.py). The secret is kept from the start of
    # the enrolment; only ``totp_enabled_at`` (set once a code confirmed it) turns it on.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    # The time step of the last code accepted: a code is never accepted twice (replay).
    totp_last_step: Mapped[int | None] = mapped_column()

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role.value}>"

    def get_id(self) -> str:
        return self.session_token

    def set_password(self, password: str) -> None:
        """Hash with scrypt; the whole password counts, however long."""
        self.password_hash = generate_password_hash(password, method=password_hash_method())

    def set_unusable_password(self) -> None:
        """No password signs in to this account until one is set (see unusable_password_hash)."""
        self.password_hash = unusable_password_hash()

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def rotate_session_token(self) -> None:
        """Invalidate every session and remember cookie issued so far."""
        self.session_token = new_session_token()
        if self.id is not None:
            db.session.execute(
                delete(SignIn)
                .where(SignIn.user_id == self.id)
                .execution_options(synchronize_session=False)
            )

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None and bool(self.totp_secret)

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.STAFF, Role.ADMIN)

    @classmethod
    def by_email(cls, email: str) -> User | None:
        """The account with this e-mail address, in any case."""
        return db.session.scalar(select(cls).where(func.lower(cls.email) == normalise_email(email)))


class SignIn(db.Model):
    """One signed-in browser: the settings list these, and each can be ended on its own."""

    __tablename__ = "sign_ins"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # In the session and remember cookies next to the account's session token.
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    # "Keep me signed in": such a sign-in may sit idle much longer than one whose cookie
    # dies with the browser (which never tells us it closed).
    remembered: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)


class RecoveryCode(db.Model):
    """A single-use code that stands in for a TOTP code when the phone is lost."""

    __tablename__ = "recovery_codes"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the code: codes are random (60 bits), so a fast hash is enough.
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))


@login_manager.user_loader
def load_user(cookie_id: str) -> User | None:
    """The account of a session or remember cookie: its token and a live sign-in of it."""
    from app.accounts.signins import load_signed_in

    return load_signed_in(cookie_id)
