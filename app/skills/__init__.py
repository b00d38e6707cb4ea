"""Skills: the multilingual skill taxonomy (labels, synonyms, community skills, ESCO import)."""

from flask import Blueprint

bp = Blueprint("skills", __name__, url_prefix="/skills")

from app.skills import views  # noqa: E402, F401, I001
from app.skills import sectors  # noqa: E402, F401
