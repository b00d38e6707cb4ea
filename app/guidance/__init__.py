"""Guidance: offices, advisers, appointments, "ask an adviser" and local-presence figures."""

from flask import Blueprint

bp = Blueprint("guidance", __name__, url_prefix="/guidance")

from app.guidance import views  # noqa: E402, F401


@bp.app_context_processor
def inject_guidance_labels() -> dict:
    """The translated names of modes, statuses, adviser kinds and weekdays."""
    from app.guidance.models import (
        APPOINTMENT_STATUS_LABELS,
        HELPED_LABELS,
        KIND_LABELS,
        MODE_LABELS,
        QUESTION_STATUS_LABELS,
        WEEKDAY_LABELS,
    )

    return {
        "guidance_mode_labels": MODE_LABELS,
        "appointment_status_labels": APPOINTMENT_STATUS_LABELS,
        "question_status_labels": QUESTION_STATUS_LABELS,
        "adviser_kind_labels": KIND_LABELS,
        "helped_labels": HELPED_LABELS,
        "weekday_labels": WEEKDAY_LABELS,
    }


@bp.app_template_filter("brussels")
def brussels_time(moment, style: str = "full") -> str:
    """A stored moment written in Brussels time in the page's language."""
    from app.guidance.scheduling import format_local

    return format_local(moment, style)


@bp.app_template_global()
def advisers_for_need(need) -> list:
    """Advisers and peer advisers whose skills or topics cover a need's skills."""
    from flask_login import current_user

    from app.guidance.matching import advisers_for_skills
    from app.guidance.search import adviser_visible_to

    found = advisers_for_skills([row.skill_id for row in need.skills], limit=10)
    return [adviser for adviser in found if adviser_visible_to(adviser, current_user)][:3]


from app.guidance import search  # noqa: E402, F401
