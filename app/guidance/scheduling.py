"""Slots from an adviser's weekly hours, and booking, moving and cancelling appointments.

Weekly hours are wall-clock times in Europe/Brussels; slots are computed day by day in
that zone (so 09:00 stays 09:00 across a change to or from summer time) and stored in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.clock import as_utc, utcnow
from app.extensions import db
from app.guidance.models import (
    TIMEZONE,
    Adviser,
    Appointment,
    AppointmentStatus,
    Mode,
    Office,
    WeeklyHours,
)

LOCAL = ZoneInfo(TIMEZONE)
#: How far ahead members can book.
BOOKING_DAYS = 42


class BookingRefused(Exception):
    """A booking, move or cancellation that cannot be done; ``message`` says why."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Slot:
    """A free slot: when (UTC) and where (None: remote, by video or phone)."""

    starts_at: datetime
    ends_at: datetime
    office_id: int | None

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(LOCAL)

    @property
    def key(self) -> str:
        """How a form names the slot: its UTC start."""
        return self.starts_at.strftime("%Y%m%dT%H%MZ")


def local_time(moment: datetime) -> datetime:
    """A stored moment in Brussels time."""
    return as_utc(moment).astimezone(LOCAL)


#: Named styles of ``format_local``: babel patterns without seconds or zone names.
STYLES = {"full": "EEEE d MMMM y, HH:mm", "medium": "d MMM y, HH:mm"}


def format_local(moment: datetime, style: str = "full", lang: str | None = None) -> str:
    """A stored moment as Brussels time, written the way ``lang`` (default: the page's) does."""
    from babel.dates import format_datetime
    from flask_babel import get_locale

    return format_datetime(
        as_utc(moment),
        STYLES.get(style, style),
        tzinfo=LOCAL,
        locale=lang or str(get_locale() or "en"),
    )


def _wall_clock(day: date, clock) -> datetime | None:
    """``day`` at ``clock`` in Brussels, in UTC; None for a time the clocks skip (spring)."""
    moment = datetime.combine(day, clock, tzinfo=LOCAL)
    utc = moment.astimezone(UTC)
    if utc.astimezone(LOCAL).replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return utc


def _absent(adviser: Adviser, day: date) -> bool:
    return any(absence.first_day <= day <= absence.last_day for absence in adviser.absences)


def _hours_slots(adviser: Adviser, hours: WeeklyHours, day: date) -> list[Slot]:
    length = timedelta(minutes=adviser.slot_minutes)
    slots = []
    start = datetime.combine(day, hours.starts)
    end = datetime.combine(day, hours.ends)
    while start + length <= end:
        starts_at = _wall_clock(day, start.time())
        if starts_at is not None:
            slots.append(Slot(starts_at, starts_at + length, hours.office_id))
        start += length
    return slots


def booked_starts(adviser: Adviser, first: datetime, last: datetime) -> set[datetime]:
    """The UTC starts of the adviser's booked appointments between two moments."""
    return {
        as_utc(moment)
        for moment in db.session.scalars(
            select(Appointment.starts_at).where(
                Appointment.adviser_id == adviser.id,
                Appointment.status == AppointmentStatus.BOOKED,
                Appointment.starts_at >= first,
                Appointment.starts_at < last,
            )
        )
    }


def available_slots(
    adviser: Adviser, first_day: date, days: int = 14, now: datetime | None = None
) -> list[Slot]:
    """Free slots from ``first_day`` (Brussels) on for ``days`` days, after ``now``, in order."""
    now = now or utcnow()
    if not adviser.active or not adviser.hours:
        return []
    candidates = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if _absent(adviser, day):
            continue
        for hours in adviser.hours:
            if hours.weekday == day.weekday():
                candidates.extend(_hours_slots(adviser, hours, day))
    candidates = [slot for slot in candidates if slot.starts_at > now]
    if not candidates:
        return []
    taken = booked_starts(
        adviser, min(s.starts_at for s in candidates), max(s.ends_at for s in candidates)
    )
    free = {}
    for slot in sorted(candidates, key=lambda s: (s.starts_at, s.office_id is None)):
        if slot.starts_at not in taken:
            free.setdefault(slot.starts_at, slot)
    return list(free.values())


def find_slot(adviser: Adviser, starts_at: datetime, now: datetime | None = None) -> Slot | None:
    """The free slot starting at ``starts_at`` (UTC), if the adviser has one."""
    day = starts_at.astimezone(LOCAL).date()
    for slot in available_slots(adviser, day, days=1, now=now):
        if slot.starts_at == starts_at:
            return slot
    return None


def parse_slot_key(key: str | None) -> datetime | None:
    """The UTC start a slot key names, or None for a malformed key."""
    try:
        return datetime.strptime(key or "", "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _check_mode(adviser: Adviser, slot: Slot, mode: Mode) -> None:
    if mode not in adviser.mode_values:
        raise BookingRefused(_l("This adviser does not see people that way."), "mode")
    if mode is Mode.OFFICE and slot.office_id is None:
        raise BookingRefused(
            _l("This slot is a remote one: choose video or phone, or a slot at an office."),
            "mode",
        )


def _commit_or_taken() -> None:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise BookingRefused(
            _l("Someone else booked this slot a moment ago. Choose another one."), "slot"
        ) from None


def book(
    member: User,
    adviser: Adviser,
    starts_at: datetime,
    topic_id: str,
    mode: Mode,
    description: str,
    region: str | None = None,
    question_id: int | None = None,
) -> Appointment:
    """Book the slot starting at ``starts_at`` for ``member``; BookingRefused if it is not free.

    Of two members booking the same slot at the same moment, the database's unique index
    on booked (adviser, start) lets exactly one commit.
    """
    if member.id == adviser.user_id:
        raise BookingRefused(_l("You cannot book an appointment with yourself."))
    slot = find_slot(adviser, starts_at)
    if slot is None:
        raise BookingRefused(_l("This slot is no longer free. Choose another one."), "slot")
    _check_mode(adviser, slot, mode)
    adviser_id = adviser.id
    # End the transaction of the reads: on SQLite a write in a transaction that began
    # before another's commit fails at once instead of waiting for the lock.
    db.session.commit()
    appointment = Appointment(
        adviser_id=adviser_id,
        member_id=member.id,
        office_id=slot.office_id if mode is Mode.OFFICE else None,
        question_id=question_id,
        topic_id=topic_id,
        mode=mode,
        description=description,
        region=region,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
    )
    db.session.add(appointment)
    _commit_or_taken()
    return appointment


def cancel(appointment: Appointment, by: User, reason: str) -> None:
    """Cancel a booked appointment with a reason; the slot is free again. Commits."""
    if appointment.status is not AppointmentStatus.BOOKED:
        raise BookingRefused(_l("This appointment is already cancelled."))
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_by_id = by.id
    appointment.change_reason = reason
    db.session.commit()


def move(appointment: Appointment, by: User, starts_at: datetime, reason: str) -> None:
    """Move a booked appointment to another free slot of the same adviser. Commits."""
    if appointment.status is not AppointmentStatus.BOOKED:
        raise BookingRefused(_l("A cancelled appointment cannot be moved."))
    adviser = appointment.adviser
    slot = find_slot(adviser, starts_at)
    if slot is None:
        raise BookingRefused(_l("This slot is no longer free. Choose another one."), "slot")
    if appointment.mode is Mode.OFFICE and slot.office_id is None:
        raise BookingRefused(_l("Choose a slot at an office for an appointment there."), "slot")
    appointment_id = appointment.id
    db.session.commit()
    appointment = db.session.get(Appointment, appointment_id)
    appointment.starts_at = slot.starts_at
    appointment.ends_at = slot.ends_at
    if appointment.mode is Mode.OFFICE:
        appointment.office_id = slot.office_id
    appointment.change_reason = reason
    appointment.reminder_sent_at = None
    _commit_or_taken()


def office_of(slot: Slot) -> Office | None:
    return db.session.get(Office, slot.office_id) if slot.office_id else None
