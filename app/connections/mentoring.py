"""Mentorships: open places, opening one under a lock, closing, notes and appreciations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from app.clock import utcnow
from app.connections.models import (
    ContactRequest,
    Mentorship,
    MentorshipNote,
    MentorshipStatus,
)
from app.extensions import db
from app.members.models import Profile


class MentoringRefused(Exception):
    """Why a mentorship cannot be opened or changed, worded for the member."""


def count_active_mentorships(mentor_id: int, session: Session | None = None) -> int:
    """How many active mentorships the member with this user id has as mentor."""
    return (session or db.session).scalar(
        select(func.count(Mentorship.id)).where(
            Mentorship.mentor_id == mentor_id, Mentorship.status == MentorshipStatus.ACTIVE
        )
    )


def _capacity(profile: Profile | None) -> int:
    return profile.mentor_capacity if profile is not None and profile.mentor else 0


def active_counts(mentor_ids: Iterable[int]) -> dict[int, int]:
    """Active mentorships by mentor user id."""
    ids = list(set(mentor_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(Mentorship.mentor_id, func.count(Mentorship.id))
        .where(Mentorship.mentor_id.in_(ids), Mentorship.status == MentorshipStatus.ACTIVE)
        .group_by(Mentorship.mentor_id)
    )
    return {mentor_id: count for mentor_id, count in rows}


def open_places(profile: Profile | None) -> int:
    """Capacity minus active mentorships; 0 for a member who offers no mentoring."""
    capacity = _capacity(profile)
    if not capacity:
        return 0
    # The profile's own session: the search indexer reads profiles in a session of its own.
    active = count_active_mentorships(profile.user_id, object_session(profile))
    return max(0, capacity - active)


def open_places_by_profile(profiles: Iterable[Profile]) -> dict[int, int]:
    """Open places by profile id, in one query (for lists and the search index)."""
    profiles = list(profiles)
    counts = active_counts(p.user_id for p in profiles if _capacity(p))
    return {p.id: max(0, _capacity(p) - counts.get(p.user_id, 0)) for p in profiles}


def active_mentorship_between(mentor_id: int, mentee_id: int) -> Mentorship | None:
    return db.session.scalar(
        select(Mentorship).where(
            Mentorship.mentor_id == mentor_id,
            Mentorship.mentee_id == mentee_id,
            Mentorship.status == MentorshipStatus.ACTIVE,
        )
    )


def open_mentorship(contact_request: ContactRequest) -> Mentorship:
    """Open the mentorship of an accepted mentoring request, if the mentor has a place.

    Call it inside the transaction that accepts the request, after the write that
    accepted it: that write holds SQLite's write lock, and on PostgreSQL the mentor's
    profile row is locked here, so two accepts at once are counted one after the other.
    The caller commits, or rolls back on MentoringRefused.
    """
    profile = db.session.scalar(
        select(Profile)
        .where(Profile.user_id == contact_request.recipient_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if count_active_mentorships(contact_request.recipient_id) >= _capacity(profile):
        raise MentoringRefused(
            _l(
                "You have no open place for a new mentee. Complete or end a mentorship, "
                "or offer more places in your profile, then accept."
            )
        )
    mentorship = Mentorship(
        request_id=contact_request.id,
        mentor_id=contact_request.recipient_id,
        mentee_id=contact_request.sender_id,
        goals=contact_request.message,
        start_date=utcnow().date(),
        status=MentorshipStatus.ACTIVE,
    )
    db.session.add(mentorship)
    db.session.flush()
    return mentorship


def close_mentorship(mentorship: Mentorship, status: MentorshipStatus) -> None:
    """Mark an active mentorship completed or ended; the caller commits."""
    if not mentorship.is_active:
        raise MentoringRefused(_l("This mentorship has already ended."))
    if status is MentorshipStatus.ACTIVE:
        raise MentoringRefused(_l("Choose how the mentorship ends."))
    mentorship.status = status
    mentorship.ended_on = utcnow().date()


def add_note(mentorship: Mentorship, author, met_on: date, body: str) -> MentorshipNote:
    note = MentorshipNote(mentorship=mentorship, author_id=author.id, met_on=met_on, body=body)
    db.session.add(note)
    return note


def leave_appreciation(mentorship: Mentorship, text: str) -> None:
    """The mentee's word of thanks, once the mentorship is over; the caller commits."""
    if mentorship.is_active:
        raise MentoringRefused(_l("You can thank your mentor once the mentorship has ended."))
    mentorship.appreciation = text
    mentorship.appreciation_at = utcnow()


def shown_appreciations(profile: Profile) -> list[Mentorship]:
    """The appreciations a mentor's profile shows: not hidden, newest first."""
    return list(
        db.session.scalars(
            select(Mentorship)
            .where(
                Mentorship.mentor_id == profile.user_id,
                Mentorship.appreciation.is_not(None),
                Mentorship.appreciation_hidden.is_(False),
            )
            .order_by(Mentorship.appreciation_at.desc(), Mentorship.id.desc())
        )
    )
