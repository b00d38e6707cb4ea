"""Accounts: registration, sign-in, settings and account deletion."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from app.accounts import security_views, views  # noqa: E402, F401
