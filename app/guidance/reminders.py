"""Reminders the day before an appointment, each sent once however often the command runs."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select, update

from app.clock import utcnow
from app.extensions import db
from app.guidance.mails import parties, send_appointment_mail
from app.guidance.models import Appointment, AppointmentStatus
from app.guidance.scheduling import LOCAL

logger = logging.getLogger(__name__)


def tomorrow_bounds(now: datetime | None = None) -> tuple[datetime, datetime]:
    """The UTC moments tomorrow (in Brussels) begins and ends."""
    today = (now or utcnow()).astimezone(LOCAL).date()
    start = datetime.combine(today + timedelta(days=1), time(), tzinfo=LOCAL)
    end = datetime.combine(today + timedelta(days=2), time(), tzinfo=LOCAL)
    return start.astimezone(UTC), end.astimezone(UTC)


def send_reminders(now: datetime | None = None, progress=None) -> tuple[int, int]:
    """Mail the member and the adviser of each booked appointment of tomorrow not yet
    reminded; returns (mails sent, appointments). Each appointment is claimed by an
    UPDATE that only one run can make, so two runs, even at once, never both send."""
    start, end = tomorrow_bounds(now)
    ids = list(
        db.session.scalars(
            select(Appointment.id)
            .where(
                Appointment.status == AppointmentStatus.BOOKED,
                Appointment.reminder_sent_at.is_(None),
                Appointment.starts_at >= start,
                Appointment.starts_at < end,
            )
            .order_by(Appointment.starts_at)
        )
    )
    db.session.commit()
    sent = reminded = 0
    for number, appointment_id in enumerate(ids, 1):
        claimed = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment_id, Appointment.reminder_sent_at.is_(None))
            .values(reminder_sent_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if not claimed:
            continue
        appointment = db.session.get(Appointment, appointment_id)
        sent += send_appointment_mail(appointment, "reminder", parties(appointment))
        reminded += 1
        if progress is not None and number % 50 == 0:
            progress(f"{number}/{len(ids)} appointments")
    return sent, reminded
