"""A member's requests, blocks, reports and mentorships in their data export, and leaving."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_

from app.connections.access import request_visible_to
from app.connections.contacts import visible_messages
from app.connections.models import (
    ContactMessage,
    ContactNotification,
    ContactPreferences,
    ContactRequest,
    MemberBlock,
    Mentorship,
    MentorshipNote,
    RequestReport,
    RequestStatus,
)
from app.connections.people import member_name, shared_details
from app.extensions import db
from app.personal import Erasure, PersonalData, delete_rows, register, row_data, rows


def export_preferences(user) -> dict[str, Any]:
    """Their contact preferences."""
    preferences = db.session.get(ContactPreferences, user.id)
    return {"contact_preferences": row_data(preferences) if preferences is not None else None}


def export_connections(user) -> dict[str, Any]:
    """Their requests, contact notifications, blocks, reports and mentorships."""
    return {
        "contact_requests": _requests(user),
        "contact_notifications": [
            row_data(row)
            for row in rows(ContactNotification, ContactNotification.user_id == user.id)
        ],
        "blocks": [
            row_data(block, blocked_member=member_name(block.blocked))
            for block in rows(MemberBlock, MemberBlock.blocker_id == user.id)
        ],
        "reports": [
            row_data(report) for report in rows(RequestReport, RequestReport.reporter_id == user.id)
        ],
        "mentorships": _mentorships(user),
    }


def _requests(user) -> list[dict[str, Any]]:
    requests = rows(
        ContactRequest,
        or_(ContactRequest.sender_id == user.id, ContactRequest.recipient_id == user.id),
    )
    entries = []
    for contact_request in requests:
        # A request from a member they blocked never reached them: not theirs to see.
        if not request_visible_to(contact_request, user):
            continue
        other = contact_request.other_party(user)
        extra: dict[str, Any] = {
            "direction": "sent" if contact_request.sender_id == user.id else "received",
            "other_member": member_name(other),
            "messages": [row_data(message) for message in visible_messages(contact_request, user)],
        }
        if contact_request.status is RequestStatus.ACCEPTED:
            details = shared_details(other)
            extra["other_member_shares"] = {
                "email": details.email,
                "phone": details.phone,
                "website": details.website,
            }
        entries.append(row_data(contact_request, **extra))
    return entries


def _mentorships(user) -> list[dict[str, Any]]:
    mentorships = rows(
        Mentorship, or_(Mentorship.mentor_id == user.id, Mentorship.mentee_id == user.id)
    )
    return [
        row_data(
            mentorship,
            role="mentor" if mentorship.mentor_id == user.id else "mentee",
            other_member=member_name(mentorship.other_party(user)),
            notes=[
                row_data(note)
                for note in rows(MentorshipNote, MentorshipNote.mentorship_id == mentorship.id)
            ],
        )
        for mentorship in mentorships
    ]


def erase_connections(erasure: Erasure) -> None:
    """Their mentorships and requests, through the ORM (a mentor's open places are in the
    index); blocks, reports and notifications go by ON DELETE rules."""
    user_id = erasure.user.id
    delete_rows(
        rows(Mentorship, or_(Mentorship.mentor_id == user_id, Mentorship.mentee_id == user_id))
    )
    delete_rows(
        rows(
            ContactRequest,
            or_(ContactRequest.sender_id == user_id, ContactRequest.recipient_id == user_id),
        )
    )


def register_personal_data() -> None:
    """Declare the connections' rows (the preferences come early in the export)."""
    register(
        PersonalData(
            name="contact_preferences",
            models=(ContactPreferences,),
            export=export_preferences,
            export_order=30,
        )
    )
    register(
        PersonalData(
            name="connections",
            models=(
                ContactRequest,
                ContactMessage,
                ContactNotification,
                MemberBlock,
                RequestReport,
                Mentorship,
                MentorshipNote,
            ),
            export=export_connections,
            export_order=60,
            erase=erase_connections,
            erase_order=30,
            withheld={
                ("contact_requests", "suppressed"): (
                    "would tell the sender that the recipient blocked them"
                ),
            },
        )
    )
