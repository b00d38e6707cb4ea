"""Who finds a circle, and who sees inside it (its members, meetings and board)."""

from __future__ import annotations

from app.circles.models import CircleVisibility, PeerCircle


def listed_circles_clause(viewer):
    """Circles the viewer may find: open ones, public or (signed in) members-only."""
    clause = PeerCircle.closed_at.is_(None)
    if viewer is None or not viewer.is_authenticated:
        return clause & (PeerCircle.visibility == CircleVisibility.PUBLIC)
    return clause


def circle_listed_to(circle: PeerCircle, viewer) -> bool:
    """Whether the viewer may see the circle's name, theme and facilitator."""
    if sees_inside(circle, viewer):
        return True
    if circle.closed_at is not None:
        return False
    signed_in = viewer is not None and viewer.is_authenticated
    return circle.visibility is CircleVisibility.PUBLIC or signed_in


def leads(circle: PeerCircle, user) -> bool:
    """The facilitator, or staff (who moderate)."""
    return (
        user is not None
        and user.is_authenticated
        and (circle.facilitator_id == user.id or user.is_staff)
    )


def sees_inside(circle: PeerCircle | None, user) -> bool:
    """Members, the facilitator and staff see the members, the meetings and the board."""
    if circle is None:
        return False
    return leads(circle, user) or circle.has_member(user)
