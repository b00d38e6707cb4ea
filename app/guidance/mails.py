"""Mails about appointments and questions, in each recipient's language, with an .ics file."""

from __future__ import annotations

import logging

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.models import User
from app.connections.people import member_name
from app.guidance.calendar import appointment_ics
from app.guidance.models import MODE_LABELS, Appointment, AppointmentStatus, Mode, Question
from app.guidance.scheduling import format_local
from app.mail import MailError, send_mail

logger = logging.getLogger(__name__)

#: What happened to an appointment, as the mails tell it.
EVENTS = ("booked", "moved", "cancelled", "reminder")


def language_of(user: User) -> str:
    return user.locale or "nl"


def _subject(event: str, when: str) -> str:
    if event == "booked":
        return _("Appointment confirmed: %(when)s", when=when)
    if event == "moved":
        return _("Appointment moved to %(when)s", when=when)
    if event == "cancelled":
        return _("Appointment cancelled: %(when)s", when=when)
    return _("Reminder: your appointment tomorrow, %(when)s", when=when)


def _location(appointment: Appointment) -> str:
    if appointment.mode is Mode.OFFICE and appointment.office is not None:
        office = appointment.office
        return ", ".join(filter(None, [office.name, office.address]))
    return str(MODE_LABELS[appointment.mode])


def render_appointment_mail(appointment: Appointment, event: str, recipient: User, by=None):
    """Subject, body and .ics of the mail telling ``recipient`` of ``event``."""
    adviser_user = appointment.adviser.user
    is_member = recipient.id == appointment.member_id
    other = adviser_user if is_member else appointment.member
    with force_locale(language_of(recipient)):
        when = format_local(appointment.starts_at, "full", language_of(recipient))
        subject = _subject(event, when)
        summary = _("Gilde appointment with %(name)s", name=member_name(other))
        body = render_template(
            "mail/guidance/appointment.txt",
            event=event,
            recipient=recipient,
            appointment=appointment,
            other_name=member_name(other),
            by_name=member_name(by) if by is not None else "",
            by_other=by is not None and by.id != recipient.id,
            when=when,
            topic=appointment.topic.label(language_of(recipient)),
            mode=MODE_LABELS[appointment.mode],
            location=_location(appointment),
            url=url_for("guidance.appointment", appointment_id=appointment.id, _external=True),
        )
    ics = appointment_ics(
        uid=f"appointment-{appointment.id}@{current_app.config.get('SERVER_NAME') or 'gilde'}",
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        summary=summary,
        location=_location(appointment),
        sequence=1 if event == "moved" else (2 if event == "cancelled" else 0),
        cancelled=appointment.status is AppointmentStatus.CANCELLED,
    )
    return subject, body, ics


def send_appointment_mail(appointment: Appointment, event: str, recipients, by=None) -> int:
    """Mail each recipient; returns how many mails went out (failures are logged)."""
    sent = 0
    for recipient in recipients:
        subject, body, ics = render_appointment_mail(appointment, event, recipient, by)
        try:
            send_mail(
                recipient.email,
                subject,
                body,
                language=language_of(recipient),
                attachments=[("appointment.ics", "text/calendar", ics)],
            )
        except MailError:
            logger.exception("appointment %s: %s mail not sent", appointment.id, event)
            continue
        sent += 1
    return sent


def parties(appointment: Appointment) -> list[User]:
    return [appointment.member, appointment.adviser.user]


def send_question_mail(question: Question, recipient: User, kind: str) -> None:
    """Tell ``recipient`` of a question assigned to them or answered for them."""
    with force_locale(language_of(recipient)):
        subject = (
            _("A question was assigned to you on Gilde")
            if kind == "assigned"
            else _("An adviser answered your question on Gilde")
        )
        body = render_template(
            "mail/guidance/question.txt",
            kind=kind,
            recipient=recipient,
            topic=question.topic.label(language_of(recipient)),
            url=url_for("guidance.question", question_id=question.id, _external=True),
        )
    try:
        send_mail(recipient.email, subject, body, language=language_of(recipient))
    except MailError:
        logger.exception("question %s: %s mail not sent", question.id, kind)
