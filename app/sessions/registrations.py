"""Registering and cancelling, the waiting list, and what organisers do with participants.

Taking a place reads how many are taken and then writes; two members doing so at the same
moment must not both get the last place. ``hold_session`` serialises them the way
``app.articles.editing.hold_for_saving`` serialises saves: a no-op UPDATE of the session's
row, which PostgreSQL answers with a row lock and SQLite with the database's write lock,
both held until the transaction ends.
"""

from __future__ import annotations

import logging

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import db
from app.mail import MailError, send_mail
from app.notifications.models import NotificationKind, notify
from app.sessions.models import GuidanceSession, Registration, RegistrationStatus

logger = logging.getLogger(__name__)


class SessionClosed(Exception):
    """The session is cancelled or over: nobody can register any more."""


def hold_row(row, column) -> None:
    """Hold ``row`` until the transaction ends by a no-op UPDATE of ``column`` (a column of
    its model that is not a key), then read it again (see the module's docstring)."""
    model = type(row)
    db.session.execute(
        update(model)
        .where(model.id == row.id)
        .values({column.key: column})
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(row)


def hold_session(session: GuidanceSession) -> None:
    """Hold the session's row until the transaction ends (see the module's docstring)."""
    hold_row(session, GuidanceSession.capacity)


def _registered_count(session_id: int) -> int:
    return db.session.scalar(
        select(func.count(Registration.id)).where(
            Registration.session_id == session_id,
            Registration.status == RegistrationStatus.REGISTERED,
        )
    )


def _row_of(session_id: int, user_id: int) -> Registration | None:
    return db.session.scalar(
        select(Registration).where(
            Registration.session_id == session_id, Registration.user_id == user_id
        )
    )


def register(session: GuidanceSession, user: User) -> Registration:
    """Give ``user`` a place, or a place on the waiting list when full; commits."""
    hold_session(session)
    if session.cancelled_at is not None or session.is_past:
        db.session.rollback()
        raise SessionClosed
    registration = _row_of(session.id, user.id)
    if registration is not None and registration.status is not RegistrationStatus.CANCELLED:
        db.session.rollback()
        return registration
    full = _registered_count(session.id) >= session.capacity
    status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
    if registration is None:
        registration = Registration(session_id=session.id, user_id=user.id, status=status)
        db.session.add(registration)
    else:
        registration.status = status
        registration.queued_at = utcnow()
        registration.attended = None
    db.session.commit()
    return registration


def promote_waiting(session: GuidanceSession) -> list[Registration]:
    """Move the first on the waiting list into the places left; the caller holds and commits."""
    free = session.capacity - _registered_count(session.id)
    if free <= 0:
        return []
    promoted = list(
        db.session.scalars(
            select(Registration)
            .where(
                Registration.session_id == session.id,
                Registration.status == RegistrationStatus.WAITING,
            )
            .order_by(Registration.queued_at, Registration.id)
            .limit(free)
        )
    )
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        notify(
            registration.user_id,
            NotificationKind.SESSION_PLACE,
            actor=None,
            subject=session.title,
            link=url_for("sessions.show", session_id=session.id),
        )
    return promoted


def cancel_registration(session: GuidanceSession, user: User) -> bool:
    """Give up one's place (or place in the queue); the first waiting gets it. Commits."""
    hold_session(session)
    registration = _row_of(session.id, user.id)
    if registration is None or registration.status is RegistrationStatus.CANCELLED:
        db.session.rollback()
        return False
    registration.status = RegistrationStatus.CANCELLED
    db.session.flush()
    promoted = promote_waiting(session) if session.cancelled_at is None else []
    db.session.commit()
    for each in promoted:
        mail_member(each.user, "place", session)
    return True


def cancel_session(session: GuidanceSession, by: User) -> None:
    """Call the session off and tell everyone registered or waiting; commits."""
    hold_session(session)
    if session.cancelled_at is not None:
        db.session.rollback()
        return
    session.cancelled_at = utcnow()
    told = [r.user for r in session.registrations if r.status is not RegistrationStatus.CANCELLED]
    for user in told:
        notify(
            user.id,
            NotificationKind.SESSION_CANCELLED,
            actor=by,
            subject=session.title,
            link=url_for("sessions.show", session_id=session.id),
        )
    db.session.commit()
    for user in told:
        mail_member(user, "cancelled", session)


def message_participants(session: GuidanceSession, by: User, subject: str, body: str) -> int:
    """Mail every registered participant the organiser's message; returns how many were sent."""
    participants = [r.user for r in session.registered]
    for user in participants:
        notify(
            user.id,
            NotificationKind.SESSION_MESSAGE,
            actor=by,
            subject=session.title,
            link=url_for("sessions.show", session_id=session.id),
        )
    db.session.commit()
    return sum(
        mail_member(user, "message", session, message_subject=subject, message=body)
        for user in participants
    )


def mark_attendance(session: GuidanceSession, present_ids: set[int]) -> None:
    """Record who came, among the registered; commits."""
    for registration in session.registered:
        registration.attended = registration.user_id in present_ids
    db.session.commit()


def wants_mail(user: User) -> bool:
    """Whether the member's mail settings let us mail them about what they signed up for."""
    from app.connections.models import NotifyMode
    from app.connections.people import preferences_of

    return preferences_of(user).notify is not NotifyMode.NONE


def language_of(user: User) -> str:
    return user.locale or "nl"


def mail_member(user: User, template: str, session: GuidanceSession, **context) -> bool:
    """Send one of the sessions' mails, in the member's language; False if not sent."""
    if not wants_mail(user):
        return False
    from app.sessions.display import local_time

    with force_locale(language_of(user)):
        subjects = {
            "place": _("A place freed up for you: %(title)s", title=session.title),
            "cancelled": _("Cancelled: %(title)s", title=session.title),
            "reminder": _("Tomorrow: %(title)s", title=session.title),
            "message": _(
                "%(title)s: %(subject)s",
                title=session.title,
                subject=context.get("message_subject", ""),
            ),
        }
        body = render_template(
            f"mail/sessions/{template}.txt",
            user=user,
            session=session,
            when=local_time(session),
            url=url_for("sessions.show", session_id=session.id, _external=True),
            **context,
        )
        subject = subjects[template]
    try:
        send_mail(user.email, subject, body, language=language_of(user))
    except MailError:
        logger.exception("session mail %s to user %s not sent", template, user.id)
        return False
    return True
