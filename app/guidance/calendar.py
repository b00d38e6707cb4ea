"""An appointment as an iCalendar (.ics) file, for the confirmation mails."""

from __future__ import annotations

from datetime import datetime

from app.calendars import CalendarEvent, build_calendar
from app.clock import as_utc


def appointment_ics(
    uid: str,
    starts_at: datetime,
    ends_at: datetime,
    summary: str,
    description: str = "",
    location: str = "",
    sequence: int = 0,
    cancelled: bool = False,
) -> bytes:
    """One event (UTC times) as an .ics file; a cancellation is METHOD:CANCEL of the same UID."""
    event = CalendarEvent(
        uid=uid,
        title=summary,
        starts_at=as_utc(starts_at),
        ends_at=as_utc(ends_at),
        description=description,
        location=location,
        cancelled=cancelled,
        sequence=sequence,
    )
    return build_calendar([event], method="CANCEL" if cancelled else "PUBLISH")
