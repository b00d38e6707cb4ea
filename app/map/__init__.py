"""The map of the local offer: partners, offers, sessions, offices, mentors and peer advisers."""

from flask import Blueprint

bp = Blueprint("map", __name__, url_prefix="/map")

from app.map import panels, views  # noqa: E402, F401
