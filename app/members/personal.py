"""A member's profile in their data export, and its going with the account."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app import images
from app.extensions import db
from app.members.models import MemberSkill, MentorWish, Profile, ProfileLanguage, ProfileMode
from app.personal import (
    Erasure,
    PersonalData,
    delete_rows,
    register,
    row_data,
    rows,
    skill_name,
)


def export_profile(user) -> dict[str, Any]:
    """The profile with its skills, mentor wishes, languages and modes."""
    profile = db.session.scalar(select(Profile).where(Profile.user_id == user.id))
    if profile is None:
        return {"profile": None}
    return {
        "profile": row_data(
            profile,
            place=profile.place.name if profile.place else None,
            # The re-encoded copies we keep of their photo (under UPLOAD_DIR).
            photo_files=images.stored_files("photos", profile.photo),
            skills=[
                row_data(row, skill=skill_name(row.skill_id))
                for row in rows(MemberSkill, MemberSkill.profile_id == profile.id)
            ],
            mentor_wishes=[
                row_data(row, skill=skill_name(row.skill_id))
                for row in rows(MentorWish, MentorWish.profile_id == profile.id)
            ],
            languages=[
                row_data(row)
                for row in rows(ProfileLanguage, ProfileLanguage.profile_id == profile.id)
            ],
            modes=[
                row_data(row) for row in rows(ProfileMode, ProfileMode.profile_id == profile.id)
            ],
        )
    }


def erase_profile(erasure: Erasure) -> None:
    """The profile goes (a search document); its photo files once that is committed."""
    profiles = rows(Profile, Profile.user_id == erasure.user.id)
    erasure.files += [("photos", profile.photo) for profile in profiles]
    delete_rows(profiles)


def register_personal_data() -> None:
    """Declare the profile's rows."""
    register(
        PersonalData(
            name="members",
            models=(Profile,),
            export=export_profile,
            export_order=20,
            erase=erase_profile,
            erase_order=70,
        )
    )
