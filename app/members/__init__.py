"""Member skill profiles and the member directory."""

from flask import Blueprint

bp = Blueprint("members", __name__, url_prefix="/members")

from app.members import views  # noqa: E402, F401


@bp.app_context_processor
def inject_member_labels() -> dict:
    """The translated names of levels and visibilities."""
    from app.members.models import LEVEL_LABELS, VISIBILITY_LABELS

    return {"level_labels": LEVEL_LABELS, "visibility_labels": VISIBILITY_LABELS}


@bp.app_template_filter("sector_label")
def sector_label_filter(slug: str | None) -> str:
    from app.skills.sectors import sector_label

    return sector_label(slug)


@bp.app_template_filter("mode_label")
def mode_label(mode) -> str:
    from app.members.models import MODE_LABELS

    return str(MODE_LABELS.get(mode, mode))


from app.members import search  # noqa: E402, F401
