"""E-mail notifications of requests, acceptances and messages, in the recipient's language.

A notification is a row written in the same transaction as the event it tells of.
After the commit, the ones whose member wants each mail are sent at once; the others
(and any that could not be sent) wait for ``flask connections send-digest``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from flask import render_template, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User
from app.clock import utcnow
from app.connections.access import has_blocked
from app.connections.models import (
    TOPIC_LABELS,
    ContactMessage,
    ContactNotification,
    ContactRequest,
    NotificationKind,
    NotifyMode,
    RequestStatus,
)
from app.connections.people import member_name, preferences_of
from app.extensions import db
from app.mail import MailError, send_mail

logger = logging.getLogger(__name__)


def queue_notification(
    user: User,
    kind: NotificationKind,
    contact_request: ContactRequest,
    message: ContactMessage | None = None,
) -> ContactNotification | None:
    """Record that ``user`` is to be told, unless they want no mail; the caller commits."""
    if preferences_of(user).notify is NotifyMode.NONE:
        return None
    notification = ContactNotification(
        user=user, kind=kind, request=contact_request, message=message
    )
    db.session.add(notification)
    return notification


def _still_news(notification: ContactNotification) -> bool:
    """A notification the member should still hear of (the sender may have withdrawn since)."""
    contact_request = notification.request
    if notification.kind is NotificationKind.NEW_REQUEST:
        return contact_request.status is RequestStatus.PENDING and not contact_request.suppressed
    if notification.kind is NotificationKind.NEW_MESSAGE and notification.message is not None:
        return not has_blocked(notification.user_id, notification.message.author_id)
    return True


def _language(user: User) -> str:
    return user.locale or "nl"


def _subject(notification: ContactNotification, name: str) -> str:
    if notification.kind is NotificationKind.NEW_REQUEST:
        return _("%(name)s sent you a contact request on Gilde", name=name)
    if notification.kind is NotificationKind.ACCEPTED:
        return _("%(name)s accepted your contact request", name=name)
    return _("New message from %(name)s on Gilde", name=name)


def _request_url(contact_request: ContactRequest) -> str:
    return url_for("connections.show_request", request_id=contact_request.id, _external=True)


def render_notification(notification: ContactNotification) -> tuple[str, str]:
    """The subject and body of the mail for one notification, in its member's language."""
    user = notification.user
    contact_request = notification.request
    with force_locale(_language(user)):
        name = member_name(contact_request.other_party(user))
        subject = _subject(notification, name)
        body = render_template(
            f"mail/connections/{notification.kind.value}.txt",
            user=user,
            name=name,
            notification=notification,
            contact_request=contact_request,
            topic=TOPIC_LABELS[contact_request.topic],
            url=_request_url(contact_request),
            settings_url=url_for("connections.settings", _external=True),
        )
    return subject, body


def send_now(notifications: Iterable[ContactNotification | None]) -> None:
    """After the commit: mail those whose member wants each one; the rest wait for the digest."""
    sent = False
    for notification in notifications:
        if notification is None or preferences_of(notification.user).notify is not NotifyMode.EACH:
            continue
        try:
            send_mail(
                notification.user.email,
                *render_notification(notification),
                language=_language(notification.user),
            )
        except MailError:
            logger.exception("notification %s not sent; the digest retries it", notification.id)
            continue
        notification.sent_at = utcnow()
        sent = True
    if sent:
        db.session.commit()


@dataclass(frozen=True)
class DigestLine:
    text: str
    url: str


def render_digest(user: User, notifications: list[ContactNotification]) -> tuple[str, str]:
    """One mail telling ``user`` of several notifications, in their language."""
    with force_locale(_language(user)):
        lines = [
            DigestLine(
                _subject(n, member_name(n.request.other_party(user))), _request_url(n.request)
            )
            for n in notifications
        ]
        subject = ngettext(
            "Gilde: %(num)d new notification", "Gilde: %(num)d new notifications", len(lines)
        )
        body = render_template(
            "mail/connections/digest.txt",
            user=user,
            lines=lines,
            inbox_url=url_for("connections.inbox", _external=True),
            settings_url=url_for("connections.settings", _external=True),
        )
    return subject, body


def send_digests() -> tuple[int, int]:
    """Mail each member what waits for them; returns (mails sent, mails that failed)."""
    waiting = db.session.scalars(
        select(ContactNotification)
        .where(ContactNotification.sent_at.is_(None))
        .order_by(ContactNotification.user_id, ContactNotification.id)
    ).all()
    sent = failed = 0
    for _user_id, group in groupby(waiting, key=lambda n: n.user_id):
        notifications = list(group)
        user = notifications[0].user
        news = [n for n in notifications if _still_news(n)]
        if news and preferences_of(user).notify is not NotifyMode.NONE:
            try:
                send_mail(user.email, *render_digest(user, news), language=_language(user))
            except MailError:
                logger.exception("digest for user %s not sent; the next run retries it", user.id)
                db.session.rollback()
                failed += 1
                continue
            sent += 1
        now = utcnow()
        for notification in notifications:
            notification.sent_at = now
        db.session.commit()
    return sent, failed
