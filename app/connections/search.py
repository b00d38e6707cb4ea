"""What mentoring adds to member documents: whether a mentor has open places."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import object_session

from app.connections.mentoring import open_places
from app.connections.models import Mentorship
from app.members.models import Profile
from app.search.documents import extend


def _mentor_fields(profile: Profile) -> dict:
    # A mentor at capacity is not offered by the "mentors" facet.
    return {"mentor": open_places(profile) > 0}


def _mentor_profile(mentorship: Mentorship) -> list[int]:
    """The mentor's profile: starting or ending a mentorship changes its open places."""
    session = object_session(mentorship)
    return [session.scalar(select(Profile.id).where(Profile.user_id == mentorship.mentor_id))]


extend("member", related={Mentorship: _mentor_profile}, fields=_mentor_fields)
