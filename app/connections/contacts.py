"""The life of a contact request: sent within the limits, answered, written in; blocks, reports."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.clock import utcnow
from app.connections.access import has_blocked
from app.connections.mentoring import (
    MentoringRefused,
    active_mentorship_between,
    open_mentorship,
    open_places,
)
from app.connections.models import (
    DAILY_REQUEST_LIMIT,
    ContactMessage,
    ContactNotification,
    ContactRequest,
    MemberBlock,
    NotificationKind,
    ReportReason,
    RequestReport,
    RequestStatus,
    RequestTopic,
)
from app.connections.notifications import queue_notification
from app.extensions import db
from app.members.models import Profile

logger = logging.getLogger(__name__)

LIMIT_WINDOW = timedelta(hours=24)


class ConnectionRefused(Exception):
    """Why something cannot be done, worded for the member; ``field`` names the form field."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def pending_between(sender_id: int, recipient_id: int) -> ContactRequest | None:
    """The pending request from one member to the other, if any."""
    return db.session.scalar(
        select(ContactRequest).where(
            ContactRequest.sender_id == sender_id,
            ContactRequest.recipient_id == recipient_id,
            ContactRequest.status == RequestStatus.PENDING,
        )
    )


def sent_today(sender_id: int) -> int:
    """Requests the member sent in the last 24 hours (counted in the database)."""
    return db.session.scalar(
        select(func.count(ContactRequest.id)).where(
            ContactRequest.sender_id == sender_id,
            ContactRequest.created_at >= utcnow() - LIMIT_WINDOW,
        )
    )


def _limit_reached():
    return ConnectionRefused(
        _l(
            "You have sent %(num)d requests in the last 24 hours, the most a day. "
            "Try again tomorrow.",
            num=DAILY_REQUEST_LIMIT,
        )
    )


def check_can_request(sender: User, profile: Profile, topic: RequestTopic | None) -> None:
    """Refuse what the sender can know is wrong: themself, a full mentor, a pending request."""
    if profile.user_id == sender.id:
        raise ConnectionRefused(_l("This is your own profile."))
    if topic is RequestTopic.MENTORING:
        if not profile.mentor or not profile.mentor_capacity:
            raise ConnectionRefused(_l("This member does not offer mentoring."), "topic")
        if active_mentorship_between(profile.user_id, sender.id) is not None:
            raise ConnectionRefused(_l("This member is already your mentor."), "topic")
        if open_places(profile) <= 0:
            raise ConnectionRefused(
                _l("This mentor has no open place at the moment."), field="topic"
            )
    if pending_between(sender.id, profile.user_id) is not None:
        raise ConnectionRefused(
            _l("You already sent this member a request. Wait for their answer.")
        )
    reverse = pending_between(profile.user_id, sender.id)
    if reverse is not None and not reverse.suppressed:
        raise ConnectionRefused(
            _l("This member already sent you a request: answer it in your inbox.")
        )
    if sent_today(sender.id) >= DAILY_REQUEST_LIMIT:
        raise _limit_reached()


def send_request(
    sender: User, profile: Profile, topic: RequestTopic, message: str, context: str | None
) -> tuple[ContactRequest, ContactNotification | None]:
    """Create the request and its notification, and commit; ConnectionRefused if it may not be.

    The daily limit holds across workers: on PostgreSQL the sender's row is locked first;
    on SQLite the insert takes the write lock before the count. Either way two requests
    at once are counted one after the other.
    """
    check_can_request(sender, profile, topic)
    db.session.execute(select(User.id).where(User.id == sender.id).with_for_update())
    contact_request = ContactRequest(
        sender_id=sender.id,
        recipient_id=profile.user_id,
        topic=topic,
        message=message,
        context=context,
        status=RequestStatus.PENDING,
        # A blocked sender is not told: the request waits, unseen, as if never answered.
        suppressed=has_blocked(profile.user_id, sender.id),
    )
    db.session.add(contact_request)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ConnectionRefused(
            _l("You already sent this member a request. Wait for their answer.")
        ) from None
    if sent_today(sender.id) > DAILY_REQUEST_LIMIT:
        db.session.rollback()
        raise _limit_reached()
    notification = None
    if not contact_request.suppressed:
        notification = queue_notification(
            profile.user, NotificationKind.NEW_REQUEST, contact_request
        )
    db.session.commit()
    logger.info("contact request %s sent", contact_request.id)
    return contact_request, notification


def _answer(contact_request: ContactRequest, by_column, user: User, status: RequestStatus) -> None:
    """Move a pending request to ``status`` with one guarded UPDATE; refuse if already answered."""
    now = utcnow()
    result = db.session.execute(
        update(ContactRequest)
        .where(
            ContactRequest.id == contact_request.id,
            by_column == user.id,
            ContactRequest.status == RequestStatus.PENDING,
        )
        .values(status=status, answered_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise ConnectionRefused(_l("This request is no longer waiting for an answer."))
    db.session.expire(contact_request)


def accept_request(contact_request: ContactRequest, user: User) -> ContactNotification | None:
    """The recipient accepts; a mentoring request opens a mentorship if the mentor has a place."""
    _answer(contact_request, ContactRequest.recipient_id, user, RequestStatus.ACCEPTED)
    if contact_request.topic is RequestTopic.MENTORING:
        try:
            open_mentorship(contact_request)
        except MentoringRefused as refused:
            db.session.rollback()
            raise ConnectionRefused(refused.args[0]) from None
    notification = queue_notification(
        contact_request.sender, NotificationKind.ACCEPTED, contact_request
    )
    db.session.commit()
    logger.info("contact request %s accepted", contact_request.id)
    return notification


def decline_request(contact_request: ContactRequest, user: User) -> None:
    _answer(contact_request, ContactRequest.recipient_id, user, RequestStatus.DECLINED)
    db.session.commit()


def withdraw_request(contact_request: ContactRequest, user: User) -> None:
    _answer(contact_request, ContactRequest.sender_id, user, RequestStatus.WITHDRAWN)
    db.session.commit()


def post_message(
    contact_request: ContactRequest, author: User, body: str
) -> tuple[ContactMessage, ContactNotification | None]:
    """Add a message to an accepted request's thread and tell the other party; commits."""
    if contact_request.status is not RequestStatus.ACCEPTED:
        raise ConnectionRefused(_l("You can write here once the request is accepted."), "body")
    message = ContactMessage(request=contact_request, author_id=author.id, body=body)
    db.session.add(message)
    contact_request.updated_at = utcnow()
    other = contact_request.other_party(author)
    notification = None
    if not has_blocked(other.id, author.id):
        db.session.flush()
        notification = queue_notification(
            other, NotificationKind.NEW_MESSAGE, contact_request, message
        )
    db.session.commit()
    return message, notification


def visible_messages(contact_request: ContactRequest, viewer: User) -> list[ContactMessage]:
    """The thread as ``viewer`` sees it: without the messages of a member they blocked."""
    other = contact_request.other_party(viewer)
    if has_blocked(viewer.id, other.id):
        return [m for m in contact_request.messages if m.author_id == viewer.id]
    return list(contact_request.messages)


def block_member(blocker: User, blocked: User) -> None:
    """No more requests (nor messages) from ``blocked`` reach ``blocker``; commits."""
    if blocker.id == blocked.id:
        raise ConnectionRefused(_l("You cannot block yourself."))
    if not has_blocked(blocker.id, blocked.id):
        db.session.add(MemberBlock(blocker_id=blocker.id, blocked_id=blocked.id))
    db.session.execute(
        update(ContactRequest)
        .where(
            ContactRequest.sender_id == blocked.id,
            ContactRequest.recipient_id == blocker.id,
            ContactRequest.status == RequestStatus.PENDING,
        )
        .values(suppressed=True)
        .execution_options(synchronize_session=False)
    )
    try:
        db.session.commit()
    except IntegrityError:  # the same block, sent twice at once
        db.session.rollback()
    logger.info("user %s blocked a member", blocker.id)


def unblock_member(blocker: User, blocked_id: int) -> None:
    """Lift a block; requests still pending from that member show again. Commits."""
    db.session.execute(
        delete(MemberBlock).where(
            MemberBlock.blocker_id == blocker.id, MemberBlock.blocked_id == blocked_id
        )
    )
    db.session.execute(
        update(ContactRequest)
        .where(
            ContactRequest.sender_id == blocked_id,
            ContactRequest.recipient_id == blocker.id,
            ContactRequest.status == RequestStatus.PENDING,
        )
        .values(suppressed=False)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def blocked_members(user: User) -> list[MemberBlock]:
    return list(
        db.session.scalars(
            select(MemberBlock)
            .where(MemberBlock.blocker_id == user.id)
            .order_by(MemberBlock.created_at.desc())
        )
    )


def report_request(
    contact_request: ContactRequest, reporter: User, reason: ReportReason, comment: str
) -> RequestReport:
    """A party asks staff to look at the request; commits. Refused if they already did."""
    existing = db.session.scalar(
        select(RequestReport).where(
            RequestReport.request_id == contact_request.id,
            RequestReport.reporter_id == reporter.id,
        )
    )
    if existing is not None:
        raise ConnectionRefused(_l("You already reported this request; staff will look at it."))
    report = RequestReport(
        request_id=contact_request.id, reporter_id=reporter.id, reason=reason, comment=comment
    )
    db.session.add(report)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise ConnectionRefused(
            _l("You already reported this request; staff will look at it.")
        ) from None
    logger.info("contact request %s reported", contact_request.id)
    return report


def inbox_query(user: User, box: str):
    """The requests of a box: received (never those of blocked senders) or sent."""
    if box == "sent":
        where = [ContactRequest.sender_id == user.id]
    else:
        where = [ContactRequest.recipient_id == user.id, ContactRequest.suppressed.is_(False)]
    pending_first = (ContactRequest.status != RequestStatus.PENDING).asc()
    return (
        select(ContactRequest)
        .where(*where)
        .order_by(pending_first, ContactRequest.updated_at.desc(), ContactRequest.id.desc())
    )


def pending_received_count(user: User) -> int:
    return db.session.scalar(
        select(func.count(ContactRequest.id)).where(
            ContactRequest.recipient_id == user.id,
            ContactRequest.suppressed.is_(False),
            ContactRequest.status == RequestStatus.PENDING,
        )
    )
