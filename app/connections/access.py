"""Who may see and act on a request or a mentorship: its two parties, each in their role."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from app.connections.models import ContactRequest, MemberBlock, Mentorship
from app.extensions import db


def request_visible_to(contact_request: ContactRequest, user) -> bool:
    """The sender always; the recipient unless the sender is blocked. Nobody else, not staff."""
    if user is None or not user.is_authenticated:
        return False
    if user.id == contact_request.sender_id:
        return True
    return user.id == contact_request.recipient_id and not contact_request.suppressed


def request_for_party(request_id: int, user) -> ContactRequest:
    """The request if ``user`` is one of its parties; else 404, so others learn nothing."""
    contact_request = db.session.get(ContactRequest, request_id)
    if contact_request is None or not request_visible_to(contact_request, user):
        abort(404)
    return contact_request


def require_recipient(contact_request: ContactRequest, user) -> None:
    """Answering is the recipient's: the sender gets 403."""
    if user.id != contact_request.recipient_id:
        abort(403)


def require_sender(contact_request: ContactRequest, user) -> None:
    if user.id != contact_request.sender_id:
        abort(403)


def mentorship_for_party(mentorship_id: int, user) -> Mentorship:
    """The mentorship if ``user`` is its mentor or mentee; else 404."""
    mentorship = db.session.get(Mentorship, mentorship_id)
    if mentorship is None or user.id not in (mentorship.mentor_id, mentorship.mentee_id):
        abort(404)
    return mentorship


def has_blocked(blocker_id: int, blocked_id: int) -> bool:
    """Did ``blocker_id`` block ``blocked_id``?"""
    return (
        db.session.scalar(
            select(MemberBlock.blocker_id).where(
                MemberBlock.blocker_id == blocker_id, MemberBlock.blocked_id == blocked_id
            )
        )
        is not None
    )
