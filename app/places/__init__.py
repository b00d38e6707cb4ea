"""Places: the gazetteer of names in nl, fr and en, with coordinates and region."""

from flask import Blueprint

bp = Blueprint("places", __name__, url_prefix="/places")

from app.places import views  # noqa: E402, F401
