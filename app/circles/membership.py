"""Joining a circle, asking to, the facilitator's answer, leaving, the board, and the mails.

A circle's size limit is checked and a place taken in one transaction that holds the
circle's row (``hold_row``, as registering for a session holds the session's), so two
members taking the last place at once, or a facilitator accepting two requests at once,
never make the circle larger than its limit.
"""

from __future__ import annotations

import enum
import logging

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import User
from app.circles.models import (
    Admission,
    CircleMembership,
    CircleMessage,
    MembershipStatus,
    PeerCircle,
)
from app.clock import utcnow
from app.extensions import db
from app.mail import MailError, send_mail
from app.notifications.models import NotificationKind, notify
from app.sessions.registrations import hold_row, language_of, wants_mail

logger = logging.getLogger(__name__)


class JoinOutcome(enum.StrEnum):
    JOINED = "joined"
    REQUESTED = "requested"
    ALREADY = "already"
    FULL = "full"
    CLOSED = "closed"


def hold_circle(circle: PeerCircle) -> None:
    """Hold the circle's row until the transaction ends (see the module's docstring)."""
    hold_row(circle, PeerCircle.size_limit)


def member_count(circle_id: int) -> int:
    return db.session.scalar(
        select(func.count(CircleMembership.id)).where(
            CircleMembership.circle_id == circle_id,
            CircleMembership.status == MembershipStatus.MEMBER,
        )
    )


def _row_of(circle_id: int, user_id: int) -> CircleMembership | None:
    # Read again under the hold: the page may have loaded the row before another answer.
    return db.session.scalar(
        select(CircleMembership)
        .where(CircleMembership.circle_id == circle_id, CircleMembership.user_id == user_id)
        .execution_options(populate_existing=True)
    )


def _circle_link(circle: PeerCircle) -> str:
    return url_for("circles.show", circle_id=circle.id)


def start_circle(circle: PeerCircle, facilitator: User) -> None:
    """Add a new circle with its facilitator as its first member; commits."""
    circle.facilitator_id = facilitator.id
    db.session.add(circle)
    db.session.flush()
    db.session.add(
        CircleMembership(
            circle_id=circle.id,
            user_id=facilitator.id,
            status=MembershipStatus.MEMBER,
            decided_at=utcnow(),
        )
    )
    db.session.commit()


def join(circle: PeerCircle, user: User, motivation: str = "") -> JoinOutcome:
    """Join an open circle if a place is left, or ask to join one on request; commits.

    Someone declined may ask again; someone who left may come back.
    """
    hold_circle(circle)
    if circle.closed_at is not None:
        db.session.rollback()
        return JoinOutcome.CLOSED
    membership = _row_of(circle.id, user.id)
    if membership is not None and membership.status in (
        MembershipStatus.MEMBER,
        MembershipStatus.REQUESTED,
    ):
        db.session.rollback()
        return JoinOutcome.ALREADY
    full = member_count(circle.id) >= circle.size_limit
    if circle.admission is Admission.OPEN and full:
        db.session.rollback()
        return JoinOutcome.FULL
    status = (
        MembershipStatus.MEMBER
        if circle.admission is Admission.OPEN
        else MembershipStatus.REQUESTED
    )
    if membership is None:
        membership = CircleMembership(circle_id=circle.id, user_id=user.id, status=status)
        db.session.add(membership)
    membership.status = status
    membership.motivation = motivation[:1000]
    membership.created_at = utcnow()
    membership.decided_at = utcnow() if status is MembershipStatus.MEMBER else None
    asked = status is MembershipStatus.REQUESTED and circle.facilitator is not None
    if asked:
        notify(
            circle.facilitator_id,
            NotificationKind.CIRCLE_REQUEST,
            actor=user,
            subject=circle.name,
            link=_circle_link(circle),
        )
    db.session.commit()
    if asked:
        mail_circle(circle.facilitator, "request", circle, asker=user, motivation=motivation)
        return JoinOutcome.REQUESTED
    return JoinOutcome.JOINED


def decide(circle: PeerCircle, membership_id: int, accept: bool, by: User) -> JoinOutcome | None:
    """The facilitator's answer to a request; None if there is no such request. Commits.

    Accepting into a full circle leaves the request waiting and says FULL.
    """

    def pending() -> CircleMembership | None:
        membership = db.session.get(CircleMembership, membership_id, populate_existing=True)
        if (
            membership is None
            or membership.circle_id != circle.id
            or membership.status is not MembershipStatus.REQUESTED
        ):
            return None
        return membership

    # Looked up before the hold too: an answer to no request writes nothing, not even the
    # hold's no-op UPDATE.
    if pending() is None:
        return None
    hold_circle(circle)
    membership = pending()
    if membership is None:
        db.session.rollback()
        return None
    if accept and member_count(circle.id) >= circle.size_limit:
        db.session.rollback()
        return JoinOutcome.FULL
    membership.status = MembershipStatus.MEMBER if accept else MembershipStatus.DECLINED
    membership.decided_at = utcnow()
    notify(
        membership.user_id,
        NotificationKind.CIRCLE_ACCEPTED if accept else NotificationKind.CIRCLE_DECLINED,
        actor=by,
        subject=circle.name,
        link=_circle_link(circle),
    )
    db.session.commit()
    mail_circle(membership.user, "accepted" if accept else "declined", circle)
    return JoinOutcome.JOINED if accept else JoinOutcome.CLOSED


def leave(circle: PeerCircle, user: User) -> bool:
    """Leave the circle, or withdraw one's request; the facilitator stays. Commits."""
    membership = _row_of(circle.id, user.id)
    if (
        membership is None
        or circle.facilitator_id == user.id
        or membership.status not in (MembershipStatus.MEMBER, MembershipStatus.REQUESTED)
    ):
        return False
    membership.status = MembershipStatus.LEFT
    membership.decided_at = utcnow()
    db.session.commit()
    return True


def close_circle(circle: PeerCircle) -> None:
    """Close the circle: it leaves the directory and search and takes nobody new, while its
    members keep its page, board and meetings. Commits."""
    if circle.closed_at is None:
        circle.closed_at = utcnow()
        db.session.commit()


def post_message(circle: PeerCircle, author: User, body: str) -> CircleMessage:
    """Add a message to the circle's board; commits."""
    message = CircleMessage(circle_id=circle.id, author_id=author.id, body=body)
    db.session.add(message)
    db.session.commit()
    return message


def announce_meeting(circle: PeerCircle, session, by: User) -> int:
    """Tell the circle's members of a new meeting, in the site and by mail; commits."""
    members = [m.user for m in circle.members if m.user_id != by.id]
    link = url_for("sessions.show", session_id=session.id)
    for user in members:
        notify(user.id, NotificationKind.CIRCLE_MEETING, actor=by, subject=circle.name, link=link)
    db.session.commit()
    return sum(mail_circle(user, "meeting", circle, meeting=session) for user in members)


def mail_circle(user: User, template: str, circle: PeerCircle, **context) -> bool:
    """Send one of the circles' mails, in the member's language; False if not sent."""
    if user is None or not wants_mail(user):
        return False
    from app.sessions.display import local_time

    with force_locale(language_of(user)):
        subjects = {
            "request": _(
                "%(name)s asks to join “%(circle)s”", name=_name(context), circle=circle.name
            ),
            "accepted": _("Welcome to “%(circle)s”", circle=circle.name),
            "declined": _("Your request to join “%(circle)s”", circle=circle.name),
            "meeting": _("New meeting of “%(circle)s”", circle=circle.name),
        }
        meeting = context.get("meeting")
        body = render_template(
            f"mail/circles/{template}.txt",
            user=user,
            circle=circle,
            when=local_time(meeting) if meeting is not None else "",
            url=url_for("circles.show", circle_id=circle.id, _external=True),
            meeting_url=url_for("sessions.show", session_id=meeting.id, _external=True)
            if meeting is not None
            else "",
            **context,
        )
        subject = subjects[template]
    try:
        send_mail(user.email, subject, body, language=language_of(user))
    except MailError:
        logger.exception("circle mail %s to user %s not sent", template, user.id)
        return False
    return True


def _name(context: dict) -> str:
    asker = context.get("asker")
    return asker.name if asker is not None else ""
