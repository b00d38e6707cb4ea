"""Connections: contact requests between members, and peer mentoring."""

from flask import Blueprint

bp = Blueprint("connections", __name__, url_prefix="/connections")

from app.connections import (  # noqa: E402, F401
    mentoring_views,
    preference_views,
    report_views,
    views,
)


@bp.app_context_processor
def inject_connection_labels() -> dict:
    """The translated names of topics, statuses, reasons and mentorship statuses."""
    from app.connections.models import (
        MENTORSHIP_STATUS_LABELS,
        REASON_LABELS,
        STATUS_LABELS,
        TOPIC_LABELS,
    )

    return {
        "topic_labels": TOPIC_LABELS,
        "request_status_labels": STATUS_LABELS,
        "report_reason_labels": REASON_LABELS,
        "mentorship_status_labels": MENTORSHIP_STATUS_LABELS,
    }


@bp.app_template_global()
def contact_request_url(profile_id: int, topic: str | None = None, context: str | None = None):
    """The request form for a profile; other pages pass a topic and where they are ("need:9")."""
    from flask import url_for

    return url_for("connections.new_request", profile_id=profile_id, topic=topic, context=context)


@bp.app_template_global()
def mentor_open_places(profile) -> int:
    """Capacity minus active mentorships, for the profile page."""
    from app.connections.mentoring import open_places

    return open_places(profile)


@bp.app_template_global()
def mentor_appreciations(profile) -> list:
    """The appreciations a mentor's profile shows."""
    from app.connections.mentoring import shown_appreciations

    return shown_appreciations(profile)


@bp.app_template_global()
def other_mentors_for(profile) -> list:
    """A few mentors with open places who share a skill with a mentor who is full."""
    from flask_login import current_user

    from app.connections.matching import other_mentors

    return other_mentors(profile, current_user)


@bp.app_template_global()
def pending_contact_requests() -> int:
    """How many requests wait for the signed-in member's answer."""
    from flask_login import current_user

    from app.connections.contacts import pending_received_count

    if not current_user.is_authenticated:
        return 0
    return pending_received_count(current_user)


@bp.app_template_global()
def member_display_name(user) -> str:
    """A member as others know them: their profile's display name, else their account name."""
    from app.connections.people import member_name

    return member_name(user)


from app.connections import search  # noqa: E402, F401
