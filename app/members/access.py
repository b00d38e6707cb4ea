"""Who may see which profile: the one rule every page, list and API uses."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_

from app.members.models import Profile, Visibility


def profile_visible_to(profile: Profile, viewer) -> bool:
    """Public to anyone, members-only to signed-in users, hidden to its owner only."""
    if viewer is not None and viewer.is_authenticated and profile.user_id == viewer.id:
        return True
    if profile.visibility is Visibility.PUBLIC:
        return True
    if profile.visibility is Visibility.MEMBERS:
        return viewer is not None and viewer.is_authenticated
    return False


def listed_profiles_clause(viewer) -> ColumnElement[bool]:
    """Profiles a viewer may find in lists; hidden ones are never listed, even to the owner."""
    signed_in = viewer is not None and viewer.is_authenticated
    return or_(
        Profile.visibility == Visibility.PUBLIC,
        (Profile.visibility == Visibility.MEMBERS) if signed_in else false(),
    )
