"""`flask sessions send-reminders`: the day-before mail, run from cron."""

from __future__ import annotations

from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select, update

from app.clock import utcnow
from app.connections.commands import mail_base_url
from app.extensions import db
from app.sessions.models import GuidanceSession, Registration, RegistrationStatus
from app.sessions.registrations import mail_member

sessions_cli = AppGroup("sessions", help="Sessions: reminders.")

#: Sessions starting within this time from now get their reminder.
REMINDER_AHEAD = timedelta(hours=24)


def send_reminders() -> int:
    """Mail each participant of a session starting within a day, once; returns how many.

    A registration is claimed (``reminded_at`` set where it was empty) and committed before
    its mail goes out, so two runs at once, or one after the other, never send it twice.
    """
    now = utcnow()
    due = db.session.scalars(
        select(Registration.id)
        .join(Registration.session)
        .where(
            Registration.status == RegistrationStatus.REGISTERED,
            Registration.reminded_at.is_(None),
            GuidanceSession.cancelled_at.is_(None),
            GuidanceSession.starts_at > now,
            GuidanceSession.starts_at <= now + REMINDER_AHEAD,
        )
        .order_by(Registration.id)
    ).all()
    sent = 0
    with click.progressbar(due, label="Reminders") as ids:
        for registration_id in ids:
            claimed = db.session.execute(
                update(Registration)
                .where(Registration.id == registration_id, Registration.reminded_at.is_(None))
                .values(reminded_at=utcnow())
            ).rowcount
            db.session.commit()
            if not claimed:
                continue
            registration = db.session.get(Registration, registration_id)
            sent += mail_member(registration.user, "reminder", registration.session)
    return sent


@sessions_cli.command("send-reminders")
@click.option(
    "--base-url",
    metavar="URL",
    help="The site's address for the links in the mails, e.g. https://gilde.example.org "
    "(default: from SERVER_NAME and PREFERRED_URL_SCHEME).",
)
def send_reminders_command(base_url: str | None) -> None:
    """Mail the participants of tomorrow's sessions (each only once)."""
    app = current_app._get_current_object()
    base_url = mail_base_url(base_url)
    with app.test_request_context("/", base_url=base_url):
        sent = send_reminders()
    click.echo(f"{sent} reminders sent.")
