"""An appointment as an iCalendar (.ics) file, for the confirmation mails."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event

from app.accounts.models import as_utc


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
    calendar = Calendar()
    calendar.add("prodid", "-//Gilde//guidance//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", as_utc(datetime.now().astimezone()))
    event.add("dtstart", as_utc(starts_at))
    event.add("dtend", as_utc(ends_at))
    event.add("summary", summary)
    event.add("sequence", sequence)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
