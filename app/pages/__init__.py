"""The site's own pages (about, privacy, terms, contact), written as Markdown files."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from app.pages import views  # noqa: E402, F401
